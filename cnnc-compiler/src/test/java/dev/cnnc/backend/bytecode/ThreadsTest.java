package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.interpreter.GradientCheckTest;
import dev.cnnc.interpreter.TestNetworks;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.compiled.CompiledNetwork;
import dev.cnnc.runtime.io.NdArray;
import java.lang.management.ManagementFactory;
import dev.cnnc.testing.Golden;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Threads split a kernel's range into parts that write disjoint outputs and never split a sum, so
 * any thread count gives the very bits one thread gives; and a steady loop of calls allocates nothing.
 */
class ThreadsTest {

    static Stream<Arguments> networks() {
        return GradientCheckTest.networks();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void everyThreadCountGivesTheBitsOfOne(String name, boolean train, String model) {
        CheckedGraph graph = TestNetworks.check(model);
        BytecodeBackend.CompiledClasses classes = BytecodeBackend.compile(graph, "threads.T", BytecodeBackend.defaultLanes());
        for (boolean scalar : new boolean[] {false, true}) {
            Result one = run(BytecodeBackend.load(classes, scalar), 1, train, name);
            for (int threads : new int[] {2, 3}) {
                Result many = run(BytecodeBackend.load(classes, scalar), threads, train, name);
                String variant = (scalar ? "scalar" : "vector") + " on " + threads + " threads: ";
                for (int i = 0; i < one.outputs.length; i++) {
                    assertArrayEquals(one.outputs[i], many.outputs[i], variant + "output " + i);
                }
                for (int i = 0; i < one.gradInputs.length; i++) {
                    assertArrayEquals(one.gradInputs[i], many.gradInputs[i], variant + "input gradient " + i);
                }
                assertEquals(one.gradients.keySet(), many.gradients.keySet());
                one.gradients.forEach((key, value) -> assertArrayEquals(value.data(), many.gradients.get(key).data(),
                        variant + "gradient " + key));
            }
        }
    }

    private record Result(float[][] outputs, float[][] gradInputs, Map<String, NdArray> gradients) {}

    private static Result run(Network network, int threads, boolean train, String name) {
        try (network) {
            network.parameters().initialize(name.hashCode());
            network.setThreads(threads);
            network.setTraining(train);
            network.setSeed(5);
            Random random = new Random(name.hashCode());
            int batch = 5;
            float[][] x = network.spec().inputs().stream().map(t -> TestNetworks.gaussian(batch * t.sampleSize(), random))
                    .toArray(float[][]::new);
            float[][] g = network.spec().outputs().stream().map(t -> TestNetworks.gaussian(batch * t.sampleSize(), random))
                    .toArray(float[][]::new);
            // Twice: the second call reuses the arrays and the threads of the first.
            network.forward(batch, x);
            network.backward(g);
            network.parameters().zeroGradients();
            float[][] outputs = network.forward(batch, x);
            float[][] gradInputs = network.backward(g);
            return new Result(outputs, gradInputs, network.parameters().gradientArrays());
        }
    }

    @Test
    void aSteadyTrainingLoopAllocatesNothing() throws Exception {
        CheckedGraph graph = TestNetworks.check(Files.readString(Golden.repository().resolve("examples/lenet5.cnn")));
        BytecodeBackend.CompiledClasses classes = BytecodeBackend.compile(graph, "alloc.LeNet5", BytecodeBackend.defaultLanes());
        for (boolean scalar : new boolean[] {true, false}) {
            for (int threads : new int[] {1, 2}) {
                try (CompiledNetwork network = (CompiledNetwork) BytecodeBackend.load(classes, scalar)) {
                    network.setThreads(threads);
                    network.setTraining(true);
                    int batch = 4;
                    float[][] x = {new float[batch * 784]};
                    float[][] y = {new float[batch * 10]};
                    float[][] g = {new float[batch * 10]};
                    float[][] gx = {new float[batch * 784]};
                    Arrays.fill(g[0], 0.1f);
                    com.sun.management.ThreadMXBean bean =
                            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                    long least = Long.MAX_VALUE;
                    // Vector API code allocates its vectors until C2 has compiled it: a round of calls must reach zero.
                    for (int round = 0; round < 60 && least > 0; round++) {
                        long before = bean.getCurrentThreadAllocatedBytes();
                        for (int call = 0; call < 50; call++) {
                            network.forwardInto(batch, x, y);
                            network.backwardInto(g, gx);
                        }
                        least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
                    }
                    assertEquals(0, least, (scalar ? "scalar" : "vector") + " on " + threads
                            + " threads: bytes allocated by 50 steady training calls");
                }
            }
        }
    }

    @Test
    void aThreadCountBelowOneIsRefused() {
        Network network = BytecodeBackend.load(BytecodeBackend.compile(TestNetworks.check(
                "network T { input x: [2, 4] y = dense(flatten(x), out: 3) output y }"), "refuse.T", 8), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> network.setThreads(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }

    @Test
    void writingIntoArraysTooSmallIsRefused() {
        CompiledNetwork network = (CompiledNetwork) BytecodeBackend.load(BytecodeBackend.compile(TestNetworks.check(
                "network T { input x: [2, 4] y = dense(flatten(x), out: 3) output y }"), "small.T", 8), false);
        Exception e = assertThrows(dev.cnnc.runtime.InvalidInputException.class,
                () -> network.forwardInto(2, new float[][] {new float[16]}, new float[][] {new float[5]}));
        assertTrue(e.getMessage().contains("holds 5 floats, fewer than the 6"), e.getMessage());
    }
}
