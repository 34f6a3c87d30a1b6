package dev.cnnc.runtime.train;

import dev.cnnc.runtime.InvalidInputException;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.NetworkSpec;
import dev.cnnc.runtime.TensorSpec;
import dev.cnnc.runtime.data.Batch;
import dev.cnnc.runtime.data.Dataset;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The training loop: per epoch, a seeded shuffle, forward and backward passes in training mode over
 * batches (the last one partial when the batch size does not divide the data), an optimizer step
 * after each, then an eval-mode pass over the test data. The shuffle and the dropout masks of an
 * epoch are drawn from the seed and the epoch's number alone, so a run resumed after epoch k
 * continues exactly as the unbroken run would, for the same thread count.
 */
public final class Trainer {

    private final Network network;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int batchSize;
    private final long seed;
    private int epochsDone;
    private long stepsDone;

    public Trainer(Network network, Loss loss, Optimizer optimizer, int batchSize, long seed) {
        NetworkSpec spec = network.spec();
        if (spec.inputs().size() != 1 || spec.outputs().size() != 1) {
            throw new IllegalArgumentException("training takes a network of one input and one output; "
                    + spec.name() + " has " + spec.inputs().size() + " and " + spec.outputs().size());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
        }
        this.network = network;
        this.loss = loss;
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** Says why {@code data} cannot train or test this network, or returns null when it can. */
    public String mismatch(Dataset data) {
        TensorSpec input = network.spec().inputs().get(0);
        if (!Arrays.equals(input.shape(), data.sampleShape())) {
            return "each sample has shape " + Arrays.toString(data.sampleShape()) + ", but " + network.spec().name()
                    + "'s input '" + input.name() + "' is " + Arrays.toString(input.shape());
        }
        if (data.size() == 0) {
            return "the data has no samples";
        }
        return loss.mismatch(network.spec().outputs().get(0).sampleSize(), data);
    }

    /** Continues a run that had done {@code epochs} epochs and {@code steps} optimizer steps. */
    public void resumeAfter(int epochs, long steps) {
        this.epochsDone = epochs;
        this.stepsDone = steps;
    }

    public int epochsDone() {
        return epochsDone;
    }

    /** Optimizer steps so far, across resumed runs (PyTorch's batch norm counts them as num_batches_tracked). */
    public long stepsDone() {
        return stepsDone;
    }

    /**
     * Trains one epoch on {@code train}, then evaluates {@code test} when it is not null.
     *
     * @throws IllegalArgumentException when the data does not fit the network or the loss
     */
    public EpochResult trainEpoch(Dataset train, Dataset test, TrainingListener listener) {
        requireFits(train, "training");
        if (test != null) {
            requireFits(test, "test");
        }
        int epoch = epochsDone + 1;
        int[] order = shuffled(train.size(), mix(seed, epoch));
        int batches = (train.size() + batchSize - 1) / batchSize;
        listener.epochStarted(epoch, batches, train.size());
        network.setTraining(true);
        network.setSeed(mix(seed ^ 0x5DEECE66DL, epoch));
        Batch batch = new Batch(train, batchSize);
        float[] gradient = new float[0];
        double lossSum = 0;
        long correct = 0;
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            int count = Math.min(batchSize, train.size() - from);
            batch.fill(order, from, count);
            float[] output = network.forward(count, batch.inputs())[0];
            if (gradient.length != output.length) {
                gradient = new float[output.length];
            }
            double batchLoss = loss.evaluate(output, batch, gradient);
            if (!Double.isFinite(batchLoss)) {
                throw new TrainingDivergedException(epoch, b + 1, batchLoss);
            }
            lossSum += batchLoss * count;
            if (batch.hasLabels()) {
                correct += Accuracy.correct(output, batch);
            }
            network.parameters().zeroGradients();
            network.backwardParameters(gradient);
            optimizer.step();
            stepsDone++;
            listener.batchFinished(epoch, b + 1, batches, from + count, lossSum / (from + count));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        network.setTraining(false);
        epochsDone = epoch;
        Evaluation evaluation = null;
        if (test != null) {
            listener.evaluationStarted(epoch);
            evaluation = evaluate(test);
        }
        EpochResult result = new EpochResult(epoch, lossSum / train.size(),
                train.hasLabels() ? (double) correct / train.size() : Double.NaN,
                evaluation == null ? Double.NaN : evaluation.loss(),
                evaluation == null ? Double.NaN : evaluation.accuracy(), seconds);
        listener.epochFinished(result);
        return result;
    }

    /** The mean loss and the accuracy of {@code data} in eval mode; the network is left in eval mode. */
    public Evaluation evaluate(Dataset data) {
        requireFits(data, "evaluation");
        network.setTraining(false);
        int[] order = new int[data.size()];
        Arrays.setAll(order, i -> i);
        Batch batch = new Batch(data, batchSize);
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < data.size(); from += batchSize) {
            int count = Math.min(batchSize, data.size() - from);
            batch.fill(order, from, count);
            float[] output = network.forward(count, batch.inputs())[0];
            lossSum += loss.evaluate(output, batch, null) * count;
            if (batch.hasLabels()) {
                correct += Accuracy.correct(output, batch);
            }
        }
        return new Evaluation(lossSum / data.size(), data.hasLabels() ? (double) correct / data.size() : Double.NaN,
                data.size());
    }

    private void requireFits(Dataset data, String role) {
        String mismatch = mismatch(data);
        if (mismatch != null) {
            throw new InvalidInputException("the " + role + " data does not fit: " + mismatch);
        }
    }

    /** A permutation of 0..n-1 by Fisher-Yates, drawn from {@code seed}. */
    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** A seed for one epoch: SplitMix64's finalizer over the run's seed and the epoch. */
    static long mix(long seed, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
