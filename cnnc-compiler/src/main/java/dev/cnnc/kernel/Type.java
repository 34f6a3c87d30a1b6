package dev.cnnc.kernel;

/**
 * The types a kernel computes with. {@code VECTOR} is a vector of floats as wide as the class's
 * lane count: a {@code FloatVector} of the class's species, or a plain float in the scalar variant.
 * A table is an array of arrays: the tensors and parameters a network method reaches by slot.
 */
public enum Type {
    INT("I"),
    FLOAT("F"),
    VECTOR("Ljdk/incubator/vector/FloatVector;"),
    INT_ARRAY("[I"),
    FLOAT_ARRAY("[F"),
    INT_TABLE("[[I"),
    FLOAT_TABLE("[[F");

    private final String descriptor;

    Type(String descriptor) {
        this.descriptor = descriptor;
    }

    /** The JVM descriptor in the vector variant, e.g. {@code F} or {@code [F}. */
    public String descriptor() {
        return descriptor;
    }

    /** The JVM descriptor when vectors are single floats. */
    public String descriptor(boolean scalar) {
        return scalar && this == VECTOR ? "F" : descriptor;
    }

    public boolean isArray() {
        return this == INT_ARRAY || this == FLOAT_ARRAY || this == INT_TABLE || this == FLOAT_TABLE;
    }

    /** Whether arithmetic applies: ints, floats and vectors. */
    public boolean isNumber() {
        return this == INT || this == FLOAT || this == VECTOR;
    }

    /** The element type of an array type. */
    public Type element() {
        return switch (this) {
            case INT_ARRAY -> INT;
            case FLOAT_ARRAY -> FLOAT;
            case INT_TABLE -> INT_ARRAY;
            case FLOAT_TABLE -> FLOAT_ARRAY;
            default -> throw new IllegalArgumentException(this + " is not an array type");
        };
    }
}
