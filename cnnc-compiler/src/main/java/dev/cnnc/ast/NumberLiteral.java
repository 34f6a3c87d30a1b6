package dev.cnnc.ast;

import dev.cnnc.diagnostics.SourceSpan;
import java.math.BigDecimal;

/** A number as written; {@code integral} when it has neither a decimal point nor an exponent. */
public record NumberLiteral(String text, BigDecimal value, boolean integral, SourceSpan span) implements AttributeValue {
    @Override
    public String display() {
        return text;
    }
}
