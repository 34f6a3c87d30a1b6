package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.data.Batch;
import dev.cnnc.runtime.data.Dataset;
import org.junit.jupiter.api.Test;

/** Each loss against values PyTorch 1.13 printed for the same tensors, and its gradient against finite differences. */
class LossesTest {

    private static Batch batchOf(Dataset data) {
        Batch batch = new Batch(data, data.size());
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        batch.fill(order, 0, order.length);
        return batch;
    }

    private static final Batch LABELLED = batchOf(Dataset.labelled(new int[] {1}, new float[2], new int[] {2, 0}));
    private static final Batch TARGETS = batchOf(Dataset.withTargets(new int[] {1}, new float[2], new int[] {2},
            new float[] {0f, 1f, 1f, 0.5f}));

    @Test
    void crossEntropyMatchesPyTorch() {
        // torch.nn.functional.cross_entropy(tensor([[1, 2, -0.5], [0.3, 0, 4]]), tensor([2, 0]))
        float[] logits = {1f, 2f, -0.5f, 0.3f, 0f, 4f};
        assertLoss(new SoftmaxCrossEntropy(), logits, LABELLED, 3.3068389892578125,
                new double[] {0.12685810, 0.34483606, -0.47169414, -0.48814833, 0.00877994, 0.47936836});
    }

    @Test
    void binaryCrossEntropyMatchesPyTorch() {
        float[] probabilities = {0.2f, 0.9f, 0.6f, 0.01f};
        assertLoss(new BinaryCrossEntropy(), probabilities, TARGETS, 0.7867349982261658,
                new double[] {0.31249997, -0.27777779, -0.41666666, -12.373737});
    }

    @Test
    void meanSquaredErrorMatchesPyTorch() {
        float[] outputs = {0.2f, 0.9f, 0.6f, 0.01f};
        assertLoss(new MeanSquaredError(), outputs, TARGETS, 0.11252500116825104,
                new double[] {0.1, -0.05, -0.2, -0.245});
    }

    private static void assertLoss(Loss loss, float[] output, Batch batch, double expected, double[] expectedGradient) {
        float[] gradient = new float[output.length];
        assertEquals(expected, loss.evaluate(output, batch, gradient), 1e-6 * Math.abs(expected));
        for (int i = 0; i < output.length; i++) {
            assertEquals(expectedGradient[i], gradient[i], 1e-5 * Math.max(1, Math.abs(expectedGradient[i])), "gradient " + i);
            // And the gradient is the loss's own slope, by central differences in double steps of the float output.
            float[] up = output.clone();
            float[] down = output.clone();
            float h = 1e-3f * Math.max(Math.abs(output[i]), 1e-2f);
            up[i] += h;
            down[i] -= h;
            double slope = (loss.evaluate(up, batch, null) - loss.evaluate(down, batch, null)) / (up[i] - down[i]);
            assertEquals(slope, gradient[i], 2e-3 * Math.max(1, Math.abs(slope)), "slope " + i);
        }
    }

    @Test
    void dataThatDoesNotFitTheOutputIsExplained() {
        Dataset labels = Dataset.labelled(new int[] {1}, new float[2], new int[] {11, 0});
        String mismatch = new SoftmaxCrossEntropy().mismatch(10, labels);
        assertTrue(mismatch.contains("the labels go up to 11, but the network has 10 outputs"), mismatch);
        assertNull(new SoftmaxCrossEntropy().mismatch(12, labels));
        Dataset targets = Dataset.withTargets(new int[] {1}, new float[2], new int[] {3}, new float[6]);
        assertTrue(new SoftmaxCrossEntropy().mismatch(3, targets).contains("needs class labels"));
        assertTrue(new MeanSquaredError().mismatch(4, targets).contains("3"), new MeanSquaredError().mismatch(4, targets));
        assertNull(new MeanSquaredError().mismatch(3, targets));
        Dataset outOfRange = Dataset.withTargets(new int[] {1}, new float[1], new int[] {1}, new float[] {1.5f});
        assertTrue(new BinaryCrossEntropy().mismatch(1, outOfRange) != null, "bce targets lie in [0, 1]");
    }
}
