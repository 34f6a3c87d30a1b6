package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.driver.FrontEnd;
import dev.cnnc.interpreter.GradientCheckTest;
import dev.cnnc.interpreter.Interpreter;
import dev.cnnc.interpreter.TestNetworks;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.NetworkLowering;
import dev.cnnc.runtime.Network;
import dev.cnnc.testing.Golden;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Buffer planning lets tensors share arrays. Whatever order a user calls the passes in (training
 * and eval forwards interleaved, a backward pass after an eval forward, backward twice, a new batch
 * size), every result must equal the interpreter's, which keeps every tensor.
 */
class BufferSharingTest {

    static Stream<Arguments> networks() {
        return GradientCheckTest.networks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void interleavedPassesAgreeWithTheInterpreter(String name, boolean train, String model) {
        CheckedGraph graph = TestNetworks.check(model);
        BytecodeBackend.CompiledClasses classes = BytecodeBackend.compile(graph, "sharing.S", BytecodeBackend.defaultLanes());
        for (boolean scalar : new boolean[] {false, true}) {
            try (Network compiled = BytecodeBackend.load(classes, scalar)) {
                Network reference = Interpreter.load(graph);
                compiled.parameters().initialize(name.hashCode());
                reference.parameters().initialize(name.hashCode());
                Random random = new Random(name.hashCode());
                String variant = (scalar ? "scalar " : "vector ") + name + ": ";
                // eval, train, eval then backward, train then backward twice, eval at another batch.
                boolean[] modes = {false, true, false, train, false};
                int[] batches = {3, 3, 3, 3, 2};
                int[] backwards = {0, 1, 1, 2, 0};
                for (int call = 0; call < modes.length; call++) {
                    int batch = batches[call];
                    // Dropout draws masks in training; one seed per call keeps both sides drawing the same.
                    for (Network network : new Network[] {compiled, reference}) {
                        network.setTraining(modes[call]);
                        network.setSeed(call);
                        network.parameters().zeroGradients();
                    }
                    float[][] x = inputs(compiled, batch, random, true);
                    String at = variant + "call " + call + ", ";
                    assertClose(reference.forward(batch, x), compiled.forward(batch, x), at + "output");
                    float[][] g = inputs(compiled, batch, random, false);
                    for (int b = 0; b < backwards[call]; b++) {
                        assertClose(reference.backward(g), compiled.backward(g), at + "input gradient " + b);
                    }
                    for (String parameter : compiled.parameters().specs().stream().map(spec -> spec.name()).toList()) {
                        if (compiled.parameters().spec(parameter).trainable()) {
                            assertArrayEquals(reference.parameters().gradient(parameter),
                                    compiled.parameters().gradient(parameter), 2e-3f, at + "gradient " + parameter);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "resnet", "unet", "autoencoder", "temporal_cnn", "video3d"})
    void planningLeavesFewerArraysThanTensors(String example) {
        CheckedGraph graph = FrontEnd.check(Golden.repository().resolve("examples").resolve(example + ".cnn")).networks().get(0);
        NetworkLowering.Memory memory = NetworkLowering.lower(graph, "sharing/M", 8).memory();
        assertTrue(memory.training() < memory.unplanned(), example + ": " + memory);
        // Inference keeps a tensor only until its last reader: at most about half the arrays.
        assertTrue(memory.eval() * 2 <= memory.unplanned() + memory.unplanned() / 10, example + ": " + memory);
        assertTrue(memory.eval() < memory.training(), example + ": " + memory);
    }

    private static float[][] inputs(Network network, int batch, Random random, boolean forward) {
        return (forward ? network.spec().inputs() : network.spec().outputs()).stream()
                .map(tensor -> TestNetworks.gaussian(batch * tensor.sampleSize(), random)).toArray(float[][]::new);
    }

    private static void assertClose(float[][] expected, float[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 2e-3f, what + " " + i);
        }
    }
}
