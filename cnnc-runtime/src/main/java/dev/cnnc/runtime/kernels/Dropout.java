package dev.cnnc.runtime.kernels;

import java.util.SplittableRandom;

/**
 * Inverted dropout in training mode: each element is kept with probability {@code 1 - p} and
 * scaled by {@code 1 / (1 - p)}, so eval mode is the identity. The mask holds the scale of each
 * element (0 where dropped) for the backward pass.
 */
public final class Dropout {

    private Dropout() {}

    public static void forwardTraining(float[] x, float[] y, float[] mask, int count, double p, SplittableRandom random) {
        mask(mask, count, p, random);
        for (int i = 0; i < count; i++) {
            y[i] = x[i] * mask[i];
        }
    }

    /** Draws a mask: 0 where an element drops, {@code 1 / (1 - p)} where it stays. */
    public static void mask(float[] mask, int count, double p, SplittableRandom random) {
        float keptScale = p >= 1 ? 0f : (float) (1 / (1 - p));
        for (int i = 0; i < count; i++) {
            mask[i] = random.nextDouble() < p ? 0f : keptScale;
        }
    }

    public static void backward(float[] mask, float[] gradY, float[] gradX, int count) {
        for (int i = 0; i < count; i++) {
            gradX[i] += gradY[i] * mask[i];
        }
    }
}
