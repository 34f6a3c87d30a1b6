package dev.cnnc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cnnc}: the command line. Each subcommand is a class of its own; this one wires them up and
 * turns every failure into an exit code and a message, never a stack trace for a user's mistake.
 */
@Command(
        name = "cnnc",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Compiles .cnn convolutional networks to specialized JVM code:",
            "  cnnc MODEL.cnn -d DIR [--package P] [--emit class|jar|java] [--explain] [--dump-ir STAGE]"},
        subcommands = {CheckCommand.class, SummaryCommand.class, RunCommand.class, BenchCommand.class, TrainCommand.class,
            VizCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  errors in the input (a model, a data or parameter file)",
            "  2  wrong usage of the command line",
            "  3  an internal error of cnnc (please report it)"
        })
public final class Main implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    CompileOptions compile;

    @Override
    public Integer call() {
        if (compile.model == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a model or a command is missing: try"
                    + " 'cnnc MODEL.cnn -d DIR', 'cnnc check FILE', 'cnnc summary FILE' or 'cnnc run FILE --input X.npy'");
        }
        if (!java.nio.file.Files.exists(compile.model) && !compile.model.toString().endsWith(".cnn")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown command or file '" + compile.model
                    + "'; the commands are check, summary, run, bench, train, viz and help, or give a .cnn file to compile");
        }
        if (compile.directory == null && !compile.explain && compile.dumpStage == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "say where the classes go with -d DIR (or look only, with --explain or --dump-ir STAGE)");
        }
        try {
            return compile.compile(spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (InputError e) {
            spec.commandLine().getErr().println("cnnc: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code; used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                // '--package bench' names a package, not the bench command.
                .setAllowSubcommandsAsOptionParameters(true);
        commandLine.setParameterExceptionHandler(UsageErrors::report);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> internalError(e, err));
        try {
            return commandLine.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            return internalError(e, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int internalError(Throwable e, PrintWriter err) {
        err.println("cnnc: internal error: " + e + " (this is a bug in cnnc; please report it with the input that caused it)");
        if (System.getenv("CNNC_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("cnnc: set CNNC_DEBUG=1 to print the stack trace");
        }
        return ExitCodes.INTERNAL_ERROR;
    }
}
