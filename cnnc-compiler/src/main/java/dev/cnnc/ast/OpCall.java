package dev.cnnc.ast;

import dev.cnnc.diagnostics.SourceSpan;
import java.util.List;

/**
 * {@code op(inputs..., key: value...)}, or a chain step {@code op} / {@code op(...)} whose first
 * input is the value on the left of its arrow ({@code chained} is then true).
 */
public record OpCall(Identifier op, List<Expression> inputs, List<NamedArgument> attributes, boolean chained)
        implements Expression {

    public OpCall {
        inputs = List.copyOf(inputs);
        attributes = List.copyOf(attributes);
    }

    @Override
    public SourceSpan span() {
        return op.span();
    }
}
