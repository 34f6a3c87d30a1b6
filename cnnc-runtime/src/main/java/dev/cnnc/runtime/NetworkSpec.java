package dev.cnnc.runtime;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What a network takes, gives and holds: inputs and outputs in order, parameters in {@code state_dict} order. */
public record NetworkSpec(String name, List<TensorSpec> inputs, List<TensorSpec> outputs, List<ParameterSpec> parameters) {

    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        parameters = List.copyOf(parameters);
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException(name + ": a network has at least one input and one output");
        }
        unique(inputs.stream().map(TensorSpec::name).toList(), "input");
        unique(outputs.stream().map(TensorSpec::name).toList(), "output");
        unique(parameters.stream().map(ParameterSpec::name).toList(), "parameter");
    }

    private void unique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String item : names) {
            if (!seen.add(item)) {
                throw new IllegalArgumentException(name + ": " + what + " '" + item + "' is listed twice");
            }
        }
    }

    public TensorSpec input(String inputName) {
        return find(inputs, inputName, "input");
    }

    public TensorSpec output(String outputName) {
        return find(outputs, outputName, "output");
    }

    private TensorSpec find(List<TensorSpec> tensors, String tensorName, String what) {
        for (TensorSpec tensor : tensors) {
            if (tensor.name().equals(tensorName)) {
                return tensor;
            }
        }
        throw new IllegalArgumentException(name + " has no " + what + " named '" + tensorName + "'; its " + what + "s: "
                + String.join(", ", tensors.stream().map(TensorSpec::name).toList()));
    }
}
