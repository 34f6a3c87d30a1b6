package dev.cnnc.kernel;

import java.util.Objects;

/**
 * One call of a pass: a kernel method and the range its parallel loop covers. A kernel with a
 * parallel loop runs {@code for (i = lo; i < hi; i++)} at its top, over {@code perSample * batch +
 * fixed} iterations that write disjoint parts of its outputs, so that threads can split the range;
 * a serial kernel ({@code perSample == fixed == 0}) is called once on one thread.
 *
 * @param phase when a forward step runs: always, or in one mode only
 * @param cost the statements one iteration of the parallel loop runs, estimated ({@link KernelCost})
 */
public record KernelStep(String method, int perSample, int fixed, Phase phase, long cost) {

    /**
     * Which forward passes run a step. Where a layer has a cheaper eval-mode variant (batch norm
     * folded into the convolution before it, a max pool that keeps no winner indices), an eval-mode
     * forward runs the {@link #EVAL} kernels, and a training-mode one the {@link #TRAINING} ones,
     * which also run (in eval mode) before a backward pass that follows an eval-mode forward, since
     * the gradients need what the eval variants skip.
     */
    public enum Phase {
        ALWAYS,
        TRAINING,
        EVAL;

        public String layoutName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public KernelStep(String method, int perSample, int fixed) {
        this(method, perSample, fixed, Phase.ALWAYS, 1);
    }

    public KernelStep {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(phase, "phase");
        if (perSample < 0 || fixed < 0) {
            throw new IllegalArgumentException(method + ": a parallel range is not negative");
        }
    }

    public static KernelStep serial(String method) {
        return new KernelStep(method, 0, 0);
    }

    public KernelStep in(Phase other) {
        return new KernelStep(method, perSample, fixed, other, cost);
    }

    public boolean isParallel() {
        return perSample > 0 || fixed > 0;
    }

    /** How the range reads in listings: {@code batch * 56}, {@code 36}, or {@code serial}. */
    public String rangeText() {
        String when = phase == Phase.ALWAYS ? "" : " (" + phase.layoutName() + ")";
        if (!isParallel()) {
            return "serial" + when;
        }
        String batch = perSample == 0 ? "" : perSample == 1 ? "batch" : "batch * " + perSample;
        return (fixed == 0 ? batch : batch.isEmpty() ? Integer.toString(fixed) : batch + " + " + fixed) + when;
    }
}
