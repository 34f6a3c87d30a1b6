package dev.cnnc.runtime.kernels;

/**
 * Generic max pooling over {@code [N, C, D, H, W]} with stride, dilation and padding that never
 * wins (minus infinity). Indices are positions within each channel plane ({@code (d*H + h)*W + w}),
 * as PyTorch's {@code return_indices} gives them and {@code MaxUnpoolNd} takes them. The first
 * maximum wins a tie; a NaN wins over any number, so NaN propagates as in PyTorch.
 */
public final class MaxPooling {

    private MaxPooling() {}

    /** Fills {@code y} with window maxima and {@code indices} with where each came from. */
    public static void forward(float[] x, float[] y, int[] indices, int batch, int channels, Window w) {
        int inPlane = w.inputPlane();
        int outPlane = w.outputPlane();
        int[] in = w.input();
        int[] out = w.output();
        int[] k = w.kernel();
        for (int plane = 0; plane < batch * channels; plane++) {
            int xBase = plane * inPlane;
            for (int o = 0; o < outPlane; o++) {
                int od = o / (out[1] * out[2]);
                int oh = o / out[2] % out[1];
                int ow = o % out[2];
                float max = Float.NEGATIVE_INFINITY;
                int winner = -1;
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
                            int index = (id * in[1] + ih) * in[2] + iw;
                            float value = x[xBase + index];
                            if (winner < 0 || value > max || Float.isNaN(value) && !Float.isNaN(max)) {
                                max = value;
                                winner = index;
                            }
                        }
                    }
                }
                y[plane * outPlane + o] = max;
                indices[plane * outPlane + o] = winner;
            }
        }
    }

    /** Adds each output gradient to the input element that won its window. */
    public static void backward(float[] gradY, int[] indices, float[] gradX, int batch, int channels, Window w) {
        int inPlane = w.inputPlane();
        int outPlane = w.outputPlane();
        for (int plane = 0; plane < batch * channels; plane++) {
            for (int o = 0; o < outPlane; o++) {
                int winner = indices[plane * outPlane + o];
                if (winner >= 0) {
                    gradX[plane * inPlane + winner] += gradY[plane * outPlane + o];
                }
            }
        }
    }
}
