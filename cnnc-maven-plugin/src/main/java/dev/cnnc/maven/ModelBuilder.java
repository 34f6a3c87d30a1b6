package dev.cnnc.maven;

/**
 * The plugin's work, seen from {@link CompileMojo}: the mojo is compiled for Java 11 so that it
 * loads on any JDK Maven runs on and can say which JDK cnnc needs; the builder, which uses the
 * compiler (Java 21), is loaded only once the JDK is known to be new enough.
 */
interface ModelBuilder {

    /** The class that does the work, loaded by name so that nothing compiled for Java 21 is touched before the check. */
    String IMPLEMENTATION = "dev.cnnc.maven.CnnBuilder";

    BuildSummary build(BuildOptions options, BuildLog log) throws BuildFailure;
}
