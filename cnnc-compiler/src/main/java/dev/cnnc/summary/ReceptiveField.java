package dev.cnnc.summary;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The region of the network's input that one element of a tensor depends on, per spatial
 * dimension: its size and the jump (the distance in input elements between neighbouring elements
 * of the tensor). {@code global} when the tensor has no spatial dimensions left.
 */
record ReceptiveField(Fraction[] size, Fraction[] jump, boolean global) {

    static ReceptiveField ofInput(int spatialRank) {
        Fraction[] ones = new Fraction[spatialRank];
        Arrays.fill(ones, Fraction.ONE);
        return new ReceptiveField(ones, ones.clone(), spatialRank == 0);
    }

    static ReceptiveField globalField() {
        return new ReceptiveField(new Fraction[0], new Fraction[0], true);
    }

    int rank() {
        return size.length;
    }

    /** After a window of {@code extent} input elements and stride {@code stride}: r += (extent-1)*j, j *= stride. */
    ReceptiveField window(int[] extent, int[] stride) {
        int[] ones = new int[stride.length];
        java.util.Arrays.fill(ones, 1);
        return step(extent, stride, ones);
    }

    /**
     * After an op that enlarges by {@code factor} and lets each output see {@code taps} inputs
     * (transposed convolution: ceil(e/s); upsampling: 1): r += (taps-1)*j, j /= factor.
     */
    ReceptiveField enlarge(int[] taps, int[] factor) {
        int[] ones = new int[factor.length];
        java.util.Arrays.fill(ones, 1);
        return step(taps, ones, factor);
    }

    /** Each output sees {@code taps} neighbouring inputs; the jump is scaled by {@code times / divide}. */
    private ReceptiveField step(int[] taps, int[] times, int[] divide) {
        if (global || taps.length != size.length) {
            return globalField();
        }
        Fraction[] newSize = new Fraction[size.length];
        Fraction[] newJump = new Fraction[size.length];
        for (int d = 0; d < size.length; d++) {
            newSize[d] = size[d].plus(jump[d].times(taps[d] - 1L));
            newJump[d] = jump[d].times(times[d]).dividedBy(divide[d]);
        }
        return new ReceptiveField(newSize, newJump, false);
    }

    /** Where several tensors meet (add, concat): the widest field and the finest jump. */
    static ReceptiveField merge(List<ReceptiveField> fields) {
        ReceptiveField first = fields.get(0);
        if (fields.stream().anyMatch(f -> f.global || f.rank() != first.rank())) {
            return globalField();
        }
        Fraction[] size = first.size.clone();
        Fraction[] jump = first.jump.clone();
        for (ReceptiveField field : fields) {
            for (int d = 0; d < size.length; d++) {
                size[d] = field.size[d].compareTo(size[d]) > 0 ? field.size[d] : size[d];
                jump[d] = field.jump[d].compareTo(jump[d]) < 0 ? field.jump[d] : jump[d];
            }
        }
        return new ReceptiveField(size, jump, false);
    }

    String sizeText() {
        return global ? "global" : join(size);
    }

    String jumpText() {
        return global ? "-" : join(jump);
    }

    private static String join(Fraction[] values) {
        return Arrays.stream(values).map(Fraction::toString).collect(Collectors.joining("x"));
    }
}
