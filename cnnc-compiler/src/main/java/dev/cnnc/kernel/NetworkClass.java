package dev.cnnc.kernel;

import java.util.Objects;

/**
 * A network's class: its kernels plus what {@code CompiledNetwork} needs to run them. Its methods
 * {@value #FORWARD} and {@value #BACKWARD} take {@code (float[][] f, int[][] ix, int batch, int training)}.
 *
 * @param layout the text the class passes to {@code CompiledNetwork}'s constructor: the spec and every buffer
 */
public record NetworkClass(KernelClass kernels, String layout) {

    public static final String FORWARD = "forward";
    public static final String BACKWARD = "backward";
    public static final String SUPERCLASS = "dev/cnnc/runtime/compiled/CompiledNetwork";

    public NetworkClass {
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(layout, "layout");
        kernels.method(FORWARD);
        kernels.method(BACKWARD);
    }
}
