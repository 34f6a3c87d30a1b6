package dev.cnnc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.cli.CliRun;
import dev.cnnc.testing.Golden;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java program of docs/java-api.md is examples/java/Classify.java, and it compiles against the
 * runtime and a network compiled by {@code cnnc -d DIR --package com.example.nets}, and runs.
 */
class JavaApiDocTest {

    @TempDir
    Path dir;

    @Test
    void theDocsProgramIsTheExample() throws Exception {
        Path root = Golden.repository();
        String doc = Files.readString(root.resolve("docs/java-api.md"));
        int start = doc.indexOf("```java\n") + "```java\n".length();
        assertTrue(start > "```java\n".length(), "docs/java-api.md shows a Java program");
        assertEquals(Files.readString(root.resolve("examples/java/Classify.java")), doc.substring(start, doc.indexOf("```", start)));
    }

    @Test
    void theExampleCompilesAndClassifies() throws Exception {
        Path root = Golden.repository();
        CliRun compile = CliRun.of(root.resolve("examples/lenet5.cnn").toString(), "-d", dir.toString(), "--package",
                "com.example.nets");
        assertEquals(0, compile.exitCode(), compile.err());

        String classpath = System.getProperty("java.class.path") + java.io.File.pathSeparator + dir;
        ByteArrayOutputStream javacErrors = new ByteArrayOutputStream();
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, javacErrors, "-Xlint:all", "-Werror", "-cp",
                classpath, "-d", dir.toString(), root.resolve("examples/java/Classify.java").toString());
        assertEquals(0, javac, javacErrors.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("Classify").getMethod("main", String[].class).invoke(null,
                    (Object) new String[] {root.resolve("examples/inputs/shapes-4x1x28x28.npy").toString()});
        } finally {
            System.setOut(out);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        for (int n = 0; n < 4; n++) {
            assertTrue(lines.get(n).matches("image " + n + ": class [0-9]"), lines.get(n));
        }
    }
}
