package dev.cnnc.ast;

import dev.cnnc.diagnostics.SourceSpan;
import java.util.List;

/** One statement of a network body. */
public sealed interface AstStatement {

    /** {@code input NAME: [dims]}: the shape of one sample, channels first. */
    record InputDeclaration(Identifier name, List<NumberLiteral> dims, SourceSpan shapeSpan) implements AstStatement {
        public InputDeclaration {
            dims = List.copyOf(dims);
        }
    }

    /** {@code NAME = chain}. */
    record Assignment(Identifier name, Chain chain) implements AstStatement {}

    /** {@code output NAME, NAME...}. */
    record OutputDeclaration(List<Identifier> names) implements AstStatement {
        public OutputDeclaration {
            names = List.copyOf(names);
        }
    }
}
