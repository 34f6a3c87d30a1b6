package dev.cnnc.diagnostics;

import java.util.Objects;

/** One thing cnnc says about a source file: a code from the catalog, where, and the filled-in message. */
public record Diagnostic(ErrorCode code, SourceSpan span, String message) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic of(ErrorCode code, SourceSpan span, Object... arguments) {
        return new Diagnostic(code, span, code.format(arguments));
    }

    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return code.severity() == Severity.ERROR;
    }
}
