package dev.cnnc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's work without Maven: what it writes, what it leaves alone, what it removes, what it reports. */
class CnnBuildTest {

    private static final String TINY = """
            network Tiny {
                input x: [1, 8, 8]
                y = conv2d(x, out: 2, kernel: 3) -> relu
                output y
            }
            """;

    @TempDir
    Path dir;

    private final List<String> messages = new ArrayList<>();

    private Path sources() {
        return dir.resolve("src/main/cnn");
    }

    private Path output() {
        return dir.resolve("target/generated-sources/cnnc");
    }

    private BuildSummary build(Emit emit, String packageName, boolean failOnWarning)
            throws BuildFailure {
        return build(emit, packageName, true, failOnWarning);
    }

    private BuildSummary build(Emit emit, String packageName, boolean vectorClass, boolean failOnWarning)
            throws BuildFailure {
        BuildOptions options = new BuildOptions(sources(), output(), dir.resolve("target/maven-status/cnnc/x.lst"),
                List.of("**/*.cnn"), List.of("**/skip/**"), emit, packageName, 8, vectorClass, failOnWarning);
        return new CnnBuild(options, new BuildLog() {
            @Override
            public void info(String message) {
                messages.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                messages.add("WARN " + message);
            }

            @Override
            public void error(String message) {
                messages.add("ERROR " + message);
            }
        }).run();
    }

    private BuildSummary build() throws BuildFailure {
        return build(Emit.JAVA, null, false);
    }

