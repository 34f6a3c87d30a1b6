package dev.cnnc.runtime.kernels;

import java.util.Arrays;

/**
 * Where a sliding window reads, per spatial dimension: input and output sizes, kernel, stride,
 * dilation and the padding before the first element. Lower ranks are widened to three dimensions
 * with leading ones ({@code [L]} becomes {@code [1, 1, L]}), so one loop nest serves 1-D, 2-D and 3-D.
 *
 * <p>For a transposed convolution {@code input} and {@code output} keep their meaning (the
 * transposed op's own input and output) and {@code padBefore} is how much of the full output is cropped.
 */
public record Window(int[] input, int[] output, int[] kernel, int[] stride, int[] dilation, int[] padBefore) {

    public Window {
        input = widen(input, "input");
        output = widen(output, "output");
        kernel = widen(kernel, "kernel");
        stride = widen(stride, "stride");
        dilation = widen(dilation, "dilation");
        padBefore = widen(padBefore, "padBefore", 0);
        for (int d = 0; d < 3; d++) {
            if (input[d] < 1 || output[d] < 1 || kernel[d] < 1 || stride[d] < 1 || dilation[d] < 1 || padBefore[d] < 0) {
                throw new IllegalArgumentException("invalid window " + this);
            }
        }
    }

    private static int[] widen(int[] sizes, String what) {
        return widen(sizes, what, 1);
    }

    /** {@code sizes} (1 to 3 of them) preceded by {@code filler}s up to three: {@code [L]} becomes {@code [1, 1, L]}. */
    public static int[] widen(int[] sizes, int filler) {
        return widen(sizes, "sizes", filler);
    }

    private static int[] widen(int[] sizes, String what, int filler) {
        if (sizes.length < 1 || sizes.length > 3) {
            throw new IllegalArgumentException(what + " has " + sizes.length + " dimensions, expected 1 to 3");
        }
        int[] wide = {filler, filler, filler};
        System.arraycopy(sizes, 0, wide, 3 - sizes.length, sizes.length);
        return wide;
    }

    /**
     * The first tap {@code k} of a window whose first tap lands on {@code start} (position times
     * stride, less the padding) that lands at or after 0: taps in the padding are never visited.
     */
    public static int firstTap(int start, int dilation) {
        return start >= 0 ? 0 : (-start + dilation - 1) / dilation;
    }

    /** One past the last tap, below {@code kernel}, that lands before {@code bound}. */
    public static int endTap(int start, int kernel, int dilation, int bound) {
        return start >= bound ? 0 : Math.min(kernel, (bound - start + dilation - 1) / dilation);
    }

    public int inputPlane() {
        return input[0] * input[1] * input[2];
    }

    public int outputPlane() {
        return output[0] * output[1] * output[2];
    }

    public int kernelVolume() {
        return kernel[0] * kernel[1] * kernel[2];
    }

    @Override
    public String toString() {
        return "Window[input=" + Arrays.toString(input) + ", output=" + Arrays.toString(output) + ", kernel="
                + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", dilation="
                + Arrays.toString(dilation) + ", padBefore=" + Arrays.toString(padBefore) + "]";
    }
}
