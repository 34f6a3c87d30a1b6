package dev.cnnc.runtime.train;

import dev.cnnc.runtime.io.NdArray;
import java.util.Map;

/** Updates a network's trained parameters from their gradients, one step per batch. */
public interface Optimizer {

    /** Applies one update from the gradients the last backward pass left in the parameters. */
    void step();

    /** The optimizer's state (moments, step count) by name, so that training can resume exactly. */
    Map<String, NdArray> state();

    /**
     * Restores what {@link #state()} returned.
     *
     * @throws IllegalArgumentException when the state belongs to another optimizer or network
     */
    void restore(Map<String, NdArray> state);

    /** One line for the user, such as {@code sgd (lr 0.01, momentum 0.9)}. */
    String describe();
}
