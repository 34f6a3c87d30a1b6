package dev.cnnc.runtime.kernels;

/**
 * Generic average pooling over {@code [N, C, D, H, W]}, with PyTorch's divisor: a window is
 * first clipped to the padded input {@code [-pad, size + pad)}; with {@code countIncludePad} the
 * divisor is that clipped window's volume, otherwise the number of real input elements in it.
 */
public final class AvgPooling {

    private AvgPooling() {}

    public static void forward(float[] x, float[] y, int batch, int channels, Window w, boolean countIncludePad) {
        visit(batch, channels, w, countIncludePad, (plane, o, xIndex, scale) -> {
            if (xIndex < 0) {
                y[plane * w.outputPlane() + o] = 0f;
            } else {
                y[plane * w.outputPlane() + o] += x[plane * w.inputPlane() + xIndex] * scale;
            }
        });
    }

    /** Adds into {@code gradX} each output gradient spread evenly over its window. */
    public static void backward(float[] gradY, float[] gradX, int batch, int channels, Window w,
            boolean countIncludePad) {
        visit(batch, channels, w, countIncludePad, (plane, o, xIndex, scale) -> {
            if (xIndex >= 0) {
                gradX[plane * w.inputPlane() + xIndex] += gradY[plane * w.outputPlane() + o] * scale;
            }
        });
    }

    /** Called once per output with index -1 (to reset it), then once per input element of its window. */
    private interface Element {
        void at(int plane, int output, int inputIndex, float scale);
    }

    private static void visit(int batch, int channels, Window w, boolean countIncludePad, Element element) {
        int[] in = w.input();
        int[] out = w.output();
        int[] position = new int[3];
        int[] start = new int[3];
        int[] end = new int[3];
        for (int plane = 0; plane < batch * channels; plane++) {
            for (int o = 0; o < w.outputPlane(); o++) {
                position[0] = o / (out[1] * out[2]);
                position[1] = o / out[2] % out[1];
                position[2] = o % out[2];
                int padded = 1;
                int real = 1;
                for (int d = 0; d < 3; d++) {
                    int first = position[d] * w.stride()[d] - w.padBefore()[d];
                    int last = Math.min(first + w.kernel()[d], in[d] + w.padBefore()[d]);
                    padded *= last - first;
                    start[d] = Math.max(first, 0);
                    end[d] = Math.min(last, in[d]);
                    real *= Math.max(end[d] - start[d], 0);
                }
                float scale = 1f / (countIncludePad ? padded : Math.max(real, 1));
                element.at(plane, o, -1, scale);
                for (int id = start[0]; id < end[0]; id++) {
                    for (int ih = start[1]; ih < end[1]; ih++) {
                        for (int iw = start[2]; iw < end[2]; iw++) {
                            element.at(plane, o, (id * in[1] + ih) * in[2] + iw, scale);
                        }
                    }
                }
            }
        }
    }
}
