package dev.cnnc.kernel;

/** The types a kernel computes with. */
public enum Type {
    INT("I"),
    FLOAT("F"),
    INT_ARRAY("[I"),
    FLOAT_ARRAY("[F");

    private final String descriptor;

    Type(String descriptor) {
        this.descriptor = descriptor;
    }

    /** The JVM descriptor, {@code F} or {@code [F}. */
    public String descriptor() {
        return descriptor;
    }

    public boolean isArray() {
        return this == INT_ARRAY || this == FLOAT_ARRAY;
    }

    /** The element type of an array type. */
    public Type element() {
        return switch (this) {
            case INT_ARRAY -> INT;
            case FLOAT_ARRAY -> FLOAT;
            default -> throw new IllegalArgumentException(this + " is not an array type");
        };
    }
}
