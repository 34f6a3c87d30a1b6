package dev.cnnc.maven;

/** Where a build's messages go: Maven's log in the plugin, a list in tests. */
interface BuildLog {
    void info(String message);

    void warn(String message);

    void error(String message);
}
