package dev.cnnc.runtime.compiled;

import dev.cnnc.runtime.NetworkSpec;
import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a compiled network's class declares about itself, parsed from the text its constructor
 * passes: the spec, the lane count its tensors are padded to, and every array it works in. Each
 * array has a slot in the table its methods receive; a parameter's values and gradient fill two
 * slots, the other arrays hold {@code perSample * batch + fixed} elements.
 *
 * <pre>
 * network LeNet5
 * lanes 16
 * input x 1,28,28 value 0 gradient 1
 * output y 10 value 5 gradient 6
 * parameter conv1.weight 6,1,5,5 WEIGHT 25 value 7 gradient 8
 * floats 9 per-sample 12544 fixed 0 zeroed
 * floats 10 per-sample 12544 fixed 0 shared training 2 eval 0
 * floats 11 per-sample 12544 fixed 0 shared training 3 eval -1 zero-at 4
 * ints 0 per-sample 1176 fixed 0
 * dropout 12 shape 120 p 0.5
 * forward 0 0 0 always 1 packs kernel=n0_conv_pack
 * forward 1 24 0 training 4200 kernel=n0_conv_forward_tile6x2
 * forward 2 24 0 eval 4200 kernel=n0_conv_forward_folded_tile6x2
 * backward 3 0 36 always 900 kernel=n0_conv_weight_grad
 * backward 4 24 0 always 4200 input-gradient kernel=n0_conv_input_grad_tile6x2
 * </pre>
 *
 * <p>A {@code forward} or {@code backward} line is a step of that pass, in order: the kernel's
 * dispatch index, its parallel range, {@code perSample * batch + fixed} (both 0 for a serial kernel),
 * its phase ({@code eval} steps run in an eval-mode forward pass only, {@code training} ones in a
 * training-mode forward pass and before the backward pass that follows an eval-mode one), and the
 * statements one iteration of its range runs, an estimate that leaves short steps to one thread. A backward step
 * marked {@code input-gradient} computes only gradients of the network's inputs, which a training
 * step does not need. A forward step marked {@code packs} only derives arrays from the parameters
 * (weights repacked, a batch norm folded in) and runs only when they changed since its last run.
 * {@code kernel=} names the kernel's method, for step timings and messages.
 *
 * <p>A {@code shared} buffer (buffer planning) uses the array of its group in the plan of the
 * pass: {@code training} for a training forward pass and any backward pass, {@code eval} for an
 * eval-mode forward pass (-1: that plan never uses the slot). A shared gradient is zeroed before
 * backward step {@code zero-at} (-1: before the output gradients arrive); any other {@code zeroed}
 * buffer before the backward pass.
 */
