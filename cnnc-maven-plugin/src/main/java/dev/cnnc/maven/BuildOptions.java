package dev.cnnc.maven;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** What one build does. (A class, not a record: it loads on Java 11.) */
final class BuildOptions {

    private final Path sources;
    private final Path output;
    private final Path statusFile;
    private final List<String> includes;
    private final List<String> excludes;
    private final Emit emit;
    private final String packageName;
    private final int lanes;
    private final boolean vectorClass;
    private final boolean failOnWarning;

    /**
     * @param packageName the package of every network, or null to derive it from the model's folder under {@code sources}
     * @param lanes the floats per vector of the Vector API class; builds do not depend on the build machine
     * @param vectorClass false to write Java source without the Vector API class, which compiles without the incubator module
     */
    BuildOptions(Path sources, Path output, Path statusFile, List<String> includes, List<String> excludes, Emit emit,
            String packageName, int lanes, boolean vectorClass, boolean failOnWarning) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.output = Objects.requireNonNull(output, "output");
        this.statusFile = Objects.requireNonNull(statusFile, "statusFile");
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.emit = Objects.requireNonNull(emit, "emit");
        this.packageName = packageName;
        this.lanes = lanes;
        this.vectorClass = vectorClass;
        this.failOnWarning = failOnWarning;
    }

    Path sources() {
        return sources;
    }

    Path output() {
        return output;
    }

    Path statusFile() {
        return statusFile;
    }

    List<String> includes() {
        return includes;
    }

    List<String> excludes() {
        return excludes;
    }

    Emit emit() {
        return emit;
    }

    String packageName() {
        return packageName;
    }

    int lanes() {
        return lanes;
    }

    boolean vectorClass() {
        return vectorClass;
    }

    boolean failOnWarning() {
        return failOnWarning;
    }
}
