package dev.cnnc.lowering;

import static dev.cnnc.lowering.E.add;
import static dev.cnnc.lowering.E.broadcast;
import static dev.cnnc.lowering.E.c;
import static dev.cnnc.lowering.E.div;
import static dev.cnnc.lowering.E.fma;
import static dev.cnnc.lowering.E.load;
import static dev.cnnc.lowering.E.min;
import static dev.cnnc.lowering.E.mul;
import static dev.cnnc.lowering.E.row;
import static dev.cnnc.lowering.E.sub;
import static dev.cnnc.lowering.E.v;
import static dev.cnnc.lowering.E.vload;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.Variable;
import dev.cnnc.runtime.compiled.Packing;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The kernels of the convolution family, in the code shape design.md records: channels-last,
 * a register tile of P output pixels by V vectors of output channels held in locals, input
 * channels innermost (V weight loads, P broadcasts, P*V FMAs per step), borders pre-padded.
 */
final class ConvolutionKernels {

    private static final Variable N = KernelBuilder.intVar("n");
    private static final Variable JD = KernelBuilder.intVar("jd");
    private static final Variable JH = KernelBuilder.intVar("jh");
    private static final Variable JW = KernelBuilder.intVar("jw");
    private static final Variable MD = KernelBuilder.intVar("md");
    private static final Variable MH = KernelBuilder.intVar("mh");
    private static final Variable MW = KernelBuilder.intVar("mw");
    private static final Variable CB = KernelBuilder.intVar("cb");
    private static final Variable BLOCK = KernelBuilder.intVar("block");
    private static final Variable CIB = KernelBuilder.intVar("cib");
    private static final Variable CI = KernelBuilder.intVar("ci");
    private static final Variable D = KernelBuilder.intVar("d");
    private static final Variable H = KernelBuilder.intVar("h");
    private static final Variable W = KernelBuilder.intVar("w");
    private static final Variable C = KernelBuilder.intVar("c");
    private static final Variable P = KernelBuilder.intVar("p");
    private static final Variable XS = KernelBuilder.vectorVar("xs");
    private static final Variable ROW = KernelBuilder.intVar("row");
    private static final Variable REST = KernelBuilder.intVar("rest");
    private static final Variable TAP = KernelBuilder.intVar("tap");

    private ConvolutionKernels() {}

    /** The register tile of a gather's rows. */
    static TileShape tileShape(Gather g, int lanes, Unroll unroll) {
        if (unroll == Unroll.NONE) {
            return new TileShape(1, 1);
        }
        Axis widest = g.axes().get(2).get(0);
        return TileShape.choose(Math.max(1, widest.count()), g.target().padded() / lanes, lanes);
    }

    /**
     * Whether {@code --unroll full} writes out the tap loops of a kernel with this tile: each tap
     * copies the input-channel loop, whose code grows with the tile's loads and FMAs, so only kernels
     * whose copies stay well inside the method-size budget unroll.
     */
    static boolean unrollsTaps(Gather g, Unroll unroll, int pixels, int vectors) {
        int taps = g.kernel()[0] * g.kernel()[1] * g.kernel()[2];
        return unroll == Unroll.FULL && taps <= Unroll.MAX_UNROLLED_TAPS
                && taps * (pixels * vectors + pixels + vectors) <= Unroll.MAX_UNROLLED_OPERATIONS;
    }

    /** A loop over taps: written out when unrolling them, else a loop. */
    private static void tapLoop(KernelBuilder k, boolean unrolled, Variable index, int count, Runnable body) {
        if (unrolled) {
            k.unrolledLoop(index, count, body);
        } else {
            k.loop(index, count, body);
        }
    }

    /**
     * Copies {@code source} into the interior of its padded copy. The border is never written, so
     * it keeps the zeros the array was allocated with.
     */
    static void padCopy(Layer layer, KernelBuilder k, Gather gather) {
        Plane from = gather.source();
        Plane to = gather.padded();
        int[] before = gather.padBefore();
        Variable x = k.floats("src", from.slot());
        Variable y = k.floats("dst", to.slot());
        k.parallelOverRows(from.depth(), from.height(), N, D, H, null, () -> k.loop(W, from.width(), () -> k.loop(C, c(0),
                c(from.padded()), layer.lanes(), () -> k.store(y, to.at(v(N), add(v(D), c(before[0])),
                        add(v(H), c(before[1])), add(v(W), c(before[2])), v(C)),
                        vload(x, from.at(v(N), v(D), v(H), v(W), v(C)))))));
    }

    /**
     * Output channels per block of a gather's packed weights: its tiles' width when it reads input
     * channels in blocks ({@link InputBlocks}), else all of them (padded), one row of the plain layout.
     */
    static int weightBlockWidth(Layer layer, Gather g) {
        if (isDepthwise(g)) {
            return Packing.DEPTHWISE;
        }
        InputBlocks blocks = inputBlocks(layer, g);
        return blocks == null ? g.target().padded() : blocks.outputWidth();
    }

    /** Whether a (not depthwise) gather runs the blocked nest, whose tiles keep their tap loops. */
    static boolean readsInputBlocks(Layer layer, Gather g) {
        return !isDepthwise(g) && inputBlocks(layer, g) != null;
    }

