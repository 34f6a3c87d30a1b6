package dev.cnnc.ast;

import dev.cnnc.diagnostics.SourceSpan;

/** The value of a named argument: a number, a word ({@code same}, {@code true}, a statement name) or a list. */
public sealed interface AttributeValue permits NumberLiteral, WordLiteral, ListLiteral {

    SourceSpan span();

    /** How the value reads in a message, close to how it was written. */
    String display();
}
