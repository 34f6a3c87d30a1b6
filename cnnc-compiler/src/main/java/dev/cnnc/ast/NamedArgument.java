package dev.cnnc.ast;

/** {@code key: value} inside an op call. */
public record NamedArgument(Identifier key, AttributeValue value) {}
