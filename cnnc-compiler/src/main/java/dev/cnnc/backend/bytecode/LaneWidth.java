package dev.cnnc.backend.bytecode;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Shape;
import java.util.Locale;

/**
 * Chooses the lane count of a network's vector class from its channel counts, when the user names
 * none: the widest vector the machine has, or half of it when the network's channels fill the
 * narrower vector better.
 *
 * <p>Kernels put channels in lanes, padded to whole vectors, so a layer with 8 output channels uses
 * half of each 16-lane vector. Where 512-bit vectors are executed as two 256-bit halves (AMD's Zen 4,
 * the machine CI runs on), a 16-lane multiply-add costs two 8-lane ones, and those padding lanes are
 * paid in full: on that machine a 4 -> 8 channel conv3d runs 1.4 times as fast with 8 lanes, and
 * LeNet-5 (6 and 16 channels) 1.2 to 1.3 times, while 16 -> 32 and 64 -> 64 convolutions run as fast
 * or faster with 16. So the rule weighs each layer's multiply-adds by the lanes it pads them to and
 * takes the half width only when that weighs less. Where 512-bit multiply-adds run at full rate
 * (Intel's server cores), the half width can be the slower one, and {@code --lanes 16} keeps the wide.
 */
public final class LaneWidth {

    /**
     * The choice and what decided it.
     *
     * @param paddedWidest the multiply-adds the network's kernels do at the widest width, padding lanes included
     * @param paddedHalf the same at half the width
     */
    public record Choice(int lanes, int widest, long paddedWidest, long paddedHalf) {

        /** One line for {@code --explain}. */
        public String reason() {
            if (widest <= NARROWEST_HALVED) {
                return "the widest vector here";
            }
            return String.format(Locale.ROOT, "the network's channels padded to %d lanes come to %.1f M multiply-adds,"
                    + " to %d lanes %.1f M", widest, paddedWidest / 1e6, widest / 2, paddedHalf / 1e6);
        }
    }

    /** Below 256 bits a narrower vector only adds instructions. */
    private static final int NARROWEST_HALVED = 8;

    private LaneWidth() {}

    /** @param widest the machine's widest lane count, e.g. {@link BytecodeBackend#defaultLanes()} */
    public static Choice choose(CheckedGraph graph, int widest) {
        if (widest <= NARROWEST_HALVED) {
            return new Choice(widest, widest, 0, 0);
        }
        int half = widest / 2;
        long atWidest = 0;
        long atHalf = 0;
        for (Node node : graph.graph().nodes()) {
            int channels = vectorChannels(node);
            if (channels == 0) {
                continue;
            }
            long perChannel = multiplyAddsPerChannel(node, graph);
            atWidest += perChannel * padded(channels, widest);
            atHalf += perChannel * padded(channels, half);
        }
        return new Choice(atHalf < atWidest ? half : widest, widest, atWidest, atHalf);
    }

    /** The channel count a layer's kernel spreads over lanes (its output channels), or 0 for a layer that does no multiply-adds. */
    private static int vectorChannels(Node node) {
        return switch (node.op()) {
            case Op.Conv conv -> conv.out();
            case Op.ConvTranspose conv -> conv.out();
            case Op.Dense dense -> dense.out();
            default -> 0;
        };
    }

    /** Multiply-adds per sample and output channel, as the kernels do them (grouped weights block-diagonal). */
    private static long multiplyAddsPerChannel(Node node, CheckedGraph graph) {
        Shape in = graph.shape(node.inputs().get(0));
        Shape out = graph.shape(node.output());
        return switch (node.op()) {
            case Op.Conv conv -> (long) out.elementCount() / out.channels() * in.channels() * taps(conv.kernel().toArray());
            case Op.ConvTranspose conv -> (long) in.elementCount() * taps(conv.kernel().toArray());
            case Op.Dense dense -> in.channels();
            default -> 0;
        };
    }

    private static long taps(int[] kernel) {
        long taps = 1;
        for (int k : kernel) {
            taps *= k;
        }
        return taps;
    }

    private static int padded(int channels, int lanes) {
        return (channels + lanes - 1) / lanes * lanes;
    }
}
