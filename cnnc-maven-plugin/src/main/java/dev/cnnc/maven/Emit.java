package dev.cnnc.maven;

/** What the plugin writes. */
enum Emit {
    JAVA,
    CLASS
}
