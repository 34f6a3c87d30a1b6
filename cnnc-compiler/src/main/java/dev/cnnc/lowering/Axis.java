package dev.cnnc.lowering;

import java.util.ArrayList;
import java.util.List;

/**
 * How a (transposed) convolution's gather visits one spatial dimension in one phase: it writes
 * positions {@code writeStart + j * writeStep} for {@code j < count}, and for tap {@code m < taps}
 * (kernel index {@code kStart + m * kStep}) reads position {@code j * readStep + readStart + m * readTapStep}
 * of the unpadded input. Every kernel of the convolution family is a gather over such axes: a
 * strided read when the written side is the smaller one, one phase per stride residue when it is the larger.
 */
record Axis(int writeStart, int writeStep, int count, int readStep, int readStart, int taps, int kStart, int kStep,
        int readTapStep) {

    /**
     * Writes the small side of {@code big = small * stride + k * dilation - pad}, reading the big one:
     * a convolution's forward pass, or a transposed convolution's input gradient.
     */
    static List<Axis> stridedRead(int writeSize, int stride, int dilation, int pad, int kernel) {
        return List.of(new Axis(0, 1, writeSize, stride, -pad, kernel, 0, 1, dilation));
    }

    /**
     * Writes the big side of {@code big = small * stride + k * dilation - pad}, reading the small one:
     * a transposed convolution's forward pass, or a convolution's input gradient. Output residue
     * {@code r} (mod stride) only meets the taps with {@code r + pad - k * dilation} divisible by the
     * stride, so each residue is a dense stride-1 gather of its own; a residue no tap reaches has none.
     */
    static List<Axis> phasedWrite(int writeSize, int stride, int dilation, int pad, int kernel) {
        List<Axis> phases = new ArrayList<>();
        int kStep = stride / gcd(stride, dilation);
        for (int r = 0; r < Math.min(stride, writeSize); r++) {
            int count = (writeSize - r + stride - 1) / stride;
            int k0 = 0;
            while (k0 < kernel && Math.floorMod(r + pad - k0 * dilation, stride) != 0) {
                k0++;
            }
            int taps = k0 < kernel ? (kernel - 1 - k0) / kStep + 1 : 0;
            int readStart = taps > 0 ? (r + pad - k0 * dilation) / stride : 0;
            phases.add(new Axis(r, stride, count, 1, readStart, taps, taps > 0 ? k0 : 0, kStep, -(kStep * dilation) / stride));
        }
        return phases;
    }

    int minRead() {
        return readStart + Math.min(0, (count - 1) * readStep) + Math.min(0, (taps - 1) * readTapStep);
    }

    int maxRead() {
        return readStart + Math.max(0, (count - 1) * readStep) + Math.max(0, (taps - 1) * readTapStep);
    }

    boolean reads() {
        return taps > 0 && count > 0;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The padding before and after a dimension of {@code size} that every read of these phases stays within. */
    static int[] padding(List<Axis> phases, int size) {
        int before = 0;
        int after = 0;
        for (Axis axis : phases) {
            if (axis.reads()) {
                before = Math.max(before, -axis.minRead());
                after = Math.max(after, axis.maxRead() - (size - 1));
            }
        }
        return new int[] {before, after};
    }
}
