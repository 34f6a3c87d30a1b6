package dev.cnnc.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A network's class: its kernels, the steps of its forward and backward passes, and what {@code
 * CompiledNetwork} needs to run them. The class dispatches a step by its index in {@link #dispatched()}
 * ({@code runKernel(id, f, ix, batch, training, lo, hi)}); the runtime walks the passes and splits
 * each parallel step's range over its threads.
 *
 * @param layout the text the class passes to {@code CompiledNetwork}'s constructor: the spec, every buffer, the passes
 */
public record NetworkClass(KernelClass kernels, List<KernelStep> forward, List<KernelStep> backward, String layout) {

    public static final String SUPERCLASS = "dev/cnnc/runtime/compiled/CompiledNetwork";
    /** {@code runKernel(int id, float[][] f, int[][] ix, int batch, int training, int lo, int hi)}. */
    public static final String DISPATCH = "runKernel";

    public NetworkClass {
        Objects.requireNonNull(kernels, "kernels");
        Objects.requireNonNull(layout, "layout");
        forward = List.copyOf(forward);
        backward = List.copyOf(backward);
        for (KernelStep step : forward) {
            kernels.method(step.method());
        }
        for (KernelStep step : backward) {
            kernels.method(step.method());
        }
    }

    /** The kernels the passes call, each once, in the order of their dispatch indices. */
    public List<String> dispatched() {
        Set<String> names = new LinkedHashSet<>();
        forward.forEach(step -> names.add(step.method()));
        backward.forEach(step -> names.add(step.method()));
        return new ArrayList<>(names);
    }

    /** The same network with other kernels, e.g. split ones; the steps keep their names. */
    public NetworkClass withKernels(KernelClass other) {
        return new NetworkClass(other, forward, backward, layout);
    }

    /**
     * The layout lines of the passes, {@code forward ID PER_SAMPLE FIXED PHASE COST} per step, for
     * the layout text: IDs index {@code dispatched}.
     */
    public static String passLines(List<KernelStep> forward, List<KernelStep> backward, java.util.Set<String> inputGradientOnly,
            java.util.Set<String> packing) {
        Map<String, Integer> ids = new HashMap<>();
        StringBuilder text = new StringBuilder();
        for (String pass : List.of("forward", "backward")) {
            for (KernelStep step : pass.equals("forward") ? forward : backward) {
                int id = ids.computeIfAbsent(step.method(), name -> ids.size());
                text.append(pass).append(' ').append(id).append(' ').append(step.perSample()).append(' ')
                        .append(step.fixed()).append(' ').append(step.phase().layoutName()).append(' ')
                        .append(step.cost())
                        .append(pass.equals("backward") && inputGradientOnly.contains(step.method()) ? " input-gradient" : "")
                        .append(pass.equals("forward") && packing.contains(step.method()) ? " packs" : "")
                        .append(" kernel=").append(step.method())
                        .append('\n');
            }
        }
        return text.toString();
    }
}
