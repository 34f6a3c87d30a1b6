package dev.cnnc.check;

import dev.cnnc.diagnostics.Diagnostics;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Shape;

/** Reports mistakes about one node, prefixed by its label, and remembers whether there were any. */
final class NodeReporter {

    private final Node node;
    private final String label;
    private final Diagnostics diagnostics;
    private boolean failed;

    NodeReporter(Node node, String label, Diagnostics diagnostics) {
        this.node = node;
        this.label = label;
        this.diagnostics = diagnostics;
    }

    String label() {
        return label;
    }

    Node node() {
        return node;
    }

    void error(ErrorCode code, String message) {
        failed = true;
        diagnostics.report(code, node.span(), label + ": " + message);
    }

    void warning(ErrorCode code, String message) {
        diagnostics.report(code, node.span(), label + ": " + message);
    }

    boolean failed() {
        return failed;
    }

    /** How a message names the node's input {@code index}: its name, or the step that made it. */
    String input(int index) {
        String tensor = node.inputs().get(index);
        int dot = tensor.lastIndexOf('.');
        return dot < 0 ? "'" + tensor + "'" : "the result of step " + tensor.substring(dot + 1);
    }

    /** A shape, or null when it would overflow (reported as E310). */
    Shape shape(long channels, long[] spatial) {
        long[] dims = new long[spatial.length + 1];
        dims[0] = channels;
        System.arraycopy(spatial, 0, dims, 1, spatial.length);
        if (Shape.elementsOrMinusOne(dims) < 0) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < dims.length; i++) {
                text.append(i == 0 ? "" : ", ").append(dims[i]);
            }
            error(ErrorCode.E310, "the output " + text.append(']') + " has more than 2147483647 elements per sample,"
                    + " more than a Java array holds");
            return null;
        }
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            ints[i] = (int) dims[i];
        }
        return Shape.of(ints);
    }
}
