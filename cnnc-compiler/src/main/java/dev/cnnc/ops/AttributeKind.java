package dev.cnnc.ops;

/** What values an attribute takes, which decides how it is read and what a mistake says. */
public enum AttributeKind {
    /** A whole number, at least the attribute's minimum. */
    INT("a whole number"),
    /** A whole number for every spatial dimension, or one for all of them. */
    SPATIAL("a whole number or a list with one per spatial dimension"),
    /** Like {@link #SPATIAL}, or the word {@code same} or {@code valid}. */
    CONV_PADDING("a whole number, a list with one per spatial dimension, 'same' or 'valid'"),
    /** A whole number or a list, whose length the input's rank decides (upsample's scale). */
    SCALE("a whole number or a list with one per spatial dimension"),
    /** A number within the attribute's range. */
    REAL("a number"),
    /** {@code true} or {@code false}. */
    BOOL("true or false"),
    /** One word of a fixed set. */
    WORD("one of its words"),
    /** The name of a statement. */
    STATEMENT("the name of a statement");

    private final String description;

    AttributeKind(String description) {
        this.description = description;
    }

    /** What the attribute takes, as a message says it. */
    public String description() {
        return description;
    }
}
