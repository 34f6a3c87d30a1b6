package dev.cnnc.cli;

/** What {@code cnnc} exits with; scripts and the Maven plugin rely on these. */
public final class ExitCodes {

    /** Everything worked and every input was valid. */
    public static final int OK = 0;
    /** An input the user gave has errors (a model, a data file, a parameter file). */
    public static final int INPUT_ERROR = 1;
    /** The command line itself is wrong: an unknown option, a missing argument. */
    public static final int USAGE = 2;
    /** A bug in cnnc; the message asks for a report. */
    public static final int INTERNAL_ERROR = 3;

    private ExitCodes() {}
}
