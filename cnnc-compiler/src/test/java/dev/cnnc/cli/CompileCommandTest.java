package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.backend.java.InMemoryJavac;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.testing.Golden;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc MODEL.cnn -d DIR}: the classes it writes, and {@code cnnc run} loading them. */
class CompileCommandTest {

    @TempDir
    Path dir;

    private static Path example(String name) {
        return Golden.repository().resolve("examples").resolve(name);
    }

    private static Path input() {
        return Golden.repository().resolve("examples/inputs/shapes-4x1x28x28.npy");
    }

    @Test
    void compiledClassesRunLikeTheModel() throws Exception {
        CliRun compile = CliRun.of(example("lenet5.cnn").toString(), "-d", dir.toString(), "--package", "com.example.nets");
        assertEquals(0, compile.exitCode(), compile.err());
        assertTrue(Files.exists(dir.resolve("com/example/nets/LeNet5.class")));
        assertTrue(Files.exists(dir.resolve("com/example/nets/LeNet5$Vector.class")));
        assertTrue(Files.exists(dir.resolve("com/example/nets/LeNet5$Scalar.class")));

        Path fromClasses = dir.resolve("a.npy");
        Path fromModel = dir.resolve("b.npy");
        Path fromInterpreter = dir.resolve("c.npy");
        CliRun run = CliRun.of("run", dir.toString(), "--input", input().toString(), "--output", fromClasses.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(0, CliRun.of("run", example("lenet5.cnn").toString(), "--input", input().toString(), "--output",
                fromModel.toString()).exitCode());
        assertEquals(0, CliRun.of("run", example("lenet5.cnn").toString(), "--backend", "interpreter", "--input",
                input().toString(), "--output", fromInterpreter.toString()).exitCode());
        float[] classes = Npy.read(fromClasses).data();
        assertArrayEquals(Npy.read(fromModel).data(), classes);
        float[] interpreted = Npy.read(fromInterpreter).data();
        for (int i = 0; i < classes.length; i++) {
            assertEquals(interpreted[i], classes[i], 1e-5, "output " + i);
        }
    }

    @Test
    void javaSourceCompilesWithJavacAndComputesWhatTheClassesCompute() throws Exception {
        Path sources = dir.resolve("src");
        CliRun emit = CliRun.of(example("lenet5.cnn").toString(), "-d", sources.toString(), "--package", "com.example.nets",
                "--emit", "java");
        assertEquals(0, emit.exitCode(), emit.err());
        List<Path> files = List.of(sources.resolve("com/example/nets/LeNet5.java"),
                sources.resolve("com/example/nets/LeNet5Vector.java"), sources.resolve("com/example/nets/LeNet5Scalar.java"));
        files.forEach(file -> assertTrue(Files.exists(file), file + " was not written"));

        // javac --add-modules jdk.incubator.vector -Xlint:all, as a user would run it.
        Path classes = dir.resolve("classes");
        StringWriter messages = new StringWriter();
        List<String> arguments = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector", "-Xlint:all", "-d",
                classes.toString(), "-cp", System.getProperty("java.class.path")));
        files.forEach(file -> arguments.add(file.toString()));
        int status = ToolProvider.getSystemJavaCompiler().run(null, new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(new WriterOutputStream(messages)), arguments.toArray(String[]::new));
        assertEquals(0, status, messages.toString());
        List<String> warnings = messages.toString().lines().filter(line -> line.startsWith("warning:")
                || line.contains(": warning:")).toList();
        assertEquals(List.of("warning: [incubating] " + InMemoryJavac.INCUBATOR_WARNING), warnings, messages.toString());