    /** The input blocks of a gather at its tile's width, or null: the kernels and the packing ask here alike. */
    private static InputBlocks inputBlocks(Layer layer, Gather g) {
        TileShape tile = tileShape(g, layer.lanes(), layer.unroll());
        return InputBlocks.of(g, tile.vectors() * layer.lanes(), tile.pixels() * tile.vectors());
    }

    /** Output pixels of a depthwise tile: with its taps written out, 4 stay within what C1 compiles. */
    private static final int DEPTHWISE_PIXELS = 4;

    /**
     * Whether a forward gather is depthwise (each output channel reads only its own input channel,
     * MobileNet's 3x3 layers): then channels go in the lanes and no input channels are summed,
     * instead of a block-diagonal weight matrix whose zeros would take all but one FMA in a vector's width.
     */
    static boolean isDepthwise(Gather g) {
        int channels = g.source().channels();
        return !g.accumulate() && g.groups() > 1 && g.groups() == channels && g.target().channels() == channels
                && g.axes().stream().allMatch(phases -> phases.size() == 1);
    }

    /** The register tile of a depthwise gather's main kernel: pixels of a row by one vector of channels. */
    static TileShape depthwiseTile(Gather g) {
        return new TileShape(Math.min(DEPTHWISE_PIXELS, Math.max(1, g.axes().get(2).get(0).count())), 1);
    }

    /** Adds one method per phase and tile shape to {@code sink}. */
    static void gather(Layer layer, String part, Gather g, Consumer<KernelBuilder> sink) {
        if (isDepthwise(g)) {
            depthwise(layer, part, g, sink);
            return;
        }
        int lanes = layer.lanes();
        int vectorsAcross = g.target().padded() / lanes;
        TileShape shape = tileShape(g, lanes, layer.unroll());
        int vectors = shape.vectors();
        int fullBlocks = vectorsAcross / vectors;
        int restVectors = vectorsAcross % vectors;
        InputBlocks inputBlocks = inputBlocks(layer, g);
        int phase = 0;
        for (Axis ad : g.axes().get(0)) {
            for (Axis ah : g.axes().get(1)) {
                for (Axis aw : g.axes().get(2)) {
                    boolean reads = ad.taps() > 0 && ah.taps() > 0 && aw.taps() > 0;
                    if (ad.count() == 0 || ah.count() == 0 || aw.count() == 0 || (g.accumulate() && !reads)) {
                        continue;
                    }
                    int pixels = Math.min(shape.pixels(), aw.count());
                    int fullTiles = aw.count() / pixels;
                    int restPixels = aw.count() % pixels;
                    String name = part + (phase == 0 ? "" : "_phase" + phase);
                    phase++;
                    for (int pv = 0; pv < 2; pv++) {
                        int px = pv == 0 ? pixels : restPixels;
                        if (px == 0) {
                            continue;
                        }
                        for (int vv = 0; vv < 2; vv++) {
                            int vx = vv == 0 ? vectors : restVectors;
                            if (vx == 0 || (vv == 0 && fullBlocks == 0)) {
                                continue;
                            }
                            KernelBuilder k = layer.kernel(name + "_tile" + px + "x" + vx);
                            tileNest(layer, k, g, ad, ah, aw, px, pv == 0 ? fullTiles : -1, vx,
                                    vv == 0 ? fullBlocks : -1, vectors, inputBlocks);
                            sink.accept(k);
                        }
                    }
                }
            }
        }
    }

