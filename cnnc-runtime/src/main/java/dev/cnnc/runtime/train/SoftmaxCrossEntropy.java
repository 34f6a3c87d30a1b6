package dev.cnnc.runtime.train;

import dev.cnnc.runtime.data.Batch;
import dev.cnnc.runtime.data.Dataset;

/**
 * Softmax cross-entropy of logits against class labels, as {@code torch.nn.CrossEntropyLoss}: the
 * network's output is the logits (no softmax of its own), the mean is over the batch.
 */
public final class SoftmaxCrossEntropy implements Loss {

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public String mismatch(int outputSize, Dataset data) {
        if (!data.hasLabels()) {
            return "cross-entropy needs class labels, and the data has target tensors (use --loss mse or bce)";
        }
        int classes = data.classCount();
        if (classes > outputSize) {
            return "the labels go up to " + (classes - 1) + ", but the network has " + outputSize + " outputs per sample";
        }
        return null;
    }

    @Override
    public double evaluate(float[] output, Batch batch, float[] gradient) {
        int n = batch.size();
        int classes = output.length / n;
        double total = 0;
        for (int s = 0; s < n; s++) {
            int base = s * classes;
            // Subtracting the largest logit keeps exp() from overflowing; the softmax is unchanged.
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, output[base + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(output[base + k] - max);
            }
            double logSum = Math.log(sum) + max;
            int label = batch.label(s);
            total += logSum - output[base + label];
            if (gradient != null) {
                for (int k = 0; k < classes; k++) {
                    double p = Math.exp(output[base + k] - logSum);
                    gradient[base + k] = (float) ((p - (k == label ? 1 : 0)) / n);
                }
            }
        }
        return total / n;
    }
}
