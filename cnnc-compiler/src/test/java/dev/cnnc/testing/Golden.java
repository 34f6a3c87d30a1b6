package dev.cnnc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the golden reference cases are: {@code ../shared/golden} beside the repository, passed in
 * by the build as the system property {@code cnnc.golden}. A missing folder fails the tests; it is
 * never a reason to skip them.
 */
public final class Golden {

    private Golden() {}

    public static Path root() {
        String configured = System.getProperty("cnnc.golden");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "golden");
        if (!Files.isDirectory(root.resolve("ops")) || !Files.isRegularFile(root.resolve("shapes.json"))) {
            throw new IllegalStateException("the golden cases are not at " + root.toAbsolutePath().normalize()
                    + "; they are expected in ../shared/golden beside the repository (set -Dcnnc.golden=DIR)");
        }
        return root;
    }

    /** Every case folder of ops/ and nets/, sorted. */
    public static List<Path> cases() {
        try (Stream<Path> ops = Files.list(root().resolve("ops")); Stream<Path> nets = Files.list(root().resolve("nets"))) {
            return Stream.concat(ops, nets).filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's root, where examples/ lives. */
    public static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        for (Path at = here; at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("examples")) && Files.isDirectory(at.resolve("grammar"))) {
                return at;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }
}