        Path fromSource = dir.resolve("source.npy");
        Path fromClasses = dir.resolve("classes.npy");
        Path fromJavaBackend = dir.resolve("java.npy");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
                Network network = (Network) loader.loadClass("com.example.nets.LeNet5").getMethod("create").invoke(null)) {
            NdArray x = Npy.read(input());
            Npy.write(new NdArray(new int[] {x.dim(0), 10}, network.forward(x.dim(0), x.data())[0]), fromSource);
        }
        assertEquals(0, CliRun.of("run", example("lenet5.cnn").toString(), "--input", input().toString(), "--output",
                fromClasses.toString()).exitCode());
        CliRun java = CliRun.of("run", example("lenet5.cnn").toString(), "--backend", "java", "--input",
                input().toString(), "--output", fromJavaBackend.toString());
        assertEquals(0, java.exitCode(), java.err());
        assertArrayEquals(Npy.read(fromClasses).data(), Npy.read(fromSource).data());
        assertArrayEquals(Npy.read(fromClasses).data(), Npy.read(fromJavaBackend).data());
    }

    /** Characters written to a writer, for javac's diagnostics stream. */
    private static final class WriterOutputStream extends OutputStream {
        private final StringWriter writer;

        WriterOutputStream(StringWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }
    }

    @Test
    void aMissingOutputDirectoryIsCreated() throws Exception {
        Path out = dir.resolve("out/nested");
        CliRun compile = CliRun.of(example("lenet5.cnn").toString(), "-d", out.toString());
        assertEquals(0, compile.exitCode(), compile.err());
        assertTrue(Files.exists(out.resolve("LeNet5.class")));
        CliRun run = CliRun.of("run", out.toString(), "--input", input().toString());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void aJarHoldsTheNetworksOfAFile() throws Exception {
        CliRun compile = CliRun.of(example("lenet5.cnn").toString(), "-d", dir.toString(), "--emit", "jar");
        assertEquals(0, compile.exitCode(), compile.err());
        Path jar = dir.resolve("lenet5.jar");
        assertTrue(Files.exists(jar));
        CliRun run = CliRun.of("run", jar.toString(), "--network", "LeNet5", "--input", input().toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("shape [4, 10]"), run.out());
    }

    @Test
    void explainNamesEveryLayerAndItsKernel() {
        CliRun run = CliRun.of(example("lenet5.cnn").toString(), "--explain");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("lenet5.cnn:5  conv1.0 (conv2d)"), run.out());
        assertTrue(run.out().contains("register tile"), run.out());
        assertTrue(run.out().contains("maxpool2d: scalar loop over channels"), run.out());
    }

    @Test
    void dumpIrPrintsEachStage() {
        CliRun graph = CliRun.of(example("lenet5.cnn").toString(), "--dump-ir", "graph");
        assertEquals(0, graph.exitCode(), graph.err());
        assertTrue(graph.out().contains("input image [1, 28, 28]"), graph.out());
        CliRun lowered = CliRun.of(example("lenet5.cnn").toString(), "--dump-ir", "lowered");
        assertTrue(lowered.out().contains("// forward pass") && lowered.out().contains("int lo, int hi)"),
                lowered.out());
        assertTrue(lowered.out().contains(".fma("), "the vector class uses FMAs");
        CliRun split = CliRun.of(example("lenet5.cnn").toString(), "--dump-ir", "split");
        assertEquals(0, split.exitCode(), split.err());
    }

    @Test
    void mistakesAreReportedWithoutWritingAnything() throws Exception {
        assertEquals(2, CliRun.of(example("lenet5.cnn").toString()).exitCode(), "no -d");
        CliRun badPackage = CliRun.of(example("lenet5.cnn").toString(), "-d", dir.toString(), "--package", "1bad");
        assertEquals(1, badPackage.exitCode());
        assertTrue(badPackage.err().contains("not a Java package name"), badPackage.err());
        Path file = Files.writeString(dir.resolve("file"), "not a folder");
        CliRun notADirectory = CliRun.of(example("lenet5.cnn").toString(), "-d", file.toString());
        assertEquals(1, notADirectory.exitCode());
        assertTrue(notADirectory.err().contains("is a file"), notADirectory.err());
        assertEquals("not a folder", Files.readString(file));
        Path broken = Files.writeString(dir.resolve("broken.cnn"), "network N { input x: [1, 8, 8] y = conv2d(x, out: 2, kernel: 9) output y }");
        CliRun shape = CliRun.of(broken.toString(), "-d", dir.resolve("classes").toString());
        assertEquals(1, shape.exitCode());
        assertTrue(shape.err().contains("broken.cnn:1:"), shape.err());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "only file and broken.cnn");
        }
        CliRun notCompiled = CliRun.of("run", dir.toString(), "--input", input().toString());
        assertEquals(1, notCompiled.exitCode());
        assertTrue(notCompiled.err().contains("no networks compiled by cnnc"), notCompiled.err());
    }
}
