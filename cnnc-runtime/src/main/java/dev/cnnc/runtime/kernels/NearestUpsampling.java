package dev.cnnc.runtime.kernels;

/**
 * Nearest-neighbour upsampling by whole factors over {@code [N, C, D, H, W]}: output position
 * {@code o} copies input {@code floor(o / scale)}, as PyTorch's {@code interpolate(mode="nearest")}.
 */
public final class NearestUpsampling {

    private NearestUpsampling() {}

    /** @param input the input's spatial sizes, widened to three; {@code scale} likewise */
    public static void forward(float[] x, float[] y, int planes, int[] input, int[] scale) {
        visit(planes, input, scale, (xi, yi) -> y[yi] = x[xi]);
    }

    /** Adds into {@code gradX} the sum of the gradients of each input's copies. */
    public static void backward(float[] gradY, float[] gradX, int planes, int[] input, int[] scale) {
        visit(planes, input, scale, (xi, yi) -> gradX[xi] += gradY[yi]);
    }

    private interface Copy {
        void at(int xIndex, int yIndex);
    }

    private static void visit(int planes, int[] input, int[] scale, Copy copy) {
        int[] out = {input[0] * scale[0], input[1] * scale[1], input[2] * scale[2]};
        int inPlane = input[0] * input[1] * input[2];
        int outPlane = out[0] * out[1] * out[2];
        for (int plane = 0; plane < planes; plane++) {
            for (int od = 0; od < out[0]; od++) {
                for (int oh = 0; oh < out[1]; oh++) {
                    for (int ow = 0; ow < out[2]; ow++) {
                        int xi = ((od / scale[0]) * input[1] + oh / scale[1]) * input[2] + ow / scale[2];
                        copy.at(plane * inPlane + xi, plane * outPlane + (od * out[1] + oh) * out[2] + ow);
                    }
                }
            }
        }
    }
}
