package dev.cnnc.passes;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuses an activation into the convolution, transposed convolution or dense layer before it: the
 * gather applies the activation to its register tile as it stores it, straight into the
 * activation's output, and the activation's own forward kernel (a pass over memory) goes. Its
 * backward kernel stays, which is why only the functions whose gradient reads their output fuse
 * (relu, sigmoid, tanh; leaky relu reads its input). The convolution's own output must have no other
 * reader and not be an output of the network, since it is never written.
 */
public final class FuseConvActivation {

    private FuseConvActivation() {}

    /** Each fused gather node's output, mapped to the activation node it absorbs. */
    public static Map<String, Node> run(CheckedGraph checked) {
        Consumers consumers = new Consumers(checked.graph());
        Map<String, Node> fused = new LinkedHashMap<>();
        for (Node node : checked.graph().nodes()) {
            if (!(node.op() instanceof Op.Conv || node.op() instanceof Op.ConvTranspose || node.op() instanceof Op.Dense)) {
                continue;
            }
            Node reader = consumers.soleReader(node.output());
            if (reader != null && reader.op() instanceof Op.Activation activation
                    && activation.function() != Op.Activation.Function.LEAKY_RELU) {
                fused.put(node.output(), reader);
            }
        }
        return fused;
    }
}
