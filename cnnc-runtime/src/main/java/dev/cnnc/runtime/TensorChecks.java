package dev.cnnc.runtime;

import java.util.List;

/** The checks every {@link Network} makes of the tensors it is given, with the messages users read. */
public final class TensorChecks {

    private TensorChecks() {}

    public static void batch(NetworkSpec spec, int batch) {
        if (batch < 1) {
            throw new InvalidInputException(spec.name() + ": the batch size must be at least 1, not " + batch);
        }
    }

    /** Checks that {@code given} holds one array per tensor of {@code expected}, each of {@code batch} samples. */
    public static void tensors(NetworkSpec spec, List<TensorSpec> expected, float[][] given, int batch, String what) {
        if (given.length != expected.size()) {
            throw new InvalidInputException(spec.name() + " takes " + expected.size() + " " + what
                    + (expected.size() == 1 ? "" : "s") + ", given " + given.length);
        }
        for (int i = 0; i < given.length; i++) {
            TensorSpec tensor = expected.get(i);
            if (given[i] == null) {
                throw new InvalidInputException(spec.name() + ": " + what + " '" + tensor.name() + "' is missing");
            }
            long length = (long) batch * tensor.sampleSize();
            if (given[i].length != length) {
                throw new InvalidInputException(spec.name() + ": " + what + " '" + tensor.name() + "' has "
                        + given[i].length + " elements; " + tensor.batchShapeText().replace("N", Integer.toString(batch))
                        + " holds " + length);
            }
        }
    }
}
