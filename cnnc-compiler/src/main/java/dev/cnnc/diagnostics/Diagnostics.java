package dev.cnnc.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the diagnostics of one source file across the stages. It keeps every error up to a
 * limit, so that a file of random bytes yields a screenful, not a million lines.
 */
public final class Diagnostics {

    /** Past this many errors a file is hopeless; one more line says so and the rest is dropped. */
    public static final int MAX_ERRORS = 100;

    private final List<Diagnostic> reported = new ArrayList<>();
    private int errors;
    private boolean truncated;

    public void report(ErrorCode code, SourceSpan span, Object... arguments) {
        add(Diagnostic.of(code, span, arguments));
    }

    public void add(Diagnostic diagnostic) {
        if (truncated) {
            return;
        }
        if (diagnostic.isError()) {
            if (errors == MAX_ERRORS) {
                truncated = true;
                reported.add(Diagnostic.of(ErrorCode.E015, diagnostic.span(), MAX_ERRORS));
                return;
            }
            errors++;
        }
        reported.add(diagnostic);
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public int errorCount() {
        return errors + (truncated ? 1 : 0);
    }

    public int warningCount() {
        return (int) reported.stream().filter(d -> d.severity() == Severity.WARNING).count();
    }

    /** Everything reported, in source order (file-level diagnostics first); stable for equal positions. */
    public List<Diagnostic> all() {
        List<Diagnostic> sorted = new ArrayList<>(reported);
        sorted.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line()).thenComparingInt(d -> d.span().column()));
        if (truncated) {
            // The "too many errors" line closes the list wherever it points.
            Diagnostic last = reported.get(reported.size() - 1);
            sorted.remove(last);
            sorted.add(last);
        }
        return List.copyOf(sorted);
    }
}
