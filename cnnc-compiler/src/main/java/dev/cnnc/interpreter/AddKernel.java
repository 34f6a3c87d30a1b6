package dev.cnnc.interpreter;

/** The element-wise sum of two or more tensors of one shape; each input receives the whole gradient. */
final class AddKernel implements NodeKernel {

    @Override
    public float[] forward(float[][] inputs, Pass pass) {
        float[] y = inputs[0].clone();
        for (int k = 1; k < inputs.length; k++) {
            Elementwise.addInto(y, inputs[k]);
        }
        return y;
    }

    @Override
    public void backward(float[][] inputs, float[] output, float[] gradOutput, float[][] gradInputs, Pass pass) {
        for (float[] gradInput : gradInputs) {
            Elementwise.addInto(gradInput, gradOutput);
        }
    }
}
