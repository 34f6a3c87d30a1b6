package dev.cnnc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one golden case through a backend: the output, the gradient of the input and of every
 * trained parameter, and the running statistics after a training-mode pass, each within the
 * case's tolerance. It keeps the worst error seen, as a fraction of the allowance.
 */
public final class GoldenCase {

    private double worst;
    private String worstWhat = "nothing";

    public synchronized String margin(String backend) {
        return String.format(Locale.ROOT, "golden cases through %s: worst error %.1f%% of the allowance (%s)", backend,
                100 * worst, worstWhat);
    }

    public void check(Path dir, Function<CheckedGraph, Network> backend) throws Exception {
        Map<?, ?> meta = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("meta.json")));
        double rtol = ((Number) meta.get("rtol")).doubleValue();
        double atol = ((Number) meta.get("atol")).doubleValue();
        boolean train = "train".equals(meta.get("mode"));

        CheckResult checked = FrontEnd.check(dir.resolve("model.cnn"));
        assertTrue(checked.ok(), () -> "the model does not check: " + checked.diagnostics());
        assertEquals(1, checked.networks().size());
        Network network = backend.apply(checked.networks().get(0));
        network.parameters().load(Npz.read(dir.resolve("params.npz")), "params.npz",
                warning -> fail("unexpected warning: " + warning));
        network.setTraining(train);

        NdArray input = Npy.read(dir.resolve("input.npy"));
        int batch = input.dim(0);
        float[] output = network.forward(batch, input.data())[0];
        NdArray expectedOutput = Npy.read(dir.resolve("output.npy"));
        List<String> problems = new ArrayList<>();
        String where = dir.getFileName() + " ";
        compare(problems, where + "output", expectedOutput, new NdArray(expectedOutput.shape(), output), rtol, atol);

        float[] gradInput = network.backward(Npy.read(dir.resolve("grad_output.npy")).data())[0];
        Map<String, NdArray> expectedGrads = Npz.read(dir.resolve("grads.npz"));
        Map<String, NdArray> grads = network.parameters().gradientArrays();
        assertEquals(expectedGrads.keySet().stream().filter(k -> !k.equals("input")).sorted().toList(),
                grads.keySet().stream().sorted().toList(), "trained parameters");
        compare(problems, where + "grad input", expectedGrads.get("input"), new NdArray(input.shape(), gradInput), rtol,
                atol);
        for (Map.Entry<String, NdArray> grad : grads.entrySet()) {
            compare(problems, where + "grad " + grad.getKey(), expectedGrads.get(grad.getKey()), grad.getValue(), rtol,
                    atol);
        }

        Path stateAfter = dir.resolve("state_after.npz");
        if (Files.exists(stateAfter)) {
            assertTrue(train, "state_after.npz belongs to train-mode cases");
            Map<String, NdArray> state = network.parameters().toArrays();
            for (Map.Entry<String, NdArray> expected : Npz.read(stateAfter).entrySet()) {
                compare(problems, where + "state " + expected.getKey(), expected.getValue(), state.get(expected.getKey()),
                        rtol, atol);
            }
        }
        if (!problems.isEmpty()) {
            fail(dir.getFileName() + ":\n" + String.join("\n", problems));
        }
    }

    private void compare(List<String> problems, String what, NdArray expected, NdArray actual, double rtol,
            double atol) {
        if (actual == null) {
            problems.add(what + ": not computed");
            return;
        }
        String mismatch = Tolerance.mismatch(expected, actual, rtol, atol);
        if (mismatch != null) {
            problems.add(what + ": " + mismatch);
            return;
        }
        double ratio = Tolerance.worstRatio(expected, actual, rtol, atol);
        synchronized (this) {
            if (ratio > worst) {
                worst = ratio;
                worstWhat = what;
            }
        }
    }
}
