package dev.cnnc.runtime.train;

import dev.cnnc.runtime.data.Batch;
import dev.cnnc.runtime.data.Dataset;

/** Mean squared error against target tensors, as {@code torch.nn.MSELoss}: the mean over every element. */
public final class MeanSquaredError implements Loss {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public String mismatch(int outputSize, Dataset data) {
        return TargetChecks.mismatch(name(), outputSize, data);
    }

    @Override
    public double evaluate(float[] output, Batch batch, float[] gradient) {
        int count = output.length;
        float[] targets = batch.targets();
        double total = 0;
        for (int i = 0; i < count; i++) {
            double difference = (double) output[i] - targets[i];
            total += difference * difference;
            if (gradient != null) {
                gradient[i] = (float) (2 * difference / count);
            }
        }
        return total / count;
    }
}
