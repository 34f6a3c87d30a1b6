package dev.cnnc.runtime.kernels;

/** The mean of each channel plane: {@code [N, C, S]} to {@code [N, C]}. */
public final class GlobalAveragePooling {

    private GlobalAveragePooling() {}

    public static void forward(float[] x, float[] y, int planes, int plane) {
        for (int p = 0; p < planes; p++) {
            double sum = 0;
            for (int s = 0; s < plane; s++) {
                sum += x[p * plane + s];
            }
            y[p] = (float) (sum / plane);
        }
    }

    public static void backward(float[] gradY, float[] gradX, int planes, int plane) {
        for (int p = 0; p < planes; p++) {
            float share = gradY[p] / plane;
            for (int s = 0; s < plane; s++) {
                gradX[p * plane + s] += share;
            }
        }
    }
}
