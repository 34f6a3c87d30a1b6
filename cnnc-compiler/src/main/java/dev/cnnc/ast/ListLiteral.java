package dev.cnnc.ast;

import dev.cnnc.diagnostics.SourceSpan;
import java.util.List;
import java.util.stream.Collectors;

/** {@code [a, b, ...]}. */
public record ListLiteral(List<AttributeValue> items, SourceSpan span) implements AttributeValue {
    public ListLiteral {
        items = List.copyOf(items);
    }

    @Override
    public String display() {
        return items.stream().map(AttributeValue::display).collect(Collectors.joining(", ", "[", "]"));
    }
}
