package dev.cnnc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use from Maven" pom is the very project the integration test {@code
 * src/it/emit-java} builds, so that a project written from the README alone builds.
 */
class ReadmeSnippetTest {

    @Test
    void theReadmesPomIsTheIntegrationTestsPom() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.resolveSibling("README.md"));
        int section = readme.indexOf("## Use from Maven");
        assertTrue(section >= 0, "the README has no section 'Use from Maven'");
        int start = readme.indexOf("```xml\n", section) + "```xml\n".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));
        String pom = Files.readString(module.resolve("src/it/emit-java/pom.xml"));
        String version = System.getProperty("cnnc.version");
        assertEquals(pom.replace("@project.version@", version), snippet);
    }
}
