package dev.cnnc.runtime.compiled;

import dev.cnnc.runtime.InvalidInputException;
import dev.cnnc.runtime.AbstractNetwork;
import dev.cnnc.runtime.NetworkSpec;
import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.TensorChecks;
import dev.cnnc.runtime.kernels.Dropout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The base of every class cnnc compiles a network into. The generated subclass holds the
 * specialized kernels and dispatches them by index ({@link #runKernel}); this class does what is the
 * same for every network: checking inputs, keeping the arrays (allocated again only when the batch
 * size changes), moving tensors between the user's NCHW and the kernels' channels-last layout,
 * drawing dropout masks, and walking the passes' steps, splitting each parallel one over the threads.
 * Once the arrays exist, {@link #forwardInto} and {@link #backwardInto} allocate nothing.
 */
public abstract class CompiledNetwork extends AbstractNetwork {

    private final NetworkLayout layout;
    private final boolean evalDiffers;
    // Arrays, not lists: walking them allocates no iterator, whatever the JIT decides.
    private final NetworkLayout.Step[] forwardSteps;
    private final NetworkLayout.Step[] backwardSteps;
    /** The parameters' {@link dev.cnnc.runtime.Parameters#version} at each forward step's last run; only packing steps read it. */
    private final long[] packedVersion;
    /** Whether a training-mode forward pass changes parameters (batch norm's running statistics). */
    private final boolean trainingUpdatesBuffers;
    private final BufferTables buffers;
    private final float[][] floats;
    private final int[][] ints;
    /** Each dropout's mask in NCHW order, as drawn before it moves into the kernels' layout. */
    private final float[][] dropoutMasks;
    private int allocatedBatch;
    private int lastBatch;
    private boolean lastTraining;
    /**
     * Whether the last forward pass ran in eval mode, on the eval plan's arrays and perhaps folded
     * kernels, so that a backward pass must first compute the tensors it reads in the training plan.
     */
    private boolean lastEval;
    private KernelThreads pool;
    /** Nanoseconds and runs of each kernel, by dispatch index, while step timing is on; else null. */
    private long[] kernelNanos;
    private long[] kernelRuns;
    /** The step the pool's threads run, with the arguments of the current pass. */
    private final StepTask stepTask = new StepTask();
    private final ConversionTask conversionTask = new ConversionTask();

    protected CompiledNetwork(String layoutText) {
        this(NetworkLayout.parse(layoutText));
    }

    private CompiledNetwork(NetworkLayout layout) {
        super(layout.spec());
        this.layout = layout;
        this.evalDiffers = layout.evalDiffers();
        this.forwardSteps = layout.forward().toArray(NetworkLayout.Step[]::new);
        this.backwardSteps = layout.backward().toArray(NetworkLayout.Step[]::new);
        this.buffers = new BufferTables(layout);
        this.floats = buffers.floats;
        this.ints = buffers.ints;
        this.dropoutMasks = new float[layout.dropouts().size()][];
        this.packedVersion = new long[forwardSteps.length];
        Arrays.fill(packedVersion, -1);
        this.trainingUpdatesBuffers = layout.parameters().stream()
                .anyMatch(slots -> slots.spec().kind() == ParameterSpec.Kind.RUNNING_MEAN);
        // Loading copies into the live arrays and never replaces them, so they are bound once.
        for (NetworkLayout.ParameterSlots parameter : layout.parameters()) {
            String name = parameter.spec().name();
            floats[parameter.valueSlot()] = parameters().values(name);
            if (parameter.gradientSlot() >= 0) {
                floats[parameter.gradientSlot()] = parameters().gradient(name);
            }
        }
    }

    /**
     * Runs kernel {@code id} of the passes on the tables over {@code [lo, hi)} of its parallel range
     * (ignored by a serial kernel); {@code training} is 1 in training mode, else 0. Backward kernels
     * add into the zeroed gradient arrays.
     */
    protected abstract void runKernel(int id, float[][] floats, int[][] ints, int batch, int training, int lo, int hi);

    /** The floats a vector of the generated kernels holds; 1 for a scalar class. */
    public int lanes() {
        return layout.lanes();
    }

    @Override
    public float[][] forward(int batch, float[]... inputs) {
        float[][] outputs = new float[layout.outputs().size()][];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = new float[batch * layout.outputs().get(i).tensor().sampleSize()];
        }
        forwardInto(batch, inputs, outputs);
        return outputs;
    }

    /**
     * {@link #forward}, writing the outputs into the caller's arrays ({@code outputs[i]} holds at
     * least {@code batch} samples of output i), so that a steady loop of calls allocates nothing.
     */
    public void forwardInto(int batch, float[][] inputs, float[][] outputs) {
        NetworkSpec spec = spec();
        TensorChecks.batch(spec, batch);
        TensorChecks.tensors(spec, spec.inputs(), inputs, batch, "input");
        checkDestinations(outputs, layout.outputs(), batch, "output");
        allocate(batch);
        buffers.bind(isTraining() ? BufferTables.Plan.TRAINING : BufferTables.Plan.EVAL, batch);
        for (int i = 0; i < inputs.length; i++) {
            NetworkLayout.Boundary input = layout.inputs().get(i);
            convert(Conversion.IN, inputs[i], floats[input.valueSlot()], batch, input.shape());
        }
        if (isTraining()) {
            drawDropoutMasks();
        }
        run(forwardSteps, batch, isTraining() ? 1 : 0, isTraining() ? NetworkLayout.Phase.EVAL : NetworkLayout.Phase.TRAINING);
        if (isTraining() && trainingUpdatesBuffers) {
            // The pass moved the running statistics that the folded eval-mode weights are made of.
            parameters().markChanged();
        }
        lastBatch = batch;
        lastTraining = isTraining();
        lastEval = !isTraining();
        for (int i = 0; i < outputs.length; i++) {
            NetworkLayout.Boundary output = layout.outputs().get(i);
            convert(Conversion.OUT, floats[output.valueSlot()], outputs[i], batch, output.shape());
        }
    }

    @Override
    public float[][] backward(float[]... gradOutputs) {
        float[][] gradInputs = new float[layout.inputs().size()][];
        for (int i = 0; i < gradInputs.length; i++) {
            gradInputs[i] = new float[Math.max(lastBatch, 1) * layout.inputs().get(i).tensor().sampleSize()];
        }
        backwardInto(gradOutputs, gradInputs);
        return gradInputs;
    }

    @Override
    public void backwardParameters(float[]... gradOutputs) {
        backwardInto(gradOutputs, null);
    }

    /**
     * {@link #backward}, writing the input gradients into the caller's arrays; allocates nothing.
     * With {@code gradInputs} null it computes the parameter gradients only, as {@link #backwardParameters}.
     */
    public void backwardInto(float[][] gradOutputs, float[][] gradInputs) {
        NetworkSpec spec = spec();
        if (lastBatch == 0) {
            throw new InvalidInputException(spec.name() + ": backward needs a forward pass first");
        }
        int batch = lastBatch;
        TensorChecks.tensors(spec, spec.outputs(), gradOutputs, batch, "output gradient");
        if (gradInputs != null) {
            checkDestinations(gradInputs, layout.inputs(), batch, "input gradient");
        }
        if (lastEval && (evalDiffers || buffers.anyShared())) {
            // The backward kernels read what an eval pass skipped (folding, pool indices) or let others overwrite (the eval plan).
            buffers.bind(BufferTables.Plan.TRAINING, batch);
            run(forwardSteps, batch, 0, NetworkLayout.Phase.EVAL);
        }
        lastEval = false;
        buffers.zeroBeforeBackward();
        buffers.zeroBefore(-1);
        for (int i = 0; i < gradOutputs.length; i++) {
            NetworkLayout.Boundary output = layout.outputs().get(i);
            // Adds, since an output other nodes also read gathers their gradients in the same array.
            convert(Conversion.ADD_IN, gradOutputs[i], floats[output.gradientSlot()], batch, output.shape());
        }
        for (int j = 0; j < backwardSteps.length; j++) {
            buffers.zeroBefore(j);
            if (gradInputs != null || !backwardSteps[j].inputGradientOnly()) {
                runStep(backwardSteps[j], batch, lastTraining ? 1 : 0);
            }
        }
        buffers.zeroBefore(backwardSteps.length);
        if (gradInputs == null) {
            return;
        }
        for (int i = 0; i < gradInputs.length; i++) {
            NetworkLayout.Boundary input = layout.inputs().get(i);
            convert(Conversion.OUT, floats[input.gradientSlot()], gradInputs[i], batch, input.shape());
        }
    }

    @Override
    public void setThreads(int threads) {
        super.setThreads(threads);
        if (pool != null && pool.threads() != threads) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    /**
     * Runs every step but those of the {@code skipped} phase (null: none), and of the packing steps
     * only those whose parameters changed since they last ran.
     */
    private void run(NetworkLayout.Step[] steps, int batch, int training, NetworkLayout.Phase skipped) {
        for (int j = 0; j < steps.length; j++) {
            NetworkLayout.Step step = steps[j];
            if (step.phase() == skipped) {
                continue;
            }
            if (step.packs()) {
                long version = parameters().version();
                if (packedVersion[j] == version) {
                    continue;
                }
                packedVersion[j] = version;
            }
            runStep(step, batch, training);
        }
    }

    /**
     * Estimated statements below which a step stays on one thread: waking and joining a second
     * thread and sharing its data costs some microseconds, the time of tens of thousands of
     * statements. The tests set {@code cnnc.parallel.minCost} to 0, so that their small networks
     * split every step (and every boundary conversion).
     */
    private static final long MIN_PARALLEL_COST = Long.getLong("cnnc.parallel.minCost", 100_000);

    /**
     * Estimated statements one call of a kernel covers at most. HotSpot compiles a method once it has
     * been called often enough; a kernel called once per step over a large batch would instead run
     * in the interpreter, where Vector API code is a hundred times slower, until on-stack replacement
     * caught its loop (TinyUNet at batch 8 never got there in 10 seconds). Some thousand statements
     * take microseconds, so the call per chunk costs under one percent.
     */
    static final long CALL_COST = 10_000;

    // A step runs on one thread when it is serial or too short to split; else every thread takes a part of its range.
    private void runStep(NetworkLayout.Step step, int batch, int training) {
        if (kernelNanos == null) {
            runStepOnce(step, batch, training);
            return;
        }
        long start = System.nanoTime();
        runStepOnce(step, batch, training);
        kernelNanos[step.id()] += System.nanoTime() - start;
        kernelRuns[step.id()]++;
    }

    /**
     * Times every step of the passes from now on (a clock read around each, from the calling
     * thread: a parallel step counts until its last part is done), or stops and forgets the times.
     */
    public void setKernelTiming(boolean on) {
        if (!on) {
            kernelNanos = null;
            kernelRuns = null;
            return;
        }
        int kernels = 0;
        for (NetworkLayout.Step[] steps : List.of(forwardSteps, backwardSteps)) {
            for (NetworkLayout.Step step : steps) {
                kernels = Math.max(kernels, step.id() + 1);
            }
        }
        kernelNanos = new long[kernels];
        kernelRuns = new long[kernels];
    }

    /** What each kernel took since {@link #setKernelTiming} turned timing on, slowest first; empty when it is off. */
    public List<KernelTime> kernelTimes() {
        List<KernelTime> times = new ArrayList<>();
        if (kernelNanos == null) {
            return times;
        }
        boolean[] seen = new boolean[kernelNanos.length];
        for (NetworkLayout.Step[] steps : List.of(forwardSteps, backwardSteps)) {
            for (NetworkLayout.Step step : steps) {
                if (!seen[step.id()] && kernelRuns[step.id()] > 0) {
                    seen[step.id()] = true;
                    times.add(new KernelTime(step.kernel(), kernelNanos[step.id()], kernelRuns[step.id()]));
                }
            }
        }
        times.sort(Comparator.comparingLong(KernelTime::nanos).reversed());
        return times;
    }

    private void runStepOnce(NetworkLayout.Step step, int batch, int training) {
        int range = step.range(batch);
        if (!step.parallel()) {
            runKernel(step.id(), floats, ints, batch, training, 0, range);
        } else if (threads() == 1 || range < 2 || range * step.cost() < MIN_PARALLEL_COST) {
            runParts(step.id(), step.cost(), batch, training, 0, range);
        } else {
            stepTask.set(step.id(), step.cost(), batch, training);
            pool().run(stepTask, range);
        }
    }

    // The iterations of a parallel loop are independent, so any split of [lo, hi) computes the same.
    private void runParts(int id, long cost, int batch, int training, int lo, int hi) {
        int chunk = (int) Math.max(1, Math.min(hi - lo, CALL_COST / cost));
        for (int from = lo; from < hi; from += chunk) {
            runKernel(id, floats, ints, batch, training, from, Math.min(hi, from + chunk));
        }
    }

    private KernelThreads pool() {
        if (pool == null) {
            pool = new KernelThreads(threads(), "cnnc-" + spec().name());
        }
        return pool;
    }

    /** Which way a boundary tensor moves. */
    private enum Conversion {
        IN,
        ADD_IN,
        OUT
    }

    // The boundary's transposes are memory-bound, and serial they would cap what threads gain on a single layer.
    private void convert(Conversion kind, float[] from, float[] to, int batch, int[] shape) {
        int parts = ChannelsLast.parts(batch, shape);
        conversionTask.set(kind, from, to, shape);
        if (threads() == 1 || parts < 2 || (long) parts * ChannelsLast.BLOCK * shape[0] < MIN_PARALLEL_COST) {
            conversionTask.run(0, parts);
        } else {
            pool().run(conversionTask, parts);
        }
        conversionTask.set(kind, null, null, null);
    }

    private final class ConversionTask implements KernelThreads.RangeTask {
        private Conversion kind;
        private float[] from;
        private float[] to;
        private int[] shape;

        void set(Conversion kind, float[] from, float[] to, int[] shape) {
            this.kind = kind;
            this.from = from;
            this.to = to;
            this.shape = shape;
        }

        @Override
        public void run(int lo, int hi) {
            switch (kind) {
                case IN -> ChannelsLast.fromNchw(from, to, shape, layout.lanes(), false, lo, hi);
                case ADD_IN -> ChannelsLast.fromNchw(from, to, shape, layout.lanes(), true, lo, hi);
                case OUT -> ChannelsLast.toNchw(from, to, shape, layout.lanes(), lo, hi);
            }
        }
    }

    private final class StepTask implements KernelThreads.RangeTask {
        private int id;
        private long cost;
        private int batch;
        private int training;

        void set(int id, long cost, int batch, int training) {
            this.id = id;
            this.cost = cost;
            this.batch = batch;
            this.training = training;
        }

        @Override
        public void run(int lo, int hi) {
            runParts(id, cost, batch, training, lo, hi);
        }
    }

    private void checkDestinations(float[][] arrays, List<NetworkLayout.Boundary> tensors, int batch,
            String what) {
        if (arrays == null || arrays.length != tensors.size()) {
            throw new InvalidInputException(spec().name() + ": " + tensors.size() + " " + what + " array"
                    + (tensors.size() == 1 ? "" : "s") + " to write into, not " + (arrays == null ? 0 : arrays.length));
        }
        for (int i = 0; i < arrays.length; i++) {
            long needed = (long) batch * tensors.get(i).sampleSize();
            if (arrays[i] == null || arrays[i].length < needed) {
                throw new InvalidInputException(spec().name() + ": the " + what + " array for '"
                        + tensors.get(i).tensor().name() + "' holds " + (arrays[i] == null ? 0 : arrays[i].length)
                        + " floats, fewer than the " + needed + " of a batch of " + batch);
            }
        }
    }

    private void allocate(int batch) {
        if (batch == allocatedBatch) {
            return;
        }
        for (int i = 0; i < dropoutMasks.length; i++) {
            dropoutMasks[i] = new float[batch * sampleSize(layout.dropouts().get(i).shape())];
        }
        allocatedBatch = batch;
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
