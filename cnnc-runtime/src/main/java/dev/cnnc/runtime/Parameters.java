package dev.cnnc.runtime;

import dev.cnnc.runtime.io.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The parameters and buffers of one network, by {@code state_dict} name, each with its gradient
 * when it is trained. The arrays are live: kernels read them and write gradients into them, so
 * loading copies into them rather than replacing them.
 *
 * <p>Compiled networks keep the weights repacked for their kernels and repack them only when the
 * {@link #version} moved. Every way to change values moves it: {@link #values} (which hands out
 * the array to write into), {@link #load}, {@link #initialize}, the optimizers, and a training-mode
 * pass that updates batch norm statistics. Code that keeps an array from {@code values} and writes
 * into it later calls {@link #markChanged} after writing.
 */
public final class Parameters {

    private static final String IGNORED_SUFFIX = "num_batches_tracked";

    private final Map<String, ParameterSpec> specs = new LinkedHashMap<>();
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, float[]> gradients = new LinkedHashMap<>();
    private long version;

    public Parameters(List<ParameterSpec> parameters) {
        for (ParameterSpec spec : parameters) {
            if (specs.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("parameter '" + spec.name() + "' is listed twice");
            }
            values.put(spec.name(), new float[spec.elementCount()]);
            if (spec.trainable()) {
                gradients.put(spec.name(), new float[spec.elementCount()]);
            }
        }
        initialize(0);
    }

    public List<ParameterSpec> specs() {
        return List.copyOf(specs.values());
    }

    public ParameterSpec spec(String name) {
        ParameterSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; the parameters are " + specs.keySet());
        }
        return spec;
    }

    /**
     * The live values of a parameter, C order in the shape of its spec. The caller may write into
     * them, so this counts as a change ({@link #version}); writes into an array kept from an earlier
     * call need {@link #markChanged}.
     */
    public float[] values(String name) {
        spec(name);
        version++;
        return values.get(name);
    }

    /**
     * A number that moves whenever the values may have changed, so that a network can keep what it
     * derives from them (packed or folded weights) until it does.
     */
    public long version() {
        return version;
    }

    /** Says that values were written through an array kept from an earlier {@link #values} call. */
    public void markChanged() {
        version++;
    }

    /** The live gradient of a trained parameter; backward passes add into it. */
    public float[] gradient(String name) {
        if (!spec(name).trainable()) {
            throw new IllegalArgumentException("'" + name + "' is a buffer and has no gradient");
        }
        return gradients.get(name);
    }

    /**
     * PyTorch's default initialization, drawn from {@code seed}: weights Kaiming-uniform with
     * a = sqrt(5), which is uniform(+-1/sqrt(fan_in)); biases uniform(+-1/sqrt(fan_in)); batch
     * norm weight 1, bias 0, running mean 0, running variance 1. Gradients are zeroed.
     */
    public void initialize(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        version++;
        for (ParameterSpec spec : specs.values()) {
            float[] value = values.get(spec.name());
            switch (spec.kind()) {
                case WEIGHT, BIAS -> {
                    double bound = 1 / Math.sqrt(spec.fanIn());
                    for (int i = 0; i < value.length; i++) {
                        value[i] = (float) ((2 * random.nextDouble() - 1) * bound);
                    }
                }
                case NORM_WEIGHT, RUNNING_VAR -> Arrays.fill(value, 1f);
                case NORM_BIAS, RUNNING_MEAN -> Arrays.fill(value, 0f);
            }
        }
        zeroGradients();
    }

    public void zeroGradients() {
        for (float[] gradient : gradients.values()) {
            Arrays.fill(gradient, 0f);
        }
    }

    /**
     * Loads every parameter and buffer from {@code arrays}, keyed by {@code state_dict} name. All of
     * them must be present with the right shapes, or nothing is loaded and the exception lists each
     * problem. {@code num_batches_tracked} is ignored; other unknown keys are reported to {@code warnings}.
     */
    public void load(Map<String, NdArray> arrays, String source, Consumer<String> warnings) throws ParameterLoadException {
        List<String> problems = new ArrayList<>();
        for (ParameterSpec spec : specs.values()) {
            NdArray array = arrays.get(spec.name());
            if (array == null) {
                problems.add("missing parameter '" + spec.name() + "' of shape " + NdArray.shapeString(spec.shape()));
            } else if (!Arrays.equals(array.shape(), spec.shape())) {
                problems.add("parameter '" + spec.name() + "' has shape " + array.shapeString() + ", expected "
                        + NdArray.shapeString(spec.shape()));
            }
        }
        if (!problems.isEmpty() && problems.size() == specs.size() && !arrays.isEmpty()
                && arrays.keySet().stream().noneMatch(specs::containsKey)) {
            List<String> keys = arrays.keySet().stream().limit(6).toList();
            problems = List.of("none of the network's " + specs.size() + " parameter names is in the file (the network"
                    + " expects " + String.join(", ", specs.keySet().stream().limit(3).toList())
                    + (specs.size() > 3 ? ", ..." : "") + "; the file has " + String.join(", ", keys)
                    + (arrays.size() > keys.size() ? ", ..." : "") + ")");
        }
        if (!problems.isEmpty()) {
            throw new ParameterLoadException(source, problems);
        }
        version++;
        for (ParameterSpec spec : specs.values()) {
            float[] data = arrays.get(spec.name()).data();
            System.arraycopy(data, 0, values.get(spec.name()), 0, data.length);
        }
        List<String> unknown = new ArrayList<>();
        for (String key : arrays.keySet()) {
            if (!specs.containsKey(key) && !key.equals(IGNORED_SUFFIX) && !key.endsWith("." + IGNORED_SUFFIX)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            warnings.accept(source + ": ignored " + unknown.size() + " key" + (unknown.size() == 1 ? "" : "s")
                    + " the network does not have: " + String.join(", ", unknown));
        }
    }

    /** Copies of every parameter and buffer, by name, in {@code state_dict} order. */
    public Map<String, NdArray> toArrays() {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        for (ParameterSpec spec : specs.values()) {
            arrays.put(spec.name(), new NdArray(spec.shape(), values.get(spec.name()).clone()));
        }
        return Collections.unmodifiableMap(arrays);
    }

    /** Copies of the gradients of the trained parameters, by name. */
    public Map<String, NdArray> gradientArrays() {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> gradient : gradients.entrySet()) {
            arrays.put(gradient.getKey(), new NdArray(specs.get(gradient.getKey()).shape(), gradient.getValue().clone()));
        }
        return Collections.unmodifiableMap(arrays);
    }
}
