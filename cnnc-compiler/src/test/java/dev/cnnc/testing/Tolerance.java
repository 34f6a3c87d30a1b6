package dev.cnnc.testing;

import dev.cnnc.runtime.io.NdArray;
import java.util.Arrays;

/**
 * The golden README's comparison rule: {@code |A - E| <= atol * max|E| + rtol * |E|} element-wise,
 * with {@code atol} alone when {@code E} is all zeros; shapes must match exactly.
 */
public final class Tolerance {

    public static final double RTOL = 1e-4;
    public static final double ATOL = 1e-5;

    private Tolerance() {}

    /** Null when {@code actual} matches {@code expected}, otherwise what differs first and by how much. */
    public static String mismatch(NdArray expected, NdArray actual, double rtol, double atol) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return "shape " + actual.shapeString() + ", expected " + expected.shapeString();
        }
        float[] e = expected.data();
        float[] a = actual.data();
        double floor = floor(e, atol);
        int bad = 0;
        int first = -1;
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double error = Math.abs((double) a[i] - e[i]);
            double allowed = floor + rtol * Math.abs(e[i]);
            if (!(error <= allowed)) {
                bad++;
                if (first < 0) {
                    first = i;
                }
                worst = Math.max(worst, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error / allowed);
            }
        }
        if (bad == 0) {
            return null;
        }
        return bad + " of " + e.length + " elements out of tolerance, first at flat index " + first + ": " + a[first]
                + " vs expected " + e[first] + "; worst error " + String.format("%.3g", worst) + "x the allowance";
    }

    /** The largest error of {@code actual} as a fraction of what the rule allows; above 1 is a mismatch. */
    public static double worstRatio(NdArray expected, NdArray actual, double rtol, double atol) {
        float[] e = expected.data();
        float[] a = actual.data();
        double floor = floor(e, atol);
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs((double) a[i] - e[i]) / (floor + rtol * Math.abs(e[i])));
        }
        return worst;
    }

    /** {@code atol * max|E|}, or {@code atol} alone when {@code E} is all zeros. */
    private static double floor(float[] expected, double atol) {
        double max = 0;
        for (float value : expected) {
            max = Math.max(max, Math.abs(value));
        }
        return max == 0 ? atol : atol * max;
    }

    public static String mismatch(NdArray expected, NdArray actual) {
        return mismatch(expected, actual, RTOL, ATOL);
    }
}
