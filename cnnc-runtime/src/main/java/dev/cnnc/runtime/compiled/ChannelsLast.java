package dev.cnnc.runtime.compiled;

/**
 * Moves tensors between NCHW, where users and PyTorch meet them, and the layout of compiled
 * kernels: {@code [N][positions][C padded to the lane count]}, where a flat {@code [F]} tensor is
 * one position of F channels. Padding lanes are left as they are.
 */
public final class ChannelsLast {

    private ChannelsLast() {}

    public static int padded(int channels, int lanes) {
        return (channels + lanes - 1) / lanes * lanes;
    }

    static int positions(int[] shape) {
        int positions = 1;
        for (int i = 1; i < shape.length; i++) {
            positions *= shape[i];
        }
        return positions;
    }

    public static void fromNchw(float[] nchw, float[] inside, int batch, int[] shape, int lanes) {
        copyIn(nchw, inside, batch, shape, lanes, false);
    }

    static void addFromNchw(float[] nchw, float[] inside, int batch, int[] shape, int lanes) {
        copyIn(nchw, inside, batch, shape, lanes, true);
    }

    private static void copyIn(float[] nchw, float[] inside, int batch, int[] shape, int lanes, boolean add) {
        int channels = shape[0];
        int positions = positions(shape);
        int stride = padded(channels, lanes);
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int from = (n * channels + c) * positions;
                int to = n * positions * stride + c;
                for (int s = 0; s < positions; s++) {
                    inside[to + s * stride] = nchw[from + s] + (add ? inside[to + s * stride] : 0f);
                }
            }
        }
    }

    public static void toNchw(float[] inside, float[] nchw, int batch, int[] shape, int lanes) {
        int channels = shape[0];
        int positions = positions(shape);
        int stride = padded(channels, lanes);
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int to = (n * channels + c) * positions;
                int from = n * positions * stride + c;
                for (int s = 0; s < positions; s++) {
                    nchw[to + s] = inside[from + s * stride];
                }
            }
        }
    }
}
