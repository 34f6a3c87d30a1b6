package dev.cnnc.ir;

import dev.cnnc.diagnostics.SourceSpan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A network as the graph IR holds it: inputs, nodes in topological order (every input of a node is
 * defined before it), and outputs. Built with {@link Builder}, which rejects dangling or repeated
 * names, so a {@code Graph} is always well formed.
 */
public record Graph(String name, SourceSpan span, List<GraphInput> inputs, List<Node> nodes, List<String> outputs) {

    public Graph {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
        inputs = List.copyOf(inputs);
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
    }

    public static Builder builder(String name, SourceSpan span) {
        return new Builder(name, span);
    }

    public Optional<Node> producer(String tensor) {
        return nodes.stream().filter(node -> node.output().equals(tensor)).findFirst();
    }

    /** Builds a {@link Graph}; each call checks that the names it is given make sense so far. */
    public static final class Builder {
        private final String name;
        private final SourceSpan span;
        private final List<GraphInput> inputs = new ArrayList<>();
        private final List<Node> nodes = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private final Set<String> defined = new HashSet<>();

        private Builder(String name, SourceSpan span) {
            this.name = Objects.requireNonNull(name, "name");
            this.span = Objects.requireNonNull(span, "span");
        }

        public Builder addInput(GraphInput input) {
            define(input.name());
            inputs.add(input);
            return this;
        }

        public Builder addNode(Node node) {
            for (String input : node.inputs()) {
                if (!defined.contains(input)) {
                    throw new IllegalArgumentException(node.output() + " reads '" + input + "' before it is defined");
                }
            }
            if (node.op() instanceof Op.MaxUnpool unpool && !defined.contains(unpool.pool())) {
                throw new IllegalArgumentException(node.output() + " takes indices from undefined '" + unpool.pool() + "'");
            }
            define(node.output());
            nodes.add(node);
            return this;
        }

        public Builder addOutput(String tensor) {
            if (!defined.contains(tensor)) {
                throw new IllegalArgumentException("output '" + tensor + "' is not defined");
            }
            if (outputs.contains(tensor)) {
                throw new IllegalArgumentException("output '" + tensor + "' is listed twice");
            }
            outputs.add(tensor);
            return this;
        }

        public boolean isDefined(String tensor) {
            return defined.contains(tensor);
        }

        public Graph build() {
            return new Graph(name, span, inputs, nodes, outputs);
        }

        private void define(String tensor) {
            if (!defined.add(tensor)) {
                throw new IllegalArgumentException("'" + tensor + "' is defined twice");
            }
        }
    }
}
