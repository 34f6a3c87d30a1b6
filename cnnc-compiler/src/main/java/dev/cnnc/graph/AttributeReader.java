package dev.cnnc.graph;

import dev.cnnc.ast.AttributeValue;
import dev.cnnc.ast.Identifier;
import dev.cnnc.ast.ListLiteral;
import dev.cnnc.ast.NamedArgument;
import dev.cnnc.ast.NumberLiteral;
import dev.cnnc.ast.OpCall;
import dev.cnnc.ast.WordLiteral;
import dev.cnnc.diagnostics.Diagnostics;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.diagnostics.SourceSpan;
import dev.cnnc.ir.Dims;
import dev.cnnc.ir.Padding;
import dev.cnnc.ops.AttributeKind;
import dev.cnnc.ops.AttributeSpec;
import dev.cnnc.ops.OpCatalog;
import dev.cnnc.ops.OpSignature;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the attributes of one op call against its signature. Each getter returns the value, or the
 * catalog's default when it was not written; a mistake is reported once and marks the call as
 * failed, and the getter then returns a harmless stand-in so that the other attributes are still
 * checked.
 */
final class AttributeReader {

    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

    private final OpSignature signature;
    private final OpCall call;
    private final Diagnostics diagnostics;
    private final Map<String, NamedArgument> given = new LinkedHashMap<>();
    private boolean failed;

    AttributeReader(OpSignature signature, OpCall call, Diagnostics diagnostics) {
        this.signature = signature;
        this.call = call;
        this.diagnostics = diagnostics;
        for (NamedArgument argument : call.attributes()) {
            String key = argument.key().text();
            if (signature.attribute(key).isEmpty()) {
                fail(ErrorCode.E202, argument.key().span(), unknownAttribute(key));
            } else if (given.containsKey(key)) {
                fail(ErrorCode.E204, argument.key().span(), signature.name(), key);
            } else {
                given.put(key, argument);
            }
        }
        for (AttributeSpec spec : signature.attributes()) {
            if (spec.required() && !given.containsKey(spec.name())) {
                fail(ErrorCode.E203, call.op().span(), signature.name() + " needs '" + spec.name() + "' ("
                        + RequiredAttributes.describe(signature, spec.name()) + ")");
            }
        }
    }

    boolean failed() {
        return failed;
    }

    boolean isGiven(String name) {
        return given.containsKey(name);
    }

    SourceSpan spanOf(String name) {
        NamedArgument argument = given.get(name);
        return argument == null ? call.op().span() : argument.value().span();
    }

    /** A whole number attribute such as {@code out} or {@code groups}. */
    int integer(String name) {
        AttributeSpec spec = spec(name);
        NamedArgument argument = given.get(name);
        if (argument == null) {
            return spec.defaultValue() == null ? 1 : Integer.parseInt(spec.defaultValue());
        }
        if (!(argument.value() instanceof NumberLiteral number)) {
            wrongKind(argument, spec);
            return 1;
        }
        return toInt(name, number, (int) spec.minimum()).orElse(1);
    }

    /** A per-dimension attribute: a scalar for every one of {@code rank} dimensions, or a list of {@code rank}. */
    Dims spatial(String name, int rank) {
        AttributeSpec spec = spec(name);
        NamedArgument argument = given.get(name);
        if (argument == null) {
            return Dims.filled(rank, spec.defaultValue() == null ? 1 : Integer.parseInt(spec.defaultValue()));
        }
        return spatialValue(argument, spec, rank);
    }

    /** A convolution's padding: a number, a list, {@code same} or {@code valid}. */
    Padding convPadding(int rank) {
        NamedArgument argument = given.get("padding");
        if (argument != null && argument.value() instanceof WordLiteral word) {
            switch (word.word().text()) {
                case "same" -> {
                    return Padding.same(rank);
                }
                case "valid" -> {
                    return Padding.valid(rank);
                }
                default -> {
                    wrongKind(argument, spec("padding"));
                    return Padding.valid(rank);
                }
            }
        }
        return Padding.explicit(spatial("padding", rank));
    }

    /** The scale of upsample: one entry for a scalar (any rank), or the list as written. */
    Dims scale() {
        NamedArgument argument = given.get("scale");
        if (argument == null) {
            return Dims.of(1);
        }
        if (argument.value() instanceof ListLiteral list) {
            return spatialValue(argument, spec("scale"), list.items().size());
        }
        return spatialValue(argument, spec("scale"), 1);
    }

    boolean scaleIsList() {
        NamedArgument argument = given.get("scale");
        return argument != null && argument.value() instanceof ListLiteral;
    }

    boolean bool(String name) {
        AttributeSpec spec = spec(name);
        NamedArgument argument = given.get(name);
        if (argument == null) {
            return Boolean.parseBoolean(spec.defaultValue());
        }
        if (argument.value() instanceof WordLiteral word) {
            if (word.word().text().equals("true")) {
                return true;
            }
            if (word.word().text().equals("false")) {
                return false;
            }
        }
        wrongKind(argument, spec);
        return Boolean.parseBoolean(spec.defaultValue());
    }

    double real(String name) {
        AttributeSpec spec = spec(name);
        NamedArgument argument = given.get(name);
        double fallback = Double.parseDouble(spec.defaultValue());
        if (argument == null) {
            return fallback;
        }
        if (!(argument.value() instanceof NumberLiteral number)) {
            wrongKind(argument, spec);
            return fallback;
        }
        double value = number.value().doubleValue();
        if (!Double.isFinite(value) || value < spec.minimum() || value > spec.maximum()) {
            fail(ErrorCode.E207, number.span(), signature.name() + ": " + name + " must be " + range(spec)
                    + ", found " + number.text());
            return fallback;
        }
        return value;
    }

