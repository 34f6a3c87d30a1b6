package dev.cnnc.runtime.kernels;

/**
 * Generic convolution (cross-correlation, as PyTorch's {@code ConvNd}) over {@code [N, C, D, H, W]}
 * with groups, stride, dilation and zero padding; weights {@code [out, C/groups, kD, kH, kW]}.
 * Taps that fall in the padding are skipped by the loop bounds ({@link Window#firstTap}), not tested.
 */
public final class Convolution {

    private Convolution() {}

    /** {@code y = conv(x, weight) + bias}; {@code bias} may be null. */
    public static void forward(float[] x, float[] weight, float[] bias, float[] y, int batch, int inChannels,
            int outChannels, int groups, Window w) {
        visit(x, weight, y, null, null, null, bias, batch, inChannels, outChannels, groups, w);
    }

    /**
     * Adds the gradients of {@code L} with respect to {@code x}, the weight and the bias into
     * {@code gradX}, {@code gradWeight} and {@code gradBias}; any of them may be null when not wanted.
     */
    public static void backward(float[] x, float[] weight, float[] gradY, float[] gradX, float[] gradWeight,
            float[] gradBias, int batch, int inChannels, int outChannels, int groups, Window w) {
        if (gradX == null && gradWeight == null && gradBias == null) {
            return;
        }
        visit(x, weight, gradY, gradX, gradWeight, gradBias, null, batch, inChannels, outChannels, groups, w);
    }

    /**
     * One loop nest for both directions. Forward ({@code gradX == gradWeight == gradBias == null}):
     * {@code y[o] = bias + sum(x * w)}. Backward: {@code y} holds the output gradient, spread onto
     * the inputs and weights of each output.
     */
    private static void visit(float[] x, float[] weight, float[] y, float[] gradX, float[] gradWeight,
            float[] gradBias, float[] bias, int batch, int inChannels, int outChannels, int groups, Window w) {
        boolean forward = gradX == null && gradWeight == null && gradBias == null;
        int inPerGroup = inChannels / groups;
        int outPerGroup = outChannels / groups;
        int inPlane = w.inputPlane();
        int outPlane = w.outputPlane();
        int taps = w.kernelVolume();
        int[] in = w.input();
        int[] out = w.output();
        int[] k = w.kernel();
        int[] s = w.stride();
        int[] d = w.dilation();
        int[] p = w.padBefore();
        for (int n = 0; n < batch; n++) {
            for (int co = 0; co < outChannels; co++) {
                int firstIn = co / outPerGroup * inPerGroup;
                int yBase = (n * outChannels + co) * outPlane;
                for (int o = 0; o < outPlane; o++) {
                    int startD = o / (out[1] * out[2]) * s[0] - p[0];
                    int startH = o / out[2] % out[1] * s[1] - p[1];
                    int startW = o % out[2] * s[2] - p[2];
                    int endD = Window.endTap(startD, k[0], d[0], in[0]);
                    int endH = Window.endTap(startH, k[1], d[1], in[1]);
                    int endW = Window.endTap(startW, k[2], d[2], in[2]);
                    float g = forward ? 0f : y[yBase + o];
                    if (gradBias != null) {
                        gradBias[co] += g;
                    }
                    float sum = bias == null ? 0f : bias[co];
                    for (int ci = 0; ci < inPerGroup; ci++) {
                        int xBase = (n * inChannels + firstIn + ci) * inPlane;
                        int wBase = (co * inPerGroup + ci) * taps;
                        for (int kd = Window.firstTap(startD, d[0]); kd < endD; kd++) {
                            int id = startD + kd * d[0];
                            for (int kh = Window.firstTap(startH, d[1]); kh < endH; kh++) {
                                int xRow = xBase + (id * in[1] + startH + kh * d[1]) * in[2] + startW;
                                int wRow = wBase + (kd * k[1] + kh) * k[2];
                                for (int kw = Window.firstTap(startW, d[2]); kw < endW; kw++) {
                                    int xi = xRow + kw * d[2];
                                    if (forward) {
                                        sum += x[xi] * weight[wRow + kw];
                                    } else {
                                        if (gradX != null) {
                                            gradX[xi] += g * weight[wRow + kw];
                                        }
                                        if (gradWeight != null) {
                                            gradWeight[wRow + kw] += g * x[xi];
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if (forward) {
                        y[yBase + o] = sum;
                    }
                }
            }
        }
    }
}
