package dev.cnnc.runtime.compiled;

import java.util.Arrays;

/**
 * Repacks weights between PyTorch's layout and the layout of compiled kernels, which the
 * generated classes call before each pass (the parameters are live arrays) and after a backward
 * pass (gradients go back in PyTorch's layout).
 *
 * <p>A PyTorch weight is {@code [R][S][taps]}, with R the first channel dimension, S the second per
 * group ({@code [out][in/groups][k...]} for a convolution, {@code [in][out/groups][k...]} for a
 * transposed one, {@code [out][in]} for dense). Entry (r, s) links channel r of the first dimension
 * with channel {@code group(r) * S + s} of the second. A kernel reads {@code [taps][x][y padded]},
 * x the channel it reads and y the one it writes; channel pairs of different groups hold zero. Kernels
 * that read their weights in blocks of written channels take them blocked, {@code [y block][taps][x][block
 * width]}, so that each block's weights are contiguous ({@link #index}); a block as wide as the padded
 * channels is the plain layout.
 */
public final class Packing {

    /**
     * The block width that packs a depthwise weight (one input channel per output channel) as its
     * diagonal, {@code [taps][channels padded]}: the kernel holds channels in lanes and sums no others.
     */
    public static final int DEPTHWISE = 0;

    private Packing() {}

    /**
     * @param firstIsWritten whether the kernel writes channels of the first dimension (a convolution's
     *     forward pass) or reads them (its input gradient)
     */
    public static void pack(float[] weight, float[] packed, int r, int s, int taps, int groups, int firstIsWritten,
            int readChannels, int writtenPadded, int blockWidth) {
        Arrays.fill(packed, 0f);
        visit(weight, packed, r, s, taps, groups, firstIsWritten, readChannels, writtenPadded, blockWidth, true);
    }

    /**
     * Where tap {@code t} from read channel {@code x} to written channel {@code y} is packed: in the block
     * of written channels {@code y} falls in, {@code [taps][x][block width]} after the blocks before it;
     * for a depthwise weight (x is y) at {@code [t][y]}.
     */
    static int index(int t, int x, int y, int taps, int readChannels, int writtenPadded, int blockWidth) {
        if (blockWidth == DEPTHWISE) {
            return t * writtenPadded + y;
        }
        int blockStart = y / blockWidth * blockWidth;
        int width = Math.min(blockWidth, writtenPadded - blockStart);
        return blockStart * taps * readChannels + (t * readChannels + x) * width + y - blockStart;
    }

    /**
     * Packs {@code weight} for both of its kernels, the forward one into {@code packed} and the
     * swapped one (the input gradient's, which reads what the forward kernel writes) into {@code
     * swapped}. The runtime calls it only when the parameters changed ({@link
     * dev.cnnc.runtime.Parameters#version}), so nothing is packed or compared while they stay the same.
     */
    public static void packBoth(float[] weight, float[] packed, float[] swapped, int r, int s, int taps, int groups,
            int firstIsWritten, int readChannels, int writtenPadded, int swappedReadChannels, int swappedWrittenPadded,
            int blockWidth, int swappedBlockWidth) {
        pack(weight, packed, r, s, taps, groups, firstIsWritten, readChannels, writtenPadded, blockWidth);
        pack(weight, swapped, r, s, taps, groups, 1 - firstIsWritten, swappedReadChannels, swappedWrittenPadded,
                swappedBlockWidth);
    }

    /**
     * Packs a convolution's or dense layer's weight with the eval-mode batch norm after it folded in:
     * with {@code scale = gamma / sqrt(var + eps)} per output channel, the weights of output channel
     * {@code i} times {@code scale[i]} and the bias {@code (bias - mean) * scale + beta} ({@code bias}
     * read only when {@code hasBias} is 1). Like {@link #packBoth}, the runtime calls it only when the
     * parameters changed.
     */
    public static void packFolded(float[] weight, float[] bias, int hasBias, float[] gamma, float[] beta, float[] mean,
            float[] var, float eps, float[] packed, float[] paddedBias, int r, int s, int taps, int groups,
            int readChannels, int writtenPadded, int blockWidth) {
        Arrays.fill(packed, 0f);
        int perGroup = r / groups;
        for (int i = 0; i < r; i++) {
            float scale = gamma[i] / (float) Math.sqrt(var[i] + eps);
            paddedBias[i] = ((hasBias != 0 ? bias[i] : 0f) - mean[i]) * scale + beta[i];
            int secondBase = i / perGroup * s;
            for (int j = 0; j < s; j++) {
                int from = (i * s + j) * taps;
                for (int t = 0; t < taps; t++) {
                    packed[index(t, secondBase + j, i, taps, readChannels, writtenPadded, blockWidth)] =
                            weight[from + t] * scale;
                }
            }
        }
    }

    /** Adds a gradient in the packed layout into the parameter's gradient in PyTorch's layout. */
    public static void unpackAdd(float[] packed, float[] gradient, int r, int s, int taps, int groups,
            int firstIsWritten, int readChannels, int writtenPadded) {
        visit(gradient, packed, r, s, taps, groups, firstIsWritten, readChannels, writtenPadded, writtenPadded, false);
    }

    private static void visit(float[] pytorch, float[] packed, int r, int s, int taps, int groups, int firstIsWritten,
            int readChannels, int writtenPadded, int blockWidth, boolean toPacked) {
        int perGroup = r / groups;
        for (int i = 0; i < r; i++) {
            int secondBase = i / perGroup * s;
            for (int j = 0; j < s; j++) {
                int x = firstIsWritten != 0 ? secondBase + j : i;
                int y = firstIsWritten != 0 ? i : secondBase + j;
                int at = (i * s + j) * taps;
                for (int t = 0; t < taps; t++) {
                    int inside = index(t, x, y, taps, readChannels, writtenPadded, blockWidth);
                    if (toPacked) {
                        packed[inside] = pytorch[at + t];
                    } else {
                        pytorch[at + t] += packed[inside];
                    }
                }
            }
        }
    }

    /** Copies {@code count} values into the front of a zero-padded array. */
    public static void pad(float[] values, float[] padded, int count) {
        System.arraycopy(values, 0, padded, 0, count);
    }

    /** Adds the first {@code count} values of a padded array into {@code values}. */
    public static void addUnpadded(float[] padded, float[] values, int count) {
        for (int i = 0; i < count; i++) {
            values[i] += padded[i];
        }
    }
}
