package dev.cnnc.cli;

import dev.cnnc.runtime.io.NdArray;
import java.util.Locale;

/** One line about a tensor for people: its shape, min, max and mean, and how many values are not numbers. */
final class TensorStatistics {

    private TensorStatistics() {}

    static String describe(String name, NdArray array) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int finite = 0;
        int nan = 0;
        for (float value : array.data()) {
            if (Float.isNaN(value)) {
                nan++;
                continue;
            }
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            finite++;
        }
        StringBuilder text = new StringBuilder(name).append(": shape ").append(java.util.Arrays.toString(array.shape()));
        if (finite > 0) {
            text.append(String.format(Locale.ROOT, "  min %.6g  max %.6g  mean %.6g", min, max, sum / finite));
        }
        if (nan > 0) {
            text.append("  NaN: ").append(nan).append(" of ").append(array.data().length);
        }
        return text.toString();
    }

    static int countNaN(float[] values) {
        int count = 0;
        for (float value : values) {
            if (Float.isNaN(value)) {
                count++;
            }
        }
        return count;
    }
}