    private void model(String path, String text) throws IOException {
        Path file = sources().resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theFolderUnderTheSourcesIsThePackage() throws Exception {
        model("com/example/nets/tiny.cnn", TINY);
        model("top.cnn", TINY.replace("Tiny", "Top"));
        model("com/skip/ignored.cnn", TINY.replace("Tiny", "Ignored"));
        assertEquals(new BuildSummary(2, 0, 0), build());
        assertTrue(Files.readString(output().resolve("com/example/nets/Tiny.java")).contains("package com.example.nets;"));
        assertTrue(Files.exists(output().resolve("com/example/nets/TinyVector.java")));
        assertTrue(Files.exists(output().resolve("com/example/nets/TinyScalar.java")));
        assertTrue(Files.exists(output().resolve("Top.java")), "a model at the top has no package");
        assertFalse(Files.exists(output().resolve("com/skip/Ignored.java")), "excluded");
    }

    @Test
    void anUnchangedModelIsNotCompiledAgainAndAChangedOneIs() throws Exception {
        model("nets/tiny.cnn", TINY);
        model("nets/other.cnn", TINY.replace("Tiny", "Other"));
        build();
        Path tiny = output().resolve("nets/Tiny.java");
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(tiny, written);
        assertEquals(new BuildSummary(0, 2, 0), build());
        assertEquals(written, Files.getLastModifiedTime(tiny), "an up-to-date model's files are left alone");

        model("nets/tiny.cnn", TINY.replace("out: 2", "out: 3"));
        assertEquals(new BuildSummary(1, 1, 0), build());
        assertTrue(Files.readString(output().resolve("nets/TinyScalar.java")).contains("y.weight 3,1,3,3"),
                "the changed model was compiled again");

        Files.delete(output().resolve("nets/Other.java"));
        assertEquals(new BuildSummary(1, 1, 0), build(), "a model whose output is missing is compiled again");
        assertTrue(Files.exists(output().resolve("nets/Other.java")));
    }

    @Test
    void aRemovedModelTakesItsOutputsAlong() throws Exception {
        model("nets/tiny.cnn", TINY);
        model("other/other.cnn", TINY.replace("Tiny", "Other"));
        build();
        Files.delete(sources().resolve("other/other.cnn"));
        assertEquals(new BuildSummary(0, 1, 1), build());
        assertFalse(Files.exists(output().resolve("other/Other.java")));
        assertFalse(Files.exists(output().resolve("other")), "the emptied package folder goes too");
        assertTrue(Files.exists(output().resolve("nets/Tiny.java")));
    }

    @Test
    void aRenamedNetworkLeavesNoStaleClassesBehind() throws Exception {
        model("nets/tiny.cnn", TINY);
        build(Emit.CLASS, null, false);
        assertTrue(Files.exists(output().resolve("nets/Tiny$Vector.class")));
        model("nets/tiny.cnn", TINY.replace("Tiny", "Renamed"));
        build(Emit.CLASS, null, false);
        assertTrue(Files.exists(output().resolve("nets/Renamed.class")));
        assertFalse(Files.exists(output().resolve("nets/Tiny.class")));
        assertFalse(Files.exists(output().resolve("nets/Tiny$Scalar.class")));
    }

    @Test
    void errorsNameFileLineAndColumnAndFailTheBuild() throws Exception {
        model("nets/bad.cnn", TINY.replace("kernel: 3", "kernel: 9"));
        model("nets/good.cnn", TINY.replace("Tiny", "Good"));
        BuildFailure failure = assertThrows(BuildFailure.class, this::build);
        assertTrue(failure.getMessage().contains("1 error"), failure.getMessage());
        String error = messages.stream().filter(message -> message.startsWith("ERROR")).findFirst().orElseThrow();
        assertTrue(error.contains(sources().resolve("nets/bad.cnn") + ":3:9: error[E302]"), error);
        assertTrue(Files.exists(output().resolve("nets/Good.java")), "the good model still compiles");
        assertFalse(Files.exists(output().resolve("nets/Tiny.java")));
        // Fixed, it compiles: a failed model is never recorded as up to date.
        model("nets/bad.cnn", TINY);
        assertEquals(new BuildSummary(1, 1, 0), build());
    }

    @Test
    void warningsAreWarningsUnlessTheyFailTheBuild() throws Exception {
        // A 2-stride 2x2 pool over 7 columns leaves the last one unread: warning W301.
        model("nets/warn.cnn", """
                network Warn {
                    input x: [1, 7, 7]
                    y = maxpool2d(x, kernel: 2)
                    output y
                }
                """);
        build();
        assertTrue(messages.stream().anyMatch(message -> message.startsWith("WARN") && message.contains("warning[W")),
                messages.toString());
        Files.delete(dir.resolve("target/maven-status/cnnc/x.lst"));
        BuildFailure failure = assertThrows(BuildFailure.class, () -> build(Emit.JAVA, null, true));
        assertTrue(failure.getMessage().contains("failOnWarning"), failure.getMessage());
    }

    @Test
    void withoutTheVectorClassTheFacadeCreatesTheScalarOneAndNothingNamesTheVectorModule() throws Exception {
        model("nets/tiny.cnn", TINY);
        build(Emit.JAVA, null, false, false);
        assertFalse(Files.exists(output().resolve("nets/TinyVector.java")));
        String facade = Files.readString(output().resolve("nets/Tiny.java"));
        assertTrue(facade.contains("return new TinyScalar();") && !facade.contains("Vector"), facade);
        assertFalse(Files.readString(output().resolve("nets/TinyScalar.java")).contains("jdk.incubator"));
        // Switching the option back is a change: the model compiles again, with its vector class.
        assertEquals(1, build().compiled());
        assertTrue(Files.exists(output().resolve("nets/TinyVector.java")));
    }

    @Test
    void twoNetworksOfOneNameInOnePackageAreAnError() throws Exception {
        model("nets/a.cnn", TINY);
        model("nets/b.cnn", TINY);
        assertThrows(BuildFailure.class, this::build);
        assertTrue(messages.stream().anyMatch(message -> message.contains("writes too")), messages.toString());
    }

    @Test
    void aFolderThatIsNoPackageNeedsThePackageOption() throws Exception {
        model("my-nets/tiny.cnn", TINY);
        BuildFailure failure = assertThrows(BuildFailure.class, this::build);
        assertTrue(failure.getMessage().contains("<packageName>"), failure.getMessage());
        assertEquals(1, build(Emit.JAVA, "com.example", false).compiled());
        assertTrue(Files.exists(output().resolve("com/example/Tiny.java")));
    }
}
