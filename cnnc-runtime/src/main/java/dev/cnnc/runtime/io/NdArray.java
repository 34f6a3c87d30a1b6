package dev.cnnc.runtime.io;

import java.util.Arrays;

/**
 * A float32 array with a shape, in C order (the last index varies fastest), as NumPy stores it.
 *
 * @param shape the size of each dimension; empty for a scalar
 * @param data the elements, {@code product(shape)} of them
 */
public record NdArray(int[] shape, float[] data) {

    public NdArray {
        shape = shape.clone();
        long count = 1;
        for (int size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= size;
        }
        if (count != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + count + " elements, data has " + data.length);
        }
    }

    /** A zero-filled array of the given shape. */
    public static NdArray zeros(int... shape) {
        long count = 1;
        for (int size : shape) {
            count *= size;
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements");
        }
        return new NdArray(shape, new float[(int) count]);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int index) {
        return shape[index];
    }

    /** The shape as NumPy prints it, e.g. {@code (6, 1, 5, 5)}. */
    public String shapeString() {
        return shapeString(shape);
    }

    public static String shapeString(int[] shape) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NdArray that && Arrays.equals(shape, that.shape) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NdArray" + shapeString();
    }
}