    /**
     * <pre>{@code
     * for (n < batch) for (jd < count) for (jh < count)
     *   for (jw = 0; jw < tiles * P; jw += P)            // or the one remainder tile
     *     for (cb = 0; cb < blocks * V * L; cb += V * L)  // or the one remainder block
     *       acc[p][v] = bias (or the target, when accumulating)
     *       for (taps md, mh, mw) for (ci in the block's groups)
     *         w[v] = W[tap][ci][cb + v*L];  for p: xs = broadcast(X[pixel p][ci]); acc[p][v] = fma(xs, w[v], acc[p][v])
     *       Y[pixel p][cb + v*L] = acc[p][v]
     * }</pre>
     */
    private static void tileNest(Layer layer, KernelBuilder k, Gather g, Axis ad, Axis ah, Axis aw, int pixels,
            int tiles, int vectors, int blocks, int fullVectors, InputBlocks inputBlocks) {
        int lanes = layer.lanes();
        Plane y = g.target();
        GatherArrays arrays = GatherArrays.of(k, g);
        Variable ys = arrays.y();
        int blockWidth = fullVectors * lanes;
        boolean gradient = g.accumulate();
        String depth = gradient ? LoopNotes.input(layer, 0, ad.count()) : LoopNotes.output(layer, 0, ad.count());
        String height = gradient ? LoopNotes.input(layer, 1, ah.count()) : LoopNotes.output(layer, 1, ah.count());
        String width = gradient ? LoopNotes.input(layer, 2, aw.count()) : LoopNotes.output(layer, 2, aw.count());
        Function<Runnable, Runnable> overTiles = tileBody -> () -> {
            if (tiles >= 0) {
                k.loop(JW, c(0), c(tiles * pixels), pixels, (width == null ? "" : width + ", ") + tiles
                        + " tiles of " + pixels, tileBody);
            } else {
                k.set(JW, c(aw.count() - pixels));
                tileBody.run();
            }
        };
        Runnable perBlock = overTiles.apply(() -> tile(layer, k, g, ad, ah, aw, pixels, vectors, arrays, inputBlocks));
        if (inputBlocks != null) {
            String rows = LoopNotes.rows(depth, height);
            overChannelBlocks(k, y, blocks, blockWidth, fullVectors, () -> {
                if (!g.accumulate()) {
                    // The sums start from the bias; every block of input channels then adds to what is stored.
                    overSamplesAndRows(k, ad.count(), ah.count(), rows, overTiles.apply(() -> {
                        Expr[] outAt = tileOutputs(k, g, ad, ah, aw, pixels);
                        storeVectors(k, ys, outAt, vectors, lanes,
                                (q, at) -> startingSum(arrays, add(v(CB), c(q * lanes)), at));
                    }));
                }
                k.loop(CIB, c(0), c(inputBlocks.count() * inputBlocks.width()), inputBlocks.width(),
                        inputBlocks.count() + " blocks of " + inputBlocks.width()
                                + " input channels, their weights read from cache for every row",
                        () -> overSamplesAndRows(k, ad.count(), ah.count(), rows, perBlock));
                if (g.activation() != null) {
                    // Activated once the sums are whole: a separate pass keeps branches out of the tile, whose vectors C2 would box.
                    overSamplesAndRows(k, ad.count(), ah.count(), rows, overTiles.apply(() -> {
                        Expr[] outAt = tileOutputs(k, g, ad, ah, aw, pixels);
                        storeVectors(k, ys, outAt, vectors, lanes,
                                (q, at) -> ElementwiseLowering.activate(g.activation(), vload(ys, at)));
                    }));
                }
            });
            return;
        }
        // With a residual added in the tile, C2 made the activated store twice as slow (ResNet-18's l1_0b: 6.2 ms
        // against 3.1), so the row's outputs are activated in a pass of their own, while still in cache.
        boolean activateAfter = g.residual() != null && g.activation() != null;
        Runnable activatePerBlock = overTiles.apply(() -> {
            Expr[] outAt = tileOutputs(k, g, ad, ah, aw, pixels);
            storeVectors(k, ys, outAt, vectors, lanes,
                    (q, at) -> ElementwiseLowering.activate(g.activation(), vload(ys, at)));
        });
        // Blocks of output channels outside the tiles of a row: a block's weights stay in cache across the row.
        k.parallelOverRows(ad.count(), ah.count(), N, JD, JH, LoopNotes.rows(depth, height), () -> {
            overRowBlocks(k, y, blocks, blockWidth, fullVectors, perBlock);
            if (activateAfter) {
                overRowBlocks(k, y, blocks, blockWidth, fullVectors, activatePerBlock);
            }
        });
    }

    /** The blocks of output channels of a row: {@code blocks} of them, or the one remainder block ({@code blocks < 0}). */
    private static void overRowBlocks(KernelBuilder k, Plane y, int blocks, int blockWidth, int fullVectors,
            Runnable perBlock) {
        if (blocks >= 0) {
            k.loop(CB, c(0), c(blocks * blockWidth), blockWidth, blocks + " blocks of " + fullVectors
                    + " vectors of output channels", perBlock);
        } else {
            k.set(CB, c(y.padded() / blockWidth * blockWidth));
            perBlock.run();
        }
    }

    /**
     * Blocks of input channels for a convolution whose weights outgrow the cache: over rows, every row
     * of outputs streams all the weights again (ResNet-18's last stage, 9.4 MB, 7 rows of 2 tile
     * kernels: 14 passes a call, at 6 GFLOP/s on a 16 MB-L3 AVX2 core); over blocks of output channels
     * and then of input channels, each weight is read from memory once and then from cache for every row.
     *
     * <p>The weights are then packed in blocks of output channels, {@code [out block][taps][in][block
     * width]}, so that a block's weights are contiguous in memory: with rows of all the output channels,
     * a block would take 32 of every 1,024 bytes, and the cache sets those rows map to would hold few.
     *
     * @param outputWidth output channels per block of the packed weights (the last block may be narrower)
     * @param width input channels per block, a divisor of the read channels
     * @param count blocks of input channels
     */
    record InputBlocks(int outputWidth, int width, int count) {

        /** Weights of one (output block, input block) pair at most: they stay in the L2 cache across the rows. */
        static final long BLOCK_BYTES = 128 * 1024;
        /** Weights smaller than this stay in the L2 cache between rows anyway (512 KB per core on the smallest measured). */
        static final long CACHED_WEIGHT_BYTES = 256 * 1024;

        /** Pixels a single output row needs before its blocks of output channels are worth splitting over threads. */
        static final int ONE_ROW_PIXELS = 8;
        /**
         * Accumulators of the largest tile a single row's blocked nest takes: C1 runs out of virtual
         * registers on it with AVX-512's 13x2 tiles (ActivityCNN), and code C1 cannot compile waits for C2.
         */
        static final int ONE_ROW_TILE = 12;

