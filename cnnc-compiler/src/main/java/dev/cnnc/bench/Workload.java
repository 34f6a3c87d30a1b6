package dev.cnnc.bench;

import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.TensorSpec;
import java.util.SplittableRandom;

/**
 * One call of a benchmark on one network: a forward pass in eval mode, or a training-mode forward
 * pass plus the backward pass of a fixed random upstream gradient into the parameters. Inputs and
 * gradients are drawn once from a seed, so every backend gets the same numbers.
 */
public final class Workload {

    /** What one call runs. */
    public enum Mode {
        FORWARD,
        BACKWARD;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Network network;
    private final int batch;
    private final Mode mode;
    private final float[][] inputs;
    private final float[][] gradOutputs;

    public Workload(Network network, int batch, Mode mode, long seed) {
        this.network = network;
        this.batch = batch;
        this.mode = mode;
        SplittableRandom random = new SplittableRandom(seed);
        this.inputs = network.spec().inputs().stream().map(t -> uniform(t, batch, random)).toArray(float[][]::new);
        this.gradOutputs = network.spec().outputs().stream().map(t -> uniform(t, batch, random)).toArray(float[][]::new);
        network.parameters().initialize(seed);
        network.setTraining(mode == Mode.BACKWARD);
    }

    public Network network() {
        return network;
    }

    public int batch() {
        return batch;
    }

    public Mode mode() {
        return mode;
    }

    /** Runs one call; the checksum it returns keeps the JIT from dropping the work. */
    public float call() {
        float[][] outputs = network.forward(batch, inputs);
        if (mode == Mode.FORWARD) {
            return outputs[0][0];
        }
        float[][] gradInputs = network.backward(gradOutputs);
        // Gradients add up in the parameters; clearing them keeps the numbers finite over many calls.
        network.parameters().zeroGradients();
        return outputs[0][0] + (gradInputs.length > 0 ? gradInputs[0][0] : 0f);
    }

    private static float[] uniform(TensorSpec tensor, int batch, SplittableRandom random) {
        float[] values = new float[batch * tensor.sampleSize()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }
}
