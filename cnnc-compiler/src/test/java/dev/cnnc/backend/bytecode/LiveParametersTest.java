package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cnnc.interpreter.Interpreter;
import dev.cnnc.interpreter.TestNetworks;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compiled networks repack weights only when the parameters' version moved: a weight changed in
 * place, through its live array, must still reach the next pass, and so must running statistics a
 * training-mode pass updated, which eval mode folds into the convolution's weights.
 */
class LiveParametersTest {

    private static final String MODEL = """
            network Live {
                input x: [3, 9, 9]
                c = conv2d(x, out: 5, kernel: 3, padding: 1) -> relu
                t = conv_transpose2d(c, out: 4, kernel: 2, stride: 2)
                y = dense(flatten(t), out: 6)
                output y
            }
            """;

    @Test
    void aWeightChangedInPlaceReachesTheNextForwardAndBackwardPass() throws Exception {
        Pair pair = Pair.of(MODEL, "live.Live", 3);
        Network compiled = pair.compiled();
        Network reference = pair.reference();
        Random random = new Random(1);
        float[] x = TestNetworks.gaussian(2 * 3 * 9 * 9, random);
        float[] g = TestNetworks.gaussian(2 * 6, random);
        float[] before = compiled.forward(2, x)[0];
        for (String name : new String[] {"c.weight", "t.weight", "y.weight"}) {
            compiled.parameters().values(name)[1] += 0.5f;
            reference.parameters().values(name)[1] += 0.5f;
        }
        float[] after = compiled.forward(2, x)[0];
        assertFalse(Arrays.equals(before, after), "the changed weights changed nothing");
        assertClose(reference.forward(2, x)[0], after);
        assertClose(reference.backward(g)[0], compiled.backward(g)[0]);
        for (String name : new String[] {"c.weight", "t.weight", "y.weight"}) {
            assertClose(reference.parameters().gradient(name), compiled.parameters().gradient(name));
        }
    }

    private static final String FOLDED = """
            network Folded {
                input x: [3, 8, 8]
                c = conv2d(x, out: 6, kernel: 3, padding: 1) -> batchnorm -> relu
                y = dense(flatten(c), out: 4)
                output y
            }
            """;

    @Test
    void aKeptArrayWrittenLaterReachesTheNextPassOnceMarkedChanged() throws Exception {
        Pair pair = Pair.of(MODEL, "live.Kept", 4);
        Network compiled = pair.compiled();
        Network reference = pair.reference();
        float[] x = TestNetworks.gaussian(3 * 9 * 9, new Random(2));
        float[] kept = compiled.parameters().values("c.weight");
        float[] first = compiled.forward(1, x)[0];
        assertArrayEquals(first, compiled.forward(1, x)[0], "an unchanged network gives the same output twice");
        kept[0] += 1f;
        reference.parameters().values("c.weight")[0] += 1f;
        compiled.parameters().markChanged();
        float[] after = compiled.forward(1, x)[0];
        assertFalse(Arrays.equals(first, after), "the marked change changed nothing");
        assertClose(reference.forward(1, x)[0], after);
    }

    @Test
    void runningStatisticsUpdatedInTrainingModeReachTheFoldedEvalPass() throws Exception {
        Pair pair = Pair.of(FOLDED, "live.Folded", 5);
        Network compiled = pair.compiled();
        Network reference = pair.reference();
        float[] x = TestNetworks.gaussian(4 * 3 * 8 * 8, new Random(3));
        float[] before = compiled.forward(4, x)[0];
        for (Network network : new Network[] {compiled, reference}) {
            network.setTraining(true);
            network.forward(4, x);
            network.setTraining(false);
        }
        float[] after = compiled.forward(4, x)[0];
        assertFalse(Arrays.equals(before, after), "the updated statistics changed nothing");
        assertClose(reference.forward(4, x)[0], after);
        // A batch of another size keeps the packed weights and their version.
        assertClose(reference.forward(1, Arrays.copyOf(x, 3 * 8 * 8))[0],
                compiled.forward(1, Arrays.copyOf(x, 3 * 8 * 8))[0]);
    }

    /** A model compiled and interpreted, both with PyTorch's initialization from {@code seed}. */
    private record Pair(Network compiled, Network reference) {
        static Pair of(String model, String className, long seed) throws Exception {
            CheckedGraph graph = TestNetworks.check(model);
            Network compiled = BytecodeBackend.load(BytecodeBackend.compile(graph, className,
                    BytecodeBackend.defaultLanes()), false);
            Network reference = Interpreter.load(graph);
            compiled.parameters().initialize(seed);
            reference.parameters().initialize(seed);
            return new Pair(compiled, reference);
        }
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertArrayEquals(expected, actual, 1e-4f);
    }
}
