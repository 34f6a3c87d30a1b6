package dev.cnnc.runtime.compiled;

/**
 * The time one kernel of a compiled network took while {@link CompiledNetwork#setKernelTiming} was on.
 *
 * @param kernel the kernel's method in the generated class, as {@code --emit java} and {@code --dump-ir} name it
 * @param nanos the wall-clock time of its steps, parallel parts included
 * @param runs how many steps ran it
 */
public record KernelTime(String kernel, long nanos, long runs) {}
