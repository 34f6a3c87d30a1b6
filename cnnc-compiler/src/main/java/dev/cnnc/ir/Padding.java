package dev.cnnc.ir;

import java.util.Objects;

/**
 * The padding of a (transposed) convolution: explicit sizes per spatial dimension (each side), or
 * {@code same} / {@code valid}, resolved against the input size when shapes are checked.
 */
public record Padding(Mode mode, Dims explicit) {

    public enum Mode {
        EXPLICIT,
        SAME,
        VALID
    }

    public Padding {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(explicit, "explicit");
        if (mode != Mode.EXPLICIT && !explicit.all(0)) {
            throw new IllegalArgumentException(mode + " padding carries no sizes");
        }
        for (int i = 0; i < explicit.size(); i++) {
            if (explicit.get(i) < 0) {
                throw new IllegalArgumentException("negative padding " + explicit);
            }
        }
    }

    public static Padding explicit(Dims sizes) {
        return new Padding(Mode.EXPLICIT, sizes);
    }

    public static Padding same(int rank) {
        return new Padding(Mode.SAME, Dims.filled(rank, 0));
    }

    public static Padding valid(int rank) {
        return new Padding(Mode.VALID, Dims.filled(rank, 0));
    }

    public boolean isSame() {
        return mode == Mode.SAME;
    }

    @Override
    public String toString() {
        return switch (mode) {
            case EXPLICIT -> explicit.toString();
            case SAME -> "same";
            case VALID -> "valid";
        };
    }
}
