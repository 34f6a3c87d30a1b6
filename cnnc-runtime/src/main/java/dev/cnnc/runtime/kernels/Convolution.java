package dev.cnnc.runtime.kernels;

/**
 * Generic convolution (cross-correlation, as PyTorch's {@code ConvNd}) over {@code [N, C, D, H, W]}
 * with groups, stride, dilation and zero padding; weights {@code [out, C/groups, kD, kH, kW]}.
 */
public final class Convolution {

    private Convolution() {}

    /** {@code y = conv(x, weight) + bias}; {@code bias} may be null. */
    public static void forward(float[] x, float[] weight, float[] bias, float[] y, int batch, int inChannels,
            int outChannels, int groups, Window w) {
        int inPerGroup = inChannels / groups;
        int outPerGroup = outChannels / groups;
        int inPlane = w.inputPlane();
        int outPlane = w.outputPlane();
        int taps = w.kernelVolume();
        for (int n = 0; n < batch; n++) {
            for (int co = 0; co < outChannels; co++) {
                int firstIn = co / outPerGroup * inPerGroup;
                int yBase = (n * outChannels + co) * outPlane;
                float b = bias == null ? 0f : bias[co];
                for (int od = 0; od < w.output()[0]; od++) {
                    for (int oh = 0; oh < w.output()[1]; oh++) {
                        for (int ow = 0; ow < w.output()[2]; ow++) {
                            float sum = b;
                            for (int ci = 0; ci < inPerGroup; ci++) {
                                int xBase = (n * inChannels + firstIn + ci) * inPlane;
                                int wBase = (co * inPerGroup + ci) * taps;
                                sum += dot(x, xBase, weight, wBase, w, od, oh, ow);
                            }
                            y[yBase + (od * w.output()[1] + oh) * w.output()[2] + ow] = sum;
                        }
                    }
                }
            }
        }
    }

    private static float dot(float[] x, int xBase, float[] weight, int wBase, Window w, int od, int oh, int ow) {
        int[] in = w.input();
        int[] k = w.kernel();
        float sum = 0f;
        for (int kd = 0; kd < k[0]; kd++) {
            int id = od * w.stride()[0] - w.padBefore()[0] + kd * w.dilation()[0];
            if (id < 0 || id >= in[0]) {
                continue;
            }
            for (int kh = 0; kh < k[1]; kh++) {
                int ih = oh * w.stride()[1] - w.padBefore()[1] + kh * w.dilation()[1];
                if (ih < 0 || ih >= in[1]) {
                    continue;
                }
                for (int kw = 0; kw < k[2]; kw++) {
                    int iw = ow * w.stride()[2] - w.padBefore()[2] + kw * w.dilation()[2];
                    if (iw < 0 || iw >= in[2]) {
                        continue;
                    }
                    sum += x[xBase + (id * in[1] + ih) * in[2] + iw] * weight[wBase + (kd * k[1] + kh) * k[2] + kw];
                }
            }
        }
        return sum;
    }

    /**
     * Adds the gradients of {@code L} with respect to {@code x}, the weight and the bias into
     * {@code gradX}, {@code gradWeight} and {@code gradBias}; any of them may be null when not wanted.
     */
    public static void backward(float[] x, float[] weight, float[] gradY, float[] gradX, float[] gradWeight,
            float[] gradBias, int batch, int inChannels, int outChannels, int groups, Window w) {
        int inPerGroup = inChannels / groups;
        int outPerGroup = outChannels / groups;
        int inPlane = w.inputPlane();
        int outPlane = w.outputPlane();
        int taps = w.kernelVolume();
        int[] in = w.input();
        int[] out = w.output();
        int[] k = w.kernel();
        for (int n = 0; n < batch; n++) {
            for (int co = 0; co < outChannels; co++) {
                int firstIn = co / outPerGroup * inPerGroup;
                int yBase = (n * outChannels + co) * outPlane;
                for (int o = 0; o < outPlane; o++) {
                    float g = gradY[yBase + o];
                    if (gradBias != null) {
                        gradBias[co] += g;
                    }
                    int od = o / (out[1] * out[2]);
                    int oh = o / out[2] % out[1];
                    int ow = o % out[2];
                    for (int ci = 0; ci < inPerGroup; ci++) {
                        int xBase = (n * inChannels + firstIn + ci) * inPlane;
                        int wBase = (co * inPerGroup + ci) * taps;
                        for (int kd = 0; kd < k[0]; kd++) {
                            int id = od * w.stride()[0] - w.padBefore()[0] + kd * w.dilation()[0];
                            if (id < 0 || id >= in[0]) {
                                continue;
                            }
                            for (int kh = 0; kh < k[1]; kh++) {
                                int ih = oh * w.stride()[1] - w.padBefore()[1] + kh * w.dilation()[1];
                                if (ih < 0 || ih >= in[1]) {
                                    continue;
                                }
                                for (int kw = 0; kw < k[2]; kw++) {
                                    int iw = ow * w.stride()[2] - w.padBefore()[2] + kw * w.dilation()[2];
                                    if (iw < 0 || iw >= in[2]) {
                                        continue;
                                    }
                                    int xi = xBase + (id * in[1] + ih) * in[2] + iw;
                                    int wi = wBase + (kd * k[1] + kh) * k[2] + kw;
                                    if (gradX != null) {
                                        gradX[xi] += g * weight[wi];
                                    }
                                    if (gradWeight != null) {
                                        gradWeight[wi] += g * x[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
