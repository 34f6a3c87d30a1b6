package dev.cnnc.runtime.kernels;

/**
 * Joins tensors along the channels: each sample of the output is the samples of the inputs one
 * after the other, since channels come first in each sample.
 */
public final class Concatenation {

    private Concatenation() {}

    /** @param sampleSizes the element count of one sample of each input */
    public static void forward(float[][] inputs, int[] sampleSizes, float[] y, int batch) {
        int total = 0;
        for (int size : sampleSizes) {
            total += size;
        }
        for (int n = 0; n < batch; n++) {
            int offset = n * total;
            for (int k = 0; k < inputs.length; k++) {
                System.arraycopy(inputs[k], n * sampleSizes[k], y, offset, sampleSizes[k]);
                offset += sampleSizes[k];
            }
        }
    }

    /** Adds into each input's gradient its slice of {@code gradY}; a null target is skipped. */
    public static void backward(float[] gradY, int[] sampleSizes, float[][] gradInputs, int batch) {
        int total = 0;
        for (int size : sampleSizes) {
            total += size;
        }
        for (int n = 0; n < batch; n++) {
            int offset = n * total;
            for (int k = 0; k < gradInputs.length; k++) {
                if (gradInputs[k] != null) {
                    float[] target = gradInputs[k];
                    for (int i = 0; i < sampleSizes[k]; i++) {
                        target[n * sampleSizes[k] + i] += gradY[offset + i];
                    }
                }
                offset += sampleSizes[k];
            }
        }
    }
}
