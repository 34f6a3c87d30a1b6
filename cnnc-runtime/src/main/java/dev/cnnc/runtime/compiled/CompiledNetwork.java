package dev.cnnc.runtime.compiled;

import dev.cnnc.runtime.InvalidInputException;
import dev.cnnc.runtime.AbstractNetwork;
import dev.cnnc.runtime.NetworkSpec;
import dev.cnnc.runtime.TensorChecks;
import dev.cnnc.runtime.kernels.Dropout;
import java.util.Arrays;

/**
 * The base of every class cnnc compiles a network into. The generated subclass holds the
 * specialized kernels and two static pass methods; this class does what is the same for every
 * network: checking inputs, keeping the arrays (allocated again only when the batch size changes),
 * moving tensors between the user's NCHW and the kernels' channels-last layout, and drawing dropout masks.
 */
public abstract class CompiledNetwork extends AbstractNetwork {

    private final NetworkLayout layout;
    private final float[][] floats;
    private final int[][] ints;
    /** Each dropout's mask in NCHW order, as drawn before it moves into the kernels' layout. */
    private final float[][] dropoutMasks;
    private int allocatedBatch;
    private int lastBatch;
    private boolean lastTraining;

    protected CompiledNetwork(String layoutText) {
        this(NetworkLayout.parse(layoutText));
    }

    private CompiledNetwork(NetworkLayout layout) {
        super(layout.spec());
        this.layout = layout;
        this.floats = new float[layout.floatSlots()][];
        this.ints = new int[layout.intSlots()][];
        this.dropoutMasks = new float[layout.dropouts().size()][];
    }

    /** Runs the forward kernels on the tables; {@code training} is 1 in training mode, else 0. */
    protected abstract void forwardPass(float[][] floats, int[][] ints, int batch, int training);

    /** Runs the backward kernels, which add into the zeroed gradient arrays. */
    protected abstract void backwardPass(float[][] floats, int[][] ints, int batch, int training);

    /** The floats a vector of the generated kernels holds; 1 for a scalar class. */
    public int lanes() {
        return layout.lanes();
    }

    @Override
    public float[][] forward(int batch, float[]... inputs) {
        NetworkSpec spec = spec();
        TensorChecks.batch(spec, batch);
        TensorChecks.tensors(spec, spec.inputs(), inputs, batch, "input");
        allocate(batch);
        bindParameters();
        for (int i = 0; i < inputs.length; i++) {
            NetworkLayout.Boundary input = layout.inputs().get(i);
            ChannelsLast.fromNchw(inputs[i], floats[input.valueSlot()], batch, input.tensor().shape(), layout.lanes());
        }
        if (isTraining()) {
            drawDropoutMasks();
        }
        forwardPass(floats, ints, batch, isTraining() ? 1 : 0);
        lastBatch = batch;
        lastTraining = isTraining();
        float[][] outputs = new float[layout.outputs().size()][];
        for (int i = 0; i < outputs.length; i++) {
            NetworkLayout.Boundary output = layout.outputs().get(i);
            outputs[i] = new float[batch * output.tensor().sampleSize()];
            ChannelsLast.toNchw(floats[output.valueSlot()], outputs[i], batch, output.tensor().shape(), layout.lanes());
        }
        return outputs;
    }

    @Override
    public float[][] backward(float[]... gradOutputs) {
        NetworkSpec spec = spec();
        if (lastBatch == 0) {
            throw new InvalidInputException(spec.name() + ": backward needs a forward pass first");
        }
        int batch = lastBatch;
        TensorChecks.tensors(spec, spec.outputs(), gradOutputs, batch, "output gradient");
        for (NetworkLayout.Buffer buffer : layout.floats()) {
            if (buffer.zeroedBeforeBackward()) {
                Arrays.fill(floats[buffer.slot()], 0f);
            }
        }
        bindParameters();
        for (int i = 0; i < gradOutputs.length; i++) {
            NetworkLayout.Boundary output = layout.outputs().get(i);
            // Adds, since an output other nodes also read gathers their gradients in the same array.
            ChannelsLast.addFromNchw(gradOutputs[i], floats[output.gradientSlot()], batch, output.tensor().shape(),
                    layout.lanes());
        }
        backwardPass(floats, ints, batch, lastTraining ? 1 : 0);
        float[][] gradInputs = new float[layout.inputs().size()][];
        for (int i = 0; i < gradInputs.length; i++) {
            NetworkLayout.Boundary input = layout.inputs().get(i);
            gradInputs[i] = new float[batch * input.tensor().sampleSize()];
            ChannelsLast.toNchw(floats[input.gradientSlot()], gradInputs[i], batch, input.tensor().shape(), layout.lanes());
        }
        return gradInputs;
    }

    private void allocate(int batch) {
        if (batch == allocatedBatch) {
            return;
        }
        for (NetworkLayout.Buffer buffer : layout.floats()) {
            floats[buffer.slot()] = new float[length(buffer, batch)];
        }
        for (NetworkLayout.Buffer buffer : layout.ints()) {
            ints[buffer.slot()] = new int[length(buffer, batch)];
        }
        for (int i = 0; i < dropoutMasks.length; i++) {
            dropoutMasks[i] = new float[batch * sampleSize(layout.dropouts().get(i).shape())];
        }
        allocatedBatch = batch;
    }

    private int length(NetworkLayout.Buffer buffer, int batch) {
        long length = buffer.length(batch);
        if (length > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(layout.spec().name() + ": a batch of " + batch
                    + " needs an array of more than 2^31 elements; use a smaller batch");
        }
        return (int) length;
    }

    // The parameters' arrays are live and may have been replaced by a load, so they are bound at every call.
    private void bindParameters() {
        for (NetworkLayout.ParameterSlots parameter : layout.parameters()) {
            String name = parameter.spec().name();
            floats[parameter.valueSlot()] = parameters().values(name);
            if (parameter.gradientSlot() >= 0) {
                floats[parameter.gradientSlot()] = parameters().gradient(name);
            }
        }
    }

    // Masks are drawn in node order and NCHW order, as the interpreter draws them, so one seed gives one result.
    private void drawDropoutMasks() {
        for (int i = 0; i < dropoutMasks.length; i++) {
            NetworkLayout.DropoutMask dropout = layout.dropouts().get(i);
            float[] mask = dropoutMasks[i];
            Dropout.mask(mask, mask.length, dropout.p(), random());
            ChannelsLast.fromNchw(mask, floats[dropout.slot()], allocatedBatch, dropout.shape(), layout.lanes());
        }
    }

    private static int sampleSize(int[] shape) {
        int size = 1;
        for (int dim : shape) {
            size *= dim;
        }
        return size;
    }
}
