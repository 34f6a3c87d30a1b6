package dev.cnnc.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the reference cases are: the repository's own {@code testdata/} (written by
 * {@code scripts/make-reference-data}). The build passes it as the system property
 * {@code cnnc.testdata}; run from an IDE, the folder is found above the working directory, which
 * is inside the repository. A missing folder fails the tests; it is never a reason to skip them.
 */
public final class TestData {

    private TestData() {}

    public static Path root() {
        String configured = System.getProperty("cnnc.testdata");
        if (configured != null) {
            return check(Path.of(configured));
        }
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.isDirectory(at.resolve("testdata")) && Files.isDirectory(at.resolve("grammar"))) {
                return check(at.resolve("testdata"));
            }
        }
        throw new IllegalStateException("no testdata/ folder above " + Path.of("").toAbsolutePath()
                + "; the reference cases live in the repository's testdata/");
    }

    private static Path check(Path root) {
        if (!Files.isDirectory(root.resolve("ops")) || !Files.isRegularFile(root.resolve("shapes.json"))) {
            throw new IllegalStateException("the reference cases are not at " + root.toAbsolutePath().normalize()
                    + " (expected ops/, nets/ and shapes.json; scripts/make-reference-data writes them)");
        }
        return root;
    }
}
