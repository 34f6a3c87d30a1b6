package dev.cnnc.ir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A graph whose shapes have been checked: the shape of every tensor (inputs, then node outputs in
 * order) and the network's parameters in {@code state_dict} order.
 */
public record CheckedGraph(Graph graph, Map<String, Shape> shapes, List<Parameter> parameters) {

    public CheckedGraph {
        Objects.requireNonNull(graph, "graph");
        shapes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        parameters = List.copyOf(parameters);
        for (GraphInput input : graph.inputs()) {
            requireShape(shapes, input.name());
        }
        for (Node node : graph.nodes()) {
            requireShape(shapes, node.output());
        }
    }

    public Shape shape(String tensor) {
        return requireShape(shapes, tensor);
    }

    private static Shape requireShape(Map<String, Shape> shapes, String tensor) {
        Shape shape = shapes.get(tensor);
        if (shape == null) {
            throw new IllegalArgumentException("no shape for tensor '" + tensor + "'");
        }
        return shape;
    }
}
