package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.Npz;
import dev.cnnc.testing.Golden;
import dev.cnnc.testing.Json;
import dev.cnnc.testing.Tolerance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code cnnc run} end to end: golden cases through files, default initialization, several inputs and outputs. */
class RunCommandTest {

    @TempDir
    Path dir;

    static Stream<Path> cases() {
        return Golden.cases().stream();
    }

    /** Every golden case through the command line, as the golden README describes its use. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenCaseThroughTheCommandLine(Path golden) throws Exception {
        boolean train = Json.parse(Files.readString(golden.resolve("meta.json"))) instanceof Map<?, ?> meta
                && "train".equals(meta.get("mode"));
        Path output = dir.resolve("y.npy");
        Path grads = dir.resolve("grads.npz");
        Path state = dir.resolve("state.npz");
        List<String> args = new ArrayList<>(List.of("run", golden.resolve("model.cnn").toString(),
                "--params", golden.resolve("params.npz").toString(),
                "--input", golden.resolve("input.npy").toString(),
                "--output", output.toString(),
                "--grad-output", golden.resolve("grad_output.npy").toString(),
                "--grads", grads.toString(),
                "--params-out", state.toString()));
        if (train) {
            args.add("--train");
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().lines().allMatch(line -> line.isBlank() || line.contains("warning[W301]") || line.startsWith(" ")), run.err());
        assertNull(Tolerance.mismatch(Npy.read(golden.resolve("output.npy")), Npy.read(output)));
        Map<String, NdArray> expectedGrads = Npz.read(golden.resolve("grads.npz"));
        Map<String, NdArray> actualGrads = Npz.read(grads);
        assertEquals(expectedGrads.keySet(), actualGrads.keySet());
        for (String key : expectedGrads.keySet()) {
            assertNull(Tolerance.mismatch(expectedGrads.get(key), actualGrads.get(key)), key);
        }
        if (Files.exists(golden.resolve("state_after.npz"))) {
            Map<String, NdArray> actualState = Npz.read(state);
            for (Map.Entry<String, NdArray> expected : Npz.read(golden.resolve("state_after.npz")).entrySet()) {
                assertNull(Tolerance.mismatch(expected.getValue(), actualState.get(expected.getKey())), expected.getKey());
            }
        }
    }

    @Test
    void lenetFromTheExamplesWithDefaultInitialization() throws Exception {
        Path input = write("x.npy", random(new int[] {4, 1, 28, 28}, 1));
        Path output = dir.resolve("y.npy");
        String model = Golden.repository().resolve("examples/lenet5.cnn").toString();
        CliRun run = CliRun.of("run", model, "--input", input.toString(), "--output", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        NdArray y = Npy.read(output);
        assertArrayEquals(new int[] {4, 10}, y.shape());

        CliRun again = CliRun.of("run", model, "--input", input.toString(), "--output", dir.resolve("y2.npy").toString());
        assertEquals(0, again.exitCode(), again.err());
        assertArrayEquals(y.data(), Npy.read(dir.resolve("y2.npy")).data(), "the same seed gives the same network");

        CliRun otherSeed = CliRun.of("run", model, "--input", input.toString(), "--seed", "7");
        assertEquals(0, otherSeed.exitCode(), otherSeed.err());
        assertTrue(otherSeed.out().startsWith("fc3: shape [4, 10]  min "), otherSeed.out());
        assertFalse(otherSeed.out().contains(String.format(java.util.Locale.ROOT, "%.6g", y.data()[0])));
    }

    @Test
    void severalInputsAndOutputsByName() throws Exception {
        Path model = dir.resolve("two.cnn");
        Files.writeString(model, """
                network Two {
                  input a: [2, 6]
                  input b: [3, 6]
                  joined = concat(a, b) -> conv1d(out: 4, kernel: 3, padding: same) -> relu
                  pooled = global_avgpool(joined) -> dense(out: 2)
                  output joined, pooled
                }
                """);
        Path a = write("a.npy", random(new int[] {2, 2, 6}, 2));
        Path b = write("b.npy", random(new int[] {2, 3, 6}, 3));
        Path ga = write("ga.npy", random(new int[] {2, 4, 6}, 4));
        Path gb = write("gb.npy", random(new int[] {2, 2}, 5));
        Path outputs = dir.resolve("out.npz");
        Path grads = dir.resolve("grads.npz");
        CliRun run = CliRun.of("run", model.toString(), "--input", "a=" + a, "--input", "b=" + b, "--output",
                outputs.toString(), "--grad-output", "joined=" + ga, "--grad-output", "pooled=" + gb, "--grads",
                grads.toString());
        assertEquals(0, run.exitCode(), run.err());
        Map<String, NdArray> out = Npz.read(outputs);
        assertEquals(List.of("joined", "pooled"), List.copyOf(out.keySet()));
        assertArrayEquals(new int[] {2, 4, 6}, out.get("joined").shape());
        assertEquals(List.of("input.a", "input.b", "joined.weight", "joined.bias", "pooled.weight",
                "pooled.bias"), List.copyOf(Npz.read(grads).keySet()));

        CliRun unnamed = CliRun.of("run", model.toString(), "--input", a.toString());
        assertEquals(1, unnamed.exitCode());
        assertTrue(unnamed.err().contains("the network has 2 of these (a, b); write NAME=FILE for each"), unnamed.err());
        CliRun missing = CliRun.of("run", model.toString(), "--input", "a=" + a);
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("--input is missing for 'b'"), missing.err());
    }

    @Test
    void dropoutInTrainingModeFollowsTheSeed() throws Exception {
        Path model = dir.resolve("drop.cnn");
        Files.writeString(model, "network D { input x: [50]\n y = dropout(x, p: 0.5)\n output y }\n");
        Path input = write("x.npy", new NdArray(new int[] {2, 50}, filled(100, 1f)));
        float[] first = runTrain(model, input, "1");
        float[] again = runTrain(model, input, "1");
        float[] other = runTrain(model, input, "2");
        assertArrayEquals(first, again);
        assertFalse(java.util.Arrays.equals(first, other));
        int kept = 0;
        for (float value : first) {
            assertTrue(value == 0f || value == 2f, "kept values are scaled by 1 / (1 - p): " + value);
            kept += value == 2f ? 1 : 0;
        }
        assertTrue(kept > 25 && kept < 75, "about half are kept: " + kept);
    }

    private float[] runTrain(Path model, Path input, String seed) throws Exception {
        Path output = dir.resolve("drop" + seed + System.nanoTime() + ".npy");
        CliRun run = CliRun.of("run", model.toString(), "--input", input.toString(), "--train", "--seed", seed,
                "--output", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        return Npy.read(output).data();
    }

    private Path write(String name, NdArray array) throws Exception {
        Path file = dir.resolve(name);
        Npy.write(array, file);
        return file;
    }

    static NdArray random(int[] shape, long seed) {
        int count = 1;
        for (int size : shape) {
            count *= size;
        }
        Random random = new Random(seed);
        float[] data = new float[count];
        for (int i = 0; i < count; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new NdArray(shape, data);
    }

    private static float[] filled(int count, float value) {
        float[] data = new float[count];
        java.util.Arrays.fill(data, value);
        return data;
    }
}
