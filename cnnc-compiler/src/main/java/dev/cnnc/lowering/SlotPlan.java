package dev.cnnc.lowering;

import dev.cnnc.runtime.NetworkSpec;
import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Gives every array a compiled network works in a slot of its float or int table, and writes the
 * layout text its class hands to {@code CompiledNetwork}. A tensor's value and gradient are
 * declared {@linkplain #tensorFloats shareable}: {@link BufferPlanner} may give them the array of
 * another tensor whose life does not overlap theirs. Every other array is the slot's own.
 */
final class SlotPlan {

    private final NetworkSpec spec;
    private final int lanes;
    private final List<Buffer> floatBuffers = new ArrayList<>();
    private final StringBuilder intBuffers = new StringBuilder();
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

    /**
     * A float array of its slot's own, {@code perSample * batch + fixed} long.
     *
     * @param zeroedBeforeBackward whether the runtime fills it with zeros before every backward pass
     */
    int floats(int perSample, int fixed, boolean zeroedBeforeBackward) {
        int slot = floatSlots++;
        floatBuffers.add(new Buffer(slot, perSample, fixed, zeroedBeforeBackward, Kind.OWN));
        return slot;
    }

    /**
     * A border-padded copy, whose kernel writes the interior only: zero borders hold because each
     * plan that uses it gives it an array nothing else uses ({@link BufferPlanner}).
     */
    int paddedFloats(int perSample) {
        int slot = floatSlots++;
        floatBuffers.add(new Buffer(slot, perSample, 0, false, Kind.PADDED));
        return slot;
    }

    /**
     * A tensor's value or gradient, which may share its array with other tensors' ({@link
     * BufferPlanner}). The first kernel to use a value sets all of it; a gradient is zeroed right
     * before the first step of the backward pass that uses it.
     */
    int tensorFloats(int perSample, boolean gradient) {
        int slot = floatSlots++;
        floatBuffers.add(new Buffer(slot, perSample, 0, gradient, Kind.TENSOR));
        return slot;
    }

    /** How buffer planning may treat an array. */
    enum Kind {
        /** The slot's own array, whatever the plan. */
        OWN,
        /** A tensor's value or gradient: shares with arrays whose lives do not overlap. */
        TENSOR,
        /** A padded copy: an array of its own in each plan that uses it. */
        PADDED
    }

    /** A float array: its slot, length, whether it is zeroed, and how it may share. */
    record Buffer(int slot, int perSample, int fixed, boolean zeroed, Kind kind) {
        boolean planned() {
            return kind != Kind.OWN;
        }
    }

    List<Buffer> floatBuffers() {
        return List.copyOf(floatBuffers);
    }

    int ints(int perSample, int fixed) {
        int slot = intSlots++;
        intBuffers.append("ints ").append(slot).append(" per-sample ").append(perSample).append(" fixed ").append(fixed)
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

    /**
     * The layout text; {@code boundarySlots} gives the value and gradient slot of each input and
     * output, {@code sharing} the arrays the shareable buffers got.
     */
    String layout(Map<String, int[]> boundarySlots, BufferPlanner.Sharing sharing) {
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
        for (Buffer buffer : floatBuffers) {
            text.append("floats ").append(buffer.slot()).append(" per-sample ").append(buffer.perSample())
                    .append(" fixed ").append(buffer.fixed());
            if (sharing.shares(buffer.slot())) {
                text.append(" shared training ").append(sharing.training(buffer.slot())).append(" eval ")
                        .append(sharing.eval(buffer.slot()));
                if (buffer.zeroed()) {
                    text.append(" zero-at ").append(sharing.zeroAt(buffer.slot()));
                }
            } else if (buffer.zeroed()) {
                text.append(" zeroed");
            }
            text.append('\n');
        }
        return text.append(intBuffers).append(dropouts).toString();
    }

    private static void boundary(StringBuilder text, String kind, TensorSpec tensor, int[] slots) {
        text.append(kind).append(' ').append(tensor.name()).append(' ').append(dims(tensor.shape())).append(" value ")
                .append(slots[0]).append(" gradient ").append(slots[1]).append('\n');
    }

    private static String dims(int[] dims) {
        return IntStream.of(dims).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
