package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.Parameters;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Three steps of each optimizer on fixed gradients, against the values torch.optim printed for the same steps. */
class OptimizersTest {

    private static final float[][] GRADIENTS = {{0.5f, 0.25f, -1f}, {-0.3f, 0.1f, 2f}, {0.2f, -0.4f, 0f}};

    private static Parameters parameters() {
        Parameters parameters = new Parameters(List.of(new ParameterSpec("p.weight", new int[] {3}, ParameterSpec.Kind.WEIGHT, 3)));
        System.arraycopy(new float[] {1f, -2f, 0.5f}, 0, parameters.values("p.weight"), 0, 3);
        return parameters;
    }

    private static float[] steps(Parameters parameters, Optimizer optimizer, int from, int to) {
        for (int s = from; s < to; s++) {
            System.arraycopy(GRADIENTS[s], 0, parameters.gradient("p.weight"), 0, 3);
            optimizer.step();
        }
        return parameters.values("p.weight");
    }

    @Test
    void sgdWithMomentumAndWeightDecayStepsAsTorch() {
        // torch.optim.SGD([p], lr=0.1, momentum=0.9, weight_decay=0.01)
        Parameters p = parameters();
        assertArrayEquals(new float[] {0.896054744720459f, -2.0354347229003906f, 0.3880175054073334f},
                steps(p, new Sgd(p, 0.1, 0.9, 0.01), 0, 3), 1e-6f);
    }

    @Test
    void adamStepsAsTorch() {
        // torch.optim.Adam([p], lr=0.1, weight_decay=0.01)
        Parameters p = parameters();
        assertArrayEquals(new float[] {0.84177166223526f, -2.1659703254699707f, 0.534401535987854f},
                steps(p, new Adam(p, 0.1, 0.01), 0, 3), 1e-6f);
    }

    @Test
    void aRestoredOptimizerContinuesExactly() {
        List<Function<Parameters, Optimizer>> makers = List.of(p -> new Sgd(p, 0.1, 0.9, 0.01), p -> new Adam(p, 0.1, 0.01));
        for (Function<Parameters, Optimizer> maker : makers) {
            Parameters straight = parameters();
            float[] expected = steps(straight, maker.apply(straight), 0, 3).clone();

            Parameters first = parameters();
            Optimizer before = maker.apply(first);
            steps(first, before, 0, 1);
            Parameters second = parameters();
            System.arraycopy(first.values("p.weight"), 0, second.values("p.weight"), 0, 3);
            Optimizer after = maker.apply(second);
            after.restore(before.state());
            assertArrayEquals(expected, steps(second, after, 1, 3), after.describe());
        }
    }

    @Test
    void anotherOptimizersStateAndBadSettingsAreRefused() {
        Parameters p = parameters();
        Sgd sgd = new Sgd(p, 0.1, 0.9, 0);
        steps(p, sgd, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(p, 0.1, 0).restore(sgd.state()));
        assertTrue(e.getMessage().contains("adam"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sgd(p, -1, 0.9, 0));
        assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sgd(p, 0.1, 1.5, 0));
        assertTrue(e.getMessage().contains("momentum"), e.getMessage());
        assertEquals("sgd (lr 0.1, momentum 0.9, weight decay 0.0)", sgd.describe());
    }
}
