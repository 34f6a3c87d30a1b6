package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.testing.Golden;
import dev.cnnc.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void everyExample_isValidWithoutWarnings() throws IOException {
        List<String> examples;
        try (Stream<Path> files = Files.list(Golden.repository().resolve("examples"))) {
            examples = files.filter(f -> f.toString().endsWith(".cnn")).map(Path::toString).sorted().toList();
        }
        assertTrue(examples.size() >= 6, "examples: " + examples);
        CliRun run = CliRun.of(Stream.concat(Stream.of("check"), examples.stream()).toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err(), "no diagnostics, not even warnings, in the examples");
        assertEquals(examples.size(), run.out().lines().filter(l -> l.contains(": ok")).count(), run.out());
    }

    @Test
    void error_isPrintedAsFileLineColumnWithSourceLineAndCaret() throws IOException {
        Path file = write("bad.cnn", """
                network Bad {
                    input x: [1, 4, 4]
                    conv3 = conv2d(x, out: 2, kernel: [5, 3])
                    output conv3
                }
                """);
        CliRun run = CliRun.of("check", file.toString());
        assertEquals(1, run.exitCode());
        List<String> lines = run.err().lines().toList();
        assertEquals(file + ":3:13: error[E302]: conv3: output height = floor((4 + 2*0 - 5) / 1) + 1 = 0, below 1:"
                + " the kernel height (5) is larger than the padded input (4 + 2*0 = 4)", lines.get(0));
        assertEquals("        conv3 = conv2d(x, out: 2, kernel: [5, 3])", lines.get(1));
        assertEquals("                ^~~~~~", lines.get(2));
        assertTrue(run.out().contains("bad.cnn: 1 error"), run.out());
    }

    @Test
    void severalFiles_exitOneWhenAnyHasAnError_andReportEach() throws IOException {
        Path good = write("good.cnn", "network G {\n input x: [4]\n y = dense(x, out: 2)\n output y\n}\n");
        Path bad = write("bad.cnn", "network B {\n input x: [4]\n y = dense(x)\n output y\n}\n");
        CliRun run = CliRun.of("check", good.toString(), bad.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("good.cnn: ok"), run.out());
        assertTrue(run.err().contains("bad.cnn:3:6: error[E203]: dense needs 'out'"), run.err());
        assertEquals(0, CliRun.of("check", good.toString(), good.toString()).exitCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonFormat_printsOneObjectPerFile() throws IOException {
        Path lenet = Golden.repository().resolve("examples/lenet5.cnn");
        Path bad = write("bad.cnn", "network B {\n input x: [4]\n y = dense(x)\n output y\n}\n");
        CliRun run = CliRun.of("check", "--format", "json", lenet.toString(), bad.toString());
        assertEquals(1, run.exitCode());
        assertEquals("", run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.out());

        Map<String, Object> first = (Map<String, Object>) Json.parse(lines.get(0));
        assertEquals(List.of("file", "ok", "networks", "outputs", "tensors", "params", "diagnostics"),
                List.copyOf(first.keySet()));
        assertEquals(true, first.get("ok"));
        assertEquals(Map.of("fc3", List.of(10.0)), first.get("outputs"));
        Map<String, Object> tensors = (Map<String, Object>) first.get("tensors");
        assertEquals(List.of(1.0, 28.0, 28.0), tensors.get("image"));
        assertEquals(List.of(6.0, 28.0, 28.0), tensors.get("conv1"));
        assertEquals(List.of(400.0), tensors.get("fc1.0"));
        Map<String, Object> params = (Map<String, Object>) first.get("params");
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"), List.copyOf(params.keySet()));
        assertEquals(List.of(6.0, 1.0, 5.0, 5.0), params.get("conv1.weight"));

        Map<String, Object> second = (Map<String, Object>) Json.parse(lines.get(1));
        assertEquals(false, second.get("ok"));
        List<Object> diagnostics = (List<Object>) second.get("diagnostics");
        assertEquals(Map.of("severity", "error", "code", "E203", "line", 3.0, "column", 6.0,
                "message", "dense needs 'out' (the number of output features, e.g. out: 10)"), diagnostics.get(0));
    }

    @Test
    void severalNetworksInAFile_prefixTheirNamesInJson() throws IOException {
        Path file = write("two.cnn", """
                network A { input x: [4]  y = dense(x, out: 2)  output y }
                network B { input x: [2, 8]  y = conv1d(x, out: 3, kernel: 3)  output y }
                """);
        CliRun run = CliRun.of("check", "--format", "json", file.toString());
        assertEquals(0, run.exitCode(), run.out());
        assertTrue(run.out().contains("\"outputs\":{\"A.y\":[2],\"B.y\":[3,6]}"), run.out());
    }

    @Test
    void usageErrors_exitTwo() {
        assertEquals(2, CliRun.of().exitCode());
        assertEquals(2, CliRun.of("check").exitCode());
        assertEquals(2, CliRun.of("frobnicate").exitCode());
        assertEquals(2, CliRun.of("check", "--format", "xml", "a.cnn").exitCode());
        assertEquals(2, CliRun.of("summary").exitCode());
    }

    @Test
    void helpAndVersion_exitZero() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("check") && help.out().contains("summary"), help.out());
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("cnnc "), version.out());
        assertFalse(version.out().contains("unknown"), version.out());
        assertEquals(0, CliRun.of("check", "--help").exitCode());
    }
}
