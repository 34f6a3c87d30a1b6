package dev.cnnc.check;

import java.util.Locale;

/**
 * The spec's output-size formulas for one spatial dimension, each with the text that shows how the
 * size came about, e.g. {@code floor((4 + 2*0 - 5) / 1) + 1 = 0}.
 */
record WindowFormula(long size, String text) {

    /** The effective extent of a dilated kernel: {@code d*(k-1) + 1}. */
    static long effective(long kernel, long dilation) {
        return dilation * (kernel - 1) + 1;
    }

    /** Convolution and pooling: {@code floor((i + 2p - e) / s) + 1}, or ceil in ceil mode (dropping a last window that starts in the right padding). */
    static WindowFormula sliding(long input, long kernel, long stride, long padding, long dilation, boolean ceil) {
        long e = effective(kernel, dilation);
        long span = input + 2 * padding - e;
        long size = (ceil ? Math.ceilDiv(span, stride) : Math.floorDiv(span, stride)) + 1;
        String eText = dilation == 1 ? Long.toString(e) : "(" + dilation + "*(" + kernel + "-1)+1)";
        String text = String.format(Locale.ROOT, "%s((%d + 2*%d - %s) / %d) + 1", ceil ? "ceil" : "floor", input, padding,
                eText, stride);
        if (ceil && size > 1 && (size - 1) * stride >= input + padding) {
            // PyTorch drops a last window that would start in the right padding.
            return new WindowFormula(size - 1, text + " - 1 (the last window would start in the padding) = " + (size - 1));
        }
        return new WindowFormula(size, text + " = " + size);
    }

    /** {@code padding: same} convolution: {@code ceil(i / s)}. */
    static WindowFormula same(long input, long stride) {
        long size = Math.ceilDiv(input, stride);
        return new WindowFormula(size, String.format(Locale.ROOT, "ceil(%d / %d) = %d", input, stride, size));
    }

    /** Total padding of a {@code same} convolution: {@code max((o - 1)*s + e - i, 0)}. */
    static long samePaddingTotal(long input, long output, long stride, long effective) {
        return Math.max((output - 1) * stride + effective - input, 0);
    }

    /** Transposed convolution: {@code (i - 1)*s - 2p + e + output_padding}. */
    static WindowFormula transposed(long input, long kernel, long stride, long padding, long dilation, long outputPadding) {
        long e = effective(kernel, dilation);
        long size = (input - 1) * stride - 2 * padding + e + outputPadding;
        String eText = dilation == 1 ? Long.toString(e) : "(" + dilation + "*(" + kernel + "-1)+1)";
        return new WindowFormula(size, String.format(Locale.ROOT, "(%d - 1)*%d - 2*%d + %s + %d = %d", input, stride,
                padding, eText, outputPadding, size));
    }

    /** {@code padding: same} transposed convolution: {@code i * s}. */
    static WindowFormula transposedSame(long input, long stride) {
        long size = input * stride;
        return new WindowFormula(size, String.format(Locale.ROOT, "%d*%d = %d", input, stride, size));
    }
}
