package dev.cnnc.ir;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An immutable list of ints: a per-spatial-dimension attribute such as a kernel or a stride. */
public final class Dims {

    private final int[] values;

    private Dims(int[] values) {
        this.values = values;
    }

    public static Dims of(int... values) {
        return new Dims(values.clone());
    }

    /** The same value in each of {@code rank} dimensions. */
    public static Dims filled(int rank, int value) {
        int[] values = new int[rank];
        Arrays.fill(values, value);
        return new Dims(values);
    }

    public int size() {
        return values.length;
    }

    public int get(int index) {
        return values[index];
    }

    public int[] toArray() {
        return values.clone();
    }

    public boolean all(int value) {
        return Arrays.stream(values).allMatch(v -> v == value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dims that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /** {@code [3, 3]}, as the language writes lists. */
    @Override
    public String toString() {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
