package dev.cnnc.runtime.compiled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tables of arrays a compiled network's kernels work in, bound to one of the two buffer plans
 * (see {@link NetworkLayout}): a shared slot gets its group's array in that plan, every other slot
 * its own. Arrays are made when a plan is first bound at a batch size and kept, so that switching
 * between training and eval allocates nothing once both have run.
 */
final class BufferTables {

    enum Plan {
        TRAINING,
        EVAL
    }

    final float[][] floats;
    final int[][] ints;
    private final NetworkLayout layout;
    private final NetworkLayout.Buffer[] shared;
    private final int[] zeroedBeforeBackward;
    /** The shared gradients zeroed before backward step j, at index j + 1 (index 0: before the output gradients). */
    private final NetworkLayout.Buffer[][] zeroedAt;
    private final float[][][] groupArrays = new float[2][][];
    private final int[] groupBatch = new int[2];
    private int ownBatch;
    private Plan bound;
    private int boundBatch;

    BufferTables(NetworkLayout layout) {
        this.layout = layout;
        this.floats = new float[layout.floatSlots()][];
        this.ints = new int[layout.intSlots()][];
        this.shared = layout.floats().stream().filter(NetworkLayout.Buffer::shared).toArray(NetworkLayout.Buffer[]::new);
        this.zeroedBeforeBackward = layout.floats().stream()
                .filter(buffer -> !buffer.shared() && buffer.zeroedBeforeBackward())
                .mapToInt(NetworkLayout.Buffer::slot).toArray();
        List<List<NetworkLayout.Buffer>> at = new ArrayList<>();
        for (int j = 0; j <= layout.backward().size() + 1; j++) {
            at.add(new ArrayList<>());
        }
        for (NetworkLayout.Buffer buffer : shared) {
            if (buffer.zeroedBeforeBackward() && buffer.trainingGroup() >= 0) {
                at.get(buffer.zeroAt() + 1).add(buffer);
            }
        }
        this.zeroedAt = at.stream().map(list -> list.toArray(NetworkLayout.Buffer[]::new))
                .toArray(NetworkLayout.Buffer[][]::new);
    }

    boolean anyShared() {
        return shared.length > 0;
    }

    /** Points the tables at the arrays of {@code plan} for {@code batch} samples, making them on first use. */
    void bind(Plan plan, int batch) {
        if (plan == bound && batch == boundBatch) {
            return;
        }
        if (batch != ownBatch) {
            for (NetworkLayout.Buffer buffer : layout.floats()) {
                // A buffer of fixed size (packed weights among them) keeps its array and contents.
                if (!buffer.shared() && (floats[buffer.slot()] == null || buffer.perSample() > 0)) {
                    floats[buffer.slot()] = new float[length(buffer, batch)];
                }
            }
            for (NetworkLayout.Buffer buffer : layout.ints()) {
                ints[buffer.slot()] = new int[length(buffer, batch)];
            }
            ownBatch = batch;
        }
        int p = plan.ordinal();
        if (groupBatch[p] != batch) {
            groupArrays[p] = groups(plan, batch);
            groupBatch[p] = batch;
        }
        for (NetworkLayout.Buffer buffer : shared) {
            int group = group(buffer, plan);
            floats[buffer.slot()] = group < 0 ? null : groupArrays[p][group];
        }
        bound = plan;
        boundBatch = batch;
    }

    private float[][] groups(Plan plan, int batch) {
        int count = 0;
        for (NetworkLayout.Buffer buffer : shared) {
            count = Math.max(count, group(buffer, plan) + 1);
        }
        int[] lengths = new int[count];
        for (NetworkLayout.Buffer buffer : shared) {
            int group = group(buffer, plan);
            if (group >= 0) {
                lengths[group] = Math.max(lengths[group], length(buffer, batch));
            }
        }
        float[][] arrays = new float[count][];
        for (int g = 0; g < count; g++) {
            arrays[g] = new float[lengths[g]];
        }
        return arrays;
    }

    private static int group(NetworkLayout.Buffer buffer, Plan plan) {
        return plan == Plan.TRAINING ? buffer.trainingGroup() : buffer.evalGroup();
    }

    /** Zeroes the arrays of their own that a backward pass adds into. */
    void zeroBeforeBackward() {
        for (int slot : zeroedBeforeBackward) {
            Arrays.fill(floats[slot], 0f);
        }
    }

    /** Zeroes the shared gradients whose first use is backward step {@code step} (-1: the output gradients). */
    void zeroBefore(int step) {
        for (NetworkLayout.Buffer buffer : zeroedAt[step + 1]) {
            Arrays.fill(floats[buffer.slot()], 0, (int) buffer.length(boundBatch), 0f);
        }
    }

    private int length(NetworkLayout.Buffer buffer, int batch) {
        long length = buffer.length(batch);
        if (length > Integer.MAX_VALUE - 8) {
            throw new dev.cnnc.runtime.InvalidInputException(layout.spec().name() + ": a batch of " + batch
                    + " needs an array of more than 2^31 elements; use a smaller batch");
        }
        return (int) length;
    }
}
