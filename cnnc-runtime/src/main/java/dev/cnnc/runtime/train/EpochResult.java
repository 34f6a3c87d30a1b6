package dev.cnnc.runtime.train;

/**
 * What one epoch did. Values that do not apply are NaN: accuracies without class labels, test values
 * without test data.
 *
 * @param epoch counted from 1, across resumed runs
 * @param trainLoss the mean loss of the training steps, over samples
 * @param trainAccuracy the fraction of training samples classified right during the steps
 * @param testLoss the eval-mode loss on the test data after the epoch
 * @param testAccuracy the eval-mode accuracy on the test data after the epoch
 * @param seconds the time the training steps took, evaluation not included
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy, double seconds) {}
