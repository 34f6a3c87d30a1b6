package com.example.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.compiled.VectorSupport;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A user's test of the class the plugin made from src/main/cnn/com/example/nets/lenet5.cnn. */
class LeNet5Test {

    private static NdArray input() throws Exception {
        return Npy.read(Path.of("src/test/resources/shapes-4x1x28x28.npy"));
    }

    @Test
    void forwardPassOnAnNpyInput() throws Exception {
        try (Network network = LeNet5.create()) {
            // Built and tested without --add-modules jdk.incubator.vector: the scalar class, the same kernels.
            assertFalse(VectorSupport.available(8));
            assertEquals("LeNet5Scalar", network.getClass().getSimpleName());
            NdArray x = input();
            float[] logits = network.forward(x.dim(0), x.data())[0];
            assertEquals(4 * 10, logits.length);
            for (float logit : logits) {
                assertTrue(Float.isFinite(logit));
            }
        }
    }

    @Test
    void oneTrainingStepLowersTheLoss() throws Exception {
        try (Network network = LeNet5.create()) {
            network.parameters().initialize(7);
            network.setTraining(true);
            NdArray x = input();
            float before = step(network, x, 0.01f);
            float after = step(network, x, 0f);
            assertTrue(after < before, "loss " + before + " -> " + after);
        }
    }

    /** The loss sum(y^2) / 2n of one forward pass; with a learning rate, one step of gradient descent on it. */
    private static float step(Network network, NdArray x, float rate) {
        int n = x.dim(0);
        float[] y = network.forward(n, x.data())[0];
        float loss = 0;
        float[] gradient = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            loss += y[i] * y[i] / (2f * n);
            gradient[i] = y[i] / n;
        }
        network.parameters().zeroGradients();
        network.backward(gradient);
        for (var spec : network.parameters().specs()) {
            if (spec.trainable()) {
                float[] values = network.parameters().values(spec.name());
                float[] grads = network.parameters().gradient(spec.name());
                for (int i = 0; i < values.length; i++) {
                    values[i] -= rate * grads[i];
                }
            }
        }
        return loss;
    }
}
