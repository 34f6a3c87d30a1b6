package dev.cnnc.ast;

import java.util.List;

/** A whole {@code .cnn} file: its networks in source order. */
public record AstFile(List<AstNetwork> networks) {
    public AstFile {
        networks = List.copyOf(networks);
    }
}
