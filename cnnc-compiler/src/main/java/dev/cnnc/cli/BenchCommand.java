package dev.cnnc.cli;

import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.bench.BenchTimer;
import dev.cnnc.bench.FirstCall;
import dev.cnnc.bench.Flops;
import dev.cnnc.bench.Workload;
import dev.cnnc.driver.Backend;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.runtime.InvalidInputException;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.compiled.CompiledNetwork;
import dev.cnnc.util.JsonWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cnnc bench MODEL.cnn}: times backends side by side on one network in one run, and reports
 * each one's microseconds per call, GFLOP/s and speed relative to the interpreter.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Times a network on each backend in one run: microseconds per call, GFLOP/s and the ratio to the interpreter.",
            "Each backend warms up until its time per call is steady (Vector API code needs hundreds of calls), then"
                    + " five rounds are measured and their median reported. Inputs are random, parameters get"
                    + " PyTorch's default initialization."
        })
final class BenchCommand implements Callable<Integer> {

    enum Format {
        TEXT,
        JSON
    }

    @Parameters(index = "0", paramLabel = "MODEL", description = "the .cnn file")
    Path model;

    @Option(names = "--network", paramLabel = "NAME", description = "which network of the file (needed when it has several)")
    String networkName;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "samples per call; default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "threads of the compiled network (the interpreter runs on one); default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--backward", description = "time a training-mode forward pass plus the backward pass of a fixed"
            + " random upstream gradient into the parameters, instead of an eval-mode forward pass")
    boolean backward;

    @Option(names = "--backend", paramLabel = "BACKEND", converter = RunCommand.BackendConverter.class,
            completionCandidates = RunCommand.BackendNames.class,
            description = "a backend to time (repeatable): ${COMPLETION-CANDIDATES}; default: all of them")
    List<Backend> backends = new ArrayList<>();

    @Option(names = "--unroll", paramLabel = "HOW", defaultValue = "full",
            description = "how far the bytecode backend unrolls fixed kernel loops: none, tile or full; default: ${DEFAULT-VALUE}")
    Unroll unroll;

    @Option(names = "--lanes", paramLabel = "N",
            description = "floats per vector of the generated backends' vector class (4, 8 or 16); default: as cnnc"
                    + " compiles it (see cnnc --help)")
    Integer lanes;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a table) or json (one object per backend per line); default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--round-ms", paramLabel = "MS", defaultValue = "200", hidden = true,
            description = "how long one timing round runs at least")
    long roundMillis;

    @Option(names = "--max-warmup-ms", paramLabel = "MS", defaultValue = "60000", hidden = true,
            description = "when warm-up stops waiting for steady rounds")
    long maxWarmupMillis;

    @Option(names = "--first-call", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also time the generated backends' first calls in a fresh JVM (compile, load, first call,"
                    + " time until steady); --no-first-call skips it")
    boolean firstCall;

    @Option(names = "--first-call-limit-ms", paramLabel = "MS", defaultValue = "60000", hidden = true,
            description = "how long the fresh JVM calls the network waiting for steady calls")
    long firstCallLimitMillis;

    @Option(names = "--kernels", paramLabel = "N", defaultValue = "0",
            description = "after measuring, time each kernel of the generated backends over about two seconds of"
                    + " calls and list the N slowest, with their share of a call; default: none")
    int kernels;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "seed of the inputs and parameters")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private record Measured(Backend backend, String detail, int threads, BenchTimer.Timing timing, double flops,
            Map<String, Object> firstCall, KernelProfile kernels) {
        double gflops() {
            return flops / (timing.microsPerCall() * 1e3);
        }
    }

    @Override
    public Integer call() {
        if (batch < 1 || threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch and --threads are at least 1");
        }
        if (lanes != null && lanes != 4 && lanes != 8 && lanes != 16) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lanes is 4, 8 or 16, not " + lanes);
        }
        if (kernels < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--kernels is at least 0, not " + kernels);
        }
        if (roundMillis < 1 || maxWarmupMillis < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--round-ms is at least 1, --max-warmup-ms at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return bench(out, err);
        } catch (InputError e) {
            err.println("cnnc bench: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }

    private int bench(PrintWriter out, PrintWriter err) throws InputError {
        CheckResult result = FrontEnd.check(model);
        CheckCommand.printDiagnostics(result, err);
        if (!result.ok()) {
            return ExitCodes.INPUT_ERROR;
        }
        CheckedGraph graph = NetworkChoice.pick(result, model, networkName);
        List<Backend> chosen = backends.isEmpty() ? List.of(Backend.values()) : backends.stream().distinct().toList();
        Workload.Mode mode = backward ? Workload.Mode.BACKWARD : Workload.Mode.FORWARD;
        double flops = Flops.perCall(graph, batch, mode);
        BenchTimer timer = new BenchTimer(roundMillis, maxWarmupMillis);
        List<Measured> measured = new ArrayList<>();
        int width = lanes != null ? lanes : BytecodeBackend.lanesFor(graph);
        for (Backend backend : chosen) {
            // Warm-up takes seconds per backend; say so on stderr, which leaves the table or JSON alone.
            long start = System.nanoTime();
            err.printf(Locale.ROOT, "cnnc bench: %s: compiling, then warming up until its time per call is steady"
                    + " (at most %.0f s) and measuring %d rounds...%n", backend.cliName(), maxWarmupMillis / 1000.0,
                    BenchTimer.MEASURED_ROUNDS);
            err.flush();
            try (Network network = backend.load(graph, unroll, width)) {
                network.setThreads(threads);
                Workload workload = new Workload(network, batch, mode, seed);
                int used = network instanceof CompiledNetwork ? threads : 1;
                BenchTimer.Timing timing = timer.time(workload);
                Map<String, Object> first = firstCall && backend != Backend.INTERPRETER
                        ? FreshJvm.firstCall(model, networkName, backend, batch, threads, mode, unroll, width, seed,
                                firstCallLimitMillis, timing.microsPerCall(), err)
                        : null;
                KernelProfile profile = kernels > 0 && network instanceof CompiledNetwork compiled
                        ? KernelProfile.measure(compiled, workload, timing.microsPerCall())
                        : null;
                measured.add(new Measured(backend, detail(network), used, timing, flops, first, profile));
                err.printf(Locale.ROOT, "cnnc bench: %s: %.1f us per call after %,d warm-up calls (%.1f s)%n",
                        backend.cliName(), timing.microsPerCall(), timing.warmupCalls(), (System.nanoTime() - start) / 1e9);
                err.flush();
            } catch (InvalidInputException e) {
                throw new InputError(e.getMessage());
            }
        }
        if (format == Format.JSON) {
            measured.forEach(m -> out.println(JsonWriter.write(json(graph, m, mode, measured))));
        } else {
            printTable(out, graph, mode, flops, measured);
        }
        return ExitCodes.OK;
    }

    private static String detail(Network network) {
        if (network instanceof CompiledNetwork compiled) {
            return compiled.lanes() == 1 ? "scalar class" : "Vector API, " + compiled.lanes() + " lanes";
        }
        return "generic kernels";
    }

    private Map<String, Object> json(CheckedGraph graph, Measured m, Workload.Mode mode, List<Measured> all) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("model", graph.graph().name());
        object.put("backend", m.backend().cliName());
        object.put("batch", batch);
        object.put("threads", m.threads());
        object.put("mode", mode.jsonName());
        object.put("us_per_call", round(m.timing().microsPerCall()));
        object.put("gflops", round(m.gflops()));
        Double ratio = ratio(m, all);
        if (ratio != null) {
            object.put("vs_interpreter", round(ratio));
        }
        object.put("steady", m.timing().steady());
        object.put("warmup_calls", m.timing().warmupCalls());
        if (m.firstCall() != null) {
            object.put("fresh_jvm", m.firstCall());
        }
        if (m.kernels() != null) {
            object.put("kernels", m.kernels().json(kernels));
        }
        return object;
    }

    private void printTable(PrintWriter out, CheckedGraph graph, Workload.Mode mode, double flops, List<Measured> all) {
        out.printf(Locale.ROOT, "%s (%s): batch %d, %s, %s, %.3f GFLOP per call%n", graph.graph().name(), model, batch,
                threads == 1 ? "1 thread" : threads + " threads",
                mode == Workload.Mode.FORWARD ? "forward (eval mode)" : "forward + backward (training mode)", flops / 1e9);
        out.printf(Locale.ROOT, "%-12s %-24s %7s %12s %9s %15s%n", "backend", "kernels", "threads", "us/call", "GFLOP/s",
                "vs interpreter");
        for (Measured m : all) {
            Double ratio = ratio(m, all);
            out.printf(Locale.ROOT, "%-12s %-24s %7d %12.1f %9.2f %15s%s%n", m.backend().cliName(), m.detail(), m.threads(),
                    m.timing().microsPerCall(), m.gflops(), ratio == null ? "-" : String.format(Locale.ROOT, "%.1fx", ratio),
                    m.timing().steady() ? "" : String.format(Locale.ROOT, "  (NOT steady after %.0f s of warm-up)",
                            maxWarmupMillis / 1000.0));
        }
        if (all.stream().anyMatch(m -> m.firstCall() != null)) {
            out.printf(Locale.ROOT, "In a fresh JVM (steady: the median of %d calls within %.0f%% of the steady time above):%n",
                    FirstCall.WINDOW, 100 * FirstCall.TOLERANCE);
        }
        for (Measured m : all) {
            if (m.kernels() != null) {
                m.kernels().print(out, m.backend().cliName(), kernels);
            }
        }
        for (Measured m : all) {
            Map<String, Object> f = m.firstCall();
            if (f != null) {
                boolean steady = Boolean.TRUE.equals(f.get("steady"));
                out.printf(Locale.ROOT, "%-12s check %s ms, compile and load %s ms, first call %s ms; %s %s s after the JVM started"
                        + " (%.0f calls), at %s us per call%n", m.backend().cliName(), f.get("check_ms"), f.get("compile_and_load_ms"),
                        f.get("first_call_ms"), steady ? "steady" : "NOT steady yet", f.get("steady_after_s"),
                        ((Number) f.get("calls_to_steady")).doubleValue(), f.get("steady_us"));
            }
        }
    }

    /** How many times faster than the interpreter measured in the same run, or null without one. */
    private static Double ratio(Measured m, List<Measured> all) {
        for (Measured other : all) {
            if (other.backend() == Backend.INTERPRETER) {
                return other.timing().microsPerCall() / m.timing().microsPerCall();
            }
        }
        return null;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
