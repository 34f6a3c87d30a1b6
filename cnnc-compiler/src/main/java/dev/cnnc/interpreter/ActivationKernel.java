package dev.cnnc.interpreter;

import dev.cnnc.ir.Op;
import dev.cnnc.runtime.kernels.Activations;

final class ActivationKernel implements NodeKernel {

    private final Op.Activation.Function function;
    private final float slope;

    ActivationKernel(Op.Activation activation) {
        this.function = activation.function();
        this.slope = (float) activation.slope();
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] x = inputs[0];
        float[] y = new float[x.length];
        switch (function) {
            case RELU -> Activations.relu(x, y, x.length);
            case LEAKY_RELU -> Activations.leakyRelu(x, y, x.length, slope);
            case SIGMOID -> Activations.sigmoid(x, y, x.length);
            case TANH -> Activations.tanh(x, y, x.length);
        }
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        int count = output.length;
        switch (function) {
            case RELU -> Activations.reluBackward(output, gradOutput, gradInputs[0], count);
            case LEAKY_RELU -> Activations.leakyReluBackward(inputs[0], gradOutput, gradInputs[0], count, slope);
            case SIGMOID -> Activations.sigmoidBackward(output, gradOutput, gradInputs[0], count);
            case TANH -> Activations.tanhBackward(output, gradOutput, gradInputs[0], count);
        }
    }
}