    String word(String name) {
        AttributeSpec spec = spec(name);
        NamedArgument argument = given.get(name);
        if (argument == null) {
            return spec.defaultValue();
        }
        if (argument.value() instanceof WordLiteral word && spec.words().contains(word.word().text())) {
            return word.word().text();
        }
        fail(ErrorCode.E205, argument.value().span(), signature.name() + ": " + name + " takes "
                + String.join(" or ", spec.words().stream().map(w -> "'" + w + "'").toList())
                + " in version 0 of the language, found " + argument.value().display());
        return spec.defaultValue();
    }

    /** The statement an attribute names (maxunpool's {@code indices}), if it is a plain name. */
    Optional<Identifier> statement(String name) {
        NamedArgument argument = given.get(name);
        if (argument == null) {
            return Optional.empty();
        }
        if (argument.value() instanceof WordLiteral word) {
            return Optional.of(word.word());
        }
        wrongKind(argument, spec(name));
        return Optional.empty();
    }

    private Dims spatialValue(NamedArgument argument, AttributeSpec spec, int rank) {
        String name = spec.name();
        int minimum = (int) spec.minimum();
        AttributeValue value = argument.value();
        if (value instanceof NumberLiteral number) {
            return Dims.filled(rank, toInt(name, number, minimum).orElse(Math.max(minimum, 1)));
        }
        if (!(value instanceof ListLiteral list)) {
            wrongKind(argument, spec);
            return Dims.filled(rank, Math.max(minimum, 1));
        }
        if (list.items().size() != rank) {
            fail(ErrorCode.E206, list.span(), signature.name() + ": " + name + " " + list.display() + " has "
                    + list.items().size() + (list.items().size() == 1 ? " entry" : " entries") + ", but "
                    + signature.name() + " works on " + rank + " spatial dimension" + (rank == 1 ? "" : "s")
                    + "; give " + rank + " or a single number for all");
            return Dims.filled(rank, Math.max(minimum, 1));
        }
        int[] values = new int[rank];
        for (int i = 0; i < rank; i++) {
            AttributeValue item = list.items().get(i);
            if (item instanceof NumberLiteral number) {
                values[i] = toInt(name, number, minimum).orElse(Math.max(minimum, 1));
            } else {
                fail(ErrorCode.E205, item.span(), signature.name() + ": the entries of " + name
                        + " are whole numbers, found " + item.display());
                values[i] = Math.max(minimum, 1);
            }
        }
        return Dims.of(values);
    }

    private Optional<Integer> toInt(String name, NumberLiteral number, int minimum) {
        if (!number.integral()) {
            fail(ErrorCode.E205, number.span(), signature.name() + ": " + name + " must be a whole number, found "
                    + number.text());
            return Optional.empty();
        }
        if (number.value().compareTo(INT_MAX) > 0) {
            fail(ErrorCode.E013, number.span(), signature.name() + ": " + name + " " + number.text()
                    + " is too large (the largest size cnnc handles is 2147483647)");
            return Optional.empty();
        }
        int value = number.value().intValueExact();
        if (value < minimum) {
            fail(ErrorCode.E207, number.span(), signature.name() + ": " + name + " must be at least " + minimum
                    + ", found " + number.text());
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private void wrongKind(NamedArgument argument, AttributeSpec spec) {
        String found = argument.value().display();
        String hint = "";
        if (spec.kind() == AttributeKind.SPATIAL && spec.name().equals("padding")
                && (found.equals("same") || found.equals("valid"))) {
            hint = " ('same' and 'valid' belong to convolutions; pooling takes numbers only)";
        } else if (spec.kind() == AttributeKind.BOOL && (found.equals("1") || found.equals("0"))) {
            hint = " (write true or false)";
        }
        fail(ErrorCode.E205, argument.value().span(), signature.name() + ": " + spec.name() + " takes "
                + spec.kind().description() + ", found " + found + hint);
    }

    private String unknownAttribute(String key) {
        String prefix = signature.name() + " has no attribute '" + key + "'";
        Optional<String> native_ = OpCatalog.nativeAttributeName(key).filter(n -> signature.attribute(n).isPresent());
        if (native_.isPresent()) {
            return prefix + "; the language calls it '" + native_.get() + "'";
        }
        String hint = Suggestions.didYouMean(key, signature.attributeNames());
        if (!hint.isEmpty()) {
            return prefix + hint;
        }
        if (signature.attributes().isEmpty()) {
            return prefix + "; it takes none";
        }
        return prefix + "; it takes " + String.join(", ", signature.attributeNames());
    }

    private static String range(AttributeSpec spec) {
        if (spec.maximum() == Double.POSITIVE_INFINITY || spec.maximum() == Double.MAX_VALUE) {
            return spec.minimum() == Double.MIN_NORMAL ? "above 0" : "at least " + spec.minimum();
        }
        return "between " + trim(spec.minimum()) + " and " + trim(spec.maximum());
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private AttributeSpec spec(String name) {
        return signature.attribute(name).orElseThrow(() -> new IllegalArgumentException(signature.name() + "." + name));
    }

    private void fail(ErrorCode code, SourceSpan span, Object... arguments) {
        failed = true;
        diagnostics.report(code, span, arguments);
    }
}
