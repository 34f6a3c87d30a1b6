package dev.cnnc.maven;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code ./mvnw install -DskipTests} skips the invoker's integration tests too (they were 95 s of
 * an install's 138 s): the invoker's skip flags follow {@code skipTests}.
 */
class SkipTestsTest {

    @Test
    void theInvokerFollowsSkipTests() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        int invoker = pom.indexOf("<artifactId>maven-invoker-plugin</artifactId>");
        assertTrue(invoker >= 0, "the plugin module runs the invoker");
        String configuration = pom.substring(invoker, pom.indexOf("</plugin>", invoker));
        assertTrue(configuration.contains("<skipInstallation>${skipTests}</skipInstallation>"), configuration);
        assertTrue(configuration.contains("<skipInvocation>${skipTests}</skipInvocation>"), configuration);
        String parent = Files.readString(Path.of("../pom.xml"));
        assertTrue(parent.contains("<skipTests>false</skipTests>"), "the parent declares skipTests so that it resolves");
    }
}
