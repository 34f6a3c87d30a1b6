package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.interpreter.TestNetworks;
import dev.cnnc.kernel.KernelStep;
import dev.cnnc.kernel.NetworkClass;
import dev.cnnc.runtime.Network;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A max pool lowers to a vector max without winner indices for eval-mode forward passes, and to the
 * indexed scalar kernel for training and for a backward pass after an eval forward (which reruns
 * it); a pool a maxunpool reads keeps its indices in every pass. Each agrees with the interpreter,
 * NaN and infinities included.
 */
class EvalMaxPoolTest {

    private static final String POOLS = """
            network Pools {
                input x: [5, 9, 9]
                a = maxpool2d(x, kernel: 3, stride: 2, padding: 1)
                b = maxpool2d(x, kernel: 2, ceil_mode: true)
                c = maxunpool2d(b, indices: b)
                output a, c
            }
            """;

    @Test
    void onlyAPoolNoMaxunpoolReadsGetsAnEvalVariant() {
        BytecodeBackend.CompiledClasses compiled = BytecodeBackend.compile(TestNetworks.check(POOLS), "pools.Pools", 8);
        NetworkClass network = compiled.lowered().get("pools.Pools$Vector");
        List<String> eval = network.forward().stream().filter(step -> step.phase() == KernelStep.Phase.EVAL)
                .map(KernelStep::method).toList();
        List<String> training = network.forward().stream().filter(step -> step.phase() == KernelStep.Phase.TRAINING)
                .map(KernelStep::method).toList();
        assertEquals(List.of("n0_a_forward_eval"), eval);
        assertEquals(List.of("n0_a_forward"), training);
        assertTrue(network.forward().stream().anyMatch(step -> step.method().equals("n1_b_forward")
                && step.phase() == KernelStep.Phase.ALWAYS));
        assertFalse(network.kernels().methods().stream().anyMatch(method -> method.name().equals("n1_b_forward_eval")));
    }

    @Test
    void evalTrainingAndBackwardAfterEvalAgreeWithTheInterpreter() throws Exception {
        for (boolean scalar : new boolean[] {false, true}) {
            Network oracle = TestNetworks.randomNetwork(POOLS, 3);
            Network compiled = BytecodeBackend.load(BytecodeBackend.compile(TestNetworks.check(POOLS), "pools.Pools",
                    BytecodeBackend.defaultLanes()), scalar);
            Random random = new Random(8);
            int batch = 3;
            float[] x = TestNetworks.gaussian(batch * 5 * 9 * 9, random);
            x[7] = Float.NaN;
            x[100] = Float.POSITIVE_INFINITY;
            for (int i = 200; i < 300; i++) {
                x[i] = Float.NEGATIVE_INFINITY;
            }
            float[] ga = TestNetworks.gaussian(batch * 5 * 5 * 5, random);
            float[] gc = TestNetworks.gaussian(batch * 5 * 9 * 9, random);
            for (String step : new String[] {"eval", "train", "eval again"}) {
                boolean train = step.equals("train");
                oracle.setTraining(train);
                compiled.setTraining(train);
                String what = (scalar ? "scalar, " : "vector, ") + step;
                float[][] expected = oracle.forward(batch, x);
                float[][] actual = compiled.forward(batch, x);
                assertSame(expected[0], actual[0], what + ": a");
                assertSame(expected[1], actual[1], what + ": c");
                assertSame(oracle.backward(ga, gc)[0], compiled.backward(ga, gc)[0], what + ": input gradient");
            }
        }
    }

    /** A max moves values and sums of gradients add in the same order, so they agree exactly. */
    private static void assertSame(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Float.compare(expected[i], actual[i]) == 0 || expected[i] == actual[i],
                    what + " [" + i + "]: " + actual[i] + " instead of " + expected[i]);
        }
    }
}
