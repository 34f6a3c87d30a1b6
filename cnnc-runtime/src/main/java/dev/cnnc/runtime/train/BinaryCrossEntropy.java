package dev.cnnc.runtime.train;

import dev.cnnc.runtime.data.Batch;
import dev.cnnc.runtime.data.Dataset;

/**
 * Binary cross-entropy of probabilities against targets in [0, 1], as {@code torch.nn.BCELoss}: the
 * network ends in a sigmoid, each log is clamped at -100 and the mean is over every element.
 */
public final class BinaryCrossEntropy implements Loss {

    private static final double LOG_FLOOR = -100;
    // PyTorch's BCELoss backward divides by max(p * (1 - p), 1e-12).
    private static final double EPSILON = 1e-12;

    @Override
    public String name() {
        return "bce";
    }

    @Override
    public String mismatch(int outputSize, Dataset data) {
        String mismatch = TargetChecks.mismatch(name(), outputSize, data);
        if (mismatch != null) {
            return mismatch;
        }
        float[] range = data.targetRange();
        // Outside [0, 1] the loss has no minimum and training runs away; images in 0..255 are the usual cause.
        if (!(range[0] >= 0 && range[1] <= 1)) {
            return "bce needs targets in [0, 1], and these go from " + range[0] + " to " + range[1]
                    + " (scale them to [0, 1], or use --loss mse)";
        }
        return null;
    }

    @Override
    public double evaluate(float[] output, Batch batch, float[] gradient) {
        int count = output.length;
        float[] targets = batch.targets();
        double total = 0;
        for (int i = 0; i < count; i++) {
            double p = output[i];
            double t = targets[i];
            double logP = Math.max(Math.log(p), LOG_FLOOR);
            double logQ = Math.max(Math.log(1 - p), LOG_FLOOR);
            total -= t * logP + (1 - t) * logQ;
            if (gradient != null) {
                gradient[i] = (float) ((p - t) / Math.max(p * (1 - p), EPSILON) / count);
            }
        }
        return total / count;
    }
}
