package dev.cnnc.runtime;

/**
 * One network, compiled or interpreted. Tensors are flat {@code float[]} arrays, batch first and
 * channels first ({@code [N, C, H, W]} in C order), one per input or output in the order of
 * {@link #spec()}. An instance keeps what its last forward pass needs for the backward pass, so it
 * serves one thread at a time.
 */
public interface Network extends AutoCloseable {

    NetworkSpec spec();

    /** The network's parameters and buffers, live: changing them changes the network. */
    Parameters parameters();

    /**
     * Training mode: batch norm normalizes with the batch statistics and updates its running
     * statistics, dropout drops. Eval mode (the default) uses the running statistics and keeps everything.
     */
    void setTraining(boolean training);

    boolean isTraining();

    /** Seeds the randomness of training mode (dropout masks), so that a run can be repeated. */
    void setSeed(long seed);

    /**
     * How many threads a pass may use (1, the default, runs on the calling thread alone). A compiled
     * network splits its kernels over samples or output rows; results match one thread's within
     * float rounding. Threads beyond the first are started on first use and kept until {@link #close}.
     *
     * @throws IllegalArgumentException when {@code threads} is below 1
     */
    void setThreads(int threads);

    int threads();

    /** Stops the threads {@link #setThreads} started; the network still works afterwards, on one thread. */
    @Override
    default void close() {}

    /**
     * Runs the network on a batch of {@code batch} samples and returns its outputs.
     *
     * @throws InvalidInputException when the number or the lengths of the inputs do not fit
     */
    float[][] forward(int batch, float[]... inputs);

    /**
     * Back-propagates the gradients of a loss with respect to the outputs of the last forward pass:
     * adds the gradients of the trained parameters into {@link Parameters#gradient} and returns the
     * gradients with respect to the inputs. It follows the mode of that forward pass, so after a
     * training-mode forward it differentiates through the batch statistics.
     *
     * @throws InvalidInputException when no forward pass came before, or the gradients do not fit the outputs
     */
    float[][] backward(float[]... gradOutputs);

    /**
     * {@link #backward} for training: adds the gradients of the trained parameters and computes no
     * gradient of the inputs, so a compiled network skips the kernels that would only compute those
     * (the first layer's input gradient, often the dearest of the backward pass).
     *
     * @throws InvalidInputException as {@link #backward} does
     */
    default void backwardParameters(float[]... gradOutputs) {
        backward(gradOutputs);
    }
}
