package dev.cnnc.cli;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.summary.NetworkSummary;
import dev.cnnc.summary.SummaryTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cnnc summary FILE}: a table of each statement's shape, parameters, work and receptive field. */
@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a table of a model's statements, shapes, parameters, work and receptive fields.",
            "Each statement shows its ops, output shape, parameter count, multiply-adds and receptive field",
            "(size and jump per spatial dimension, in input elements); then the totals."
        })
final class SummaryCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the .cnn file")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CheckResult result = FrontEnd.check(file);
        CheckCommand.printDiagnostics(result, spec.commandLine().getErr());
        if (!result.ok()) {
            return ExitCodes.INPUT_ERROR;
        }
        boolean first = true;
        for (CheckedGraph network : result.networks()) {
            out.print((first ? "" : "\n") + SummaryTable.render(NetworkSummary.of(network), result.fileName()));
            first = false;
        }
        return ExitCodes.OK;
    }
}
