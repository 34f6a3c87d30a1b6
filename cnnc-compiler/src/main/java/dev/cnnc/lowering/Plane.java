package dev.cnnc.lowering;

import static dev.cnnc.lowering.E.add;
import static dev.cnnc.lowering.E.c;
import static dev.cnnc.lowering.E.mul;
import static dev.cnnc.lowering.E.row;

import dev.cnnc.kernel.Expr;
import dev.cnnc.ir.Shape;

/**
 * An array of the table in channels-last layout, {@code [N][D][H][W][C padded]}: a tensor, its
 * gradient, or a border-padded copy of one. Lower ranks are widened with leading ones, and a flat
 * {@code [F]} tensor is one position of F channels.
 */
record Plane(int slot, int channels, int padded, int depth, int height, int width) {

    static Plane of(int slot, Shape shape, int lanes) {
        int[] s = widen(shape);
        return new Plane(slot, shape.channels(), roundUp(shape.channels(), lanes), s[0], s[1], s[2]);
    }

    /** The spatial sizes widened to three, {@code [D, H, W]}. */
    static int[] widen(Shape shape) {
        int[] sizes = {1, 1, 1};
        int rank = shape.spatialRank();
        for (int i = 0; i < rank; i++) {
            sizes[3 - rank + i] = shape.spatial(i);
        }
        return sizes;
    }

    static int roundUp(int channels, int lanes) {
        return (channels + lanes - 1) / lanes * lanes;
    }

    /**
     * The same array with every {@code k} of its rows read as one, {@code [N][1][D*H/k][k*W][C padded]}:
     * the same indices, since a row's positions follow the last position of the row before.
     */
    Plane withRowsMerged(int k) {
        int rows = depth * height;
        if (k < 1 || rows % k != 0) {
            throw new IllegalArgumentException(k + " does not divide the " + rows + " rows");
        }
        return k == 1 ? this : new Plane(slot, channels, padded, 1, rows / k, width * k);
    }

    int[] sizes() {
        return new int[] {depth, height, width};
    }

    int positions() {
        return depth * height * width;
    }

    int sampleSize() {
        return positions() * padded;
    }

    /** The index of channel {@code channel} at position {@code (d, h, w)} of sample {@code n}. */
    Expr at(Expr n, Expr d, Expr h, Expr w, Expr channel) {
        return add(mul(position(n, d, h, w), c(padded)), channel);
    }

    /** The flat position {@code ((n*D + d)*H + h)*W + w}. */
    Expr position(Expr n, Expr d, Expr h, Expr w) {
        return row(row(row(n, depth, d), height, h), width, w);
    }

    /** The index of {@code channel} at flat position {@code position} (counted over the batch). */
    Expr at(Expr position, Expr channel) {
        return add(mul(position, c(padded)), channel);
    }
}