record NetworkLayout(
        NetworkSpec spec,
        int lanes,
        List<Boundary> inputs,
        List<Boundary> outputs,
        List<ParameterSlots> parameters,
        List<Buffer> floats,
        List<Buffer> ints,
        List<DropoutMask> dropouts,
        List<Step> forward,
        List<Step> backward) {

    /**
     * Whether eval and training forward passes differ: some batch norm folds into a convolution, or
     * some max pool keeps no winner indices in eval mode.
     */
    boolean evalDiffers() {
        return forward.stream().anyMatch(step -> step.phase() == Phase.EVAL);
    }

    /** When a forward step runs; see the class comment. */
    enum Phase {
        ALWAYS,
        TRAINING,
        EVAL
    }

    /** One call of a pass: kernel {@code id} over {@code [0, perSample * batch + fixed)}, or once when serial. */
    record Step(int id, int perSample, int fixed, Phase phase, long cost, boolean inputGradientOnly, boolean packs,
            String kernel) {
        boolean parallel() {
            return perSample > 0 || fixed > 0;
        }

        int range(int batch) {
            return perSample * batch + fixed;
        }
    }

    /** A tensor where the network meets its user: NCHW outside, channels-last inside. */
    record Boundary(TensorSpec tensor, int valueSlot, int gradientSlot, int[] shape, int sampleSize) {
        // The spec hands out copies of its shape; the passes read this one, so that they allocate nothing.
        Boundary(TensorSpec tensor, int valueSlot, int gradientSlot) {
            this(tensor, valueSlot, gradientSlot, tensor.shape(), tensor.sampleSize());
        }
    }

    record ParameterSlots(ParameterSpec spec, int valueSlot, int gradientSlot) {}

    /**
     * An array of {@code perSample * batch + fixed} elements; a shared one has a group in each plan
     * ({@link #NOT_SHARED} otherwise).
     */
    record Buffer(int slot, int perSample, int fixed, boolean zeroedBeforeBackward, int trainingGroup, int evalGroup,
            int zeroAt) {
        static final int NOT_SHARED = -2;

        Buffer(int slot, int perSample, int fixed, boolean zeroedBeforeBackward) {
            this(slot, perSample, fixed, zeroedBeforeBackward, NOT_SHARED, NOT_SHARED, -1);
        }

        boolean shared() {
            return trainingGroup != NOT_SHARED;
        }

        long length(int batch) {
            return (long) perSample * batch + fixed;
        }
    }

    /** A dropout's mask, drawn in NCHW order for the tensor of {@code shape}, stored channels-last. */
    record DropoutMask(int slot, int[] shape, double p) {}

    static NetworkLayout parse(String text) {
        String name = null;
        int lanes = 0;
        List<TensorSpec> inputSpecs = new ArrayList<>();
        List<TensorSpec> outputSpecs = new ArrayList<>();
        List<ParameterSpec> parameterSpecs = new ArrayList<>();
        List<Boundary> inputs = new ArrayList<>();
        List<Boundary> outputs = new ArrayList<>();
        List<ParameterSlots> parameters = new ArrayList<>();
        List<Buffer> floats = new ArrayList<>();
        List<Buffer> ints = new ArrayList<>();
        List<DropoutMask> dropouts = new ArrayList<>();
        List<Step> forward = new ArrayList<>();
        List<Step> backward = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "network" -> name = w[1];
                case "lanes" -> lanes = Integer.parseInt(w[1]);
                case "input", "output" -> {
                    TensorSpec tensor = new TensorSpec(w[1], dims(w[2]));
                    Boundary boundary = new Boundary(tensor, Integer.parseInt(w[4]), Integer.parseInt(w[6]));
                    (w[0].equals("input") ? inputSpecs : outputSpecs).add(tensor);
                    (w[0].equals("input") ? inputs : outputs).add(boundary);
                }
                case "parameter" -> {
                    ParameterSpec spec = new ParameterSpec(w[1], dims(w[2]),
                            ParameterSpec.Kind.valueOf(w[3].toUpperCase(Locale.ROOT)), Integer.parseInt(w[4]));
                    parameterSpecs.add(spec);
                    parameters.add(new ParameterSlots(spec, Integer.parseInt(w[6]), Integer.parseInt(w[8])));
                }
                case "floats", "ints" -> (w[0].equals("floats") ? floats : ints).add(buffer(w));
                case "dropout" -> dropouts.add(new DropoutMask(Integer.parseInt(w[1]), dims(w[3]), Double.parseDouble(w[5])));
                case "forward", "backward" -> (w[0].equals("forward") ? forward : backward).add(step(w));
                case "" -> {}
                default -> throw new IllegalStateException("unknown line in a network layout: " + line);
            }
        }
        if (name == null || lanes < 1) {
            throw new IllegalStateException("a network layout names the network and its lane count");
        }
        NetworkSpec spec = new NetworkSpec(name, inputSpecs, outputSpecs, parameterSpecs);
        return new NetworkLayout(spec, lanes, inputs, outputs, parameters, floats, ints, dropouts, forward, backward);
    }

    /** A step line: id, range, phase, cost, then its marks in any order, the kernel's name last. */
    private static Step step(String[] w) {
        Set<String> marks = new HashSet<>();
        String kernel = "kernel " + w[1];
        for (int i = 6; i < w.length; i++) {
            if (w[i].startsWith("kernel=")) {
                kernel = w[i].substring("kernel=".length());
            } else {
                marks.add(w[i]);
            }
        }
        return new Step(Integer.parseInt(w[1]), Integer.parseInt(w[2]), Integer.parseInt(w[3]),
                Phase.valueOf(w[4].toUpperCase(Locale.ROOT)), Long.parseLong(w[5]), marks.contains("input-gradient"),
                marks.contains("packs"), kernel);
    }

    private static Buffer buffer(String[] w) {
        int slot = Integer.parseInt(w[1]);
        int perSample = Integer.parseInt(w[3]);
        int fixed = Integer.parseInt(w[5]);
        if (w.length > 6 && w[6].equals("shared")) {
            int zeroAt = w.length > 12 && w[11].equals("zero-at") ? Integer.parseInt(w[12]) : Integer.MIN_VALUE;
            return new Buffer(slot, perSample, fixed, zeroAt != Integer.MIN_VALUE, Integer.parseInt(w[8]),
                    Integer.parseInt(w[10]), zeroAt == Integer.MIN_VALUE ? -1 : zeroAt);
        }
        return new Buffer(slot, perSample, fixed, w.length > 6 && w[6].equals("zeroed"));
    }

    private static int[] dims(String text) {
        return Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    int floatSlots() {
        int slots = 0;
        for (Boundary boundary : inputs) {
            slots = Math.max(slots, Math.max(boundary.valueSlot(), boundary.gradientSlot()) + 1);
        }
        for (Boundary boundary : outputs) {
            slots = Math.max(slots, Math.max(boundary.valueSlot(), boundary.gradientSlot()) + 1);
        }
        for (ParameterSlots parameter : parameters) {
            slots = Math.max(slots, Math.max(parameter.valueSlot(), parameter.gradientSlot()) + 1);
        }
        for (Buffer buffer : floats) {
            slots = Math.max(slots, buffer.slot() + 1);
        }
        return slots;
    }

    int intSlots() {
        int slots = 0;
        for (Buffer buffer : ints) {
            slots = Math.max(slots, buffer.slot() + 1);
        }
        return slots;
    }
}
