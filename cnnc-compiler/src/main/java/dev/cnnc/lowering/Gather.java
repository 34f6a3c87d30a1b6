package dev.cnnc.lowering;

import dev.cnnc.ir.Op;
import java.util.List;

/**
 * One gather of the convolution family, fully sized: read {@code source} (through its border-padded
 * copy {@code padded}, or directly when no read leaves it), write {@code target}, with weights
 * packed as {@code [taps][source channels][target channels padded]}.
 *
 * @param axes the phases of each of the three (widened) spatial dimensions
 * @param kernel the kernel size of each dimension
 * @param biasSlot the padded bias, or -1
 * @param accumulate whether the gather adds into {@code target} (a gradient) instead of setting it
 * @param activation applied to the tile as it is stored (a fused activation), or null
 * @param residual added to the sums before the activation (a fused residual add), in the target's
 *     layout, or null
 */
record Gather(
        Plane source,
        Plane padded,
        int[] padBefore,
        Plane target,
        List<List<Axis>> axes,
        int[] kernel,
        int weightSlot,
        int biasSlot,
        boolean accumulate,
        int groups,
        Op.Activation activation,
        Plane residual) {

    /** The same reads through the same padded copy, with other weights, bias, target and activation. */
    Gather withWeights(int weights, int bias, Plane to, Op.Activation fused) {
        return new Gather(source, padded, padBefore, to, axes, kernel, weights, bias, accumulate, groups, fused,
                residual);
    }

    /** The same gather adding {@code added} (null: nothing) to its sums before the activation. */
    Gather withResidual(Plane added) {
        if (added != null && (accumulate || added.padded() != target.padded() || added.sizes()[0] != target.sizes()[0]
                || added.sizes()[1] != target.sizes()[1] || added.sizes()[2] != target.sizes()[2])) {
            throw new IllegalArgumentException("a residual has the target's layout and only a forward gather adds one");
        }
        return new Gather(source, padded, padBefore, target, axes, kernel, weightSlot, biasSlot, accumulate, groups,
                activation, added);
    }

    boolean needsPaddedCopy() {
        return padded.slot() != source.slot();
    }

    /** Builds the gather for {@code axes}, with a padded copy of the source when some read falls outside it. */
    static Gather of(Layer layer, Plane source, Plane target, List<List<Axis>> axes, int[] kernel, int weightSlot,
            int biasSlot, boolean accumulate, int groups, Op.Activation activation) {
        int[] sizes = source.sizes();
        int[] before = new int[3];
        int[] paddedSizes = new int[3];
        boolean any = false;
        for (int d = 0; d < 3; d++) {
            int[] pad = Axis.padding(axes.get(d), sizes[d]);
            before[d] = pad[0];
            paddedSizes[d] = sizes[d] + pad[0] + pad[1];
            any |= pad[0] > 0 || pad[1] > 0;
        }
        Plane padded = source;
        if (any) {
            int slot = layer.plan().paddedFloats(paddedSizes[0] * paddedSizes[1] * paddedSizes[2] * source.padded());
            padded = new Plane(slot, source.channels(), source.padded(), paddedSizes[0], paddedSizes[1], paddedSizes[2]);
        }
        return new Gather(source, padded, before, target, axes, kernel, weightSlot, biasSlot, accumulate, groups,
                activation, null);
    }
}
