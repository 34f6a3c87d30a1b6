package dev.cnnc.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * A parameter or buffer of a network, named as PyTorch's {@code state_dict} names it
 * ({@code conv1.weight}, {@code features.3.bias}, {@code bn.running_var}).
 *
 * @param fanIn the fan-in that PyTorch's default initialization scales by (input features, or
 *     input channels per group times the kernel volume); the fan-in of the layer's weight for its
 *     bias; 0 where initialization is a constant
 */
public record ParameterSpec(String name, int[] shape, Kind kind, int fanIn) {

    /** What a parameter is, which decides whether it is trained and how PyTorch initializes it. */
    public enum Kind {
        /** A convolution or dense weight: Kaiming-uniform with a = sqrt(5), that is uniform(+-1/sqrt(fan_in)). */
        WEIGHT(true),
        /** A convolution or dense bias: uniform(+-1/sqrt(fan_in)). */
        BIAS(true),
        /** A batch-norm scale: ones. */
        NORM_WEIGHT(true),
        /** A batch-norm shift: zeros. */
        NORM_BIAS(true),
        /** A batch-norm buffer: zeros. */
        RUNNING_MEAN(false),
        /** A batch-norm buffer: ones. */
        RUNNING_VAR(false);

        private final boolean trainable;

        Kind(boolean trainable) {
            this.trainable = trainable;
        }
    }

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        shape = shape.clone();
        for (int size : shape) {
            if (size < 1) {
                throw new IllegalArgumentException(name + ": dimension below 1 in " + Arrays.toString(shape));
            }
        }
        if ((kind == Kind.WEIGHT || kind == Kind.BIAS) && fanIn < 1) {
            throw new IllegalArgumentException(name + ": a weight or bias needs its fan-in for initialization");
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Whether training updates it; running statistics are buffers and are not trained. */
    public boolean trainable() {
        return kind.trainable;
    }

    public int elementCount() {
        int count = 1;
        for (int size : shape) {
            count *= size;
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterSpec that && name.equals(that.name) && Arrays.equals(shape, that.shape)
                && kind == that.kind && fanIn == that.fanIn;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), kind, fanIn);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
