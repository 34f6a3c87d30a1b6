package dev.cnnc.diagnostics;

/** How bad a diagnostic is: errors stop the compilation, warnings and notes do not. */
public enum Severity {
    ERROR("error"),
    WARNING("warning"),
    NOTE("note");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed before the code, as in {@code error[E301]}. */
    public String label() {
        return label;
    }
}
