package dev.cnnc.diagnostics;

import java.util.Objects;

/** The text of a model file and the name it is shown under in diagnostics. */
public record SourceFile(String name, String text) {

    public SourceFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /** The text of a 1-based line without its line break, or an empty string past the end. */
    public String line(int number) {
        int start = 0;
        for (int current = 1; current < number; current++) {
            int next = text.indexOf('\n', start);
            if (next < 0) {
                return "";
            }
            start = next + 1;
        }
        int end = text.indexOf('\n', start);
        String line = text.substring(start, end < 0 ? text.length() : end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
