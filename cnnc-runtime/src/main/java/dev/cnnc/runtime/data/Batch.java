package dev.cnnc.runtime.data;

/**
 * Some samples of a {@link Dataset} gathered into contiguous arrays, the way a network takes them.
 * One instance is refilled for every batch, so a training loop allocates nothing per step.
 */
public final class Batch {

    private final Dataset data;
    private final int capacity;
    private final float[] inputs;
    private final int[] labels;
    private final float[] targets;
    private int size;
    private float[] exactInputs;

    public Batch(Dataset data, int capacity) {
        this.data = data;
        this.capacity = capacity;
        this.inputs = new float[capacity * data.sampleSize()];
        this.labels = data.hasLabels() ? new int[capacity] : null;
        this.targets = data.hasLabels() ? null : new float[capacity * data.targetSize()];
    }

    /** Gathers the samples {@code order[from]} to {@code order[from + count - 1]}. */
    public void fill(int[] order, int from, int count) {
        if (count < 1 || count > capacity) {
            throw new IllegalArgumentException("a batch of " + count + " does not fit capacity " + capacity);
        }
        int sampleSize = data.sampleSize();
        for (int i = 0; i < count; i++) {
            System.arraycopy(data.inputs(), order[from + i] * sampleSize, inputs, i * sampleSize, sampleSize);
        }
        if (labels != null) {
            for (int i = 0; i < count; i++) {
                labels[i] = data.labels()[order[from + i]];
            }
        } else {
            int targetSize = data.targetSize();
            for (int i = 0; i < count; i++) {
                System.arraycopy(data.targets(), order[from + i] * targetSize, targets, i * targetSize, targetSize);
            }
        }
        if (count != size) {
            // Networks take inputs of exactly batch * sampleSize elements; the last, partial batch gets its own array.
            exactInputs = count == capacity ? inputs : new float[count * sampleSize];
            size = count;
        }
        if (exactInputs != inputs) {
            System.arraycopy(inputs, 0, exactInputs, 0, count * sampleSize);
        }
    }

    public int size() {
        return size;
    }

    /** The inputs of this batch, exactly {@code size() * sampleSize} of them. */
    public float[] inputs() {
        return exactInputs;
    }

    /** The label of sample {@code i}; only for labelled data. */
    public int label(int i) {
        return labels[i];
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The targets, {@code targetSize} per sample (the array may be longer than this batch's share). */
    public float[] targets() {
        return targets;
    }
}
