package dev.cnnc.runtime.kernels;

/** Element-wise activations and their gradients, computed from the saved output where that is enough. */
public final class Activations {

    private Activations() {}

    public static void relu(float[] x, float[] y, int count) {
        for (int i = 0; i < count; i++) {
            y[i] = x[i] > 0f ? x[i] : (Float.isNaN(x[i]) ? x[i] : 0f);
        }
    }

    /** The gradient passes where the output is positive. */
    public static void reluBackward(float[] y, float[] gradY, float[] gradX, int count) {
        for (int i = 0; i < count; i++) {
            if (y[i] > 0f) {
                gradX[i] += gradY[i];
            }
        }
    }

    public static void leakyRelu(float[] x, float[] y, int count, float slope) {
        for (int i = 0; i < count; i++) {
            y[i] = x[i] > 0f ? x[i] : x[i] * slope;
        }
    }

    public static void leakyReluBackward(float[] x, float[] gradY, float[] gradX, int count, float slope) {
        for (int i = 0; i < count; i++) {
            gradX[i] += x[i] > 0f ? gradY[i] : gradY[i] * slope;
        }
    }

    public static void sigmoid(float[] x, float[] y, int count) {
        for (int i = 0; i < count; i++) {
            y[i] = (float) (1 / (1 + Math.exp(-x[i])));
        }
    }

    /** {@code dy/dx = y (1 - y)}. */
    public static void sigmoidBackward(float[] y, float[] gradY, float[] gradX, int count) {
        for (int i = 0; i < count; i++) {
            gradX[i] += gradY[i] * y[i] * (1f - y[i]);
        }
    }

    public static void tanh(float[] x, float[] y, int count) {
        for (int i = 0; i < count; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
    }

    /** {@code dy/dx = 1 - y^2}. */
    public static void tanhBackward(float[] y, float[] gradY, float[] gradX, int count) {
        for (int i = 0; i < count; i++) {
            gradX[i] += gradY[i] * (1f - y[i] * y[i]);
        }
    }
}
