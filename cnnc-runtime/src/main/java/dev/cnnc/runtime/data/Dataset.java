package dev.cnnc.runtime.data;

import java.util.Arrays;

/**
 * Samples for training or evaluation: inputs of one shape, each with a class label or with a target
 * tensor. Immutable; {@link #inputs()} and the others hand out the arrays themselves, not copies.
 */
public final class Dataset {

    private final int[] sampleShape;
    private final float[] inputs;
    private final int[] labels;
    private final int[] targetShape;
    private final float[] targets;
    private final int size;
    // Scans of the whole data set, which the trainer's checks ask for every epoch: computed once, on first use.
    private int classCount = -1;
    private float[] targetRange;

    private Dataset(int[] sampleShape, float[] inputs, int[] labels, int[] targetShape, float[] targets) {
        this.sampleShape = sampleShape.clone();
        this.inputs = inputs;
        this.labels = labels;
        this.targetShape = targetShape == null ? null : targetShape.clone();
        this.targets = targets;
        int sampleSize = elements(sampleShape);
        if (sampleSize == 0 || inputs.length % sampleSize != 0) {
            throw new IllegalArgumentException(inputs.length + " input values are not a whole number of samples of shape "
                    + Arrays.toString(sampleShape));
        }
        this.size = inputs.length / sampleSize;
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(size + " samples but " + labels.length + " labels");
        }
        if (targets != null && targets.length != (long) size * elements(targetShape)) {
            throw new IllegalArgumentException(size + " samples but " + targets.length + " target values for shape "
                    + Arrays.toString(targetShape));
        }
    }

    /** Samples with class labels, for cross-entropy. */
    public static Dataset labelled(int[] sampleShape, float[] inputs, int[] labels) {
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("label " + label + " is negative");
            }
        }
        return new Dataset(sampleShape, inputs, labels, null, null);
    }

    /** Samples with target tensors, for mean squared error or binary cross-entropy. */
    public static Dataset withTargets(int[] sampleShape, float[] inputs, int[] targetShape, float[] targets) {
        return new Dataset(sampleShape, inputs, null, targetShape, targets);
    }

    /** The same samples, each its own target (an autoencoder's data). */
    public Dataset autoencoding() {
        return new Dataset(sampleShape, inputs, null, sampleShape, inputs);
    }

    /** The first {@code count} samples (all of them when there are fewer). */
    public Dataset first(int count) {
        if (count >= size) {
            return this;
        }
        int sampleSize = sampleSize();
        return new Dataset(sampleShape, Arrays.copyOf(inputs, count * sampleSize),
                labels == null ? null : Arrays.copyOf(labels, count), targetShape,
                targets == null ? null : Arrays.copyOf(targets, count * targetSize()));
    }

    public int size() {
        return size;
    }

    public int[] sampleShape() {
        return sampleShape.clone();
    }

    public int sampleSize() {
        return elements(sampleShape);
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The shape of one sample's target; only for data with targets. */
    public int[] targetShape() {
        requireTargets();
        return targetShape.clone();
    }

    public int targetSize() {
        requireTargets();
        return elements(targetShape);
    }

    /** The largest label plus one; only for labelled data. */
    public int classCount() {
        requireLabels();
        if (classCount >= 0) {
            return classCount;
        }
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        classCount = max + 1;
        return classCount;
    }

    /** The smallest and the largest target value, NaN when a target is not a number; only for data with targets. */
    public float[] targetRange() {
        requireTargets();
        if (targetRange == null) {
            targetRange = scanTargets();
        }
        return targetRange.clone();
    }

    private float[] scanTargets() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : targets) {
            if (Float.isNaN(value)) {
                return new float[] {Float.NaN, Float.NaN};
            }
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new float[] {min, max};
    }

    float[] inputs() {
        return inputs;
    }

    int[] labels() {
        return labels;
    }

    float[] targets() {
        return targets;
    }

    private void requireLabels() {
        if (labels == null) {
            throw new IllegalStateException("the data set has targets, not labels");
        }
    }

    private void requireTargets() {
        if (targets == null) {
            throw new IllegalStateException("the data set has labels, not targets");
        }
    }

    static int elements(int[] shape) {
        long count = 1;
        for (int size : shape) {
            count *= size;
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
        }
        return (int) count;
    }
}
