package dev.cnnc.runtime.train;

/**
 * A data set's mean loss and accuracy in eval mode.
 *
 * @param accuracy the fraction classified right, NaN when the data has no class labels
 */
public record Evaluation(double loss, double accuracy, int samples) {}
