package dev.cnnc.cli;

import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Compiled networks on disk: a class folder or a jar, with an index {@value #INDEX} naming the
 * class of each network, so that {@code cnnc run out/} finds them without the {@code .cnn} file.
 */
final class CompiledModels {

    static final String INDEX = "META-INF/cnnc/networks";

    private CompiledModels() {}

    static boolean isCompiled(Path model) {
        return Files.isDirectory(model) || model.getFileName().toString().endsWith(".jar");
    }

    /** Writes the classes under {@code dir}, adding the networks to the folder's index. */
    static List<Path> writeClasses(Map<String, byte[]> classes, List<String> facades, Path dir) throws InputError {
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                Path file = dir.resolve(entry.getKey().replace('.', '/') + ".class");
                Files.createDirectories(file.getParent());
                AtomicFiles.write(file, entry.getValue());
                written.add(file);
            }
            Path index = dir.resolve(INDEX);
            Set<String> names = new LinkedHashSet<>();
            if (Files.exists(index)) {
                names.addAll(Files.readAllLines(index, StandardCharsets.UTF_8));
            }
            names.addAll(facades);
            Files.createDirectories(index.getParent());
            AtomicFiles.write(index, (String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new InputError("cannot write into " + dir + ": " + TensorFiles.reason(e instanceof IOException io ? io
                    : ((UncheckedIOException) e).getCause()));
        }
        return written;
    }

    /** Writes each source as {@code DIR/package/path/Name.java}. */
    static List<Path> writeSources(Map<String, String> sources, Path dir) throws InputError {
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<String, String> entry : sources.entrySet()) {
                Path file = dir.resolve(entry.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                AtomicFiles.write(file, entry.getValue().getBytes(StandardCharsets.UTF_8));
                written.add(file);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputError("cannot write into " + dir + ": " + TensorFiles.reason(e instanceof IOException io ? io
                    : ((UncheckedIOException) e).getCause()));
        }
        return written;
    }

    /** Writes one jar holding the classes and the index. */
    static void writeJar(Map<String, byte[]> classes, List<String> facades, Path jar) throws InputError {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "cnnc");
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey().replace('.', '/') + ".class"));
                out.write(entry.getValue());
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(INDEX));
            out.write((String.join("\n", facades) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            AtomicFiles.write(jar, bytes.toByteArray());
        } catch (IOException e) {
            throw new InputError("cannot write " + jar + ": " + TensorFiles.reason(e));
        }
    }

    /** Loads a network from a class folder or jar written by {@code cnnc MODEL -d}. */
    static Network load(Path location, String networkName) throws InputError {
        if (!Files.exists(location)) {
            throw new InputError(location + " does not exist");
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(new URL[] {location.toUri().toURL()}, CompiledModels.class.getClassLoader());
        } catch (IOException e) {
            throw new InputError("cannot read " + location + ": " + e.getMessage());
        }
        List<String> facades = new ArrayList<>();
        try (InputStream index = loader.getResourceAsStream(INDEX)) {
            if (index == null) {
                throw new InputError(location + " holds no networks compiled by cnnc (no " + INDEX
                        + "); compile one with 'cnnc MODEL.cnn -d " + location + "'");
            }
            for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    facades.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new InputError("cannot read " + location + ": " + e.getMessage());
        }
        String chosen = choose(location, facades, networkName);
        try {
            Class<?> facade = Class.forName(chosen, true, loader);
            return (Network) facade.getMethod("create").invoke(null);
        } catch (InvocationTargetException e) {
            throw new InputError("the network " + chosen + " in " + location + " does not start: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new InputError("the network " + chosen + " in " + location + " does not load (" + e
                    + "); compile it again with this cnnc");
        }
    }

    private static String choose(Path location, List<String> facades, String networkName) throws InputError {
        if (networkName != null) {
            for (String facade : facades) {
                if (facade.equals(networkName) || facade.endsWith("." + networkName)) {
                    return facade;
                }
            }
            throw new InputError(location + " has no network named '" + networkName + "'; it has " + String.join(", ", facades));
        }
        if (facades.size() != 1) {
            throw new InputError(location + " has " + facades.size() + " networks (" + String.join(", ", facades)
                    + "); pick one with --network NAME");
        }
        return facades.get(0);
    }
}
