package dev.cnnc.kernel;

import java.util.Objects;

/** A named local of a kernel method: a parameter, a loop index or a temporary. */
public record Variable(String name, Type type) {

    public Variable {
        Objects.requireNonNull(type, "type");
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("a variable name is a Java identifier: " + name);
        }
    }
}
