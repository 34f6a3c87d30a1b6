package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user tripped on, each pinned down: the command line says what it does and does what it says. */
class NewUserFrictionTest {

    @TempDir
    Path dir;

    private static String example(String name) {
        return Golden.repository().resolve("examples").resolve(name).toString();
    }

    private static String input() {
        return Golden.repository().resolve("examples/inputs/shapes-4x1x28x28.npy").toString();
    }

    @Test
    void aPackageMayBeNamedLikeACommand() {
        CliRun run = CliRun.of(example("lenet5.cnn"), "-d", dir.toString(), "--package", "bench");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(dir.resolve("bench/LeNet5.class")));
    }

    @Test
    void anotherBackendForCompiledClassesIsRefused() {
        assertEquals(0, CliRun.of(example("lenet5.cnn"), "-d", dir.toString()).exitCode());
        CliRun run = CliRun.of("run", dir.toString(), "--backend", "interpreter", "--input", input());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out());
        assertTrue(run.err().contains("--backend interpreter needs a .cnn model"), run.err());
        assertEquals(0, CliRun.of("run", dir.toString(), "--backend", "bytecode", "--input", input()).exitCode(),
                "the classes are bytecode: saying so is fine");
    }

    @Test
    void aMistypedRequiredOptionIsNamedWithASuggestion() {
        CliRun run = CliRun.of("run", example("lenet5.cnn"), "--inptu", input());
        assertEquals(ExitCodes.USAGE, run.exitCode());
        String firstLine = run.err().lines().findFirst().orElse("");
        assertTrue(firstLine.contains("Unknown option: '--inptu'"), run.err());
        assertTrue(run.err().contains("Possible solutions: --input"), run.err());
        assertFalse(run.hasStackTrace(), run.err());
    }

    @Test
    void benchSaysWhatItIsDoing() {
        CliRun run = CliRun.of("bench", example("lenet5.cnn"), "--backend", "interpreter", "--round-ms", "1",
                "--max-warmup-ms", "0", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("cnnc bench: interpreter: compiling, then warming up"), run.err());
        assertTrue(run.err().contains("us per call after"), run.err());
        assertTrue(run.out().startsWith("{"), "stdout stays JSON: " + run.out());
    }

    /** Every file the README's commands write goes under out/, which git ignores. */
    @Test
    void theReadmesCommandsWriteOnlyIgnoredFiles() throws Exception {
        Path root = Golden.repository();
        assertTrue(Files.readAllLines(root.resolve(".gitignore")).contains("/out/"), ".gitignore ignores /out/");
        Set<String> writing = Set.of("-d", "-o", "--output", "--grads", "--save", "--plot", "--out", "--metrics",
                "--params-out");
        Matcher block = Pattern.compile("(?s)```sh\\n(.*?)```").matcher(Files.readString(root.resolve("README.md")));
        List<String> written = new ArrayList<>();
        while (block.find()) {
            for (String line : block.group(1).split("\\n")) {
                String[] words = line.replaceAll("#.*", "").trim().split("\\s+");
                for (int i = 0; i + 1 < words.length; i++) {
                    if (writing.contains(words[i])) {
                        written.add(words[i + 1]);
                    }
                }
            }
        }
        assertTrue(written.size() >= 5, "the README's commands write files: " + written);
        for (String path : written) {
            assertTrue(path.startsWith("out/"), path + " is written outside out/");
        }
    }

    /** The outputs the README shows after {@code $ ./cnnc ...} are what cnnc prints (lines shown as ... left out). */
    @Test
    void theReadmesSampleOutputsAreWhatCnncPrints() throws Exception {
        Path root = Golden.repository();
        Matcher block = Pattern.compile("(?s)```\\n\\$ \\./cnnc (.*?)\\n(.*?)```").matcher(Files.readString(root.resolve("README.md")));
        int checked = 0;
        while (block.find()) {
            List<String> args = new ArrayList<>();
            for (String word : block.group(1).trim().split("\\s+")) {
                args.add(word.endsWith(".cnn") ? root.resolve(word).toString() : word);
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            String printed = (run.out() + run.err()).replace(root + "/", "");
            for (String line : block.group(2).split("\\n")) {
                if (!line.isBlank() && !line.equals("...")) {
                    assertTrue(printed.contains(line.strip()), "README shows a line cnnc does not print: " + line + "\n" + printed);
                }
            }
            checked++;
        }
        assertTrue(checked >= 2, "the README shows cnnc's output for check and summary");
    }
}
