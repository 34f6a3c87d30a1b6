package dev.cnnc.ast;

import dev.cnnc.diagnostics.SourceSpan;

/** A bare word used as a value: {@code same}, {@code valid}, {@code true}, {@code false}, {@code nearest}, or a name. */
public record WordLiteral(Identifier word) implements AttributeValue {
    @Override
    public SourceSpan span() {
        return word.span();
    }

    @Override
    public String display() {
        return word.text();
    }
}
