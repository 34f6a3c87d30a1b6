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
        int[] s = w.stride();
        int[] d = w.dilation();
        int[] p = w.padBefore();
        for (int plane = 0; plane < batch * channels; plane++) {
            int xBase = plane * inPlane;
            for (int o = 0; o < outPlane; o++) {
                int startD = o / (out[1] * out[2]) * s[0] - p[0];
                int startH = o / out[2] % out[1] * s[1] - p[1];
                int startW = o % out[2] * s[2] - p[2];
                int endD = Window.endTap(startD, k[0], d[0], in[0]);
                int endH = Window.endTap(startH, k[1], d[1], in[1]);
                int endW = Window.endTap(startW, k[2], d[2], in[2]);
                float max = Float.NEGATIVE_INFINITY;
                int winner = -1;
                for (int kd = Window.firstTap(startD, d[0]); kd < endD; kd++) {
                    for (int kh = Window.firstTap(startH, d[1]); kh < endH; kh++) {
                        int row = ((startD + kd * d[0]) * in[1] + startH + kh * d[1]) * in[2] + startW;
                        for (int kw = Window.firstTap(startW, d[2]); kw < endW; kw++) {
                            int index = row + kw * d[2];
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