        /**
         * The input blocks of a gather whose tiles are {@code blockWidth} channels wide, or null to keep
         * the nest over rows. A single long row (a 1-D convolution, a pointwise one read as one row) also
         * takes the blocked nest: over rows, one sample would run on one thread.
         */
        static InputBlocks of(Gather g, int blockWidth, int accumulators) {
            int[] kernel = g.kernel();
            int taps = kernel[0] * kernel[1] * kernel[2];
            int readChannels = g.source().channels();
            long weights = (long) taps * readChannels * g.target().padded() * Float.BYTES;
            long rows = (long) g.target().depth() * g.target().height();
            boolean oneLongRow = rows < 2 && g.target().width() >= ONE_ROW_PIXELS && g.target().padded() >= 2 * blockWidth
                    && accumulators <= ONE_ROW_TILE;
            // Grouped convolutions read a group's channels per block (their weights are small).
            if (g.groups() != 1 || (rows < 2 ? !oneLongRow : weights <= CACHED_WEIGHT_BYTES)) {
                return null;
            }
            long perChannel = (long) taps * blockWidth * Float.BYTES;
            int width = largestDivisorAtMost(readChannels, (int) Math.max(1, BLOCK_BYTES / perChannel));
            return new InputBlocks(blockWidth, width, readChannels / width);
        }

    }

    /**
     * <pre>{@code
     * for (block in [lo, hi)) { cb = block * V * L;       // or the one remainder block
     *   for (cib = 0; cib < CIN; cib += CIB) for (n < batch) for (jd < depth) for (jh < height) body }
     * }</pre>
     * Blocks of output channels split over threads; each writes only its own channels.
     */
    private static void overChannelBlocks(KernelBuilder k, Plane y, int blocks, int blockWidth, int fullVectors,
            Runnable body) {
        String note = blocks >= 0 ? blocks + " blocks of " + fullVectors + " vectors of output channels"
                : "the remainder block of output channels";
        k.parallelLoop(BLOCK, 0, Math.max(blocks, 1), note, () -> {
            k.set(CB, blocks >= 0 ? mul(v(BLOCK), blockWidth) : c(y.padded() / blockWidth * blockWidth));
            body.run();
        });
    }

    /** {@code for (n < batch) for (jd < depth) for (jh < height) body}. */
    private static void overSamplesAndRows(KernelBuilder k, int depth, int height, String rows, Runnable body) {
        k.loop(N, c(0), v(KernelBuilder.BATCH), 1, "the samples of the batch",
                () -> k.loop(JD, c(0), c(depth), 1, () -> k.loop(JH, c(0), c(height), 1, rows, body)));
    }

    /** Sets {@code out} to the first output of the tile at (n, jd, jh, jw, cb); the index of each of its pixels. */
    private static Expr[] tileOutputs(KernelBuilder k, Gather g, Axis ad, Axis ah, Axis aw, int pixels) {
        Plane y = g.target();
        Variable outRow = KernelBuilder.intVar("out");
        k.set(outRow, y.at(v(N), add(c(ad.writeStart()), mul(v(JD), ad.writeStep())),
                add(c(ah.writeStart()), mul(v(JH), ah.writeStep())),
                add(c(aw.writeStart()), mul(v(JW), aw.writeStep())), v(CB)));
        Expr[] outAt = new Expr[pixels];
        for (int p = 0; p < pixels; p++) {
            outAt[p] = add(v(outRow), c(p * aw.writeStep() * y.padded()));
        }
        return outAt;
    }

    /** Stores {@code value(q, index)} at vector q of every pixel of a tile. */
    private static void storeVectors(KernelBuilder k, Variable ys, Expr[] outAt, int vectors, int lanes,
            BiFunction<Integer, Expr, Expr> value) {
        for (Expr at : outAt) {
            for (int q = 0; q < vectors; q++) {
                Expr index = add(at, c(q * lanes));
                k.store(ys, index, value.apply(q, index));
            }
        }
    }

