package dev.cnnc.passes;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds an eval-mode batch norm into the convolution or dense layer before it: with {@code scale =
 * gamma / sqrt(running_var + eps)}, the weights of each output channel are scaled and the bias
 * becomes {@code (bias - running_mean) * scale + beta}, so that the normalization costs nothing. An
 * activation after the batch norm fuses into the same store, and so does a residual add after it
 * (ResNet's {@code relu(bn(conv(x)) + shortcut)}) when the shortcut is computed before the
 * convolution runs, with the activation after the add. Training-mode passes still normalize
 * with the batch statistics, so the unfolded kernels stay too, and a backward pass after a folded
 * forward first computes the tensors folding skipped. The convolution's and the batch norm's
 * outputs must have no other reader and not be outputs of the network.
 */
public final class FoldBatchNorm {

    /**
     * A batch norm folded into a gather; the residual add after it that fuses too (or null), whose
     * other input is {@code shortcut}; and the activation after the add, or after the norm without
     * one, that fuses too (or null).
     */
    public record Fold(Node norm, Node add, String shortcut, Node activation) {

        /** The node whose output the folded gather writes. */
        public Node last() {
            return activation != null ? activation : add != null ? add : norm;
        }
    }

    private FoldBatchNorm() {}

    /** Each folding gather node's output, mapped to what it folds. */
    public static Map<String, Fold> run(CheckedGraph checked) {
        Consumers consumers = new Consumers(checked.graph());
        Map<String, Fold> folds = new LinkedHashMap<>();
        // Where each tensor is computed: a shortcut must be ready before the convolution that adds it.
        Map<String, Integer> producedAt = new HashMap<>();
        List<Node> nodes = checked.graph().nodes();
        for (int i = 0; i < nodes.size(); i++) {
            producedAt.put(nodes.get(i).output(), i);
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            // A transposed convolution's weight holds output channels in its second dimension; it is left alone.
            if (!(node.op() instanceof Op.Conv || node.op() instanceof Op.Dense)) {
                continue;
            }
            Node norm = consumers.soleReader(node.output());
            if (norm == null || !(norm.op() instanceof Op.BatchNorm)) {
                continue;
            }
            Node next = consumers.soleReader(norm.output());
            String shortcut = next != null && next.op() instanceof Op.Add ? shortcut(next, norm, checked, producedAt, i)
                    : null;
            Node add = shortcut != null ? next : null;
            Node activation = consumers.soleReader((add != null ? add : norm).output());
            boolean fuses = activation != null && activation.op() instanceof Op.Activation function
                    && function.function() != Op.Activation.Function.LEAKY_RELU;
            folds.put(node.output(), new Fold(norm, add, shortcut, fuses ? activation : null));
        }
        return folds;
    }

    /**
     * The other input of a two-input {@code add} of the norm's output, when it has the same shape and
     * is a network input or computed before node {@code gather} (null otherwise).
     */
    private static String shortcut(Node add, Node norm, CheckedGraph checked, Map<String, Integer> producedAt,
            int gather) {
        if (add.inputs().size() != 2) {
            return null;
        }
        String other = add.inputs().get(0).equals(norm.output()) ? add.inputs().get(1) : add.inputs().get(0);
        if (other.equals(norm.output()) || !checked.shape(other).equals(checked.shape(norm.output()))) {
            return null;
        }
        Integer at = producedAt.get(other);
        return at == null || at < gather ? other : null;
    }
}
