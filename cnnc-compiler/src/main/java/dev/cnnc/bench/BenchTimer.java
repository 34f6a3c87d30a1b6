package dev.cnnc.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times a workload: warms it up in rounds until the time per call is steady, then measures
 * {@link #MEASURED_ROUNDS} rounds and reports their median. Vector API code runs slowly until C2
 * has compiled it, which takes hundreds of calls, so warm-up asks for a minimum number of calls as
 * well as steady rounds, and for rounds in which the JIT compilers were quiet: a network's calls
 * plateau for seconds at a time while C2 compiles one kernel after another, and rounds on such a
 * plateau agree with each other (on a 2-core AVX2 machine ResNet-18 sat at 200-250 ms per call
 * for seconds on its way to 80). A slow workload (the interpreter on a large layer) stops warming
 * after a time limit instead.
 */
public final class BenchTimer {

    /** Rounds measured after warm-up; the median is the result. */
    public static final int MEASURED_ROUNDS = 5;
    /** Warm-up ends when this many consecutive rounds agree within {@link #STEADY_SPREAD}. */
    private static final int STEADY_ROUNDS = 3;
    private static final double STEADY_SPREAD = 0.05;
    /** Warm-up lasts at least this many calls, or {@link #MIN_WARMUP_NANOS} for networks whose calls are long. */
    private static final int MIN_WARMUP_CALLS = 500;
    /** A ResNet's calls plateau for seconds while C2 compiles kernel after kernel; steady rounds then mean little. */
    private static final long MIN_WARMUP_NANOS = 15_000_000_000L;
    /** Steady rounds spent at most this share of their time compiling (the JIT's threads, summed). */
    private static final double QUIET_COMPILATION = 0.02;

    /** Where the calls' checksums go, so that the JIT cannot drop the work ({@link FirstCall}'s too). */
    static volatile float consumed;

    private final long roundNanos;
    private final long maxWarmupNanos;

    /** The timing of one workload: microseconds per call and how it was reached. */
    public record Timing(double microsPerCall, long warmupCalls, long measuredCalls, boolean steady) {}

    /**
     * @param roundMillis how long one round runs at least (a round is at least one call)
     * @param maxWarmupMillis when warm-up gives up waiting for steady rounds
     */
    public BenchTimer(long roundMillis, long maxWarmupMillis) {
        if (roundMillis < 1 || maxWarmupMillis < 0) {
            throw new IllegalArgumentException("rounds take at least 1 ms and warm-up at least 0 ms");
        }
        this.roundNanos = roundMillis * 1_000_000;
        this.maxWarmupNanos = maxWarmupMillis * 1_000_000;
    }

    public Timing time(Workload workload) {
        float sink = 0;
        long warmupCalls = 0;
        long warmupStart = System.nanoTime();
        List<Double> recent = new ArrayList<>();
        List<Double> compiling = new ArrayList<>();   // share of each recent round the JIT spent compiling
        boolean steady = false;
        while (true) {
            long compiledBefore = compilationMillis();
            Round round = round(workload);
            sink += round.sink;
            warmupCalls += round.calls;
            recent.add(round.nanosPerCall());
            compiling.add((compilationMillis() - compiledBefore) * 1e6 / round.nanos);
            if (recent.size() > STEADY_ROUNDS) {
                recent.remove(0);
                compiling.remove(0);
            }
            boolean warmedLongEnough = warmupCalls >= MIN_WARMUP_CALLS || System.nanoTime() - warmupStart >= MIN_WARMUP_NANOS;
            boolean quiet = compiling.stream().allMatch(share -> share <= QUIET_COMPILATION);
            steady = warmedLongEnough && recent.size() == STEADY_ROUNDS && spread(recent) <= STEADY_SPREAD && quiet;
            if (steady || System.nanoTime() - warmupStart > maxWarmupNanos) {
                break;
            }
        }
        double[] perCall = new double[MEASURED_ROUNDS];
        long measuredCalls = 0;
        for (int r = 0; r < MEASURED_ROUNDS; r++) {
            Round round = round(workload);
            sink += round.sink;
            measuredCalls += round.calls;
            perCall[r] = round.nanosPerCall();
        }
        consumed = sink;
        Arrays.sort(perCall);
        return new Timing(perCall[MEASURED_ROUNDS / 2] / 1000.0, warmupCalls, measuredCalls, steady);
    }

    private record Round(long calls, long nanos, float sink) {
        double nanosPerCall() {
            return (double) nanos / calls;
        }
    }

    private Round round(Workload workload) {
        float sink = 0;
        long calls = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            sink += workload.call();
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < roundNanos);
        return new Round(calls, elapsed, sink);
    }

    /** Milliseconds the JIT compilers have spent so far, or 0 where the JVM does not say (then only the times count). */
    private static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static double spread(List<Double> values) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return (max - min) / min;
    }
}
