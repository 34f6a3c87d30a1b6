package dev.cnnc.runtime.kernels;

/**
 * Softmax and log-softmax over dimension 1 of {@code [N, C, S]}: the features of a flat input
 * ({@code S = 1}), or the channels at each of the {@code S} positions. The maximum is subtracted
 * first, so large inputs do not overflow.
 */
public final class Softmax {

    private Softmax() {}

    public static void forward(float[] x, float[] y, int batch, int channels, int plane, boolean log) {
        for (int n = 0; n < batch; n++) {
            for (int s = 0; s < plane; s++) {
                int base = n * channels * plane + s;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < channels; c++) {
                    max = Math.max(max, x[base + c * plane]);
                }
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += Math.exp(x[base + c * plane] - max);
                }
                double logSum = Math.log(sum);
                for (int c = 0; c < channels; c++) {
                    double shifted = x[base + c * plane] - max;
                    y[base + c * plane] = (float) (log ? shifted - logSum : Math.exp(shifted) / sum);
                }
            }
        }
    }

    /**
     * Adds into {@code gradX}: for softmax {@code y (g - sum(g y))}, for log-softmax
     * {@code g - exp(y) sum(g)}, from the saved output {@code y}.
     */
    public static void backward(float[] y, float[] gradY, float[] gradX, int batch, int channels, int plane,
            boolean log) {
        for (int n = 0; n < batch; n++) {
            for (int s = 0; s < plane; s++) {
                int base = n * channels * plane + s;
                double dot = 0;
                for (int c = 0; c < channels; c++) {
                    int i = base + c * plane;
                    dot += log ? gradY[i] : (double) gradY[i] * y[i];
                }
                for (int c = 0; c < channels; c++) {
                    int i = base + c * plane;
                    gradX[i] += (float) (log ? gradY[i] - Math.exp(y[i]) * dot : y[i] * (gradY[i] - dot));
                }
            }
        }
    }
}
