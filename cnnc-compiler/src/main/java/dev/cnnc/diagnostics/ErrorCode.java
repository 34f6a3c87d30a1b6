package dev.cnnc.diagnostics;

/**
 * The catalog of everything cnnc reports about a user's input. A code never changes meaning once
 * released: tools and tests match on it. The template is a {@link String#format} pattern filled by
 * the stage that reports it; the title is the short reason used in documentation and tests.
 *
 * <p>Ranges: E0xx reading and syntax, E1xx names and structure, E2xx ops and attributes, E3xx
 * shapes; W-codes are warnings.
 */
public enum ErrorCode {
    // Reading the file and its syntax.
    E001(Severity.ERROR, "cannot read the file", "cannot read %s: %s"),
    E002(Severity.ERROR, "not a text file", "%s"),
    E003(Severity.ERROR, "no network in the file", "the file holds no network; a .cnn file holds one or more 'network NAME { ... }' blocks"),
    E004(Severity.ERROR, "file too large", "the file is %s; cnnc reads model files of up to %s"),
    E010(Severity.ERROR, "unexpected character", "unexpected character %s"),
    E011(Severity.ERROR, "syntax error", "%s"),
    E012(Severity.ERROR, "unterminated comment", "this /* comment is never closed with */"),
    E013(Severity.ERROR, "number out of range", "%s"),
    E014(Severity.ERROR, "nesting too deep", "expressions are nested more than %d levels deep here"),
    E015(Severity.ERROR, "too many errors", "too many errors (%d); stopping here"),

    // Names and the structure of a network.
    E101(Severity.ERROR, "undefined name", "%s"),
    E102(Severity.ERROR, "redefined name", "%s"),
    E103(Severity.ERROR, "name used before its definition", "'%s' is used before its definition on line %d"),
    E104(Severity.ERROR, "network without input", "network %s has no input; declare one, e.g. 'input x: [1, 28, 28]'"),
    E105(Severity.ERROR, "network without output", "network %s has no output; name the result, e.g. 'output %s'"),
    E106(Severity.ERROR, "network defined twice", "network %s is already defined on line %d"),
    E107(Severity.ERROR, "output listed twice", "'%s' is already an output of network %s"),
    E108(Severity.ERROR, "bad input shape", "%s"),

    // Ops and their attributes.
    E201(Severity.ERROR, "unknown op", "%s"),
    E202(Severity.ERROR, "unknown attribute", "%s"),
    E203(Severity.ERROR, "missing required attribute", "%s"),
    E204(Severity.ERROR, "attribute given twice", "%s: attribute '%s' is given twice"),
    E205(Severity.ERROR, "wrong kind of attribute value", "%s"),
    E206(Severity.ERROR, "list of the wrong length", "%s"),
    E207(Severity.ERROR, "attribute value out of range", "%s"),
    E208(Severity.ERROR, "wrong number of inputs", "%s"),
    E209(Severity.ERROR, "positional argument after a named one", "%s: inputs come before named attributes"),
    E210(Severity.ERROR, "indices must name a maxpool statement", "%s"),
    E211(Severity.ERROR, "conflicting attributes", "%s"),

    // Shapes.
    E301(Severity.ERROR, "output size below 1", "%s"),
    E302(Severity.ERROR, "kernel larger than the padded input", "%s"),
    E303(Severity.ERROR, "pooling padding above half the kernel", "%s"),
    E304(Severity.ERROR, "output_padding not smaller than stride or dilation", "%s"),
    E305(Severity.ERROR, "channels not divisible by groups", "%s"),
    E306(Severity.ERROR, "rank does not match the op's form", "%s"),
    E307(Severity.ERROR, "dense on a non-flat input", "%s"),
    E308(Severity.ERROR, "add on mismatched shapes", "%s"),
    E309(Severity.ERROR, "concat on mismatched shapes", "%s"),
    E310(Severity.ERROR, "tensor too large", "%s"),
    E311(Severity.ERROR, "maxunpool input does not match its pool", "%s"),
    E312(Severity.ERROR, "op needs spatial dimensions", "%s"),

    // Warnings.
    W301(Severity.WARNING, "stride leaves input unread", "%s"),
    W101(Severity.WARNING, "unused value", "%s"),
    W102(Severity.WARNING, "unused input", "%s");

    private final Severity severity;
    private final String title;
    private final String template;

    ErrorCode(Severity severity, String title, String template) {
        this.severity = severity;
        this.title = title;
        this.template = template;
    }

    public Severity severity() {
        return severity;
    }

    /** A few words that say what the code means, e.g. "output size below 1". */
    public String title() {
        return title;
    }

    /** The message for this code with its blanks filled in. */
    public String format(Object... arguments) {
        return String.format(java.util.Locale.ROOT, template, arguments);
    }
}
