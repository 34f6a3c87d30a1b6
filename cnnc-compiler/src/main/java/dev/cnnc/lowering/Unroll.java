package dev.cnnc.lowering;

/**
 * How far the lowering unrolls the fixed loops of the convolution family's kernels, for {@code
 * --unroll}: {@link #TILE} holds a register tile of several pixels by several vectors in locals (the
 * loops over the tile unrolled); {@link #NONE} keeps a one-pixel, one-vector tile, the plain loop
 * nest, to compare against; {@link #FULL}, the default, also unrolls the loops over a small kernel's
 * taps (up to {@link #MAX_UNROLLED_TAPS}, within {@link #MAX_UNROLLED_OPERATIONS}), leaving only the
 * input-channel loop inside a tile. Within C1's budget FULL was 3-9% faster than TILE on the 3x3
 * layer, LeNet-5 at batch 64 and TinyResNet, level on the conv1d layer ({@code cnnc bench --unroll},
 * AVX-512 Zen 4, README).
 */
public enum Unroll {
    NONE,
    TILE,
    FULL;

    public static final Unroll DEFAULT = FULL;

    /** Taps unrolled at most: a 5x5 or 3x3x3 kernel. Beyond, the kernel's code would outgrow the method-size budget. */
    static final int MAX_UNROLLED_TAPS = 27;
    /**
     * Loads, broadcasts and FMAs of all the unrolled copies at most. The bound is C1's, HotSpot's
     * first tier, not the method-size limit: C1 inlines each Vector API call into a chain of
     * values, and past about 120 operations (a 13x2 tile over 3 taps, 123, was refused) it runs out
     * of virtual registers and gives up on the method, which then stays in the interpreter until C2
     * takes it. For a network called on large
     * batches that took over ten seconds (TinyResNet at 0.4 GFLOP/s instead of 67; FirstTierTest).
     * Unrolling as far as 300 operations ran no faster than 120 on the benchmark layers.
     */
    static final int MAX_UNROLLED_OPERATIONS = 120;

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
