package dev.cnnc.driver;

import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.diagnostics.SourceFile;
import dev.cnnc.ir.CheckedGraph;
import java.util.List;
import java.util.Objects;

/**
 * What checking one file gave: its text (null when it could not be read), the checked networks
 * (empty when there were errors) and every diagnostic in source order.
 */
public record CheckResult(String fileName, SourceFile source, List<CheckedGraph> networks, List<Diagnostic> diagnostics) {

    public CheckResult {
        Objects.requireNonNull(fileName, "fileName");
        networks = List.copyOf(networks);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
