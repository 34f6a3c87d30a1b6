package dev.cnnc.testing;

import dev.cnnc.runtime.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden reference cases ({@link TestData} finds them) and the repository's root. */
public final class Golden {

    private Golden() {}

    public static Path root() {
        return TestData.root();
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
