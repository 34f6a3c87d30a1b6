package dev.cnnc.runtime.kernels;

import java.util.Arrays;

/**
 * PyTorch's {@code MaxUnpoolNd}: each value goes back to the position in its channel plane that
 * its max pool took it from; every other output element is zero.
 */
public final class MaxUnpooling {

    private MaxUnpooling() {}

    /**
     * @param inPlane elements per channel plane of {@code x} (the pool's output)
     * @param outPlane elements per channel plane of {@code y} (the pool's input)
     */
    public static void forward(float[] x, int[] indices, float[] y, int planes, int inPlane, int outPlane) {
        Arrays.fill(y, 0, planes * outPlane, 0f);
        for (int plane = 0; plane < planes; plane++) {
            for (int i = 0; i < inPlane; i++) {
                int target = indices[plane * inPlane + i];
                if (target >= 0) {
                    y[plane * outPlane + target] = x[plane * inPlane + i];
                }
            }
        }
    }

    /** Adds into {@code gradX} the gradient found where each value was placed. */
    public static void backward(float[] gradY, int[] indices, float[] gradX, int planes, int inPlane, int outPlane) {
        for (int plane = 0; plane < planes; plane++) {
            for (int i = 0; i < inPlane; i++) {
                int target = indices[plane * inPlane + i];
                if (target >= 0) {
                    gradX[plane * inPlane + i] += gradY[plane * outPlane + target];
                }
            }
        }
    }
}
