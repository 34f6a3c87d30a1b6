package dev.cnnc.interpreter;

/** Small element-wise helpers of the kernels that only move or sum data. */
final class Elementwise {

    private Elementwise() {}

    static void addInto(float[] target, float[] values) {
        for (int i = 0; i < values.length; i++) {
            target[i] += values[i];
        }
    }
}
