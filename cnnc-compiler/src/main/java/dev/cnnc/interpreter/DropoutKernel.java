package dev.cnnc.interpreter;

import dev.cnnc.runtime.kernels.Dropout;

/** Dropout: a fresh seeded mask per training-mode forward pass, the identity in eval mode. */
final class DropoutKernel implements NodeKernel {

    private final double p;
    private float[] mask;

    DropoutKernel(double p) {
        this.p = p;
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] x = inputs[0];
        if (!pass.training()) {
            mask = null;
            return x;
        }
        float[] y = new float[x.length];
        mask = new float[x.length];
        Dropout.forwardTraining(x, y, mask, x.length, p, pass.random());
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        if (mask == null) {
            Elementwise.addInto(gradInputs[0], gradOutput);
        } else {
            Dropout.backward(mask, gradOutput, gradInputs[0], mask.length);
        }
    }
}
