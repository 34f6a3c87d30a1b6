package dev.cnnc.lowering;

import dev.cnnc.kernel.KernelClass;
import dev.cnnc.kernel.KernelStep;
import dev.cnnc.kernel.TableSlots;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Buffer planning: tensors whose lives do not overlap share one array. It plans twice. The
 * <em>training</em> plan covers a forward pass followed by a backward pass: a value the backward
 * pass reads lives to the end (so that backward may run again), a gradient from the first backward
 * step that uses it (which zeroes it first) to the last, a value only the forward pass uses from
 * the step that writes it to the last that reads it. The <em>eval</em> plan covers an eval-mode
 * forward pass alone, where every value dies after its last reader: inference needs a few arrays
 * however deep the network. A backward pass after an eval forward switches to the training plan
 * and first runs the forward pass again.
 *
 * <p>A padded copy, whose kernel writes only the interior, gets an array that nothing else in
 * the plan uses, so that its borders stay zero. The network's inputs keep arrays of their own (the
 * rerun reads them), and so does every other array that is not per sample or not a tensor: packed
 * weights, running sums, dropout masks.
 */
final class BufferPlanner {

    /** The array group of each shared slot in either plan (-1: the plan never uses it), and where a gradient is zeroed. */
    record Sharing(Map<Integer, Integer> trainingGroups, Map<Integer, Integer> evalGroups, Map<Integer, Integer> zeroAt) {

        boolean shares(int slot) {
            return trainingGroups.containsKey(slot);
        }

        int training(int slot) {
            return trainingGroups.get(slot);
        }

        int eval(int slot) {
            return evalGroups.get(slot);
        }

        /** The backward step before which the gradient in {@code slot} is zeroed; -1: before the output gradients arrive. */
        int zeroAt(int slot) {
            return zeroAt.getOrDefault(slot, -1);
        }

