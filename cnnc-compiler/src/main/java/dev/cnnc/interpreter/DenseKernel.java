package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.Dense;

final class DenseKernel implements NodeKernel {

    private final int in;
    private final int out;
    private final ParameterRef weight;
    private final ParameterRef bias;

    DenseKernel(int in, int out, ParameterRef weight, ParameterRef bias) {
        this.in = in;
        this.out = out;
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] y = new float[pass.batch() * out];
        Dense.forward(inputs[0], weight.values(), bias == null ? null : bias.values(), y, pass.batch(), in, out);
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        Dense.backward(inputs[0], weight.values(), gradOutput, gradInputs[0], weight.gradient(),
                bias == null ? null : bias.gradient(), pass.batch(), in, out);
    }
}
