package dev.cnnc.ops;

import java.util.List;
import java.util.Objects;

/**
 * One attribute an op takes.
 *
 * @param defaultValue the default as the language would write it ({@code "1"}, {@code "true"},
 *     {@code "1e-5"}), or null when the attribute is required or its default depends on another
 *     attribute (a pool's stride defaults to its kernel)
 * @param minimum the smallest value allowed for INT, SPATIAL, CONV_PADDING and SCALE values, and
 *     REAL values (inclusive)
 * @param maximum the largest REAL value allowed (inclusive)
 * @param words the words a WORD attribute takes
 */
public record AttributeSpec(
        String name,
        AttributeKind kind,
        boolean required,
        String defaultValue,
        double minimum,
        double maximum,
        List<String> words) {

    public AttributeSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        words = List.copyOf(words);
        if (required && defaultValue != null) {
            throw new IllegalArgumentException(name + ": a required attribute has no default");
        }
    }

    static AttributeSpec required(String name, AttributeKind kind, int minimum) {
        return new AttributeSpec(name, kind, true, null, minimum, Double.POSITIVE_INFINITY, List.of());
    }

    static AttributeSpec optional(String name, AttributeKind kind, String defaultValue, int minimum) {
        return new AttributeSpec(name, kind, false, defaultValue, minimum, Double.POSITIVE_INFINITY, List.of());
    }

    static AttributeSpec real(String name, String defaultValue, double minimum, double maximum) {
        return new AttributeSpec(name, AttributeKind.REAL, false, defaultValue, minimum, maximum, List.of());
    }

    static AttributeSpec bool(String name, String defaultValue) {
        return new AttributeSpec(name, AttributeKind.BOOL, false, defaultValue, 0, 0, List.of());
    }

    static AttributeSpec word(String name, String defaultValue, List<String> words) {
        return new AttributeSpec(name, AttributeKind.WORD, false, defaultValue, 0, 0, words);
    }

    static AttributeSpec statement(String name) {
        return new AttributeSpec(name, AttributeKind.STATEMENT, true, null, 0, 0, List.of());
    }
}
