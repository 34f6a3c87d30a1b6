package dev.cnnc.interpreter;

/**
 * One node of the graph on the generic kernels. A kernel may keep what its last forward pass
 * computed (pool indices, batch statistics, a dropout mask) for the backward pass that follows.
 */
interface NodeKernel {

    /** Computes the node's output from its inputs; the inputs are not modified. */
    float[] forward(float[][] inputs, Pass pass);

    /**
     * Adds the gradients with respect to the inputs into {@code gradInputs} (zero-initialized or
     * holding what other readers of the same tensor added) and those of the node's parameters into
     * their gradient arrays.
     */
    void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass);
}
