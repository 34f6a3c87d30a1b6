package dev.cnnc.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Neither stream may carry a Java stack trace: users get messages, not traces. */
    boolean hasStackTrace() {
        String all = out + err;
        return all.contains("\tat ") || all.contains("Exception in thread") || all.matches("(?s).*\\w+(Exception|Error): .*\\n\\s+at .*");
    }
}
