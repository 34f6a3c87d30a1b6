package dev.cnnc.driver;

import dev.cnnc.ast.AstFile;
import dev.cnnc.ast.AstNetwork;
import dev.cnnc.check.ShapeChecker;
import dev.cnnc.diagnostics.Diagnostics;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.diagnostics.SourceFile;
import dev.cnnc.frontend.AstBuilder;
import dev.cnnc.frontend.SourceParser;
import dev.cnnc.frontend.SourceReader;
import dev.cnnc.frontend.grammar.CnnParser;
import dev.cnnc.graph.GraphBuilder;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Graph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the front-end stages over one file: read, parse, build the AST, then for each network build
 * the graph and check its shapes. Parsing stops the file at its first failing stage (a syntax error
 * leaves no tree to check); graph building and shape checking run together so that every mistake
 * of a file is reported in one go.
 */
public final class FrontEnd {

    private FrontEnd() {}

    public static CheckResult check(Path path) {
        return switch (SourceReader.read(path)) {
            case SourceReader.Result.Read read -> check(read.source());
            case SourceReader.Result.Failed failed -> new CheckResult(failed.name(), null, List.of(), List.of(failed.diagnostic()));
        };
    }

    /** Checks source text, e.g. a test's model or an entry of shapes.json. */
    public static CheckResult check(String name, String text) {
        return switch (SourceReader.decode(name, text.getBytes(StandardCharsets.UTF_8))) {
            case SourceReader.Result.Read read -> check(read.source());
            case SourceReader.Result.Failed failed -> new CheckResult(failed.name(), null, List.of(), List.of(failed.diagnostic()));
        };
    }

    public static CheckResult check(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        Optional<CnnParser.FileContext> tree = SourceParser.parse(source, diagnostics);
        if (tree.isEmpty()) {
            return new CheckResult(source.name(), source, List.of(), diagnostics.all());
        }
        AstFile ast = AstBuilder.build(tree.get(), diagnostics);
        List<CheckedGraph> networks = new ArrayList<>();
        Map<String, AstNetwork> seen = new HashMap<>();
        for (AstNetwork network : ast.networks()) {
            AstNetwork earlier = seen.putIfAbsent(network.name().text(), network);
            if (earlier != null) {
                diagnostics.report(ErrorCode.E106, network.name().span(), network.name().text(),
                        earlier.name().span().line());
            }
            Graph graph = GraphBuilder.build(network, diagnostics);
            ShapeChecker.check(graph, diagnostics).ifPresent(networks::add);
        }
        return new CheckResult(source.name(), source, diagnostics.hasErrors() ? List.of() : networks, diagnostics.all());
    }
}
