/**
 * The Maven plugin: goal {@code compile} compiles the {@code .cnn} files of {@code src/main/cnn}
 * into Java source or classes. {@link CompileMojo} is the thin Maven layer over {@link CnnBuild},
 * which holds the work and knows nothing of Maven.
 */
package dev.cnnc.maven;
