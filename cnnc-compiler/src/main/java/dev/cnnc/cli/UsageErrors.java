package dev.cnnc.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reports a mistake on the command line (exit 2). A mistyped option comes first, with "did you
 * mean", even when picocli found a required option missing before it looked at the typo: the
 * typo is the cause ({@code --inptu x.npy} is why {@code --input} is missing).
 */
final class UsageErrors {

    private UsageErrors() {}

    static int report(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        List<String> unknown = e instanceof CommandLine.MissingParameterException ? unknownOptions(command.getCommandSpec(), args)
                : List.of();
        if (!unknown.isEmpty()) {
            CommandLine.UnmatchedArgumentException typo = new CommandLine.UnmatchedArgumentException(command, unknown);
            err.println(typo.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(typo, err);
            err.println("(and so: " + e.getMessage() + ")");
            err.println("Try 'cnnc " + commandPath(command) + "--help' for the options.");
        } else {
            err.println(e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
                command.usage(err);
            }
        }
        return ExitCodes.USAGE;
    }

    /** The words that look like options ({@code -x}, {@code --xyz}) and are none of this command's. */
    private static List<String> unknownOptions(CommandSpec spec, String[] args) {
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.startsWith("-") && name.length() > 1 && !isNumber(name) && spec.findOption(name) == null
                    && (spec.parent() == null || spec.parent().findOption(name) == null)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private static boolean isNumber(String word) {
        return word.matches("-[0-9.].*");
    }

    private static String commandPath(CommandLine command) {
        return command.getParent() == null ? "" : command.getCommandName() + " ";
    }
}
