package dev.cnnc.ast;

import java.util.List;

/** {@code network NAME { statements }}. */
public record AstNetwork(Identifier name, List<AstStatement> statements) {
    public AstNetwork {
        statements = List.copyOf(statements);
    }
}
