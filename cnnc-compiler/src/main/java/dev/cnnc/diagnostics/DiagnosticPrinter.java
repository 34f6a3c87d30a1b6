package dev.cnnc.diagnostics;

/**
 * Formats a diagnostic the way compilers do, so editors and CI logs can link to it:
 *
 * <pre>
 * model.cnn:7:13: error[E302]: conv3: kernel height 5 is larger than ...
 *     conv3 = conv2d(pool2, out: 32, kernel: 5)
 *             ^~~~~~
 * </pre>
 */
public final class DiagnosticPrinter {

    private static final int MAX_SHOWN_LINE = 160;

    private DiagnosticPrinter() {}

    public static String format(SourceFile source, Diagnostic diagnostic) {
        StringBuilder out = new StringBuilder(headline(source.name(), diagnostic));
        SourceSpan span = diagnostic.span();
        if (span.hasLine()) {
            String line = source.line(span.line()).replace('\t', ' ');
            if (!line.isBlank()) {
                int column = Math.min(span.column(), line.length() + 1);
                int start = 0;
                if (line.length() > MAX_SHOWN_LINE) {
                    // Keep the caret on screen for very long lines.
                    start = Math.max(0, Math.min(column - 1 - MAX_SHOWN_LINE / 2, line.length() - MAX_SHOWN_LINE));
                    line = line.substring(start, start + MAX_SHOWN_LINE);
                }
                int caretAt = column - 1 - start;
                int width = Math.max(1, Math.min(span.length(), line.length() - caretAt));
                out.append('\n').append("    ").append(line);
                out.append('\n').append("    ").append(" ".repeat(Math.max(0, caretAt)))
                        .append('^').append("~".repeat(width - 1));
            }
        }
        return out.toString();
    }

    /** The first line alone: {@code FILE:LINE:COL: error[E123]: message}. */
    public static String headline(String fileName, Diagnostic diagnostic) {
        SourceSpan span = diagnostic.span();
        String where = span.hasLine() ? fileName + ":" + span.line() + ":" + span.column() : fileName;
        return where + ": " + diagnostic.severity().label() + "[" + diagnostic.code().name() + "]: " + diagnostic.message();
    }
}
