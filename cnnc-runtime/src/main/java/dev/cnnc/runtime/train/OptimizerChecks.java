package dev.cnnc.runtime.train;

import dev.cnnc.runtime.io.NdArray;
import java.util.Map;

/** The argument and state checks the optimizers share. */
final class OptimizerChecks {

    private OptimizerChecks() {}

    static void positive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the " + what + " must be positive, not " + value);
        }
    }

    static void nonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the " + what + " must be zero or more, not " + value);
        }
    }

    static void fraction(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("the " + what + " must be in [0, 1), not " + value);
        }
    }

    static NdArray require(Map<String, NdArray> state, String key, String optimizer) {
        NdArray array = state.get(key);
        if (array == null) {
            throw new IllegalArgumentException("the saved optimizer state has no '" + key + "'; it was not saved by "
                    + optimizer + " for this network");
        }
        return array;
    }

    static void sameLength(float[] saved, float[] live, String parameter) {
        if (saved.length != live.length) {
            throw new IllegalArgumentException("the saved optimizer state of '" + parameter + "' has " + saved.length
                    + " values, the parameter " + live.length);
        }
    }
}
