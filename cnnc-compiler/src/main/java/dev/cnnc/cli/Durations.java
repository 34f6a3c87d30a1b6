package dev.cnnc.cli;

import java.util.Locale;

/** Short human durations: {@code 0.8 s}, {@code 42 s}, {@code 3 min 05 s}. */
final class Durations {

    private Durations() {}

    static String format(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }
}
