package dev.cnnc.runtime.train;

import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.Parameters;
import dev.cnnc.runtime.io.NdArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam, step for step as {@code torch.optim.Adam} (weight decay added to the gradient, no AMSGrad):
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 */
public final class Adam implements Optimizer {

    private static final String FIRST = "exp_avg.";
    private static final String SECOND = "exp_avg_sq.";

    private final Parameters parameters;
    private final List<ParameterSpec> trained;
    private final double learningRate;
    private final float beta1;
    private final float beta2;
    private final double epsilon;
    private final float weightDecay;
    private final Map<String, float[]> firstMoments = new LinkedHashMap<>();
    private final Map<String, float[]> secondMoments = new LinkedHashMap<>();
    private long steps;

    public Adam(Parameters parameters, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        OptimizerChecks.positive("learning rate", learningRate);
        OptimizerChecks.fraction("beta1", beta1);
        OptimizerChecks.fraction("beta2", beta2);
        OptimizerChecks.positive("epsilon", epsilon);
        OptimizerChecks.nonNegative("weight decay", weightDecay);
        this.parameters = parameters;
        this.trained = parameters.specs().stream().filter(ParameterSpec::trainable).toList();
        this.learningRate = learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = epsilon;
        this.weightDecay = (float) weightDecay;
        for (ParameterSpec spec : trained) {
            firstMoments.put(spec.name(), new float[spec.elementCount()]);
            secondMoments.put(spec.name(), new float[spec.elementCount()]);
        }
    }

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8. */
    public Adam(Parameters parameters, double learningRate, double weightDecay) {
        this(parameters, learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }

    @Override
    public void step() {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = Math.sqrt(1 - Math.pow(beta2, steps));
        float stepSize = (float) (learningRate / correction1);
        float inverseCorrection2 = (float) (1 / correction2);
        float eps = (float) epsilon;
        for (ParameterSpec spec : trained) {
            float[] value = parameters.values(spec.name());
            float[] gradient = parameters.gradient(spec.name());
            float[] m = firstMoments.get(spec.name());
            float[] v = secondMoments.get(spec.name());
            for (int i = 0; i < value.length; i++) {
                float g = gradient[i] + weightDecay * value[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                value[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) * inverseCorrection2 + eps);
            }
        }
    }

    @Override
    public Map<String, NdArray> state() {
        Map<String, NdArray> state = new LinkedHashMap<>();
        // Two floats hold the step count exactly up to 2^48 steps.
        state.put("adam.step", new NdArray(new int[] {2}, new float[] {steps >>> 24, steps & 0xffffff}));
        for (ParameterSpec spec : trained) {
            state.put(FIRST + spec.name(), new NdArray(spec.shape(), firstMoments.get(spec.name()).clone()));
            state.put(SECOND + spec.name(), new NdArray(spec.shape(), secondMoments.get(spec.name()).clone()));
        }
        return state;
    }

    @Override
    public void restore(Map<String, NdArray> state) {
        float[] step = OptimizerChecks.require(state, "adam.step", "adam").data();
        for (ParameterSpec spec : trained) {
            OptimizerChecks.sameLength(OptimizerChecks.require(state, FIRST + spec.name(), "adam").data(),
                    firstMoments.get(spec.name()), spec.name());
            OptimizerChecks.sameLength(OptimizerChecks.require(state, SECOND + spec.name(), "adam").data(),
                    secondMoments.get(spec.name()), spec.name());
        }
        for (ParameterSpec spec : trained) {
            float[] m = firstMoments.get(spec.name());
            float[] v = secondMoments.get(spec.name());
            System.arraycopy(state.get(FIRST + spec.name()).data(), 0, m, 0, m.length);
            System.arraycopy(state.get(SECOND + spec.name()).data(), 0, v, 0, v.length);
        }
        steps = ((long) step[0] << 24) | (long) step[1];
    }

    @Override
    public String describe() {
        return "adam (lr " + (float) learningRate + ", betas " + beta1 + " " + beta2 + ", eps " + (float) epsilon
                + ", weight decay " + weightDecay + ")";
    }
}
