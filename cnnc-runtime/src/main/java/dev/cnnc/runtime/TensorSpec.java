package dev.cnnc.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A network input or output: its name and the shape of one sample, channels first
 * ({@code [C, H, W]}); tensors travel as flat {@code float[]} with the batch first.
 */
public record TensorSpec(String name, int[] shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        if (shape.length == 0) {
            throw new IllegalArgumentException(name + ": a tensor has at least one dimension");
        }
        for (int size : shape) {
            if (size < 1) {
                throw new IllegalArgumentException(name + ": dimension below 1 in " + Arrays.toString(shape));
            }
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The element count of one sample. */
    public int sampleSize() {
        int size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        return size;
    }

    /** The shape of a batch of {@code batch} samples: {@code [N, C, H, W]}. */
    public int[] batchShape(int batch) {
        int[] full = new int[shape.length + 1];
        full[0] = batch;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return full;
    }

    /** {@code [N, 1, 28, 28]}, as messages print a batch shape. */
    public String batchShapeText() {
        StringBuilder text = new StringBuilder("[N");
        for (int dim : shape) {
            text.append(", ").append(dim);
        }
        return text.append(']').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec that && name.equals(that.name) && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