    /**
     * <pre>{@code
     * for (row in [lo, hi)) { n = row / (depth * height); rest = row % (depth * height); d = rest / height; h = rest % height; body }
     * }</pre>
     * Rows of the batch split over threads; each writes only its own row of outputs.
     */
    private static void tile(Layer layer, KernelBuilder k, Gather g, Axis ad, Axis ah, Axis aw, int pixels,
            int vectors, GatherArrays arrays, InputBlocks inputBlocks) {
        Variable xs = arrays.x();
        Variable ws = arrays.weights();
        Variable ys = arrays.y();
        int lanes = layer.lanes();
        Plane x = g.padded();
        Plane y = g.target();
        int readChannels = g.source().channels();
        Variable[][] acc = new Variable[pixels][vectors];
        Variable[] wv = new Variable[vectors];
        Expr[] outAt = tileOutputs(k, g, ad, ah, aw, pixels);
        for (int p = 0; p < pixels; p++) {
            for (int q = 0; q < vectors; q++) {
                acc[p][q] = KernelBuilder.vectorVar("acc" + p + "_" + q);
                Expr init;
                // Blocks of input channels add to the sums stored so far (the first to the bias, stored before them).
                if (g.accumulate() || inputBlocks != null) {
                    init = vload(ys, add(outAt[p], c(q * lanes)));
                } else {
                    // The row nest adds a residual at the store (see tileNest), so its sums start from the bias alone.
                    init = biasOrZero(arrays, add(v(CB), c(q * lanes)));
                }
                k.set(acc[p][q], init);
            }
        }
        for (int q = 0; q < vectors; q++) {
            wv[q] = KernelBuilder.vectorVar("w" + q);
        }
        Expr[] range = inputBlocks == null ? groupRange(g, vectors * lanes)
                : new Expr[] {v(CIB), add(v(CIB), c(inputBlocks.width()))};
        int[] kernel = g.kernel();
        Variable xRow = KernelBuilder.intVar("xrow");
        Variable wRow = KernelBuilder.intVar("wrow");
        // The blocked nest's passes and loops leave C1 too few registers for written-out taps (ActivityCNN's conv1d).
        boolean unrolled = inputBlocks == null && unrollsTaps(g, layer.unroll(), pixels, vectors);
        tapLoop(k, unrolled, MD, ad.taps(), () -> tapLoop(k, unrolled, MH, ah.taps(), () -> tapLoop(k, unrolled, MW,
                aw.taps(), () -> {
            Expr tap = tapIndex(g, ad, ah, aw);
            k.set(xRow, readAt(g, ad, ah, aw, c(0)));
            // Packed [taps][in][out padded], or in blocks of output channels [out block][taps][in][this block's width].
            int rowWidth = inputBlocks == null ? y.padded() : vectors * lanes;
            Expr blockStart = inputBlocks == null ? v(CB) : mul(v(CB), kernel[0] * kernel[1] * kernel[2] * readChannels);
            k.set(wRow, add(mul(tap, readChannels * rowWidth), blockStart));
            k.loop(CI, range[0], range[1], 1, () -> {
                Variable wAt = KernelBuilder.intVar("wat");
                k.set(wAt, add(v(wRow), mul(v(CI), rowWidth)));
                for (int q = 0; q < vectors; q++) {
                    k.set(wv[q], vload(ws, add(v(wAt), c(q * lanes))));
                }
                for (int p = 0; p < pixels; p++) {
                    k.set(XS, broadcast(load(xs, add(v(xRow), c(p * aw.readStep() * x.padded()), v(CI)))));
                    for (int q = 0; q < vectors; q++) {
                        k.set(acc[p][q], fma(v(XS), v(wv[q]), v(acc[p][q])));
                    }
                }
            });
        })));
        // With blocks of input channels, a pass after the last one activates the whole sums.
        storeTile(k, g, ys, outAt, acc, lanes, g.activation() != null && inputBlocks == null && g.residual() == null,
                inputBlocks == null ? arrays.residual() : null);
    }

    /** Stores the tile, adding {@code residual} (or nothing) and then activating, when asked to. */
    private static void storeTile(KernelBuilder k, Gather g, Variable ys, Expr[] outAt, Variable[][] acc, int lanes,
            boolean activate, Variable residual) {
        for (int p = 0; p < acc.length; p++) {
            for (int q = 0; q < acc[p].length; q++) {
                Expr sum = residual == null ? v(acc[p][q])
                        : E.add(v(acc[p][q]), vload(residual, add(outAt[p], c(q * lanes))));
                Expr value = activate ? ElementwiseLowering.activate(g.activation(), sum) : sum;
                k.store(ys, add(outAt[p], c(q * lanes)), value);
            }
        }
    }

    /**
     * <pre>{@code
     * for (n < batch) for (jd < count) for (jh < count)
     *   for (jw = 0; jw < tiles * P; jw += P)             // or the one remainder tile
     *     for (cb = 0; cb < CHANNELS_PADDED; cb += L)
     *       acc[p] = bias
     *       for (taps md, mh, mw) { w = W[tap][cb]; for p: acc[p] = fma(X[pixel p + tap][cb], w, acc[p]) }
     *       Y[pixel p][cb] = acc[p]
     * }</pre>
     */
    private static void depthwise(Layer layer, String part, Gather g, Consumer<KernelBuilder> sink) {
        int lanes = layer.lanes();
        Axis ad = g.axes().get(0).get(0);
        Axis ah = g.axes().get(1).get(0);
        Axis aw = g.axes().get(2).get(0);
        if (ad.count() == 0 || ah.count() == 0 || aw.count() == 0) {
            return;
        }
        int pixels = Math.min(DEPTHWISE_PIXELS, aw.count());
        int fullTiles = aw.count() / pixels;
        int restPixels = aw.count() % pixels;
        for (int px : new int[] {pixels, restPixels}) {
            if (px == 0) {
                continue;
            }
            boolean full = px == pixels;
            KernelBuilder k = layer.kernel(part + "_depthwise_tile" + px + "x1");
            Plane y = g.target();
            GatherArrays arrays = GatherArrays.of(k, g);
            String width = LoopNotes.output(layer, 2, aw.count());
            k.parallelOverRows(ad.count(), ah.count(), N, JD, JH, LoopNotes.rows(LoopNotes.output(layer, 0, ad.count()),
                    LoopNotes.output(layer, 1, ah.count())), () -> {
                Runnable perTile = () -> k.loop(CB, c(0), c(y.padded()), lanes, "vectors of channels",
                        () -> depthwiseTile(layer, k, g, ad, ah, aw, px, arrays));
                if (full) {
                    k.loop(JW, c(0), c(fullTiles * pixels), pixels, (width == null ? "" : width + ", ") + fullTiles
                            + " tiles of " + pixels, perTile);
                } else {
                    k.set(JW, c(aw.count() - px));
                    perTile.run();
                }
            });
            sink.accept(k);
        }
    }

