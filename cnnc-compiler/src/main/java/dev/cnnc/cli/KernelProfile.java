package dev.cnnc.cli;

import dev.cnnc.bench.Workload;
import dev.cnnc.runtime.compiled.CompiledNetwork;
import dev.cnnc.runtime.compiled.KernelTime;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a compiled network's call goes, kernel by kernel, for {@code cnnc bench --kernels N}: its
 * steps timed over about {@link #SECONDS} seconds of steady calls. The clock reads around each step
 * cost some tens of nanoseconds, small beside kernels of microseconds.
 */
record KernelProfile(List<KernelTime> times, int calls, double microsPerCall) {

    static final double SECONDS = 2;

    static KernelProfile measure(CompiledNetwork network, Workload workload, double steadyMicrosPerCall) {
        int calls = (int) Math.max(3, Math.min(10_000, SECONDS * 1e6 / Math.max(1, steadyMicrosPerCall)));
        network.setKernelTiming(true);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < calls; i++) {
                workload.call();
            }
            return new KernelProfile(network.kernelTimes(), calls, (System.nanoTime() - start) / 1e3 / calls);
        } finally {
            network.setKernelTiming(false);
        }
    }

    void print(PrintWriter out, String backend, int limit) {
        out.printf(Locale.ROOT, "%s: the %d slowest of %d kernels, over %d calls of %.1f us (timed):%n", backend,
                Math.min(limit, times.size()), times.size(), calls, microsPerCall);
        out.printf(Locale.ROOT, "  %-56s %12s %7s%n", "kernel", "us/call", "share");
        for (KernelTime time : times.subList(0, Math.min(limit, times.size()))) {
            double micros = time.nanos() / 1e3 / calls;
            out.printf(Locale.ROOT, "  %-56s %12.1f %6.1f%%%n", time.kernel(), micros, 100 * micros / microsPerCall);
        }
    }

    List<Map<String, Object>> json(int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (KernelTime time : times.subList(0, Math.min(limit, times.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kernel", time.kernel());
            row.put("us_per_call", Math.round(time.nanos() / 1e3 / calls * 1000) / 1000.0);
            rows.add(row);
        }
        return rows;
    }
}
