package dev.cnnc.runtime.compiled;

import dev.cnnc.runtime.InvalidInputException;

/** Checks of the data that generated kernels call, since they cannot build messages themselves. */
public final class Checks {

    private Checks() {}

    /** PyTorch refuses this too: one value per channel has no variance to normalize by. */
    public static void batchNormTraining(int valuesPerChannel) {
        if (valuesPerChannel < 2) {
            throw new InvalidInputException("batchnorm in training mode needs more than one value per channel;"
                    + " a batch of 1 with no spatial positions has one (use a larger batch or eval mode)");
        }
    }
}
