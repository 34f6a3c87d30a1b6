package dev.cnnc.runtime.kernels;

/** A fully connected layer, PyTorch's {@code Linear}: {@code y = x W^T + b} with {@code W} of shape {@code [out, in]}. */
public final class Dense {

    private Dense() {}

    /** {@code bias} may be null. */
    public static void forward(float[] x, float[] weight, float[] bias, float[] y, int batch, int in, int out) {
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < out; o++) {
                float sum = bias == null ? 0f : bias[o];
                for (int i = 0; i < in; i++) {
                    sum += x[n * in + i] * weight[o * in + i];
                }
                y[n * out + o] = sum;
            }
        }
    }

    /** Adds the gradients with respect to {@code x}, the weight and the bias; any target may be null. */
    public static void backward(float[] x, float[] weight, float[] gradY, float[] gradX, float[] gradWeight,
            float[] gradBias, int batch, int in, int out) {
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < out; o++) {
                float g = gradY[n * out + o];
                if (gradBias != null) {
                    gradBias[o] += g;
                }
                for (int i = 0; i < in; i++) {
                    if (gradX != null) {
                        gradX[n * in + i] += g * weight[o * in + i];
                    }
                    if (gradWeight != null) {
                        gradWeight[o * in + i] += g * x[n * in + i];
                    }
                }
            }
        }
    }
}
