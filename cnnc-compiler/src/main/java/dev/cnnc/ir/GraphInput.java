package dev.cnnc.ir;

import dev.cnnc.diagnostics.SourceSpan;
import java.util.Objects;

/** A network input: its name and the shape of one sample. */
public record GraphInput(String name, Shape shape, SourceSpan span) {
    public GraphInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(span, "span");
        if (shape.rank() > 4) {
            throw new IllegalArgumentException(name + ": an input has at most 3 spatial dimensions");
        }
    }
}
