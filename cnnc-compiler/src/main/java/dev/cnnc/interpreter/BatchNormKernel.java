package dev.cnnc.interpreter;

import dev.cnnc.runtime.InvalidInputException;
import dev.cnnc.runtime.kernels.BatchNormalization;

/** Batch norm; keeps the mean and inverse standard deviation its last forward pass normalized with. */
final class BatchNormKernel implements NodeKernel {

    private final String name;
    private final int channels;
    private final int plane;
    private final double eps;
    private final double momentum;
    private final ParameterRef weight;
    private final ParameterRef bias;
    private final ParameterRef runningMean;
    private final ParameterRef runningVar;
    private final float[] mean;
    private final float[] inverseStd;
    private boolean trainedLast;

    BatchNormKernel(String name, int channels, int plane, double eps, double momentum, ParameterRef weight, ParameterRef bias,
            ParameterRef runningMean, ParameterRef runningVar) {
        this.name = name;
        this.channels = channels;
        this.plane = plane;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = weight;
        this.bias = bias;
        this.runningMean = runningMean;
        this.runningVar = runningVar;
        this.mean = new float[channels];
        this.inverseStd = new float[channels];
    }

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] x = inputs[0];
        float[] y = new float[x.length];
        trainedLast = pass.training();
        if (pass.training()) {
            if ((long) pass.batch() * plane < 2) {
                // PyTorch refuses this too: one value per channel has no variance to normalize by.
                throw new InvalidInputException("batchnorm " + name + " in training mode needs more than one value per"
                        + " channel; a batch of 1 with no spatial positions has one (use a larger batch or eval mode)");
            }
            BatchNormalization.forwardTraining(x, y, weight.values(), bias.values(), runningMean.values(),
                    runningVar.values(), mean, inverseStd, pass.batch(), channels, plane, eps, momentum);
        } else {
            float[] runMean = runningMean.values();
            float[] runVar = runningVar.values();
            for (int c = 0; c < channels; c++) {
                mean[c] = runMean[c];
                inverseStd[c] = (float) (1 / Math.sqrt(runVar[c] + eps));
            }
            BatchNormalization.forwardEval(x, y, weight.values(), bias.values(), runMean, runVar, pass.batch(), channels,
                    plane, eps);
        }
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        BatchNormalization.backward(inputs[0], gradOutput, gradInputs[0], weight.values(), weight.gradient(),
                bias.gradient(), mean, inverseStd, trainedLast, pass.batch(), channels, plane);
    }
}
