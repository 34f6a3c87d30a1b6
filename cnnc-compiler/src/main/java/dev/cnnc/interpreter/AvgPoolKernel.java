package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.AvgPooling;
import dev.cnnc.runtime.kernels.Window;

final class AvgPoolKernel implements NodeKernel {

    private final Window window;
    private final int channels;
    private final boolean countIncludePad;

    AvgPoolKernel(Window window, int channels, boolean countIncludePad) {
        this.window = window;
        this.channels = channels;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] y = new float[pass.batch() * channels * window.outputPlane()];
        AvgPooling.forward(inputs[0], y, pass.batch(), channels, window, countIncludePad);
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        AvgPooling.backward(gradOutput, gradInputs[0], pass.batch(), channels, window, countIncludePad);
    }
}
