package dev.cnnc.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.ParameterSpec;
import java.util.Random;

/** Builds interpreted networks from model text, with random parameters and data for property tests. */
public final class TestNetworks {

    private TestNetworks() {}

    public static CheckedGraph check(String model) {
        CheckResult result = FrontEnd.check("test.cnn", model);
        assertTrue(result.ok(), () -> "the test model does not check: " + result.diagnostics());
        assertEquals(1, result.networks().size());
        return result.networks().get(0);
    }

    /** An interpreted network whose parameters and buffers are all random, so no gradient is trivially zero. */
    public static Network randomNetwork(String model, long seed) {
        Network network = Interpreter.load(check(model));
        Random random = new Random(seed);
        for (ParameterSpec spec : network.parameters().specs()) {
            float[] values = network.parameters().values(spec.name());
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (spec.kind()) {
                    case RUNNING_VAR, NORM_WEIGHT -> 0.5f + random.nextFloat();
                    default -> (float) random.nextGaussian() * 0.5f;
                };
            }
        }
        return network;
    }

    public static float[] gaussian(int count, Random random) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
