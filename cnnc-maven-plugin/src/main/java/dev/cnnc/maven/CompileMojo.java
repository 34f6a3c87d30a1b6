package dev.cnnc.maven;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles the {@code .cnn} networks of {@code src/main/cnn}: as Java source into {@code
 * target/generated-sources/cnnc}, added to the compile source roots ({@code <emit>java</emit>}, the
 * default), or as classes straight into {@code target/classes} ({@code <emit>class</emit>}).
 * Unchanged models are not compiled again; the generated files of a removed model are removed.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class CompileMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution execution;

    /** Where the {@code .cnn} files are. */
    @Parameter(property = "cnnc.sourceDirectory", defaultValue = "${project.basedir}/src/main/cnn")
    private File sourceDirectory;

    /**
     * Where the generated files go; by default {@code target/generated-sources/cnnc} for Java
     * source and {@code target/classes} for classes.
     */
    @Parameter(property = "cnnc.outputDirectory")
    private File outputDirectory;

    /** Which files of the source directory are models. */
    @Parameter
    private List<String> includes = List.of("**/*.cnn");

    /** Which of those are not. */
    @Parameter
    private List<String> excludes = List.of();

    /** {@code java} (source, compiled by the build's compiler) or {@code class} (classes, written directly). */
    @Parameter(property = "cnnc.emit", defaultValue = "java")
    private String emit;

    /** The package of every network; by default the model's folder under the source directory. */
    @Parameter(property = "cnnc.packageName")
    private String packageName;

    /**
     * Floats per vector of the Vector API class: 8 (256-bit, AVX2 and wider) by default, so that a
     * build gives the same classes on any machine; a JVM whose vectors are narrower runs the scalar class.
     */
    @Parameter(property = "cnnc.lanes", defaultValue = "8")
    private int lanes;

    /**
     * Whether Java source includes the Vector API class. Without it the sources compile with no
     * {@code --add-modules jdk.incubator.vector}, and {@code create()} returns the scalar class.
     * Classes ({@code <emit>class</emit>}) always include it: they need no compiler flags.
     */
    @Parameter(property = "cnnc.vectorClass", defaultValue = "true")
    private boolean vectorClass;

    /** Whether a warning fails the build, as an error does. */
    @Parameter(property = "cnnc.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /** Skips the goal. */
    @Parameter(property = "cnnc.skip", defaultValue = "false")
    private boolean skip;

    /** The Maven running the build, to say so when it is too old. */
    @Parameter(defaultValue = "${maven.version}", readonly = true)
    private String mavenVersion;

    @Override
    public void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("cnnc: skipped");
            return;
        }
        // This class is compiled for Java 11 so that an old JDK or Maven gets this line, not a class-version stack trace.
        Optional<String> problem = Requirements.problem(Runtime.version().feature(), mavenVersion);
        if (problem.isPresent()) {
            throw new MojoFailureException(problem.get());
        }
        Emit kind;
        try {
            kind = Emit.valueOf(emit.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("<emit> is java or class, not '" + emit + "'");
        }
        if (lanes != 4 && lanes != 8 && lanes != 16) {
            throw new MojoFailureException("<lanes> is 4, 8 or 16, not " + lanes);
        }
        File output = outputDirectory != null ? outputDirectory : kind == Emit.JAVA
                ? new File(project.getBuild().getDirectory(), "generated-sources/cnnc")
                : new File(project.getBuild().getOutputDirectory());
        File status = new File(project.getBuild().getDirectory(), "maven-status/cnnc/" + execution.getExecutionId()
                + "/models.lst");
        BuildOptions options = new BuildOptions(sourceDirectory.toPath(), output.toPath(), status.toPath(),
                includes, excludes, kind, packageName, lanes, vectorClass, failOnWarning);
        BuildSummary summary;
        try {
            summary = builder().build(options, new BuildLog() {
                @Override
                public void info(String message) {
                    getLog().info(message);
                }

                @Override
                public void warn(String message) {
                    getLog().warn(message);
                }

                @Override
                public void error(String message) {
                    getLog().error(message);
                }
            });
        } catch (BuildFailure e) {
            throw new MojoFailureException(e.getMessage());
        }
        if (kind == Emit.JAVA) {
            project.addCompileSourceRoot(output.getPath());
        }
        getLog().info(String.format(Locale.ROOT, "cnnc: %d compiled, %d up to date%s, into %s", summary.compiled(),
                summary.upToDate(), summary.removed() > 0 ? ", " + summary.removed() + " removed" : "", output));
    }

    private static ModelBuilder builder() throws MojoFailureException {
        try {
            return (ModelBuilder) Class.forName(ModelBuilder.IMPLEMENTATION).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MojoFailureException("cnnc-maven-plugin is incomplete: cannot load " + ModelBuilder.IMPLEMENTATION
                    + " (" + e + ")", e);
        }
    }
}
