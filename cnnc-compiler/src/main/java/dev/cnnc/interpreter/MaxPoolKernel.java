package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.MaxPooling;
import dev.cnnc.runtime.kernels.Window;

/** Max pooling; keeps the winners' indices of its last forward pass for the backward pass and for {@code maxunpool}. */
final class MaxPoolKernel implements NodeKernel {

    private final Window window;
    private final int channels;
    private int[] indices;

    MaxPoolKernel(Window window, int channels) {
        this.window = window;
        this.channels = channels;
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        int size = pass.batch() * channels * window.outputPlane();
        float[] y = new float[size];
        indices = new int[size];
        MaxPooling.forward(inputs[0], y, indices, pass.batch(), channels, window);
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        MaxPooling.backward(gradOutput, indices, gradInputs[0], pass.batch(), channels, window);
    }

    /** Per-plane indices of the last forward pass. */
    int[] indices() {
        if (indices == null) {
            throw new IllegalStateException("the max pool has not run yet");
        }
        return indices;
    }
}
