package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.Softmax;

final class SoftmaxKernel implements NodeKernel {

    private final int channels;
    private final int plane;
    private final boolean log;

    SoftmaxKernel(int channels, int plane, boolean log) {
        this.channels = channels;
        this.plane = plane;
        this.log = log;
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] y = new float[inputs[0].length];
        Softmax.forward(inputs[0], y, pass.batch(), channels, plane, log);
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        Softmax.backward(output, gradOutput, gradInputs[0], pass.batch(), channels, plane, log);
    }
}
