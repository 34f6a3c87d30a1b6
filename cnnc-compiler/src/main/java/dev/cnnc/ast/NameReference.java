package dev.cnnc.ast;

import dev.cnnc.diagnostics.SourceSpan;

/** A use of a tensor's name. */
public record NameReference(Identifier name) implements Expression {
    @Override
    public SourceSpan span() {
        return name.span();
    }
}
