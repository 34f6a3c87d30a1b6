package dev.cnnc.bench;

import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.driver.Backend;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.runtime.Network;
import dev.cnnc.util.JsonWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a user waits for in a fresh JVM before a network is fast: checking the model, compiling and
 * loading its classes, the first call, and how long from the JVM's start until calls are steady. {@code cnnc
 * bench} runs this class as a process of its own (JIT state is per JVM, so only a fresh one shows
 * the first call) and reads the one JSON line it prints.
 *
 * <p>Steady, by rule: the median of the last {@link #WINDOW} calls is within {@link #TOLERANCE} of
 * the steady time {@code cnnc bench} measured after its long warm-up. (A rule that waits for calls
 * to stop getting faster fires on the plateaus of interpreted code.) The time to steady is measured
 * from the JVM's start to the first call of that window.
 */
public final class FirstCall {

    public static final int WINDOW = 10;
    public static final double TOLERANCE = 0.10;

    private FirstCall() {}

    /** The calls one fresh JVM made: the first one's time, and when (and whether) they became steady. */
    public record Result(double firstCallMillis, double steadyAfterSeconds, int callsToSteady, boolean steady,
            double steadyMillis) {}

    /**
     * Arguments: model, network name (or {@code -}), backend, batch, threads, mode, unroll, lanes (0: as
     * cnnc chooses), seed, time limit in milliseconds, the steady time per call in microseconds.
     */
    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        CheckResult result = FrontEnd.check(Path.of(args[0]));
        if (!result.ok()) {
            System.err.println("cnnc bench: " + args[0] + " does not check");
            System.exit(1);
        }
        CheckedGraph graph = args[1].equals("-") ? result.networks().get(0)
                : result.networks().stream().filter(n -> n.graph().name().equals(args[1])).findFirst().orElseThrow();
        Backend backend = Backend.valueOf(args[2].toUpperCase(Locale.ROOT));
        int batch = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        Workload.Mode mode = Workload.Mode.valueOf(args[5].toUpperCase(Locale.ROOT));
        Unroll unroll = Unroll.valueOf(args[6].toUpperCase(Locale.ROOT));
        int lanes = Integer.parseInt(args[7]);
        long seed = Long.parseLong(args[8]);
        long limitNanos = Long.parseLong(args[9]) * 1_000_000;
        double steadyMillis = Double.parseDouble(args[10]) / 1000;
        long checked = System.nanoTime();
        try (Network network = backend.load(graph, unroll, lanes > 0 ? lanes : BytecodeBackend.lanesFor(graph))) {
            long loaded = System.nanoTime();
            network.setThreads(threads);
            Workload workload = new Workload(network, batch, mode, seed);
            Result measured = measure(workload, jvmStart, limitNanos, steadyMillis);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("check_ms", round((checked - t0) / 1e6));
            json.put("compile_and_load_ms", round((loaded - checked) / 1e6));
            json.put("first_call_ms", round(measured.firstCallMillis()));
            json.put("steady_after_s", round(measured.steadyAfterSeconds()));
            json.put("calls_to_steady", measured.callsToSteady());
            json.put("steady", measured.steady());
            json.put("steady_us", round(measured.steadyMillis() * 1000));
            System.out.println(JsonWriter.write(json));
        }
    }

    /** Calls until steady (near {@code steadyMillis}) or until {@code limitNanos} have passed since the first call. */
    static Result measure(Workload workload, long jvmStartMillis, long limitNanos, double steadyMillis) {
        List<Double> millis = new ArrayList<>();
        List<Double> startedAt = new ArrayList<>();   // seconds since the JVM started, at each call's start
        long start = System.nanoTime();
        double offset = (System.currentTimeMillis() - jvmStartMillis) / 1e3;
        float sink = 0;
        while (true) {
            long s = System.nanoTime();
            startedAt.add(offset + (s - start) / 1e9);
            sink += workload.call();
            millis.add((System.nanoTime() - s) / 1e6);
            int n = millis.size();
            if (n >= WINDOW) {
                double last = median(millis.subList(n - WINDOW, n));
                if (last <= (1 + TOLERANCE) * steadyMillis) {
                    BenchTimer.consumed = sink;
                    return new Result(millis.get(0), startedAt.get(n - WINDOW), n - WINDOW, true, last);
                }
            }
            if (System.nanoTime() - start > limitNanos) {
                BenchTimer.consumed = sink;
                return new Result(millis.get(0), offset + (System.nanoTime() - start) / 1e9, n, false,
                        median(millis.subList(Math.max(0, n - WINDOW), n)));
            }
        }
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

}
