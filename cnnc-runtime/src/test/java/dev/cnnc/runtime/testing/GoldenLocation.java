package dev.cnnc.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the golden reference cases are: {@code shared/golden} beside the repository, passed in by
 * the build as the system property {@code cnnc.golden}; for a clone made elsewhere, beside the local
 * repository it was cloned from. A missing folder fails the tests; it is never a reason to skip them.
 */
public final class GoldenLocation {

    private GoldenLocation() {}

    public static Path root() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("cnnc.golden");
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        repository().flatMap(GoldenLocation::localOrigin)
                .ifPresent(origin -> candidates.add(origin.toAbsolutePath().normalize().resolveSibling("shared").resolve("golden")));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("ops")) && Files.isRegularFile(candidate.resolve("shapes.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the golden cases are not at " + candidates.stream()
                .map(path -> path.toAbsolutePath().normalize().toString()).toList()
                + "; they are expected in shared/golden beside the repository (set -Dcnnc.golden=DIR)");
    }

    /** The nearest folder above the working directory that holds {@code .git}. */
    private static Optional<Path> repository() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve(".git"))) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    /** The {@code origin} remote of {@code repository} when it is a folder on this machine. */
    private static Optional<Path> localOrigin(Path repository) {
        try {
            boolean inOrigin = false;
            for (String line : Files.readAllLines(repository.resolve(".git/config"))) {
                String trimmed = line.trim();
                if (trimmed.startsWith("[")) {
                    inOrigin = trimmed.equals("[remote \"origin\"]");
                } else if (inOrigin && trimmed.startsWith("url")) {
                    String url = trimmed.substring(trimmed.indexOf('=') + 1).trim();
                    Path origin = Path.of(url.startsWith("file://") ? url.substring("file://".length()) : url);
                    return Files.isDirectory(origin) ? Optional.of(origin) : Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            // No readable config or a remote that is no path: there is no local origin to look beside.
        }
        return Optional.empty();
    }
}
