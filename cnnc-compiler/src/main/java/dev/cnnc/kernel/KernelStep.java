package dev.cnnc.kernel;

import java.util.Objects;

/**
 * One call of a pass: a kernel method and the range its parallel loop covers. A kernel with a
 * parallel loop runs {@code for (i = lo; i < hi; i++)} at its top, over {@code perSample * batch +
 * fixed} iterations that write disjoint parts of its outputs, so that threads can split the range;
 * a serial kernel ({@code perSample == fixed == 0}) is called once on one thread.
 */
public record KernelStep(String method, int perSample, int fixed) {

    public KernelStep {
        Objects.requireNonNull(method, "method");
        if (perSample < 0 || fixed < 0) {
            throw new IllegalArgumentException(method + ": a parallel range is not negative");
        }
    }

    public static KernelStep serial(String method) {
        return new KernelStep(method, 0, 0);
    }

    public boolean isParallel() {
        return perSample > 0 || fixed > 0;
    }

    /** How the range reads in listings: {@code batch * 56}, {@code 36}, or {@code serial}. */
    public String rangeText() {
        if (!isParallel()) {
            return "serial";
        }
        String batch = perSample == 0 ? "" : perSample == 1 ? "batch" : "batch * " + perSample;
        return fixed == 0 ? batch : batch.isEmpty() ? Integer.toString(fixed) : batch + " + " + fixed;
    }
}
