package dev.cnnc.runtime.kernels;

/**
 * Batch normalization per channel of {@code [N, C, S]} ({@code S} spatial elements per plane, 1 for
 * a flat input). Training mode normalizes with the batch mean and biased variance over N and S and
 * moves the running statistics towards the batch's (with the unbiased variance), as PyTorch does;
 * eval mode normalizes with the running statistics.
 */
public final class BatchNormalization {

    private BatchNormalization() {}

    /**
     * Training-mode forward. Fills {@code mean} and {@code inverseStd} (per channel) for the
     * backward pass and updates {@code runningMean} and {@code runningVar}.
     */
    public static void forwardTraining(float[] x, float[] y, float[] weight, float[] bias, float[] runningMean,
            float[] runningVar, float[] mean, float[] inverseStd, int batch, int channels, int plane, double eps,
            double momentum) {
        long count = (long) batch * plane;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int n = 0; n < batch; n++) {
                int base = (n * channels + c) * plane;
                for (int s = 0; s < plane; s++) {
                    sum += x[base + s];
                }
            }
            double m = sum / count;
            double squares = 0;
            for (int n = 0; n < batch; n++) {
                int base = (n * channels + c) * plane;
                for (int s = 0; s < plane; s++) {
                    double centered = x[base + s] - m;
                    squares += centered * centered;
                }
            }
            double variance = squares / count;
            double invStd = 1 / Math.sqrt(variance + eps);
            mean[c] = (float) m;
            inverseStd[c] = (float) invStd;
            runningMean[c] = (float) ((1 - momentum) * runningMean[c] + momentum * m);
            runningVar[c] = (float) ((1 - momentum) * runningVar[c] + momentum * squares / (count - 1));
            normalize(x, y, c, weight[c], bias[c], m, invStd, batch, channels, plane);
        }
    }

    /** Eval-mode forward with the running statistics. */
    public static void forwardEval(float[] x, float[] y, float[] weight, float[] bias, float[] runningMean,
            float[] runningVar, int batch, int channels, int plane, double eps) {
        for (int c = 0; c < channels; c++) {
            normalize(x, y, c, weight[c], bias[c], runningMean[c], 1 / Math.sqrt(runningVar[c] + eps), batch, channels,
                    plane);
        }
    }

    private static void normalize(float[] x, float[] y, int c, float weight, float bias, double mean, double invStd,
            int batch, int channels, int plane) {
        float scale = (float) (weight * invStd);
        float shift = (float) (bias - mean * weight * invStd);
        for (int n = 0; n < batch; n++) {
            int base = (n * channels + c) * plane;
            for (int s = 0; s < plane; s++) {
                y[base + s] = x[base + s] * scale + shift;
            }
        }
    }

    /**
     * Backward of either mode, given the statistics the forward pass normalized with. In training
     * mode the gradient also flows through the batch mean and variance.
     */
    public static void backward(float[] x, float[] gradY, float[] gradX, float[] weight, float[] gradWeight,
            float[] gradBias, float[] mean, float[] inverseStd, boolean training, int batch, int channels, int plane) {
        long count = (long) batch * plane;
        for (int c = 0; c < channels; c++) {
            double sumGrad = 0;
            double sumGradXhat = 0;
            for (int n = 0; n < batch; n++) {
                int base = (n * channels + c) * plane;
                for (int s = 0; s < plane; s++) {
                    double g = gradY[base + s];
                    sumGrad += g;
                    sumGradXhat += g * (x[base + s] - mean[c]) * inverseStd[c];
                }
            }
            if (gradWeight != null) {
                gradWeight[c] += (float) sumGradXhat;
            }
            if (gradBias != null) {
                gradBias[c] += (float) sumGrad;
            }
            if (gradX == null) {
                continue;
            }
            double scale = weight[c] * inverseStd[c];
            for (int n = 0; n < batch; n++) {
                int base = (n * channels + c) * plane;
                for (int s = 0; s < plane; s++) {
                    double g = gradY[base + s];
                    if (training) {
                        double xhat = (x[base + s] - mean[c]) * inverseStd[c];
                        g = g - sumGrad / count - xhat * sumGradXhat / count;
                    }
                    gradX[base + s] += (float) (scale * g);
                }
            }
        }
    }
}
