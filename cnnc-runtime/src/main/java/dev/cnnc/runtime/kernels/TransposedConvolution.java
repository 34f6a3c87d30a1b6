package dev.cnnc.runtime.kernels;

/**
 * Generic transposed convolution (PyTorch's {@code ConvTransposeNd}, the adjoint of a convolution)
 * over {@code [N, C, D, H, W]}; weights {@code [C, out/groups, kD, kH, kW]}. Input position {@code i}
 * and tap {@code k} land on output {@code i*stride - padBefore + k*dilation}; what falls outside the
 * output is cropped, and output positions no input reaches hold only the bias.
 */
public final class TransposedConvolution {

    private TransposedConvolution() {}

    /** {@code y = convTranspose(x, weight) + bias}; {@code bias} may be null. */
    public static void forward(float[] x, float[] weight, float[] bias, float[] y, int batch, int inChannels,
            int outChannels, int groups, Window w) {
        int outPlane = w.outputPlane();
        for (int n = 0; n < batch; n++) {
            for (int co = 0; co < outChannels; co++) {
                java.util.Arrays.fill(y, (n * outChannels + co) * outPlane, (n * outChannels + co + 1) * outPlane,
                        bias == null ? 0f : bias[co]);
            }
        }
        visit(batch, inChannels, outChannels, groups, w, (xi, wi, yi) -> y[yi] += x[xi] * weight[wi]);
    }

    /** Adds the gradients with respect to {@code x}, the weight and the bias; any target may be null. */
    public static void backward(float[] x, float[] weight, float[] gradY, float[] gradX, float[] gradWeight,
            float[] gradBias, int batch, int inChannels, int outChannels, int groups, Window w) {
        if (gradBias != null) {
            int outPlane = w.outputPlane();
            for (int n = 0; n < batch; n++) {
                for (int co = 0; co < outChannels; co++) {
                    int base = (n * outChannels + co) * outPlane;
                    float sum = 0f;
                    for (int o = 0; o < outPlane; o++) {
                        sum += gradY[base + o];
                    }
                    gradBias[co] += sum;
                }
            }
        }
        visit(batch, inChannels, outChannels, groups, w, (xi, wi, yi) -> {
            if (gradX != null) {
                gradX[xi] += gradY[yi] * weight[wi];
            }
            if (gradWeight != null) {
                gradWeight[wi] += gradY[yi] * x[xi];
            }
        });
    }

    /** One input element, one weight tap and the output element they meet in. */
    private interface Tap {
        void at(int xIndex, int weightIndex, int yIndex);
    }

    private static void visit(int batch, int inChannels, int outChannels, int groups, Window w, Tap tap) {
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
            for (int ci = 0; ci < inChannels; ci++) {
                int firstOut = ci / inPerGroup * outPerGroup;
                int xBase = (n * inChannels + ci) * inPlane;
                for (int i = 0; i < inPlane; i++) {
                    // Input i's taps land from i*stride - padBefore on, in the output.
                    int startD = i / (in[1] * in[2]) * s[0] - p[0];
                    int startH = i / in[2] % in[1] * s[1] - p[1];
                    int startW = i % in[2] * s[2] - p[2];
                    int endD = Window.endTap(startD, k[0], d[0], out[0]);
                    int endH = Window.endTap(startH, k[1], d[1], out[1]);
                    int endW = Window.endTap(startW, k[2], d[2], out[2]);
                    for (int co = 0; co < outPerGroup; co++) {
                        int yBase = (n * outChannels + firstOut + co) * outPlane;
                        int wBase = (ci * outPerGroup + co) * taps;
                        for (int kd = Window.firstTap(startD, d[0]); kd < endD; kd++) {
                            for (int kh = Window.firstTap(startH, d[1]); kh < endH; kh++) {
                                int yRow = yBase + ((startD + kd * d[0]) * out[1] + startH + kh * d[1]) * out[2] + startW;
                                int wRow = wBase + (kd * k[1] + kh) * k[2];
                                for (int kw = Window.firstTap(startW, d[2]); kw < endW; kw++) {
                                    tap.at(xBase + i, wRow + kw, yRow + kw * d[2]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
