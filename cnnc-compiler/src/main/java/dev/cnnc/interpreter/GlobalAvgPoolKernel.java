package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.GlobalAveragePooling;

final class GlobalAvgPoolKernel implements NodeKernel {

    private final int channels;
    private final int plane;

    GlobalAvgPoolKernel(int channels, int plane) {
        this.channels = channels;
        this.plane = plane;
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] y = new float[pass.batch() * channels];
        GlobalAveragePooling.forward(inputs[0], y, pass.batch() * channels, plane);
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        GlobalAveragePooling.backward(gradOutput, gradInputs[0], pass.batch() * channels, plane);
    }
}
