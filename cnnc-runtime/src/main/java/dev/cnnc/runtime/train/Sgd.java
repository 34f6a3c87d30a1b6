package dev.cnnc.runtime.train;

import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.Parameters;
import dev.cnnc.runtime.io.NdArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum and weight decay, step for step as {@code torch.optim.SGD}
 * (no dampening, not Nesterov): {@code g = grad + wd * p}, {@code buf = momentum * buf + g} (just
 * {@code g} on the first step), {@code p -= lr * buf}.
 */
public final class Sgd implements Optimizer {

    private static final String BUFFER = "momentum_buffer.";

    private final Parameters parameters;
    private final List<ParameterSpec> trained;
    private final float learningRate;
    private final float momentum;
    private final float weightDecay;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private boolean started;

    public Sgd(Parameters parameters, double learningRate, double momentum, double weightDecay) {
        OptimizerChecks.positive("learning rate", learningRate);
        OptimizerChecks.fraction("momentum", momentum);
        OptimizerChecks.nonNegative("weight decay", weightDecay);
        this.parameters = parameters;
        this.trained = parameters.specs().stream().filter(ParameterSpec::trainable).toList();
        this.learningRate = (float) learningRate;
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
        if (momentum != 0) {
            for (ParameterSpec spec : trained) {
                buffers.put(spec.name(), new float[spec.elementCount()]);
            }
        }
    }

    @Override
    public void step() {
        for (ParameterSpec spec : trained) {
            float[] value = parameters.values(spec.name());
            float[] gradient = parameters.gradient(spec.name());
            float[] buffer = buffers.get(spec.name());
            for (int i = 0; i < value.length; i++) {
                float g = gradient[i] + weightDecay * value[i];
                if (buffer != null) {
                    g = started ? momentum * buffer[i] + g : g;
                    buffer[i] = g;
                }
                value[i] -= learningRate * g;
            }
        }
        started = true;
    }

    @Override
    public Map<String, NdArray> state() {
        Map<String, NdArray> state = new LinkedHashMap<>();
        state.put("sgd.started", new NdArray(new int[0], new float[] {started ? 1 : 0}));
        for (Map.Entry<String, float[]> buffer : buffers.entrySet()) {
            state.put(BUFFER + buffer.getKey(),
                    new NdArray(parameters.spec(buffer.getKey()).shape(), buffer.getValue().clone()));
        }
        return state;
    }

    @Override
    public void restore(Map<String, NdArray> state) {
        NdArray flag = OptimizerChecks.require(state, "sgd.started", "sgd");
        for (Map.Entry<String, float[]> buffer : buffers.entrySet()) {
            float[] saved = OptimizerChecks.require(state, BUFFER + buffer.getKey(), "sgd with momentum").data();
            OptimizerChecks.sameLength(saved, buffer.getValue(), buffer.getKey());
        }
        for (Map.Entry<String, float[]> buffer : buffers.entrySet()) {
            System.arraycopy(state.get(BUFFER + buffer.getKey()).data(), 0, buffer.getValue(), 0, buffer.getValue().length);
        }
        started = flag.data()[0] != 0;
    }

    @Override
    public String describe() {
        return "sgd (lr " + learningRate + ", momentum " + momentum + ", weight decay " + weightDecay + ")";
    }
}
