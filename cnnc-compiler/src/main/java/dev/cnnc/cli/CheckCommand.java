package dev.cnnc.cli;

import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.diagnostics.DiagnosticPrinter;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.util.JsonWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cnnc check FILE...}: checks the syntax, names and shapes of models without compiling them. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Checks .cnn files: syntax, names, attributes and every shape.",
            "Exits with 0 when every file is valid, 1 when any has an error."
        })
final class CheckCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "the .cnn files to check")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (diagnostics as FILE:LINE:COL on stderr) or json (one object per file per line on"
                    + " stdout); default: ${DEFAULT-VALUE}")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            CheckResult result = FrontEnd.check(file);
            allValid &= result.ok();
            if (format == Format.json) {
                out.println(JsonWriter.write(CheckReport.of(result)));
            } else {
                printDiagnostics(result, err);
                out.println(verdict(result));
            }
        }
        return allValid ? ExitCodes.OK : ExitCodes.INPUT_ERROR;
    }

    static void printDiagnostics(CheckResult result, PrintWriter err) {
        for (Diagnostic diagnostic : result.diagnostics()) {
            err.println(result.source() == null
                    ? DiagnosticPrinter.headline(result.fileName(), diagnostic)
                    : DiagnosticPrinter.format(result.source(), diagnostic));
        }
    }

    private static String verdict(CheckResult result) {
        long errors = result.diagnostics().stream().filter(Diagnostic::isError).count();
        long warnings = result.diagnostics().size() - errors;
        if (errors > 0) {
            return result.fileName() + ": " + count(errors, "error") + (warnings > 0 ? ", " + count(warnings, "warning") : "");
        }
        StringBuilder text = new StringBuilder(result.fileName()).append(": ok");
        for (CheckedGraph network : result.networks()) {
            long parameters = network.parameters().stream().filter(p -> p.trainable())
                    .mapToLong(p -> p.shape().elementCount()).sum();
            text.append(", ").append(network.graph().name()).append(' ')
                    .append(String.join(" ", network.graph().inputs().stream().map(i -> network.shape(i.name()).toString()).toList()))
                    .append(" -> ")
                    .append(String.join(" ", network.graph().outputs().stream().map(o -> network.shape(o).toString()).toList()))
                    .append(String.format(java.util.Locale.ROOT, " (%,d parameters)", parameters));
        }
        return text + (warnings > 0 ? ", " + count(warnings, "warning") : "");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
