package dev.cnnc.passes;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds an eval-mode batch norm into the convolution or dense layer before it: with {@code scale =
 * gamma / sqrt(running_var + eps)}, the weights of each output channel are scaled and the bias
 * becomes {@code (bias - running_mean) * scale + beta}, so that the normalization costs nothing. An
 * activation after the batch norm fuses into the same store. Training-mode passes still normalize
 * with the batch statistics, so the unfolded kernels stay too, and a backward pass after a folded
 * forward first computes the tensors folding skipped. The convolution's and the batch norm's
 * outputs must have no other reader and not be outputs of the network.
 */
public final class FoldBatchNorm {

    /** A batch norm folded into a gather, and the activation after it that fuses too (or null). */
    public record Fold(Node norm, Node activation) {}

    private FoldBatchNorm() {}

    /** Each folding gather node's output, mapped to what it folds. */
    public static Map<String, Fold> run(CheckedGraph checked) {
        Consumers consumers = new Consumers(checked.graph());
        Map<String, Fold> folds = new LinkedHashMap<>();
        for (Node node : checked.graph().nodes()) {
            // A transposed convolution's weight holds output channels in its second dimension; it is left alone.
            if (!(node.op() instanceof Op.Conv || node.op() instanceof Op.Dense)) {
                continue;
            }
            Node norm = consumers.soleReader(node.output());
            if (norm == null || !(norm.op() instanceof Op.BatchNorm)) {
                continue;
            }
            Node activation = consumers.soleReader(norm.output());
            boolean fuses = activation != null && activation.op() instanceof Op.Activation function
                    && function.function() != Op.Activation.Function.LEAKY_RELU;
            folds.put(node.output(), new Fold(norm, fuses ? activation : null));
        }
        return folds;
    }
}
