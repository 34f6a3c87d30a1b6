package dev.cnnc.lowering;

import dev.cnnc.ir.Node;
import dev.cnnc.ir.Shape;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comment above each kernel in Java source: the layer and its line, and what this part of
 * the layer does, read from the part's name ({@code forward_phase1_tile6x2}).
 */
final class KernelDocs {

    private static final Pattern TILE = Pattern.compile("_tile(\\d+)x(\\d+)$");
    private static final Pattern PHASE = Pattern.compile("_phase(\\d+)");

    private static final Map<String, String> PARTS = Map.ofEntries(
            Map.entry("pack", "Repacks the weights into [taps][in][out padded] (in blocks of output channels when the"
                    + " kernels read them in blocks) and the bias padded; the runtime calls it only when the"
                    + " parameters changed since its last call."),
            Map.entry("pack_folded", "Repacks the weights with the batch norm after them folded in; the runtime"
                    + " calls it only when the parameters changed since its last call."),
            Map.entry("pad", "Copies the input into the interior of a buffer with zero borders, so that the"
                    + " convolution reads no bounds."),
            Map.entry("grad_pad", "Copies the output gradient into a buffer with zero borders, for the input"
                    + " gradient's gather."),
            Map.entry("forward", "The forward pass."),
            Map.entry("forward_folded", "The forward pass in eval mode, with the batch norm folded into the weights."),
            Map.entry("forward_eval", "The forward pass in eval mode, which keeps no winner indices for a backward pass."),
            Map.entry("backward", "The backward pass: adds this layer's input gradient."),
            Map.entry("input_grad", "The input gradient: the forward gather over the output gradient with the"
                    + " flipped, transposed weights."),
            Map.entry("weight_grad", "The weight gradient, a reduction over the batch and the output positions,"
                    + " split by tap and input-channel block."),
            Map.entry("weight_grad_rest", "The weight gradient of the input channels left over by the blocks."),
            Map.entry("weight_grad_unpack", "Adds the packed weight gradient into the parameter's gradient, in"
                    + " PyTorch's layout."),
            Map.entry("bias_grad", "The bias gradient: the output gradient summed over the batch and positions."),
            Map.entry("bias_grad_unpad", "Adds the padded bias gradient into the parameter's gradient."));

    private KernelDocs() {}

    static String of(Node node, String part, Shape input, Shape output) {
        String shapes = (input == null ? "" : input.compact() + " -> ") + output.compact();
        String headline = (node.span().hasLine() ? "Line " + node.span().line() + ": " : "") + node.output() + " = "
                + node.op().name() + "(" + String.join(", ", node.inputs()) + "), " + shapes;
        String rest = part;
        String tile = "";
        Matcher t = TILE.matcher(rest);
        if (t.find()) {
            tile = " Register tile: " + t.group(1) + " output pixels x " + t.group(2) + " vectors of output channels.";
            rest = rest.substring(0, t.start());
        }
        String phase = "";
        Matcher p = PHASE.matcher(rest);
        if (p.find()) {
            phase = " Stride phase " + p.group(1) + ": the outputs one residue class of the stride reaches.";
            rest = rest.substring(0, p.start()) + rest.substring(p.end());
        }
        String what = PARTS.getOrDefault(rest, rest.replace('_', ' ') + ".");
        return headline + ".\n" + what + phase + tile;
    }
}
