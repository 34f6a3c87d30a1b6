package dev.cnnc.backend.java;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in memory with the JDK's compiler ({@code javax.tools}) into class
 * files held in memory, against the class path this JVM runs with (where the runtime is), with
 * the vector module added.
 */
public final class InMemoryJavac {

    /** The class files by binary name, and every warning javac gave (the incubator module's notice among them). */
    public record Result(Map<String, byte[]> classes, List<String> warnings) {}

    /** javac's own message for the vector module, which every vector class gets. */
    public static final String INCUBATOR_WARNING = "using incubating module(s): jdk.incubator.vector";

    private InMemoryJavac() {}

    /** @throws IllegalStateException when javac reports an error, or this JVM has no compiler */
    public static Result compile(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java runtime has no compiler (javax.tools); run cnnc on a JDK");
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        try (ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                outputs.put(className, bytes);
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return bytes;
                    }
                };
            }
        }) {
            List<String> options = List.of("--add-modules", "jdk.incubator.vector", "-proc:none", "-Xlint:all",
                    "-classpath", System.getProperty("java.class.path"));
            boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
            List<String> warnings = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                String text = (diagnostic.getSource() == null ? "" : diagnostic.getSource().getName() + ":"
                        + diagnostic.getLineNumber() + ": ") + diagnostic.getMessage(Locale.ROOT);
                (diagnostic.getKind() == Diagnostic.Kind.ERROR ? errors : warnings).add(text);
            }
            if (!ok || !errors.isEmpty()) {
                throw new IllegalStateException("javac rejected the generated source:\n" + String.join("\n", errors));
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            outputs.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
            return new Result(classes, warnings);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("javac's file manager failed: " + e.getMessage(), e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String binaryName, String text) {
            super(URI.create("string:///" + binaryName.replace('.', '/') + ".java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
