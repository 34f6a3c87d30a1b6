package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.NearestUpsampling;

final class UpsampleKernel implements NodeKernel {

    private final int channels;
    private final int[] input;
    private final int[] scale;
    private final int outputSample;

    /** @param input spatial sizes and {@code scale} factors, both widened to three dimensions */
    UpsampleKernel(int channels, int[] input, int[] scale) {
        this.channels = channels;
        this.input = input.clone();
        this.scale = scale.clone();
        this.outputSample = channels * input[0] * scale[0] * input[1] * scale[1] * input[2] * scale[2];
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] y = new float[pass.batch() * outputSample];
        NearestUpsampling.forward(inputs[0], y, pass.batch() * channels, input, scale);
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        NearestUpsampling.backward(gradOutput, gradInputs[0], pass.batch() * channels, input, scale);
    }
}
