package dev.cnnc.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.backend.java.JavaSourceBackend;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.io.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The networks whose interpreter gradients {@link GradientCheckTest} checks by finite differences,
 * through both compiled classes: outputs, input and parameter gradients, and the buffers after a
 * training-mode pass must agree with the interpreter (dropout masks too, given one seed).
 */
class BackendAgreementTest {

    private static final int BATCH = 3;

    static Stream<Arguments> networks() {
        return Stream.concat(GradientCheckTest.networks(), Stream.of(inputBlocks(false), inputBlocks(true)));
    }

    /**
     * Weights too large to stream again for every row of a small map: the forward kernels go over
     * blocks of output channels, then blocks of input channels, with weights packed per block
     * (ConvolutionKernels.InputBlocks), eval (folded, ReLU after the sums) and training. Too large
     * for the finite-difference checks; agreement only.
     */
    private static Arguments inputBlocks(boolean train) {
        return Arguments.of("input_blocks_" + (train ? "train" : "eval"), train, """
                network T {
                    input x: [300, 5, 4]
                    a = conv2d(x, out: 200, kernel: 3, padding: 1, bias: false) -> batchnorm -> relu
                    b = conv2d(a, out: 130, kernel: 3, stride: 2, padding: 1) -> relu
                    c = conv2d(b, out: 600, kernel: 1)
                    y = dense(flatten(c), out: 10)
                    output y
                }""");
    }

    @Test
    void largeWeightsOnASmallMapAreReadInBlocksOfInputChannels() {
        String model = (String) inputBlocks(false).get()[2];
        String java = String.join("\n", JavaSourceBackend.emit(TestNetworks.check(model), "agree.T", 16, Unroll.FULL,
                "T.cnn").files().values());
        assertTrue(java.contains("10 blocks of 30 input channels"), "the agreement case has several blocks of input channels");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void compiledClassesAgreeWithTheInterpreter(String name, boolean train, String model) {
        CheckedGraph graph = TestNetworks.check(model);
        Network reference = TestNetworks.randomNetwork(model, name.hashCode());
        for (boolean scalar : new boolean[] {false, true}) {
            Network compiled = BytecodeBackend.load(BytecodeBackend.compile(graph, "agree.T", 16), scalar);
            Network oracle = TestNetworks.randomNetwork(model, name.hashCode());
            try {
                compiled.parameters().load(reference.parameters().toArrays(), "random", warning -> fail(warning));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            List<String> problems = new ArrayList<>();
            String variant = scalar ? "scalar: " : "vector: ";
            for (Network network : List.of(compiled, oracle)) {
                network.setTraining(train);
                network.setSeed(9);
            }
            Random random = new Random(name.hashCode() + 2L);
            float[][] x = compiled.spec().inputs().stream()
                    .map(t -> TestNetworks.gaussian(BATCH * t.sampleSize(), random)).toArray(float[][]::new);
            float[][] g = compiled.spec().outputs().stream()
                    .map(t -> TestNetworks.gaussian(BATCH * t.sampleSize(), random)).toArray(float[][]::new);
            compare(problems, variant + "outputs", compiled.forward(BATCH, x), oracle.forward(BATCH, x));
            compare(problems, variant + "input gradients", compiled.backward(g), oracle.backward(g));
            compare(problems, variant + "parameter gradients", compiled.parameters().gradientArrays(),
                    oracle.parameters().gradientArrays());
            compare(problems, variant + "parameters after", compiled.parameters().toArrays(),
                    oracle.parameters().toArrays());
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems));
            }
        }
    }

    private static void compare(List<String> problems, String what, Map<String, NdArray> actual,
            Map<String, NdArray> expected) {
        if (!actual.keySet().equals(expected.keySet())) {
            problems.add(what + ": keys " + actual.keySet() + " instead of " + expected.keySet());
            return;
        }
        for (String key : expected.keySet()) {
            compare(problems, what + " " + key, new float[][] {actual.get(key).data()},
                    new float[][] {expected.get(key).data()});
        }
    }

    private static void compare(List<String> problems, String what, float[][] actual, float[][] expected) {
        for (int t = 0; t < expected.length; t++) {
            // Float sums in another order: relative to the element, plus a little of the array's scale (the
            // reference data's rule), which the long sums of the large cases need.
            double scale = 0;
            for (float value : expected[t]) {
                scale = Math.max(scale, Math.abs(value));
            }
            for (int i = 0; i < expected[t].length; i++) {
                double allowed = 1e-4 * (1 + Math.abs(expected[t][i])) + 1e-5 * scale;
                if (!(Math.abs(actual[t][i] - expected[t][i]) <= allowed)) {
                    problems.add(what + " [" + t + "][" + i + "]: " + actual[t][i] + " instead of " + expected[t][i]);
                    return;
                }
            }
        }
    }
}
