package dev.cnnc.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An old JDK or Maven gets one line that says what cnnc needs and how to get it. For the JDK that
 * takes the mojo and what it touches before the check to be loadable there: compiled for Java 11.
 */
class RequirementsTest {

    @Test
    void anOldJdkIsNamedWithTheWayOut() {
        String problem = Requirements.problem(17, "3.9.11").orElseThrow();
        assertTrue(problem.contains("needs Maven to run on a JDK 21 or newer"), problem);
        assertTrue(problem.contains("runs on Java 17"), problem);
        assertTrue(problem.contains("JAVA_HOME"), problem);
        assertEquals(1, problem.lines().count(), "one line");
    }

    @Test
    void anOldMavenIsNamedWithTheWayOut() {
        String problem = Requirements.problem(25, "3.8.7").orElseThrow();
        assertTrue(problem.contains("needs Maven 3.9 or newer, but this is Maven 3.8.7"), problem);
        assertTrue(problem.contains("wrapper"), problem);
        assertEquals(1, problem.lines().count(), "one line");
    }

    @Test
    void currentOnesPass() {
        assertEquals(Optional.empty(), Requirements.problem(21, "3.9.0"));
        assertEquals(Optional.empty(), Requirements.problem(25, "3.9.11"));
        assertEquals(Optional.empty(), Requirements.problem(25, "4.0.0-rc-4"));
        assertEquals(Optional.empty(), Requirements.problem(25, null));
        assertEquals(Optional.empty(), Requirements.problem(25, "unknown"));
    }

    @Test
    void whatLoadsBeforeTheCheckIsCompiledForJava11() throws Exception {
        for (Class<?> type : new Class<?>[] {CompileMojo.class, Requirements.class, ModelBuilder.class, BuildOptions.class,
                BuildLog.class, BuildSummary.class, BuildFailure.class, Emit.class}) {
            assertEquals(55, majorVersion(type), type + " must load on Java 11");
        }
        assertEquals(65, majorVersion(CnnBuild.class), "the build itself uses the compiler, for Java 21");
    }

    private static int majorVersion(Class<?> type) throws Exception {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class");
                DataInputStream data = new DataInputStream(in)) {
            data.readInt();
            data.readUnsignedShort();
            return data.readUnsignedShort();
        }
    }
}
