package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every vector method of the examples compiles in C1, HotSpot's first tier. A method C1 gives up on
 * ("out of virtual registers") stays in the interpreter, where Vector API code is a hundred times
 * slower, until C2 takes it, which for a network called on large batches took over ten seconds:
 * TinyResNet ran at 0.4 GFLOP/s where it runs at 67. The unrolling budget keeps methods inside C1.
 */
class FirstTierTest {

    @Test
    void c1CompilesEveryVectorMethodOfTheExamples(@TempDir Path classes) throws Exception {
        List<String> facades = new ArrayList<>();
        List<Path> models;
        try (Stream<Path> files = Files.list(Golden.repository().resolve("examples"))) {
            // LeNet-5 first: the child runs it to load the Vector API, and it is the smallest.
            models = files.filter(f -> f.toString().endsWith(".cnn"))
                    .sorted(Comparator.comparing((Path f) -> !f.endsWith("lenet5.cnn")).thenComparing(f -> f))
                    .toList();
        }
        for (Path model : models) {
            CheckResult result = FrontEnd.check(model);
            assertTrue(result.ok(), model.toString());
            for (CheckedGraph graph : result.networks()) {
                for (int lanes : new int[] {8, 16}) {
                    String facade = "tier" + lanes + "." + graph.graph().name();
                    write(BytecodeBackend.compile(graph, facade, lanes).classes(), classes);
                    facades.add(facade);
                }
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-XX:+PrintCompilation",
                // Each generated method is compiled by C1 at its first call, the rest left alone.
                "-Xcomp", "-XX:TieredStopAtLevel=3", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=compileonly,tier8.*::*", "-XX:CompileCommand=compileonly,tier16.*::*",
                "-cp", System.getProperty("java.class.path"), FirstTierMain.class.getName(), classes.toString()));
        command.addAll(facades);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        List<String> skipped = output.lines().filter(line -> line.contains("$Vector::") && line.contains("COMPILE SKIPPED"))
                .toList();
        assertEquals(List.of(), skipped);
        // Not vacuous: the vector methods did go through C1 (tier 3), and every network's were called.
        assertTrue(output.lines().filter(line -> line.contains("$Vector::") && line.matches("\\s*\\d+\\s+\\d+\\s+[%sbn!]*\\s*3\\s.*"))
                .count() > 100, output);
        assertEquals(facades.size(), output.lines().filter(line -> line.startsWith("called ")).count(), output);
    }

    private static void write(Map<String, byte[]> compiled, Path folder) throws java.io.IOException {
        for (Map.Entry<String, byte[]> entry : compiled.entrySet()) {
            Path file = folder.resolve(entry.getKey().replace('.', '/') + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, entry.getValue());
        }
    }
}
