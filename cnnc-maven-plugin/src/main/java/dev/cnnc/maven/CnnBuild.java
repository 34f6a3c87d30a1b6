package dev.cnnc.maven;

import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.backend.java.JavaSourceBackend;
import dev.cnnc.cli.Version;
import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.diagnostics.DiagnosticPrinter;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.runtime.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * One run of the plugin's work, with no Maven types: finds the models, compiles those that changed
 * since the last build (as Java source or as classes), removes what models that are gone had
 * written, and reports every diagnostic as {@code FILE:LINE:COL} through a {@link BuildLog}.
 */
final class CnnBuild {

    private final BuildOptions options;
    private final BuildLog log;

    CnnBuild(BuildOptions options, BuildLog log) {
        this.options = options;
        this.log = log;
    }

    BuildSummary run() throws BuildFailure {
        List<String> models;
        try {
            models = ModelScanner.scan(options.sources(), options.includes(), options.excludes());
        } catch (IOException e) {
            throw new BuildFailure("cannot read " + options.sources() + ": " + e.getMessage());
        }
        BuildStatus status = BuildStatus.read(options.statusFile());
        int removed = removeGone(status, models);
        int compiled = 0;
        int upToDate = 0;
        int errors = 0;
        int warnings = 0;
        Map<String, String> writers = new LinkedHashMap<>();
        for (String model : models) {
            Path file = options.sources().resolve(model);
            byte[] text;
            try {
                text = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new BuildFailure("cannot read " + file + ": " + e.getMessage());
            }
            String fingerprint = fingerprint(text);
            BuildStatus.Entry last = status.get(model);
            if (last != null && last.fingerprint().equals(fingerprint) && allExist(last.outputs())) {
                upToDate++;
                last.outputs().forEach(output -> writers.put(output, model));
                continue;
            }
            CheckResult result = FrontEnd.check(file.toString(), new String(text, StandardCharsets.UTF_8));
            for (Diagnostic diagnostic : result.diagnostics()) {
                String message = result.source() == null ? DiagnosticPrinter.headline(result.fileName(), diagnostic)
                        : DiagnosticPrinter.format(result.source(), diagnostic);
                if (diagnostic.isError()) {
                    errors++;
                    log.error(message);
                } else {
                    warnings++;
                    log.warn(message);
                }
            }
            if (!result.ok()) {
                status.remove(model);
                continue;
            }
            Map<String, byte[]> files = emit(model, file, result);
            for (String output : files.keySet()) {
                String other = writers.putIfAbsent(output, model);
                if (other != null && !other.equals(model)) {
                    log.error(file + ": writes " + output + ", which " + options.sources().resolve(other)
                            + " writes too; give one of the networks another name or set <packageName>");
                    errors++;
                }
            }
            write(files);
            if (last != null) {
                delete(last.outputs().stream().filter(output -> !files.containsKey(output)).toList());
            }
            status.put(model, new BuildStatus.Entry(fingerprint, new ArrayList<>(files.keySet())));
            compiled++;
        }
        try {
            status.write(options.statusFile());
        } catch (IOException e) {
            throw new BuildFailure("cannot write " + options.statusFile() + ": " + e.getMessage());
        }
        if (errors > 0) {
            throw new BuildFailure("cnnc found " + count(errors, "error") + " in the networks of " + options.sources());
        }
        if (warnings > 0 && options.failOnWarning()) {
            throw new BuildFailure("cnnc found " + count(warnings, "warning") + ", and failOnWarning is set");
        }
        return new BuildSummary(compiled, upToDate, removed);
    }

    /** Removes what models no longer there (or no longer included) wrote in an earlier build. */
    private int removeGone(BuildStatus status, List<String> models) throws BuildFailure {
        int removed = 0;
        for (String model : status.models()) {
            if (!models.contains(model)) {
                delete(status.get(model).outputs());
                status.remove(model);
                log.info("cnnc: " + model + " is gone; removed what it had generated");
                removed++;
            }
        }
        return removed;
    }

    /** The files of every network of a model, by their path under the output directory. */
    private Map<String, byte[]> emit(String model, Path file, CheckResult result) throws BuildFailure {
        String packageName = packageOf(model);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (CheckedGraph graph : result.networks()) {
            String name = graph.graph().name();
            if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
                throw new BuildFailure(file + ": network '" + name + "' cannot name a Java class; rename it");
            }
            String binary = packageName.isEmpty() ? name : packageName + "." + name;
            if (options.emit() == Emit.JAVA) {
                JavaSourceBackend.emit(graph, binary, options.lanes(), Unroll.DEFAULT, file.getFileName().toString(),
                                options.vectorClass())
                        .files().forEach((type, source) -> files.put(type.replace('.', '/') + ".java",
                                source.getBytes(StandardCharsets.UTF_8)));
            } else {
                BytecodeBackend.compile(graph, binary, options.lanes()).classes()
                        .forEach((type, bytes) -> files.put(type.replace('.', '/') + ".class", bytes));
            }
        }
        return files;
    }

    /** The package of a model's networks: the option, else its folder under the sources ({@code com/example/nets}). */
    private String packageOf(String model) throws BuildFailure {
        if (options.packageName() != null && !options.packageName().isEmpty()) {
            return options.packageName();
        }
        int slash = model.lastIndexOf('/');
        String folder = slash < 0 ? "" : model.substring(0, slash);
        String packageName = folder.replace('/', '.');
        if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
            throw new BuildFailure(options.sources().resolve(model) + ": its folder '" + folder
                    + "' is no Java package; move it, or set <packageName>");
        }
        return packageName;
    }

    private String fingerprint(byte[] text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(text);
            // The options and the compiler's version change what a model compiles to, so they are part of it.
            String settings = options.emit() + "|" + options.packageName() + "|" + options.lanes() + "|"
                    + options.vectorClass() + "|" + Version.current();
            digest.update(settings.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private boolean allExist(List<String> outputs) {
        return outputs.stream().allMatch(output -> Files.exists(options.output().resolve(output)));
    }

    private void write(Map<String, byte[]> files) throws BuildFailure {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = options.output().resolve(file.getKey());
            try {
                Files.createDirectories(path.getParent());
                AtomicFiles.write(path, file.getValue());
            } catch (IOException e) {
                throw new BuildFailure("cannot write " + path + ": " + e.getMessage());
            }
        }
    }

    private void delete(List<String> outputs) throws BuildFailure {
        Set<Path> folders = new LinkedHashSet<>();
        for (String output : outputs) {
            Path path = options.output().resolve(output);
            try {
                Files.deleteIfExists(path);
                folders.add(path.getParent());
            } catch (IOException e) {
                throw new BuildFailure("cannot delete " + path + ": " + e.getMessage());
            }
        }
        // Empty package folders go too, up to the output directory.
        for (Path folder : folders) {
            Path current = folder;
            while (current != null && current.startsWith(options.output()) && !current.equals(options.output())) {
                try (var entries = Files.list(current)) {
                    if (entries.findAny().isPresent()) {
                        break;
                    }
                } catch (IOException e) {
                    break;
                }
                try {
                    Files.delete(current);
                } catch (IOException e) {
                    break;
                }
                current = current.getParent();
            }
        }
    }

    private static String count(int n, String what) {
        return String.format(Locale.ROOT, "%d %s%s", n, what, n == 1 ? "" : "s");
    }
}
