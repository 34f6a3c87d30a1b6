package dev.cnnc.ast;

import dev.cnnc.diagnostics.SourceSpan;

/** A value that flows into an op: a name, or a nested op call. */
public sealed interface Expression permits NameReference, OpCall {
    SourceSpan span();
}
