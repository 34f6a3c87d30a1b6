package dev.cnnc.diagnostics;

/**
 * A place in a source file: 1-based line and column of its first character, and its length in
 * characters on that line (at least 1, so that a caret can always be drawn).
 */
public record SourceSpan(int line, int column, int length) {

    /** A span for diagnostics about the file as a whole, which have no line. */
    public static final SourceSpan FILE = new SourceSpan(0, 0, 0);

    public SourceSpan {
        if (line < 0 || column < 0 || length < 0) {
            throw new IllegalArgumentException("negative position " + line + ":" + column + "+" + length);
        }
    }

    public static SourceSpan of(int line, int column, int length) {
        return new SourceSpan(line, column, Math.max(1, length));
    }

    public boolean hasLine() {
        return line > 0;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
