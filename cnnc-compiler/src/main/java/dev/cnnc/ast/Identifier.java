package dev.cnnc.ast;

import dev.cnnc.diagnostics.SourceSpan;
import java.util.Objects;

/** A name as written, with where it was written. */
public record Identifier(String text, SourceSpan span) {
    public Identifier {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }
}
