package dev.cnnc.lowering;

/**
 * The register tile of a gather: {@code pixels} output positions along the innermost spatial
 * dimension by {@code vectors} vectors of output channels, held in locals. Each step of the input
 * channel loop loads {@code vectors} weight vectors, broadcasts {@code pixels} inputs and does
 * {@code pixels * vectors} FMAs, so the tile must fit the vector registers with its weights and
 * one broadcast ({@code P*V + V + 1 <= registers}) or C2 spills accumulators to the stack.
 *
 * <p>Among the tiles that fit, the chosen one has the fewest estimated cycles for a whole output row
 * (remainder tiles included): a step costs the most of its FMAs and its loads over two ports each,
 * and at least the FMA latency, since each accumulator is a chain of dependent FMAs.
 *
 * <p>With 16 vector registers (AVX2), rows of four pixels or more take tiles of two vectors: the
 * model rates 4x3, 3x3, 2x5 and 14x1 tiles as fast as 6x2, but on a Zen 3 core C2's code for them ran
 * at 25-36 GFLOP/s where 6x2 ran at 35-57 (single layers, {@code cnnc bench --threads 1}: 3x3
 * convolutions with 128 to 512 channels on 28x28 to 7x7, pointwise ones with 256 and 512).
 */
record TileShape(int pixels, int vectors) {

    /**
     * FMA latency in cycles on the cores we target (Zen 2 to 4 and recent Intel cores: 4 to 5), plus
     * one for the loads in between: 5x2 tiles (10 chains) ran a 512-channel 3x3 layer on 7x7 at 35
     * GFLOP/s, 6x2 tiles with a 1x2 remainder at 40-42.
     */
    private static final int FMA_LATENCY = 6;
    /** FMAs or loads a core issues per cycle. */
    private static final int PORTS = 2;
    private static final int MAX_VECTORS = 8;
    private static final int MAX_PIXELS = 16;
    /** Vectors of every tile with 16 registers, on rows of {@link #NARROW_ROW} pixels or more; see the class comment. */
    private static final int AVX2_VECTORS = 2;
    private static final int NARROW_ROW = 4;

    TileShape {
        if (pixels < 1 || vectors < 1) {
            throw new IllegalArgumentException("a tile has at least one pixel and one vector, not " + pixels + "x" + vectors);
        }
    }

    /**
     * Vector registers of a machine whose vectors hold {@code lanes} floats: AVX-512 has 32, AVX2 and
     * SSE 16; the scalar class keeps floats in the same 16 (x86) registers.
     */
    static int registers(int lanes) {
        return lanes >= 16 ? 32 : 16;
    }

    /** The tile for rows of {@code width} outputs, {@code vectorsAcross} vectors of channels wide. */
    static TileShape choose(int width, int vectorsAcross, int lanes) {
        int registers = registers(lanes);
        boolean twoVectors = registers == 16 && width >= NARROW_ROW && vectorsAcross >= AVX2_VECTORS;
        TileShape best = null;
        double bestCost = Double.MAX_VALUE;
        for (int v = twoVectors ? AVX2_VECTORS : 1; v <= Math.min(vectorsAcross, twoVectors ? AVX2_VECTORS : MAX_VECTORS);
                v++) {
            for (int p = 1; p <= Math.min(width, MAX_PIXELS); p++) {
                if (p * v + v + 1 > registers) {
                    break;
                }
                double cost = rowCost(width, vectorsAcross, p, v);
                // Ties go to the larger tile, whose loops run fewer times.
                if (cost < bestCost - 1e-9 || (Math.abs(cost - bestCost) <= 1e-9 && p * v > best.pixels * best.vectors)) {
                    best = new TileShape(p, v);
                    bestCost = cost;
                }
            }
        }
        return best;
    }

    /** Estimated cycles of one input-channel step over a whole row: every tile and remainder tile. */
    private static double rowCost(int width, int vectorsAcross, int p, int v) {
        int fullPixels = width / p;
        int restPixels = width % p;
        int fullVectors = vectorsAcross / v;
        int restVectors = vectorsAcross % v;
        double cost = 0;
        for (int[] block : new int[][] {{fullVectors, v}, {restVectors > 0 ? 1 : 0, restVectors}}) {
            for (int[] tile : new int[][] {{fullPixels, p}, {restPixels > 0 ? 1 : 0, restPixels}}) {
                if (block[0] > 0 && tile[0] > 0) {
                    cost += (double) block[0] * tile[0] * stepCost(tile[1], block[1]);
                }
            }
        }
        return cost;
    }

    private static double stepCost(int p, int v) {
        return Math.max(FMA_LATENCY, Math.max((double) p * v, p + v) / PORTS);
    }
}
