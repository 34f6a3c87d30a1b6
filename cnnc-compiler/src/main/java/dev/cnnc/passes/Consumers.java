package dev.cnnc.passes;

import dev.cnnc.ir.Graph;
import dev.cnnc.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which nodes read each tensor, and whether it leaves the network: what a pass must know before it drops a tensor. */
final class Consumers {

    private final Map<String, List<Node>> readers = new HashMap<>();
    private final Graph graph;

    Consumers(Graph graph) {
        this.graph = graph;
        for (Node node : graph.nodes()) {
            for (String input : node.inputs()) {
                readers.computeIfAbsent(input, name -> new ArrayList<>()).add(node);
            }
        }
    }

    /** The one node that reads {@code tensor}, when exactly one does (once) and the tensor is no output. */
    Node soleReader(String tensor) {
        List<Node> nodes = readers.getOrDefault(tensor, List.of());
        if (nodes.size() != 1 || graph.outputs().contains(tensor)) {
            return null;
        }
        Node reader = nodes.get(0);
        return reader.inputs().stream().filter(tensor::equals).count() == 1 ? reader : null;
    }
}