    private static void depthwiseTile(Layer layer, KernelBuilder k, Gather g, Axis ad, Axis ah, Axis aw, int pixels,
            GatherArrays arrays) {
        Plane x = g.padded();
        Plane y = g.target();
        Expr[] outAt = tileOutputs(k, g, ad, ah, aw, pixels);
        Variable[][] acc = new Variable[pixels][1];
        for (int p = 0; p < pixels; p++) {
            acc[p][0] = KernelBuilder.vectorVar("acc" + p);
            k.set(acc[p][0], startingSum(arrays, v(CB), outAt[p]));
        }
        Variable wv = KernelBuilder.vectorVar("w");
        Variable xRow = KernelBuilder.intVar("xrow");
        boolean unrolled = unrollsTaps(g, layer.unroll(), pixels, 1);
        tapLoop(k, unrolled, MD, ad.taps(), () -> tapLoop(k, unrolled, MH, ah.taps(), () -> tapLoop(k, unrolled, MW,
                aw.taps(), () -> {
            Expr tap = tapIndex(g, ad, ah, aw);
            k.set(xRow, readAt(g, ad, ah, aw, v(CB)));
            // Packed [taps][channels padded]: the diagonal of the block-diagonal weights.
            k.set(wv, vload(arrays.weights(), add(mul(tap, y.padded()), v(CB))));
            for (int p = 0; p < pixels; p++) {
                k.set(acc[p][0], fma(vload(arrays.x(), add(v(xRow), c(p * aw.readStep() * x.padded()))), v(wv),
                        v(acc[p][0])));
            }
        })));
        storeTile(k, g, arrays.y(), outAt, acc, layer.lanes(), g.activation() != null, null);
    }

    /**
     * The arrays a gather kernel reads and writes: the padded input, the packed weights, the target,
     * the padded bias (or null), the residual a fused add brings (or null).
     */
    private record GatherArrays(Variable x, Variable weights, Variable y, Variable bias, Variable residual) {
        static GatherArrays of(KernelBuilder k, Gather g) {
            return new GatherArrays(k.floats("x", g.padded().slot()), k.floats("wt", g.weightSlot()),
                    k.floats("y", g.target().slot()), g.biasSlot() >= 0 ? k.floats("b", g.biasSlot()) : null,
                    g.residual() != null ? k.floats("r", g.residual().slot()) : null);
        }
    }

    /** What an output vector's sum starts from: its bias (or zero), plus the residual at {@code outAt} of a fused add. */
    private static Expr startingSum(GatherArrays arrays, Expr biasAt, Expr outAt) {
        if (arrays.residual() == null) {
            return biasOrZero(arrays, biasAt);
        }
        Expr residual = vload(arrays.residual(), outAt);
        return arrays.bias() != null ? E.add(vload(arrays.bias(), biasAt), residual) : residual;
    }

    /** The bias vector at {@code biasAt}, or zero without a bias. */
    private static Expr biasOrZero(GatherArrays arrays, Expr biasAt) {
        return arrays.bias() != null ? vload(arrays.bias(), biasAt) : broadcast(c(0f));
    }

    /** The kernel tap (md, mh, mw) of the phases stands for, flattened over the kernel's dimensions. */
    private static Expr tapIndex(Gather g, Axis ad, Axis ah, Axis aw) {
        int[] kernel = g.kernel();
        return row(row(add(c(ad.kStart()), mul(v(MD), ad.kStep())), kernel[1],
                add(c(ah.kStart()), mul(v(MH), ah.kStep()))), kernel[2], add(c(aw.kStart()), mul(v(MW), aw.kStep())));
    }

    /** Where the padded input is read for output (n, jd, jh, jw) at tap (md, mh, mw), at {@code channel}. */
    private static Expr readAt(Gather g, Axis ad, Axis ah, Axis aw, Expr channel) {
        return g.padded().at(v(N),
                add(mul(v(JD), ad.readStep()), c(ad.readStart() + g.padBefore()[0]), mul(v(MD), ad.readTapStep())),
                add(mul(v(JH), ah.readStep()), c(ah.readStart() + g.padBefore()[1]), mul(v(MH), ah.readTapStep())),
                add(mul(v(JW), aw.readStep()), c(aw.readStart() + g.padBefore()[2]), mul(v(MW), aw.readTapStep())),
                channel);
    }

    /**
     * The read channels a block of written channels {@code [cb, cb + width)} meets: all of them
     * without groups, else those of the groups the block overlaps.
     */
    private static Expr[] groupRange(Gather g, int width) {
        int readChannels = g.source().channels();
        if (g.groups() == 1) {
            return new Expr[] {c(0), c(readChannels)};
        }
        int writtenPerGroup = g.target().channels() / g.groups();
        int readPerGroup = readChannels / g.groups();
        Expr first = div(v(CB), c(writtenPerGroup));
        Expr last = div(min(add(v(CB), c(width - 1)), c(g.target().channels() - 1)), c(writtenPerGroup));
        return new Expr[] {mul(first, readPerGroup), mul(add(last, c(1)), readPerGroup)};
    }

