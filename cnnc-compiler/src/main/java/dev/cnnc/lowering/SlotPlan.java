package dev.cnnc.lowering;

import dev.cnnc.runtime.NetworkSpec;
import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.TensorSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Gives every array a compiled network works in a slot of its float or int table, and writes the
 * layout text its class hands to {@code CompiledNetwork}. Issue 5's buffer planning will let
 * tensors share slots; for now each has its own.
 */
final class SlotPlan {

    private final NetworkSpec spec;
    private final int lanes;
    private final StringBuilder buffers = new StringBuilder();
    private final StringBuilder dropouts = new StringBuilder();
    private final Map<String, int[]> parameterSlots = new LinkedHashMap<>();
    private final Map<String, Integer> poolIndices = new LinkedHashMap<>();
    private int floatSlots;
    private int intSlots;

    SlotPlan(NetworkSpec spec, int lanes) {
        this.spec = spec;
        this.lanes = lanes;
        for (ParameterSpec parameter : spec.parameters()) {
            int value = floatSlots++;
            int gradient = parameter.trainable() ? floatSlots++ : -1;
            parameterSlots.put(parameter.name(), new int[] {value, gradient});
        }
    }

    int lanes() {
        return lanes;
    }

    NetworkSpec spec() {
        return spec;
    }

    int floats(int perSample, int fixed, boolean zeroedBeforeBackward) {
        int slot = floatSlots++;
        buffers.append("floats ").append(slot).append(" per-sample ").append(perSample).append(" fixed ").append(fixed)
                .append(zeroedBeforeBackward ? " zeroed" : "").append('\n');
        return slot;
    }

    int ints(int perSample, int fixed) {
        int slot = intSlots++;
        buffers.append("ints ").append(slot).append(" per-sample ").append(perSample).append(" fixed ").append(fixed)
                .append('\n');
        return slot;
    }

    int parameterValue(String name) {
        return slots(name)[0];
    }

    int parameterGradient(String name) {
        return slots(name)[1];
    }

    boolean hasParameter(String name) {
        return parameterSlots.containsKey(name);
    }

    private int[] slots(String name) {
        int[] slots = parameterSlots.get(name);
        if (slots == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return slots;
    }

    /** Remembers where a maxpool node keeps its indices, for the maxunpool that names it. */
    void poolIndices(String node, int slot) {
        poolIndices.put(node, slot);
    }

    int poolIndices(String node) {
        Integer slot = poolIndices.get(node);
        if (slot == null) {
            throw new IllegalArgumentException("no maxpool named " + node + " before its maxunpool");
        }
        return slot;
    }

    void dropout(int maskSlot, int[] shape, double p) {
        dropouts.append("dropout ").append(maskSlot).append(" shape ").append(dims(shape)).append(" p ")
                .append(p).append('\n');
    }

    /** The layout text; {@code tensors} gives the value and gradient slot of each input and output. */
    String layout(Map<String, int[]> boundarySlots) {
        StringBuilder text = new StringBuilder();
        text.append("network ").append(spec.name()).append('\n');
        text.append("lanes ").append(lanes).append('\n');
        for (TensorSpec input : spec.inputs()) {
            boundary(text, "input", input, boundarySlots.get(input.name()));
        }
        for (TensorSpec output : spec.outputs()) {
            boundary(text, "output", output, boundarySlots.get(output.name()));
        }
        for (ParameterSpec parameter : spec.parameters()) {
            int[] slots = parameterSlots.get(parameter.name());
            text.append("parameter ").append(parameter.name()).append(' ').append(dims(parameter.shape())).append(' ')
                    .append(parameter.kind().name().toLowerCase(Locale.ROOT)).append(' ').append(parameter.fanIn())
                    .append(" value ").append(slots[0]).append(" gradient ").append(slots[1]).append('\n');
        }
        return text.append(buffers).append(dropouts).toString();
    }

    private static void boundary(StringBuilder text, String kind, TensorSpec tensor, int[] slots) {
        text.append(kind).append(' ').append(tensor.name()).append(' ').append(dims(tensor.shape())).append(" value ")
                .append(slots[0]).append(" gradient ").append(slots[1]).append('\n');
    }

    private static String dims(int[] dims) {
        return IntStream.of(dims).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
