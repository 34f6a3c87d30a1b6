package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.testing.Golden;
import dev.cnnc.testing.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc bench}, with rounds short enough for a test: what it prints, not how fast anything is. */
class BenchCommandTest {

    @TempDir
    Path dir;

    private static String lenet() {
        return Golden.repository().resolve("examples/lenet5.cnn").toString();
    }

    @Test
    void jsonHasOneObjectPerBackendWithTheIssuesFields() {
        CliRun run = CliRun.of("bench", lenet(), "--batch", "2", "--threads", "2", "--backward", "--format", "json",
                "--round-ms", "2", "--max-warmup-ms", "20", "--first-call-limit-ms", "3000");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        for (String line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) Json.parse(line);
            assertEquals("LeNet5", row.get("model"));
            assertEquals(2.0, ((Number) row.get("batch")).doubleValue());
            assertEquals("backward", row.get("mode"));
            assertTrue(((Number) row.get("us_per_call")).doubleValue() > 0, line);
            assertTrue(((Number) row.get("gflops")).doubleValue() > 0, line);
            assertTrue(row.containsKey("vs_interpreter"), line);
        }
        assertTrue(lines.get(0).contains("\"backend\":\"bytecode\"") && lines.get(0).contains("\"threads\":2"), lines.get(0));
        // The generated backends' first calls, timed in a fresh JVM; never the interpreter's.
        for (String field : List.of("check_ms", "compile_and_load_ms", "first_call_ms", "steady_after_s", "steady_us")) {
            assertTrue(lines.get(0).contains("\"" + field + "\":"), field + " in " + lines.get(0));
        }
        assertTrue(lines.get(1).contains("\"fresh_jvm\":"), lines.get(1));
        assertTrue(!lines.get(2).contains("\"fresh_jvm\":"), lines.get(2));
        assertTrue(lines.get(1).contains("\"backend\":\"java\"") && lines.get(1).contains("\"threads\":2"), lines.get(1));
        assertTrue(lines.get(2).contains("\"backend\":\"interpreter\"") && lines.get(2).contains("\"threads\":1"),
                "the interpreter runs on one thread: " + lines.get(2));
    }

    @Test
    void textIsATableWithTheRatioToTheInterpreter() {
        CliRun run = CliRun.of("bench", lenet(), "--round-ms", "2", "--max-warmup-ms", "20", "--no-first-call");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("LeNet5 (" + lenet() + "): batch 1, 1 thread, forward (eval mode)"), run.out());
        assertTrue(run.out().contains("vs interpreter"), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("interpreter") && line.contains("1.0x")), run.out());
        CliRun alone = CliRun.of("bench", lenet(), "--backend", "bytecode", "--unroll", "none", "--round-ms", "2",
                "--max-warmup-ms", "20", "--no-first-call");
        assertEquals(0, alone.exitCode(), alone.err());
        assertTrue(alone.out().lines().anyMatch(line -> line.startsWith("bytecode") && line.matches(".* -( .*)?")),
                "without the interpreter there is no ratio: " + alone.out());
        CliRun narrow = CliRun.of("bench", lenet(), "--backend", "bytecode", "--lanes", "4", "--round-ms", "2",
                "--max-warmup-ms", "20", "--no-first-call");
        assertEquals(0, narrow.exitCode(), narrow.err());
        assertTrue(narrow.out().contains("Vector API, 4 lanes"), "--lanes picks the vector width: " + narrow.out());
    }

    @Test
    void kernelsListsTheSlowestKernelsOfTheGeneratedBackends() {
        CliRun text = CliRun.of("bench", lenet(), "--backend", "bytecode", "--backend", "interpreter", "--kernels", "3",
                "--round-ms", "2", "--max-warmup-ms", "20", "--no-first-call");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("bytecode: the 3 slowest of "), text.out());
        assertFalse(text.out().contains("interpreter: the"), "the interpreter has no generated kernels: " + text.out());
        List<String> rows = text.out().lines().filter(line -> line.matches("  n\\d+_\\w+ +[0-9.]+ +[0-9.]+%")).toList();
        assertEquals(3, rows.size(), text.out());
        CliRun json = CliRun.of("bench", lenet(), "--backend", "bytecode", "--kernels", "2", "--format", "json",
                "--round-ms", "2", "--max-warmup-ms", "20", "--no-first-call");
        assertEquals(0, json.exitCode(), json.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) Json.parse(json.out().strip());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kernels = (List<Map<String, Object>>) row.get("kernels");
        assertEquals(2, kernels.size(), json.out());
        assertTrue(kernels.get(0).get("kernel").toString().startsWith("n"), json.out());
        assertTrue(((Number) kernels.get(0).get("us_per_call")).doubleValue()
                >= ((Number) kernels.get(1).get("us_per_call")).doubleValue(), "slowest first: " + json.out());
    }

    @Test
    void mistakesGetAMessageAndAnExitCode() throws Exception {
        CliRun kernels = CliRun.of("bench", lenet(), "--kernels", "-1");
        assertEquals(2, kernels.exitCode());
        assertTrue(kernels.err().contains("--kernels is at least 0"), kernels.err());
        CliRun zero = CliRun.of("bench", lenet(), "--batch", "0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("at least 1"), zero.err());
        CliRun lanes = CliRun.of("bench", lenet(), "--lanes", "5");
        assertEquals(2, lanes.exitCode());
        assertTrue(lanes.err().contains("--lanes is 4, 8 or 16, not 5"), lanes.err());
        CliRun missing = CliRun.of("bench", dir.resolve("none.cnn").toString());
        assertEquals(1, missing.exitCode());
        Path broken = Files.writeString(dir.resolve("broken.cnn"), "network N { input x: [1, 4, 4] y = conv2d(x, out: 2, kernel: 9) output y }");
        CliRun shape = CliRun.of("bench", broken.toString());
        assertEquals(1, shape.exitCode());
        assertTrue(shape.err().contains("broken.cnn:1:"), shape.err());
        for (CliRun run : List.of(zero, lanes, missing, shape)) {
            assertFalse(run.hasStackTrace(), run.err());
        }
    }
}
