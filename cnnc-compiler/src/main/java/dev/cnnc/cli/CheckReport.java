package dev.cnnc.cli;

import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.GraphInput;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON object {@code cnnc check --format json} prints for one file:
 * {@code {"file", "ok", "networks", "outputs", "tensors", "params", "diagnostics"}}. Shapes are per
 * sample (no batch). In a file with several networks, names are prefixed with {@code NETWORK.}.
 */
final class CheckReport {

    private CheckReport() {}

    static Map<String, Object> of(CheckResult result) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        Map<String, Object> tensors = new LinkedHashMap<>();
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> networks = new ArrayList<>();
        boolean prefix = result.networks().size() > 1;
        for (CheckedGraph network : result.networks()) {
            String name = network.graph().name();
            networks.add(name);
            String p = prefix ? name + "." : "";
            for (String output : network.graph().outputs()) {
                outputs.put(p + output, network.shape(output).toArray());
            }
            for (GraphInput input : network.graph().inputs()) {
                tensors.put(p + input.name(), input.shape().toArray());
            }
            for (Node node : network.graph().nodes()) {
                tensors.put(p + node.output(), network.shape(node.output()).toArray());
            }
            for (Parameter parameter : network.parameters()) {
                params.put(p + parameter.name(), parameter.shape().toArray());
            }
        }
        List<Object> diagnostics = new ArrayList<>();
        for (Diagnostic diagnostic : result.diagnostics()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("severity", diagnostic.severity().label());
            entry.put("code", diagnostic.code().name());
            entry.put("line", diagnostic.span().line());
            entry.put("column", diagnostic.span().column());
            entry.put("message", diagnostic.message());
            diagnostics.add(entry);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", result.fileName());
        report.put("ok", result.ok());
        report.put("networks", networks);
        report.put("outputs", outputs);
        report.put("tensors", tensors);
        report.put("params", params);
        report.put("diagnostics", diagnostics);
        return report;
    }
}
