package dev.cnnc.cli;

import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.backend.bytecode.LaneWidth;
import dev.cnnc.backend.java.JavaSourceBackend;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.GraphInput;
import dev.cnnc.ir.Node;
import dev.cnnc.kernel.KernelPrinter;
import dev.cnnc.lowering.NetworkLowering;
import dev.cnnc.lowering.Unroll;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cnnc MODEL.cnn -d DIR}: compiles every network of a file to classes (a facade named
 * after the network, its Vector API class and its scalar class), and explains or dumps what it did.
 */
final class CompileOptions {

    enum Emit {
        CLASS,
        JAR,
        JAVA
    }

    enum Stage {
        GRAPH,
        LOWERED,
        SPLIT
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "the .cnn file to compile")
    Path model;

    @Option(names = "-d", paramLabel = "DIR", description = "where the classes (or the jar) go; created if missing")
    Path directory;

    @Option(names = "--package", paramLabel = "P", description = "the package of the generated classes; default: none")
    String packageName;

    @Option(names = "--emit", paramLabel = "KIND", defaultValue = "class",
            description = "class (a class folder, the default), jar (DIR/MODEL.jar) or java (Java source through JavaPoet,"
                    + " DIR/package/Name.java, NameVector.java, NameScalar.java)")
    Emit emit;

    @Option(names = "--explain", description = "list each layer with the kernel chosen for it and why")
    boolean explain;

    @Option(names = "--dump-ir", paramLabel = "STAGE",
            description = "print the IR after a stage: graph (checked graph), lowered (kernel IR), split (kernel IR as emitted)")
    Stage dumpStage;

    @Option(names = "--lanes", paramLabel = "N",
            description = "floats per vector of the Vector API class (4, 8 or 16); default: this machine's widest, or half"
                    + " of it when the network's channel counts fill the narrower vector better (see --explain)")
    Integer lanes;

    @Option(names = "--unroll", paramLabel = "HOW", defaultValue = "full",
            description = "how far fixed kernel loops are unrolled: none (a plain loop nest), tile (a register tile of"
                    + " pixels x vectors) or full (the taps of small kernels too); default: ${DEFAULT-VALUE}")
    Unroll unroll;

    int compile(PrintWriter out, PrintWriter err) throws InputError {
        if (packageName != null && !packageName.isEmpty() && !SourceVersion.isName(packageName)) {
            throw new InputError("'" + packageName + "' is not a Java package name");
        }
        if (lanes != null && lanes != 4 && lanes != 8 && lanes != 16) {
            throw new InputError("--lanes is 4, 8 or 16, not " + lanes);
        }
        if (directory != null && Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new InputError("the output directory " + directory + " is a file");
        }
        CheckResult result = FrontEnd.check(model);
        CheckCommand.printDiagnostics(result, err);
        if (!result.ok()) {
            return ExitCodes.INPUT_ERROR;
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> facades = new ArrayList<>();
        for (CheckedGraph graph : result.networks()) {
            String name = graph.graph().name();
            if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
                throw new InputError("network '" + name + "' cannot name a Java class; rename it");
            }
            String binary = packageName == null || packageName.isEmpty() ? name : packageName + "." + name;
            LaneWidth.Choice choice = LaneWidth.choose(graph, BytecodeBackend.defaultLanes());
            int width = lanes != null ? lanes : choice.lanes();
            BytecodeBackend.CompiledClasses compiled = BytecodeBackend.compile(graph, binary, width, unroll);
            classes.putAll(compiled.classes());
            facades.add(binary);
            if (emit == Emit.JAVA && directory != null) {
                sources.putAll(JavaSourceBackend.emit(graph, binary, width, unroll, model.getFileName().toString()).files());
            }
            if (explain) {
                explain(out, result, graph, compiled, lanes != null ? "--lanes " + lanes : choice.reason());
            }
            if (dumpStage != null) {
                dump(out, graph, compiled);
            }
        }
        if (directory != null) {
            // Created only now, so that a model with errors leaves no empty folder behind.
            try {
                Files.createDirectories(directory);
            } catch (java.io.IOException e) {
                throw new InputError("cannot create the output directory " + directory + ": " + TensorFiles.reason(e));
            }
            if (emit == Emit.JAVA) {
                List<Path> written = CompiledModels.writeSources(sources, directory);
                err.println("cnnc: wrote " + written.size() + " Java sources for " + String.join(", ", facades) + " into "
                        + directory + " (compile them with --add-modules jdk.incubator.vector)");
            } else if (emit == Emit.JAR) {
                String stem = model.getFileName().toString().replaceFirst("\\.cnn$", "");
                Path jar = directory.resolve(stem + ".jar");
                CompiledModels.writeJar(classes, facades, jar);
                err.println("cnnc: wrote " + jar + " (" + String.join(", ", facades) + ")");
            } else {
                List<Path> written = CompiledModels.writeClasses(classes, facades, directory);
                err.println("cnnc: wrote " + written.size() + " classes for " + String.join(", ", facades) + " into "
                        + directory);
            }
        }
        return ExitCodes.OK;
    }

    private static void explain(PrintWriter out, CheckResult result, CheckedGraph graph,
            BytecodeBackend.CompiledClasses compiled, String lanesReason) {
        out.printf(Locale.ROOT, "%s: Vector API class with %d lanes (%d-bit vectors; %s), chosen at load when the JVM"
                + " runs them; otherwise the scalar class, same kernels with one lane%n", graph.graph().name(),
                compiled.lanes(), compiled.lanes() * 32, lanesReason);
        for (NetworkLowering.LayerReport layer : compiled.vectorLayers()) {
            Node node = layer.node();
            out.printf(Locale.ROOT, "  %s:%d  %s (%s)%n", result.fileName(), node.span().line(), node.output(),
                    node.op().name());
            for (String kernel : layer.kernels()) {
                out.println("      " + kernel);
            }
        }
        NetworkLowering.Memory memory = compiled.memory();
        out.printf(Locale.ROOT, "  buffers: %s per sample in eval mode, %s when training, against %s with an array per"
                + " tensor (buffer planning reuses the arrays of tensors no later step reads)%n", kilobytes(memory.eval()),
                kilobytes(memory.training()), kilobytes(memory.unplanned()));
    }

    private static String kilobytes(long floats) {
        return String.format(Locale.ROOT, "%.1f KB", floats * 4 / 1024.0);
    }

    private void dump(PrintWriter out, CheckedGraph graph, BytecodeBackend.CompiledClasses compiled) {
        switch (dumpStage) {
            case GRAPH -> {
                out.println("network " + graph.graph().name());
                for (GraphInput input : graph.graph().inputs()) {
                    out.println("  input " + input.name() + " " + graph.shape(input.name()));
                }
                for (Node node : graph.graph().nodes()) {
                    out.println("  " + node.output() + " = " + node.op() + " of " + String.join(", ", node.inputs())
                            + " -> " + graph.shape(node.output()));
                }
                out.println("  outputs " + String.join(", ", graph.graph().outputs()));
            }
            case LOWERED -> compiled.lowered().values().forEach(kernels -> out.print(KernelPrinter.print(kernels)));
            case SPLIT -> compiled.kernels().values().forEach(kernels -> out.print(KernelPrinter.print(kernels)));
        }
    }

}
