package dev.cnnc.interpreter;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;

/** The interpreter backend: turns a checked graph into a {@link Network} that runs on the generic kernels. */
public final class Interpreter {

    private Interpreter() {}

    /** A network with PyTorch's default initialization drawn from seed 0, in eval mode. */
    public static Network load(CheckedGraph checked) {
        return new InterpretedNetwork(checked, NetworkSpecs.of(checked));
    }

    /**
     * A tensor of the last forward pass of {@code network}, which {@link #load} made: an input or
     * any node's output by name, NCHW; null when there is no tensor of that name.
     */
    public static float[] tensorOfLastPass(Network network, String name) {
        return ((InterpretedNetwork) network).tensor(name);
    }
}
