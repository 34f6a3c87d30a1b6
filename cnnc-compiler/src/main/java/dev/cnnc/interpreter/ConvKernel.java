package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.Convolution;
import dev.cnnc.runtime.kernels.TransposedConvolution;
import dev.cnnc.runtime.kernels.Window;

/** A convolution or a transposed convolution, with its weight and optional bias. */
final class ConvKernel implements NodeKernel {

    private final boolean transposed;
    private final Window window;
    private final int inChannels;
    private final int outChannels;
    private final int groups;
    private final ParameterRef weight;
    private final ParameterRef bias;

    ConvKernel(boolean transposed, Window window, int inChannels, int outChannels, int groups, ParameterRef weight,
            ParameterRef bias) {
        this.transposed = transposed;
        this.window = window;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.weight = weight;
        this.bias = bias;
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] y = new float[pass.batch() * outChannels * window.outputPlane()];
        float[] b = bias == null ? null : bias.values();
        if (transposed) {
            TransposedConvolution.forward(inputs[0], weight.values(), b, y, pass.batch(), inChannels, outChannels, groups,
                    window);
        } else {
            Convolution.forward(inputs[0], weight.values(), b, y, pass.batch(), inChannels, outChannels, groups, window);
        }
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        float[] gradBias = bias == null ? null : bias.gradient();
        if (transposed) {
            TransposedConvolution.backward(inputs[0], weight.values(), gradOutput, gradInputs[0], weight.gradient(),
                    gradBias, pass.batch(), inChannels, outChannels, groups, window);
        } else {
            Convolution.backward(inputs[0], weight.values(), gradOutput, gradInputs[0], weight.gradient(), gradBias,
                    pass.batch(), inChannels, outChannels, groups, window);
        }
    }
}
