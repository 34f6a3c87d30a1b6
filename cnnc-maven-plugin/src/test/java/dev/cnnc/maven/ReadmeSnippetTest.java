package dev.cnnc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The pom and the test that docs/maven.md shows are the very files of the project the integration
 * test {@code src/it/emit-java} builds, so that a project written from the page alone builds.
 */
class ReadmeSnippetTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    private static String block(String language) throws Exception {
        String page = Files.readString(MODULE.resolveSibling("docs").resolve("maven.md"));
        int start = page.indexOf("```" + language + "\n");
        assertTrue(start >= 0, "docs/maven.md has no " + language + " block");
        start += language.length() + 4;
        return page.substring(start, page.indexOf("```", start));
    }

    @Test
    void thePagesPomIsTheIntegrationTestsPom() throws Exception {
        String pom = Files.readString(MODULE.resolve("src/it/emit-java/pom.xml"));
        assertEquals(pom.replace("@project.version@", System.getProperty("cnnc.version")), block("xml"));
    }

    @Test
    void thePagesTestIsTheIntegrationTestsTest() throws Exception {
        assertEquals(Files.readString(MODULE.resolve("src/it/emit-java/src/test/java/com/example/nets/LeNet5Test.java")),
                block("java"));
    }
}
