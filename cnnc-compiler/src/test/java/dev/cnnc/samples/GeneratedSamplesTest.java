package dev.cnnc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.backend.java.JavaSourceBackend;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.testing.Golden;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

/**
 * Approval tests of what the examples compile to: {@code generated-samples/NETWORK/java/} holds
 * the Java-source backend's files and {@code generated-samples/NETWORK/bytecode/} the bytecode
 * backend's classes as ASM Textifier listings, both for 8-lane vectors (AVX2). Any change to a
 * kernel shows up as a diff there. {@code bash generated-samples/regenerate} writes them again
 * (this test with {@code -Dcnnc.updateSamples=true}).
 */
class GeneratedSamplesTest {

    private static final Path SAMPLES = Golden.repository().resolve("generated-samples");
    private static final boolean UPDATE = Boolean.getBoolean("cnnc.updateSamples");
    /** The samples are listed for AVX2's 256-bit vectors, whatever machine the tests run on. */
    private static final int LANES = 8;
    private static final String REGENERATE = "regenerate them with: bash generated-samples/regenerate";

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Golden.repository().resolve("examples"))) {
            return files.filter(file -> file.toString().endsWith(".cnn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theSamplesAreWhatTheBackendsEmit(Path model) throws IOException {
        CheckResult result = FrontEnd.check(model);
        assertTrue(result.ok(), result.diagnostics().toString());
        for (CheckedGraph graph : result.networks()) {
            Path dir = SAMPLES.resolve(graph.graph().name());
            Map<String, String> files = render(graph, model.getFileName().toString());
            if (UPDATE) {
                write(dir, files);
                continue;
            }
            assertEquals(files.keySet(), existing(dir).keySet(), dir + ": other files than the backends emit; "
                    + REGENERATE);
            for (Map.Entry<String, String> file : files.entrySet()) {
                String expected = Files.readString(dir.resolve(file.getKey()), StandardCharsets.UTF_8);
                if (!expected.equals(file.getValue())) {
                    fail(dir.resolve(file.getKey()) + " is stale: " + firstDifference(expected, file.getValue()) + "; "
                            + REGENERATE);
                }
            }
        }
    }

    @Test
    void everySampleBelongsToAnExample() throws IOException {
        List<String> networks = examples().flatMap(model -> FrontEnd.check(model).networks().stream())
                .map(graph -> graph.graph().name()).toList();
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                assertTrue(networks.contains(dir.getFileName().toString()), dir + " belongs to no example; "
                        + REGENERATE);
            }
        }
    }

    /** Every file of the samples of {@code graph}, by its path under the network's folder. */
    static Map<String, String> render(CheckedGraph graph, String sourceName) {
        Map<String, String> files = new TreeMap<>();
        String name = graph.graph().name();
        JavaSourceBackend.emit(graph, name, LANES, Unroll.DEFAULT, sourceName).files()
                .forEach((type, text) -> files.put("java/" + type + ".java", text));
        BytecodeBackend.compile(graph, name, LANES).classes()
                .forEach((type, bytes) -> files.put("bytecode/" + type + ".txt", listing(bytes)));
        return files;
    }

    /** The class as ASM's Textifier prints it, without the lines that only restate what the JVM computes. */
    static String listing(byte[] classFile) {
        StringWriter text = new StringWriter();
        new ClassReader(classFile).accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(text)), 0);
        return text.toString().lines()
                .filter(line -> !line.trim().startsWith("FRAME") && !line.trim().startsWith("MAXSTACK")
                        && !line.trim().startsWith("LINENUMBER"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static Map<String, String> existing(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(dir.relativize(file).toString().replace('\\', '/'), "");
                }
            }
        }
        return files;
    }

    private static void write(Path dir, Map<String, String> files) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static String firstDifference(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "(end of file)";
            String right = i < b.size() ? b.get(i) : "(end of file)";
            if (!left.equals(right)) {
                return "line " + (i + 1) + " is\n    " + left + "\nbut the backend now emits\n    " + right + "\n";
            }
        }
        return "they differ in line endings";
    }
}
