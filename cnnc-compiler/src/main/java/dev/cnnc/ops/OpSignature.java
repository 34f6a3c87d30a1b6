package dev.cnnc.ops;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an op takes: how many inputs, which attributes.
 *
 * @param rank the number of spatial dimensions the op's form works on (1 to 3), or 0 for ops
 *     without a form, which take any rank
 * @param maxInputs the most inputs, or {@link Integer#MAX_VALUE} for "any number"
 */
public record OpSignature(String name, OpFamily family, int rank, int minInputs, int maxInputs, List<AttributeSpec> attributes) {

    public OpSignature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        attributes = List.copyOf(attributes);
        if (minInputs < 1 || maxInputs < minInputs) {
            throw new IllegalArgumentException(name + ": inputs " + minInputs + ".." + maxInputs);
        }
    }

    public Optional<AttributeSpec> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    public List<String> attributeNames() {
        return attributes.stream().map(AttributeSpec::name).toList();
    }
}