        /** Arrays per sample the plan allocates, against one per tensor without planning. */
        long floatsPerSample(List<SlotPlan.Buffer> buffers, boolean training) {
            Map<Integer, Integer> groups = training ? trainingGroups : evalGroups;
            Map<Integer, Integer> sizes = new HashMap<>();
            for (SlotPlan.Buffer buffer : buffers) {
                Integer group = groups.get(buffer.slot());
                if (group != null && group >= 0) {
                    sizes.merge(group, buffer.perSample(), Math::max);
                }
            }
            return sizes.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    /** The slots where the network meets its user. */
    record Boundary(Set<Integer> inputValues, Set<Integer> inputGradients, Set<Integer> outputValues,
            Set<Integer> outputGradients) {}

    /** Where a buffer is used: positions on a pass's timeline, first and last. */
    private record Life(int slot, int perSample, int start, int end) {}

    private static final int FOREVER = Integer.MAX_VALUE;

    private BufferPlanner() {}

    static Sharing plan(List<SlotPlan.Buffer> buffers, KernelClass kernels, List<KernelStep> forward,
            List<KernelStep> backward, Boundary boundary) {
        // Timeline: 0 the inputs arrive, 1+i forward step i, F+1 the outputs leave, F+2 the output
        // gradients arrive, F+3+j backward step j, F+3+B the input gradients leave.
        int f = forward.size();
        Map<Integer, TreeSet<Integer>> training = new HashMap<>();
        Map<Integer, TreeSet<Integer>> eval = new HashMap<>();
        for (int i = 0; i < f; i++) {
            KernelStep step = forward.get(i);
            for (int slot : TableSlots.floats(kernels.method(step.method()))) {
                if (step.phase() != KernelStep.Phase.EVAL) {
                    use(training, slot, 1 + i);
                }
                if (step.phase() != KernelStep.Phase.TRAINING) {
                    use(eval, slot, 1 + i);
                }
            }
        }
        for (int j = 0; j < backward.size(); j++) {
            for (int slot : TableSlots.floats(kernels.method(backward.get(j).method()))) {
                use(training, slot, f + 3 + j);
            }
        }
        for (int slot : boundary.outputValues()) {
            use(training, slot, f + 1);
            use(eval, slot, f + 1);
        }
        boundary.outputGradients().forEach(slot -> use(training, slot, f + 2));
        boundary.inputGradients().forEach(slot -> use(training, slot, f + 3 + backward.size()));

        List<Life> trainingLives = new ArrayList<>();
        List<Life> evalLives = new ArrayList<>();
        Map<Integer, Integer> zeroAt = new TreeMap<>();
        Map<Integer, Integer> trainingGroups = new TreeMap<>();
        Map<Integer, Integer> evalGroups = new TreeMap<>();
        for (SlotPlan.Buffer buffer : buffers) {
            int slot = buffer.slot();
            if (!buffer.planned() || boundary.inputValues().contains(slot)) {
                continue;
            }
            trainingGroups.put(slot, -1);
            evalGroups.put(slot, -1);
            TreeSet<Integer> uses = training.get(slot);
            TreeSet<Integer> evalUses = eval.get(slot);
            if (buffer.kind() == SlotPlan.Kind.PADDED) {
                // Alive before the first step and after the last, so no other buffer ever writes its borders.
                if (uses != null) {
                    trainingLives.add(new Life(slot, buffer.perSample(), -1, FOREVER));
                }
                if (evalUses != null) {
                    evalLives.add(new Life(slot, buffer.perSample(), -1, FOREVER));
                }
                continue;
            }
            if (uses != null) {
                boolean forwardUses = uses.first() <= f + 1;
                boolean backwardUses = uses.last() >= f + 2;
                int end = forwardUses && backwardUses ? FOREVER : uses.last();
                trainingLives.add(new Life(slot, buffer.perSample(), uses.first(), end));
                if (buffer.zeroed()) {
                    if (forwardUses) {
                        throw new IllegalStateException("the forward pass uses gradient slot " + slot);
                    }
                    zeroAt.put(slot, uses.first() - (f + 3));
                }
            }
            if (evalUses != null && !buffer.zeroed()) {
                evalLives.add(new Life(slot, buffer.perSample(), evalUses.first(), evalUses.last()));
            }
        }
        trainingGroups.putAll(colour(trainingLives));
        evalGroups.putAll(colour(evalLives));
        return new Sharing(trainingGroups, evalGroups, zeroAt);
    }

    private static void use(Map<Integer, TreeSet<Integer>> uses, int slot, int position) {
        uses.computeIfAbsent(slot, ignored -> new TreeSet<>()).add(position);
    }

    /**
     * Gives each life an array no overlapping life has, in order of start: the free array closest
     * in size among those at least as large, else the largest free one, else a new one.
     */
    private static Map<Integer, Integer> colour(List<Life> lives) {
        List<Life> byStart = new ArrayList<>(lives);
        byStart.sort(Comparator.comparingInt(Life::start).thenComparingInt(Life::slot));
        List<Integer> groupEnds = new ArrayList<>();
        List<Integer> groupSizes = new ArrayList<>();
        Map<Integer, Integer> groups = new TreeMap<>();
        for (Life life : byStart) {
            int best = -1;
            for (int g = 0; g < groupEnds.size(); g++) {
                if (groupEnds.get(g) >= life.start()) {
                    continue;
                }
                if (best < 0 || better(groupSizes.get(g), groupSizes.get(best), life.perSample())) {
                    best = g;
                }
            }
            if (best < 0) {
                best = groupEnds.size();
                groupEnds.add(life.end());
                groupSizes.add(life.perSample());
            } else {
                groupEnds.set(best, life.end());
                groupSizes.set(best, Math.max(groupSizes.get(best), life.perSample()));
            }
            groups.put(life.slot(), best);
        }
        return groups;
    }

    private static boolean better(int size, int than, int need) {
        boolean fits = size >= need;
        boolean otherFits = than >= need;
        if (fits != otherFits) {
            return fits;
        }
        return fits ? size < than : size > than;
    }
}
