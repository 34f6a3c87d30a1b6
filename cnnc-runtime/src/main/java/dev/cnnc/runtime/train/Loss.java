package dev.cnnc.runtime.train;

import dev.cnnc.runtime.data.Batch;
import dev.cnnc.runtime.data.Dataset;

/** A loss over a batch, mean-reduced as PyTorch's default {@code reduction='mean'} is. */
public interface Loss {

    /** The name {@code cnnc train --loss} takes. */
    String name();

    /**
     * Explains why a network's output of {@code outputSize} values per sample does not fit {@code data},
     * or returns null when it fits.
     */
    String mismatch(int outputSize, Dataset data);

    /**
     * The loss of {@code output} ({@code batch.size()} samples) and, when {@code gradient} is not
     * null, its gradient with respect to {@code output}, written into {@code gradient}.
     */
    double evaluate(float[] output, Batch batch, float[] gradient);

    static Loss named(String name) {
        return switch (name) {
            case "cross-entropy" -> new SoftmaxCrossEntropy();
            case "mse" -> new MeanSquaredError();
            case "bce" -> new BinaryCrossEntropy();
            default -> throw new IllegalArgumentException("unknown loss '" + name + "'; the losses are cross-entropy, mse, bce");
        };
    }
}