    /**
     * The weight gradient of a forward gather, in its packed layout: for each tap, a tile of P read
     * channels by V vectors of written channels, summed over the batch and every position the tap links.
     */
    static void weightGradient(Layer layer, String part, Gather g, Plane gradOut, int gradWeightSlot,
            Consumer<KernelBuilder> sink) {
        int lanes = layer.lanes();
        int readChannels = g.source().channels();
        int vectorsAcross = gradOut.padded() / lanes;
        // Vectors of written channels divide them evenly; read channels take as many as the registers
        // leave, up to MAX_GRADIENT_CHANNELS, in full blocks and one remainder block.
        int vectors = largestDivisorAtMost(vectorsAcross, TileShape.registers(lanes) >= 32 ? 4 : 2);
        int pixels = Math.min(readChannels, Math.min(MAX_GRADIENT_CHANNELS, (TileShape.registers(lanes) - 1 - vectors) / vectors));
        int fullBlocks = readChannels / pixels;
        int rest = readChannels % pixels;
        int phase = 0;
        for (Axis ad : g.axes().get(0)) {
            for (Axis ah : g.axes().get(1)) {
                for (Axis aw : g.axes().get(2)) {
                    if (!ad.reads() || !ah.reads() || !aw.reads()) {
                        continue;
                    }
                    String name = part + (phase == 0 ? "" : "_phase" + phase);
                    phase++;
                    KernelBuilder k = layer.kernel(name);
                    correlate(layer, k, g, gradOut, gradWeightSlot, ad, ah, aw, pixels, vectors, 0, fullBlocks,
                            TapTile.of(lanes, ah.taps(), aw.taps(), pixels, vectors));
                    sink.accept(k);
                    if (rest > 0) {
                        KernelBuilder r = layer.kernel(name + "_rest");
                        correlate(layer, r, g, gradOut, gradWeightSlot, ad, ah, aw, rest, vectors, fullBlocks * pixels, 1,
                                TapTile.of(lanes, ah.taps(), aw.taps(), rest, vectors));
                        sink.accept(r);
                    }
                }
            }
        }
    }

    /**
     * The neighbouring taps one weight-gradient tile takes, {@code rows x columns} of the kernel's
     * height and width: each output-gradient vector loaded then feeds that many more FMAs, so a layer
     * of few read channels (a first layer on grey or RGB images) streams its output gradient once
     * for all its taps, or once per kernel row, instead of once per tap.
     */
    record TapTile(int rows, int columns) {
        static TapTile of(int lanes, int heightTaps, int widthTaps, int pixels, int vectors) {
            // The accumulators, the gradient vectors and one broadcast, with a register to spare.
            int fit = Math.max(1, (TileShape.registers(lanes) - 2 - vectors) / (pixels * vectors));
            if (widthTaps <= fit) {
                return new TapTile(largestDivisorAtMost(heightTaps, fit / widthTaps), widthTaps);
            }
            return new TapTile(1, largestDivisorAtMost(widthTaps, fit));
        }

        int taps() {
            return rows * columns;
        }
    }

