package dev.cnnc.runtime.train;

/** The loss became NaN or infinite, usually because the learning rate is too high. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(int epoch, int batch, double loss) {
        super("the loss became " + loss + " at step " + batch + " of epoch " + epoch
                + "; the learning rate may be too high for this network");
    }
}
