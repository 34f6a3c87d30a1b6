package dev.cnnc.maven;

import java.util.Optional;

/**
 * What the plugin needs of the JVM and of Maven, checked before anything compiled for Java 21 is
 * loaded, with the one line a user needs: what is missing and how to get it. (Compiled for Java 11.)
 */
final class Requirements {

    static final int JAVA = 21;
    static final int[] MAVEN = {3, 9};

    private Requirements() {}

    /** The problem, or empty when {@code javaFeature} and {@code mavenVersion} (null: unknown) will do. */
    static Optional<String> problem(int javaFeature, String mavenVersion) {
        if (javaFeature < JAVA) {
            return Optional.of("cnnc-maven-plugin needs Maven to run on a JDK " + JAVA + " or newer (JDK 25 is"
                    + " recommended), but it runs on Java " + javaFeature + ": install one and point JAVA_HOME at it"
                    + " (mvn -v shows the JDK Maven uses)");
        }
        if (mavenVersion != null && older(mavenVersion, MAVEN)) {
            return Optional.of("cnnc-maven-plugin needs Maven " + MAVEN[0] + "." + MAVEN[1] + " or newer, but this is"
                    + " Maven " + mavenVersion + ": install a newer one (https://maven.apache.org/download.cgi) or add the"
                    + " Maven wrapper to the project (mvn -N wrapper:wrapper -Dmaven=3.9.11) and build with ./mvnw");
        }
        return Optional.empty();
    }

    private static boolean older(String version, int[] minimum) {
        String[] parts = version.split("[.-]");
        for (int i = 0; i < minimum.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException e) {
                return false;    // a version we cannot read is given the benefit of the doubt
            }
            if (part != minimum[i]) {
                return part < minimum[i];
            }
        }
        return false;
    }
}
