package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.Concatenation;

final class ConcatKernel implements NodeKernel {

    private final int[] sampleSizes;
    private final int outputSample;

    ConcatKernel(int[] sampleSizes) {
        this.sampleSizes = sampleSizes.clone();
        int total = 0;
        for (int size : sampleSizes) {
            total += size;
        }
        this.outputSample = total;
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] y = new float[pass.batch() * outputSample];
        Concatenation.forward(inputs, sampleSizes, y, pass.batch());
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        Concatenation.backward(gradOutput, sampleSizes, gradInputs, pass.batch());
    }
}
