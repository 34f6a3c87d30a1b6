package dev.cnnc.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.runtime.Network;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case (ops/ and nets/) through the interpreter: the output, the gradient of the
 * input and of every trained parameter, and the running statistics after a training-mode pass.
 */
class GoldenInterpreterTest {

    /** The largest error seen, as a fraction of the allowance, and where: printed once, so margins can be watched. */
    private static final double[] WORST = {0};
    private static String worstWhat = "nothing";

    @AfterAll
    static void reportMargin() {
        System.out.printf(java.util.Locale.ROOT, "golden cases through the interpreter: worst error %.1f%% of the allowance (%s)%n",
                100 * WORST[0], worstWhat);
    }

    static Stream<Path> cases() {
        return Golden.cases().stream();
    }

    @Test
    void allCasesAreThere() {
        assertTrue(Golden.cases().size() >= 200, "expected about 200 golden cases, found " + Golden.cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(Path dir) throws Exception {
        Map<?, ?> meta = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("meta.json")));
        double rtol = ((Number) meta.get("rtol")).doubleValue();
        double atol = ((Number) meta.get("atol")).doubleValue();
        boolean train = "train".equals(meta.get("mode"));

        CheckResult checked = FrontEnd.check(dir.resolve("model.cnn"));
        assertTrue(checked.ok(), () -> "the model does not check: " + checked.diagnostics());
        assertEquals(1, checked.networks().size());
        Network network = Interpreter.load(checked.networks().get(0));
        network.parameters().load(Npz.read(dir.resolve("params.npz")), "params.npz",
                warning -> fail("unexpected warning: " + warning));
        network.setTraining(train);

        NdArray input = Npy.read(dir.resolve("input.npy"));
        int batch = input.dim(0);
        float[] output = network.forward(batch, input.data())[0];
        NdArray expectedOutput = Npy.read(dir.resolve("output.npy"));
        List<String> problems = new ArrayList<>();
        String where = dir.getFileName() + " ";
        check(problems, where + "output", expectedOutput, new NdArray(expectedOutput.shape(), output), rtol, atol);

        float[] gradInput = network.backward(Npy.read(dir.resolve("grad_output.npy")).data())[0];
        Map<String, NdArray> expectedGrads = Npz.read(dir.resolve("grads.npz"));
        Map<String, NdArray> grads = network.parameters().gradientArrays();
        assertEquals(expectedGrads.keySet().stream().filter(k -> !k.equals("input")).sorted().toList(),
                grads.keySet().stream().sorted().toList(), "trained parameters");
        check(problems, where + "grad input", expectedGrads.get("input"), new NdArray(input.shape(), gradInput), rtol, atol);
        for (Map.Entry<String, NdArray> grad : grads.entrySet()) {
            check(problems, where + "grad " + grad.getKey(), expectedGrads.get(grad.getKey()), grad.getValue(), rtol, atol);
        }

        Path stateAfter = dir.resolve("state_after.npz");
        if (Files.exists(stateAfter)) {
            assertTrue(train, "state_after.npz belongs to train-mode cases");
            Map<String, NdArray> state = network.parameters().toArrays();
            for (Map.Entry<String, NdArray> expected : Npz.read(stateAfter).entrySet()) {
                check(problems, where + "state " + expected.getKey(), expected.getValue(), state.get(expected.getKey()), rtol, atol);
            }
        }
        if (!problems.isEmpty()) {
            fail(dir.getFileName() + ":\n" + String.join("\n", problems));
        }
    }

    private static void check(List<String> problems, String what, NdArray expected, NdArray actual, double rtol,
            double atol) {
        if (actual == null) {
            problems.add(what + ": not computed");
            return;
        }
        String mismatch = Tolerance.mismatch(expected, actual, rtol, atol);
        if (mismatch == null) {
            double ratio = Tolerance.worstRatio(expected, actual, rtol, atol);
            synchronized (WORST) {
                if (ratio > WORST[0]) {
                    WORST[0] = ratio;
                    worstWhat = what;
                }
            }
        }
        if (mismatch != null) {
            problems.add(what + ": " + mismatch);
        }
    }
}
