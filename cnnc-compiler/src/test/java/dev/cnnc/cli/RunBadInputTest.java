package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.Npz;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnnc run} given bad files and paths: exit 1 and one clear reason, never a stack trace,
 * and no file the user gave is changed.
 */
class RunBadInputTest {

    @TempDir
    Path dir;

    private Path model;
    private Path input;
    private Path params;

    @BeforeEach
    void files() throws Exception {
        model = dir.resolve("net.cnn");
        Files.writeString(model, """
                network Net {
                  input x: [2, 8, 8]
                  features = conv2d(x, out: 3, kernel: 3) -> relu -> maxpool2d(kernel: 2)
                  logits = flatten(features) -> dense(out: 4)
                  output logits
                }
                """);
        input = dir.resolve("x.npy");
        Npy.write(RunCommandTest.random(new int[] {2, 2, 8, 8}, 1), input);
        params = dir.resolve("p.npz");
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("features.weight", RunCommandTest.random(new int[] {3, 2, 3, 3}, 2));
        arrays.put("features.bias", RunCommandTest.random(new int[] {3}, 3));
        arrays.put("logits.weight", RunCommandTest.random(new int[] {4, 27}, 4));
        arrays.put("logits.bias", RunCommandTest.random(new int[] {4}, 5));
        Npz.write(arrays, params);
    }

    private CliRun refused(String reason, String... args) throws Exception {
        Map<Path, byte[]> before = snapshot();
        CliRun run = CliRun.of(args);
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertFalse(run.hasStackTrace(), run.err());
        assertTrue(run.err().contains(reason), "expected '" + reason + "' in:\n" + run.err() + "\nout:\n" + run.out());
        Map<Path, byte[]> after = snapshot();
        assertEquals(before.keySet(), after.keySet(), "no file appears or disappears");
        for (Path file : before.keySet()) {
            assertArrayEquals(before.get(file), after.get(file), file + " is unchanged");
        }
        return run;
    }

    private Map<Path, byte[]> snapshot() throws Exception {
        Map<Path, byte[]> files = new HashMap<>();
        try (var list = Files.list(dir)) {
            for (Path file : list.toList()) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }

    private String[] run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", model.toString(), "--params", params.toString()));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    private Path raw(String name, String header, int dataBytes) throws Exception {
        String padded = header + " ".repeat(Math.max(0, 117 - header.length())) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + padded.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded.length());
        buffer.put(padded.getBytes(StandardCharsets.ISO_8859_1));
        Path file = dir.resolve(name);
        Files.write(file, buffer.array());
        return file;
    }

    @Test
    void inputOfTheWrongShape() throws Exception {
        Path wrong = dir.resolve("wrong.npy");
        Npy.write(new NdArray(new int[] {2, 2, 8, 7}, new float[2 * 2 * 8 * 7]), wrong);
        refused("--input 'x' has shape [2, 2, 8, 7], expected [N, 2, 8, 8]", run("--input", wrong.toString()));
    }

    @Test
    void inputWithoutItsBatchDimension() throws Exception {
        Path sample = dir.resolve("sample.npy");
        Npy.write(new NdArray(new int[] {2, 8, 8}, new float[128]), sample);
        refused("the batch dimension is missing", run("--input", sample.toString()));
    }

    @Test
    void truncatedNpy() throws Exception {
        Path cut = dir.resolve("cut.npy");
        byte[] whole = Files.readAllBytes(input);
        Files.write(cut, Arrays.copyOf(whole, whole.length - 100));
        refused("cut.npy: the file is truncated", run("--input", cut.toString()));
    }

    @Test
    void textAndFortranAndBigEndianArrays() throws Exception {
        refused("(strings) is not supported", run("--input",
                raw("text.npy", "{'descr': '<U2', 'fortran_order': False, 'shape': (2, 2, 8, 8), }", 8 * 256).toString()));
        refused("Fortran order", run("--input",
                raw("f.npy", "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2, 8, 8), }", 4 * 256).toString()));
        refused("big-endian", run("--input",
                raw("be.npy", "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2, 8, 8), }", 4 * 256).toString()));
    }

    @Test
    void parameterArchiveThatIsNoZip() throws Exception {
        Path fake = dir.resolve("fake.npz");
        Files.writeString(fake, "not a zip at all");
        refused("fake.npz: not a .npz archive",
                "run", model.toString(), "--params", fake.toString(), "--input", input.toString());
    }

    @Test
    void missingAndMisshapedParameters() throws Exception {
        Map<String, NdArray> arrays = new LinkedHashMap<>(Npz.read(params));
        arrays.remove("logits.bias");
        arrays.put("features.weight", new NdArray(new int[] {3, 2, 5, 5}, new float[150]));
        Path bad = dir.resolve("bad.npz");
        Npz.write(arrays, bad);
        CliRun run = refused("parameter 'features.weight' has shape (3, 2, 5, 5), expected (3, 2, 3, 3)",
                "run", model.toString(), "--params", bad.toString(), "--input", input.toString());
        assertTrue(run.err().contains("missing parameter 'logits.bias' of shape (4,)"), run.err());
    }

    @Test
    void outputIntoAMissingDirectory() throws Exception {
        refused("the directory " + dir.resolve("nowhere") + " does not exist",
                run("--input", input.toString(), "--output", dir.resolve("nowhere/y.npy").toString()));
    }

    @Test
    void outputOntoAnInputIsRefused() throws Exception {
        refused("is also an input of this command; refusing to overwrite it",
                run("--input", input.toString(), "--output", input.toString()));
        refused("is also an input of this command", run("--input", input.toString(), "--output", model.toString()));
        Path g = dir.resolve("g.npy");
        Npy.write(new NdArray(new int[] {2, 4}, new float[8]), g);
        refused("is also an input of this command", run("--input", input.toString(), "--grad-output", g.toString(),
                "--grads", params.toString()));
        refused("is written by another option of this command too", run("--input", input.toString(), "--output",
                dir.resolve("same.npz").toString(), "--params-out", dir.resolve("same.npz").toString()));
    }

    @Test
    void gradientOfTheWrongShape() throws Exception {
        Path g = dir.resolve("g.npy");
        Npy.write(new NdArray(new int[] {3, 4}, new float[12]), g);
        refused("--grad-output 'logits' has a batch of 3, but the other tensors have 2",
                run("--input", input.toString(), "--output", dir.resolve("y.npy").toString(), "--grad-output",
                        g.toString(), "--grads", dir.resolve("o.npz").toString()));
    }

    @Test
    void missingInputFileAndBrokenModel() throws Exception {
        refused("nothing.npy", run("--input", dir.resolve("nothing.npy").toString()));
        Files.writeString(model, "network Net { input x: [2, 8, 8]\n y = conv2d(x, out: 3)\n output y }\n");
        refused("error[E", run("--input", input.toString()));
    }

    @Test
    void nanInTheInputPropagatesWithoutACrash() throws Exception {
        NdArray x = Npy.read(input);
        x.data()[5] = Float.NaN;
        Path nan = dir.resolve("nan.npy");
        Npy.write(x, nan);
        Path y = dir.resolve("y.npy");
        CliRun run = CliRun.of(run("--input", nan.toString(), "--output", y.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("note: output 'logits' has 4 NaN values (the input has 1)"), run.err());
        float[] out = Npy.read(y).data();
        assertTrue(Float.isNaN(out[0]), "the first sample, which read the NaN, is NaN");
        assertFalse(Float.isNaN(out[4]), "the second sample is not");
    }
}
