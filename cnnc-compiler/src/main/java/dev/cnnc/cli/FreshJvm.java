package dev.cnnc.cli;

import dev.cnnc.bench.FirstCall;
import dev.cnnc.bench.Workload;
import dev.cnnc.driver.Backend;
import dev.cnnc.lowering.Unroll;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link FirstCall} in a JVM of its own, started as this one was (same java, class path and JVM
 * options, so {@code CNNC_JAVA_OPTS} experiments carry over), and returns what it printed.
 */
final class FreshJvm {

    private FreshJvm() {}

    /** The fresh JVM's figures, or null (with a note on {@code err}) when it could not run. */
    static Map<String, Object> firstCall(Path model, String network, Backend backend, int batch, int threads,
            Workload.Mode mode, Unroll unroll, int lanes, long seed, long limitMillis, double steadyMicros, PrintWriter err) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstCall.class.getName(), model.toString(),
                network == null ? "-" : network, backend.cliName(), String.valueOf(batch), String.valueOf(threads),
                mode.name().toLowerCase(Locale.ROOT), unroll.name().toLowerCase(Locale.ROOT), String.valueOf(lanes),
                String.valueOf(seed), String.valueOf(limitMillis), String.valueOf(steadyMicros)));
        err.printf(Locale.ROOT, "cnnc bench: %s: the first calls in a fresh JVM, until steady (at most %.0f s)...%n",
                backend.cliName(), limitMillis / 1000.0);
        err.flush();
        Path output = null;
        try {
            // Into a file, not a pipe: reading a pipe would wait for a JVM that hangs, past the time limit.
            output = Files.createTempFile("cnnc-first-call", ".json");
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(output.toFile()).start();
            // The fresh JVM stops calling at the limit; compiling and the first call come on top of it.
            if (!process.waitFor(limitMillis + 120_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                err.println("cnnc bench: note: the fresh JVM did not finish; no first-call figures");
                return null;
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0 || printed.isEmpty()) {
                err.println("cnnc bench: note: the fresh JVM gave no figures (exit " + process.exitValue() + ")");
                return null;
            }
            return flatObject(printed.lines().reduce((a, b) -> b).orElseThrow());
        } catch (IOException | RuntimeException e) {
            err.println("cnnc bench: note: could not start a fresh JVM for the first-call figures: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // A temporary file left behind harms nothing.
                }
            }
        }
    }

    /** The fields of the flat JSON object {@link FirstCall} prints: numbers and booleans, in order. */
    static Map<String, Object> flatObject(String json) {
        Map<String, Object> fields = new LinkedHashMap<>();
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("\"([a-z_]+)\":(true|false|-?[0-9.Ee+-]+)").matcher(json);
        while (field.find()) {
            String value = field.group(2);
            fields.put(field.group(1), value.equals("true") || value.equals("false") ? (Object) Boolean.valueOf(value)
                    : (Object) Double.valueOf(value));
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no figures in '" + json + "'");
        }
        return fields;
    }
}
