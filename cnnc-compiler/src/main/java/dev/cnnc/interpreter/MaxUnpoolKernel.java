package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.MaxUnpooling;

/** Max unpooling with the indices of the pool it names, taken from that pool's current forward pass. */
final class MaxUnpoolKernel implements NodeKernel {

    private final MaxPoolKernel pool;
    private final int channels;
    private final int inPlane;
    private final int outPlane;

    MaxUnpoolKernel(MaxPoolKernel pool, int channels, int inPlane, int outPlane) {
        this.pool = pool;
        this.channels = channels;
        this.inPlane = inPlane;
        this.outPlane = outPlane;
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] y = new float[pass.batch() * channels * outPlane];
        MaxUnpooling.forward(inputs[0], pool.indices(), y, pass.batch() * channels, inPlane, outPlane);
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        MaxUnpooling.backward(gradOutput, pool.indices(), gradInputs[0], pass.batch() * channels, inPlane, outPlane);
    }
}
