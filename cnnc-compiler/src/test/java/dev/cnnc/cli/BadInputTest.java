package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a user throws at {@code cnnc check}, the answer is a clear message and exit 1: never a
 * stack trace, never a hang. (The time limit only stops a hang; it is far above the real time.)
 */
class BadInputTest {

    private static final Duration HANG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private CliRun check(Path file) {
        CliRun run = assertTimeoutPreemptively(HANG, () -> CliRun.of("check", file.toString()));
        assertEquals(1, run.exitCode(), run.err());
        assertFalse(run.hasStackTrace(), run.err());
        return run;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void missingFile() {
        CliRun run = check(dir.resolve("nope.cnn"));
        assertTrue(run.err().contains("nope.cnn: error[E001]: cannot read") && run.err().contains("no such file"), run.err());
    }

    @Test
    void directory() {
        CliRun run = check(dir);
        assertTrue(run.err().contains("error[E001]") && run.err().contains("is a directory"), run.err());
    }

    @Test
    void binaryFile() throws IOException {
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        CliRun run = check(write("weights.cnn", bytes));
        assertTrue(run.err().contains("error[E002]"), run.err());
    }

    @Test
    void latin1Text() throws IOException {
        CliRun run = check(write("latin.cnn", "network Caf\u00e9 {}".getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(run.err().contains("error[E002]: this is not UTF-8 text"), run.err());
    }

    @Test
    void emptyFile() throws IOException {
        CliRun run = check(write("empty.cnn", new byte[0]));
        assertTrue(run.err().contains("empty.cnn:1:1: error[E003]: the file holds no network"), run.err());
    }

    @Test
    void tenMegabyteFile() throws IOException {
        byte[] bytes = "y = relu(x)\n".repeat(10 * 1024 * 1024 / 12).getBytes(StandardCharsets.UTF_8);
        CliRun run = check(write("huge.cnn", bytes));
        assertTrue(run.err().contains("error[E004]: the file is 10.0 MB; cnnc reads model files of up to 4.0 MB"), run.err());
    }

    @Test
    void largeFileOfGarbage_stopsAfterAHundredErrors() throws IOException {
        byte[] bytes = "@@@ ".repeat(200_000).getBytes(StandardCharsets.UTF_8);
        CliRun run = check(write("garbage.cnn", bytes));
        assertTrue(run.err().contains("error[E015]: too many errors (100); stopping here"), run.err().lines().limit(3).toList().toString());
        assertTrue(run.err().lines().count() < 400, "a screenful, not a flood");
    }

    @Test
    void deeplyNestedExpression() throws IOException {
        String nested = "relu(".repeat(100_000) + "x" + ")".repeat(100_000);
        CliRun run = check(write("deep.cnn", ("network N {\n input x: [3]\n y = " + nested + "\n output y\n}\n")
                .getBytes(StandardCharsets.UTF_8)));
        assertTrue(run.err().contains("error[E014]: expressions are nested more than 64 levels deep here"), run.err());
    }

    @Test
    void deeplyNestedList() throws IOException {
        String nested = "[".repeat(50_000) + "1" + "]".repeat(50_000);
        CliRun run = check(write("deep.cnn", ("network N {\n input x: [3, 8]\n y = conv1d(x, out: 1, kernel: " + nested
                + ")\n output y\n}\n").getBytes(StandardCharsets.UTF_8)));
        assertTrue(run.err().contains("error[E014]"), run.err());
    }

    @Test
    void kernelOfTwoToThe31() throws IOException {
        CliRun run = check(write("big.cnn", "network N {\n input x: [3, 8]\n y = conv1d(x, out: 1, kernel: 2147483648)\n output y\n}\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertTrue(run.err().contains("error[E013]: conv1d: kernel 2147483648 is too large"), run.err());
    }

    @Test
    void hugeNumbers_everywhere() throws IOException {
        String program = """
                network N {
                    input x: [99999999999999999999999, 1]
                    input z: [2147483647, 2147483647]
                    a = dense(flatten(z), out: 2147483647)
                    y = conv1d(x, out: 2147483647, kernel: 1, stride: 2147483647, dilation: 2147483647)
                    output y, a
                }
                """;
        CliRun run = check(write("big.cnn", program.getBytes(StandardCharsets.UTF_8)));
        assertTrue(run.err().contains("error[E013]"), run.err());
        assertTrue(run.err().contains("error[E310]: input 'z' [2147483647, 2147483647] has more than 2147483647 elements"),
                run.err());
    }

    @Test
    void elementCountOverflowingInt() throws IOException {
        String program = "network N {\n input x: [64, 1024, 1024]\n y = conv2d(x, out: 4096, kernel: 1)\n output y\n}\n";
        CliRun run = check(write("overflow.cnn", program.getBytes(StandardCharsets.UTF_8)));
        assertTrue(run.err().contains("overflow.cnn:3:6: error[E310]: y: the output [4096, 1024, 1024] has more than"
                + " 2147483647 elements per sample"), run.err());
    }

    @Test
    void parameterCountOverflowingInt() throws IOException {
        String program = "network N {\n input x: [65536]\n y = dense(x, out: 65536)\n output y\n}\n";
        CliRun run = check(write("params.cnn", program.getBytes(StandardCharsets.UTF_8)));
        assertTrue(run.err().contains("error[E310]: y: parameter y.weight [65536, 65536] has more than 2147483647 elements"),
                run.err());
    }

    @Test
    void summaryOfABrokenFile_printsTheErrorsAndExitsOne() throws IOException {
        Path file = write("broken.cnn", "network N {\n input x: [3]\n y = nope(x)\n output y\n}\n".getBytes(StandardCharsets.UTF_8));
        CliRun run = CliRun.of("summary", file.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("broken.cnn:3:6: error[E201]: unknown op 'nope'"), run.err());
        assertEquals("", run.out());
    }
}
