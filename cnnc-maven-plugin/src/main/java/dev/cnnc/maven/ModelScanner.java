package dev.cnnc.maven;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * The models a build compiles: the files under the source directory that match an include
 * pattern and no exclude pattern, as Maven reads them ({@code **}{@code /*.cnn} also matches a file
 * at the top of the directory), in a fixed order.
 */
final class ModelScanner {

    private ModelScanner() {}

    /** Paths relative to {@code root}, with '/' separators, sorted. */
    static List<String> scan(Path root, List<String> includes, List<String> excludes) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<PathMatcher> in = matchers(includes);
        List<PathMatcher> out = matchers(excludes);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize)
                    .filter(path -> matches(in, path) && !matches(out, path))
                    .map(path -> path.toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static List<PathMatcher> matchers(List<String> patterns) {
        return patterns.stream().flatMap(pattern -> {
            String glob = pattern.replace('\\', '/');
            // Maven's ** matches no folder too; a Java glob's **/ needs at least one.
            return glob.startsWith("**/") ? Stream.of(glob, glob.substring(3)) : Stream.of(glob);
        }).map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
    }

    private static boolean matches(List<PathMatcher> matchers, Path path) {
        return matchers.stream().anyMatch(matcher -> matcher.matches(path));
    }
}
