package dev.cnnc.interpreter;

/** Flatten: C order already lays a sample out flat, so the data stays as it is. */
final class FlattenKernel implements NodeKernel {

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        // Kernels never write their inputs, so sharing the array is safe.
        return inputs[0];
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        Elementwise.addInto(gradInputs[0], gradOutput);
    }
}
