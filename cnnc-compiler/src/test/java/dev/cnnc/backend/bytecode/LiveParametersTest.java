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
 * Compiled networks repack weights only when they changed, found by comparing with a snapshot:
 * a weight changed in place, through its live array, must still reach the next pass.
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
        CheckedGraph graph = TestNetworks.check(MODEL);
        Network compiled = BytecodeBackend.load(BytecodeBackend.compile(graph, "live.Live", BytecodeBackend.defaultLanes()),
                false);
        Network reference = Interpreter.load(graph);
        compiled.parameters().initialize(3);
        reference.parameters().initialize(3);
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

    private static void assertClose(float[] expected, float[] actual) {
        assertArrayEquals(expected, actual, 1e-4f);
    }
}
