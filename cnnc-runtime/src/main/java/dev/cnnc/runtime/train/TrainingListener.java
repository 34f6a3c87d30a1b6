package dev.cnnc.runtime.train;

/** Hears how training goes, to draw progress; every method runs on the training thread, between steps. */
public interface TrainingListener {

    TrainingListener SILENT = new TrainingListener() {};

    /** Epoch {@code epoch} (counted from 1) starts: {@code batches} steps over {@code samples} samples. */
    default void epochStarted(int epoch, int batches, int samples) {}

    /** Step {@code batch} (from 1) is done; {@code meanLoss} is the mean training loss of the epoch so far. */
    default void batchFinished(int epoch, int batch, int batches, int samplesSeen, double meanLoss) {}

    /** The epoch's training is done and the test data is being evaluated. */
    default void evaluationStarted(int epoch) {}

    default void epochFinished(EpochResult result) {}
}
