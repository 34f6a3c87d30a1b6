package dev.cnnc.ir;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of one sample of a tensor, channels first, batch left out: {@code [F]}, {@code [C, L]},
 * {@code [C, H, W]} or {@code [C, D, H, W]}. Its element count always fits in an int, since every
 * backend indexes Java arrays.
 */
public final class Shape {

    private final int[] dims;

    private Shape(int[] dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a shape has at least one dimension");
        }
        long count = 1;
        for (int dim : dims) {
            if (dim < 1) {
                throw new IllegalArgumentException("dimension " + dim + " below 1 in " + Arrays.toString(dims));
            }
            count *= dim;
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31-1 elements");
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** Channels (or features, for a flat shape) followed by the spatial sizes. */
    public static Shape of(int channels, int[] spatial) {
        int[] dims = new int[spatial.length + 1];
        dims[0] = channels;
        System.arraycopy(spatial, 0, dims, 1, spatial.length);
        return new Shape(dims);
    }

    /** The element count of {@code dims}, or -1 when it would not fit in an int (or a dimension is below 1). */
    public static long elementsOrMinusOne(long... dims) {
        long count = 1;
        for (long dim : dims) {
            if (dim < 1) {
                return -1;
            }
            try {
                count = Math.multiplyExact(count, dim);
            } catch (ArithmeticException e) {
                return -1;
            }
            if (count > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return count;
    }

    public int rank() {
        return dims.length;
    }

    /** Spatial dimensions: 0 for a flat shape, 1 to 3 otherwise. */
    public int spatialRank() {
        return dims.length - 1;
    }

    public boolean isFlat() {
        return dims.length == 1;
    }

    public int channels() {
        return dims[0];
    }

    public int dim(int index) {
        return dims[index];
    }

    public int spatial(int index) {
        return dims[index + 1];
    }

    public int[] spatial() {
        return Arrays.copyOfRange(dims, 1, dims.length);
    }

    public int[] toArray() {
        return dims.clone();
    }

    public int elementCount() {
        int count = 1;
        for (int dim : dims) {
            count *= dim;
        }
        return count;
    }

    public Shape withChannels(int channels) {
        int[] copy = dims.clone();
        copy[0] = channels;
        return new Shape(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape that && Arrays.equals(dims, that.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@code [6, 28, 28]}, as the language writes an input shape. */
    @Override
    public String toString() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** {@code 6x28x28}, as tables print it. */
    public String compact() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }
}