    /**
     * <pre>{@code
     * for (taps, a tile of T = TH x TW at a time) for (ci = 0; ci < CIN; ci += P) for (cb = 0; cb < COUT_PADDED; cb += V*L)
     *   acc[t][p][v] = 0
     *   for (n, jd, jh, jw)  g[v] = GY[written pixel][cb + v*L]
     *     for t, p: acc[t][p][v] = fma(broadcast(X[read pixel of tap t][ci + p]), g[v], acc[t][p][v])
     *   GW[tap + t][ci + p][cb + v*L] += acc[t][p][v]
     * }</pre>
     */
    private static void correlate(Layer layer, KernelBuilder k, Gather g, Plane gy, int gradWeightSlot, Axis ad,
            Axis ah, Axis aw, int pixels, int vectors, int firstChannel, int blocks, TapTile tile) {
        int lanes = layer.lanes();
        Plane x = g.padded();
        int readChannels = g.source().channels();
        Variable xs = k.floats("x", x.slot());
        Variable gys = k.floats("gy", gy.slot());
        Variable gws = k.floats("gw", gradWeightSlot);
        int[] kernel = g.kernel();
        int taps = tile.taps();
        Variable[][][] acc = new Variable[taps][pixels][vectors];
        int tileRows = ah.taps() / tile.rows();
        int tileColumns = aw.taps() / tile.columns();
        Variable[] gv = new Variable[vectors];
        for (int q = 0; q < vectors; q++) {
            gv[q] = KernelBuilder.vectorVar("g" + q);
        }
        Variable tapRow = KernelBuilder.intVar("taprow");
        Variable xRow = KernelBuilder.intVar("xrow");
        Variable gRow = KernelBuilder.intVar("grow");
        // One part of the range per (tap, block of read channels): each adds into its own weights only.
        k.parallelLoop(ROW, 0, ad.taps() * tileRows * tileColumns * blocks, () -> {
            // row = tile * blocks + block; tile = (md * kh/TH + mh/TH) * kw/TW + mw/TW. Constants where a count is 1 fold away.
            k.set(TAP, blocks == 1 ? v(ROW) : div(v(ROW), c(blocks)));
            k.set(CI, blocks == 1 ? c(firstChannel)
                    : add(c(firstChannel), mul(sub(v(ROW), mul(v(TAP), blocks)), pixels)));
            int plane = tileRows * tileColumns;
            k.set(MD, ad.taps() == 1 ? c(0) : div(v(TAP), c(plane)));
            k.set(REST, ad.taps() == 1 ? v(TAP) : sub(v(TAP), mul(v(MD), plane)));
            k.set(MH, div(v(REST), c(tileColumns)));
            k.set(MW, mul(sub(v(REST), mul(v(MH), tileColumns)), tile.columns()));
            k.set(MH, mul(v(MH), tile.rows()));
            Expr tap = row(row(add(c(ad.kStart()), mul(v(MD), ad.kStep())), kernel[1],
                    add(c(ah.kStart()), mul(v(MH), ah.kStep()))), kernel[2], add(c(aw.kStart()), mul(v(MW), aw.kStep())));
            k.set(tapRow, mul(tap, readChannels * gy.padded()));
            k.loop(CB, c(0), c(gy.padded()), vectors * lanes, () -> {
                for (int t = 0; t < taps; t++) {
                    for (int p = 0; p < pixels; p++) {
                        for (int q = 0; q < vectors; q++) {
                            acc[t][p][q] = KernelBuilder.vectorVar("acc" + (taps == 1 ? "" : t + "_") + p + "_" + q);
                            k.set(acc[t][p][q], broadcast(c(0f)));
                        }
                    }
                }
                k.loop(N, v(KernelBuilder.BATCH), () -> k.loop(JD, ad.count(), () -> k.loop(JH, ah.count(),
                        () -> k.loop(JW, aw.count(), () -> {
                            k.set(xRow, x.at(v(N),
                                    add(mul(v(JD), ad.readStep()), c(ad.readStart() + g.padBefore()[0]),
                                            mul(v(MD), ad.readTapStep())),
                                    add(mul(v(JH), ah.readStep()), c(ah.readStart() + g.padBefore()[1]),
                                            mul(v(MH), ah.readTapStep())),
                                    add(mul(v(JW), aw.readStep()), c(aw.readStart() + g.padBefore()[2]),
                                            mul(v(MW), aw.readTapStep())),
                                    v(CI)));
                            k.set(gRow, gy.at(v(N), add(c(ad.writeStart()), mul(v(JD), ad.writeStep())),
                                    add(c(ah.writeStart()), mul(v(JH), ah.writeStep())),
                                    add(c(aw.writeStart()), mul(v(JW), aw.writeStep())), v(CB)));
                            for (int q = 0; q < vectors; q++) {
                                k.set(gv[q], vload(gys, add(v(gRow), c(q * lanes))));
                            }
                            for (int t = 0; t < taps; t++) {
                                // Tap (a, b) of the tile reads a * readTapStep rows down and b * readTapStep positions on.
                                int a = t / tile.columns();
                                int b = t % tile.columns();
                                int tapOffset = (a * ah.readTapStep() * x.width() + b * aw.readTapStep()) * x.padded();
                                for (int p = 0; p < pixels; p++) {
                                    k.set(XS, broadcast(load(xs, add(v(xRow), c(tapOffset + p)))));
                                    for (int q = 0; q < vectors; q++) {
                                        k.set(acc[t][p][q], fma(v(XS), v(gv[q]), v(acc[t][p][q])));
                                    }
                                }
                            }
                        }))));
                for (int t = 0; t < taps; t++) {
                    // Tap (mh + a, mw + b) of the packed gradient: a kernel rows and b kernel columns further on.
                    int a = t / tile.columns();
                    int b = t % tile.columns();
                    int tapStride = (a * ah.kStep() * kernel[2] + b * aw.kStep()) * readChannels * gy.padded();
                    for (int p = 0; p < pixels; p++) {
                        for (int q = 0; q < vectors; q++) {
                            k.addTo(gws, add(v(tapRow), c(tapStride), mul(add(v(CI), c(p)), gy.padded()), v(CB),
                                    c(q * lanes)), v(acc[t][p][q]));
                        }
                    }
                }
            });
        });
    }

    /** Adds the bias gradient, summed over the batch and positions, into a padded scratch array. */
    static void biasGradient(Layer layer, KernelBuilder k, Plane gy, int scratchSlot) {
        Variable gys = k.floats("gy", gy.slot());
        Variable gbs = k.floats("gb", scratchSlot);
        if (gy.padded() == layer.lanes()) {
            // A single vector of channels (a small dense layer): C2 boxed that lone vector accumulator on every
            // call on AVX-512, so it is summed channel by channel; the work is batch x channels adds.
            Variable sum = KernelBuilder.floatVar("sum");
            k.parallelLoop(ROW, 0, gy.channels(), () -> {
                k.set(sum, load(gbs, v(ROW)));
                k.loop(P, mul(v(KernelBuilder.BATCH), c(gy.positions())),
                        () -> k.set(sum, E.add(v(sum), load(gys, gy.at(v(P), v(ROW))))));
                k.store(gbs, v(ROW), v(sum));
            });
            return;
        }
        Variable acc = KernelBuilder.vectorVar("acc");
        k.parallelLoop(ROW, 0, gy.padded() / layer.lanes(), () -> {
            k.set(C, mul(v(ROW), layer.lanes()));
            k.set(acc, vload(gbs, v(C)));
            k.loop(P, mul(v(KernelBuilder.BATCH), c(gy.positions())),
                    () -> k.set(acc, E.add(v(acc), vload(gys, gy.at(v(P), v(C))))));
            k.store(gbs, v(C), v(acc));
        });
    }

    /** Read channels of a weight-gradient tile at most: beyond, the tile's broadcasts outnumber its FMAs' need. */
    private static final int MAX_GRADIENT_CHANNELS = 6;

    private static int largestDivisorAtMost(int value, int limit) {
        for (int d = Math.min(limit, value); d > 1; d--) {
            if (value % d == 0) {
                return d;
            }
        }
        return 1;
    }
}
