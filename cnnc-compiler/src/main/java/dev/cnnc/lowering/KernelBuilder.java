package dev.cnnc.lowering;

import static dev.cnnc.lowering.E.c;
import static dev.cnnc.lowering.E.v;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.KernelCost;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.KernelStep;
import dev.cnnc.kernel.Stmt;
import dev.cnnc.kernel.Type;
import dev.cnnc.kernel.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds one kernel method of a network class, statement by statement, with nested blocks given
 * as lambdas. Every such method takes {@code (float[][] f, int[][] ix, int batch, int training, int lo,
 * int hi)} and reaches its arrays through the two tables by slot; a kernel with a parallel loop
 * covers {@code [lo, hi)} of its range, which threads split.
 */
final class KernelBuilder {

    static final Variable FLOATS = new Variable("f", Type.FLOAT_TABLE);
    static final Variable INTS = new Variable("ix", Type.INT_TABLE);
    static final Variable BATCH = new Variable("batch", Type.INT);
    static final Variable TRAINING = new Variable("training", Type.INT);
    /** The part of the kernel's parallel range this call covers, {@code [lo, hi)}. */
    static final Variable LO = new Variable("lo", Type.INT);
    static final Variable HI = new Variable("hi", Type.INT);
    static final List<Variable> PARAMETERS = List.of(FLOATS, INTS, BATCH, TRAINING, LO, HI);

    private final String name;
    private String doc = "";
    private final Deque<List<Stmt>> blocks = new ArrayDeque<>();
    private int perSample;
    private int fixed;
    private long cost = 1;
    /** Set once the parallel loop is in: anything after it at the top would run once per thread. */
    private boolean sealed;

    KernelBuilder(String name) {
        this.name = name;
        blocks.push(new ArrayList<>());
    }

    String name() {
        return name;
    }

    /** Says what the kernel computes, for the comment above it in Java source. */
    void describe(String text) {
        doc = text;
    }

    /** {@code float[] name = f[slot];} */
    Variable floats(String variable, int slot) {
        Variable array = new Variable(variable, Type.FLOAT_ARRAY);
        add(new Stmt.Assign(array, new Expr.Load(v(FLOATS), c(slot))));
        return array;
    }

    /** {@code int[] name = ix[slot];} */
    Variable ints(String variable, int slot) {
        Variable array = new Variable(variable, Type.INT_ARRAY);
        add(new Stmt.Assign(array, new Expr.Load(v(INTS), c(slot))));
        return array;
    }

    static Variable intVar(String name) {
        return new Variable(name, Type.INT);
    }

    static Variable floatVar(String name) {
        return new Variable(name, Type.FLOAT);
    }

    static Variable vectorVar(String name) {
        return new Variable(name, Type.VECTOR);
    }

    void add(Stmt stmt) {
        if (sealed && blocks.size() == 1) {
            throw new IllegalStateException(name + ": nothing may follow the parallel loop; it would run once per thread");
        }
        blocks.peek().add(stmt);
    }

    void set(Variable variable, Expr value) {
        add(new Stmt.Assign(variable, value));
    }

    void store(Variable array, Expr index, Expr value) {
        if (value.type() == Type.VECTOR) {
            add(new Stmt.VectorStore(v(array), index, value));
        } else {
            add(new Stmt.Store(v(array), index, value));
        }
    }

    /** {@code array[index] += value}, for floats or vectors. */
    void addTo(Variable array, Expr index, Expr value) {
        Expr old = value.type() == Type.VECTOR ? E.vload(array, index) : E.load(array, index);
        store(array, index, new Expr.Binary(Expr.Binary.Operator.ADD, old, value));
    }

    /** {@code for (index = from; index < to; index += step) body}; a loop of one constant trip is just its body. */
    void loop(Variable index, Expr from, Expr to, int step, Runnable body) {
        loop(index, from, to, step, null, body);
    }

    /** A loop whose bound {@code note} explains in the Java source ({@code output width: ...}). */
    void loop(Variable index, Expr from, Expr to, int step, String note, Runnable body) {
        if (from instanceof Expr.IntConst start && to instanceof Expr.IntConst end) {
            if (start.value() >= end.value()) {
                return;
            }
            if (start.value() + step >= end.value()) {
                set(index, from);
                body.run();
                return;
            }
        }
        blocks.push(new ArrayList<>());
        body.run();
        List<Stmt> inner = blocks.pop();
        add(new Stmt.For(index, from, to, step, inner, note));
    }

    /** {@code for (index = 0; index < count; index++) body} written out: {@code index = 0; body; index = 1; body; ...}. */
    void unrolledLoop(Variable index, int count, Runnable body) {
        for (int i = 0; i < count; i++) {
            set(index, c(i));
            body.run();
        }
    }

    void loop(Variable index, int count, Runnable body) {
        loop(index, c(0), c(count), 1, body);
    }

    void loop(Variable index, int count, String note, Runnable body) {
        loop(index, c(0), c(count), 1, note, body);
    }

    void loop(Variable index, Expr count, Runnable body) {
        loop(index, c(0), count, 1, body);
    }

    /**
     * {@code for (index = lo; index < hi; index++) body}: the kernel's one parallel loop, over
     * {@code perSample * batch + fixed} iterations, each of which must write only its own part of
     * the outputs (threads run disjoint ranges at once).
     */
    void parallelLoop(Variable index, int perSample, int fixed, Runnable body) {
        parallelLoop(index, perSample, fixed, null, body);
    }

    void parallelLoop(Variable index, int perSample, int fixed, String note, Runnable body) {
        if (perSample < 0 || fixed < 0 || perSample + fixed == 0 || this.perSample + this.fixed > 0 || blocks.size() != 1) {
            throw new IllegalStateException(name + ": one parallel loop per kernel, at its top, over a range");
        }
        if (blocks.peek().stream().anyMatch(stmt -> !(stmt instanceof Stmt.Assign))) {
            throw new IllegalStateException(name + ": only assignments may precede the parallel loop; the rest would run"
                    + " once per thread");
        }
        this.perSample = perSample;
        this.fixed = fixed;
        blocks.push(new ArrayList<>());
        body.run();
        List<Stmt> inner = blocks.pop();
        add(new Stmt.For(index, v(LO), v(HI), 1, inner, note));
        cost = Math.max(1, KernelCost.of(inner));
        sealed = true;
    }

    private static final Variable ROW = intVar("row");
    private static final Variable ROW_REST = intVar("rest");

    /**
     * {@code for (row in [lo, hi))} over the rows {@code (n, d, h)} of the batch's maps, {@code depth x
     * height} per sample, setting {@code n}, {@code d} and {@code h}: kernels that write each row alone
     * split even one sample over threads.
     */
    void parallelOverRows(int depth, int height, Variable n, Variable d, Variable h, String note, Runnable body) {
        int rows = depth * height;
        parallelLoop(ROW, rows, 0, note, () -> {
            set(n, E.div(v(ROW), c(rows)));
            if (depth == 1) {
                // Two-dimensional or less: the depth index is 0 (and the height's too for one row), constants that fold away.
                set(d, c(0));
                set(h, height == 1 ? c(0) : E.sub(v(ROW), E.mul(v(n), rows)));
            } else {
                set(ROW_REST, E.sub(v(ROW), E.mul(v(n), rows)));
                set(d, E.div(v(ROW_REST), c(height)));
                set(h, E.sub(v(ROW_REST), E.mul(v(d), height)));
            }
            body.run();
        });
    }

    /** A parallel loop over every sample of the batch. */
    void parallelOverBatch(Variable index, Runnable body) {
        parallelLoop(index, 1, 0, "the samples of the batch", body);
    }

    /** How the passes call this kernel: once, or split over its parallel range. */
    KernelStep step() {
        return new KernelStep(name, perSample, fixed, KernelStep.Phase.ALWAYS, cost);
    }

    /** {@code if (left < right) body}. */
    void ifLess(Expr left, Expr right, Runnable body) {
        blocks.push(new ArrayList<>());
        body.run();
        List<Stmt> inner = blocks.pop();
        add(new Stmt.IfLess(left, right, inner));
    }

    /** {@code if (training != 0) body}. */
    void ifTraining(Runnable body) {
        ifLess(c(0), v(TRAINING), body);
    }

    /** A static call of a runtime helper. */
    void call(String owner, String method, Expr... arguments) {
        add(new Stmt.Call(owner, method, List.of(arguments)));
    }

    boolean isEmpty() {
        return blocks.size() == 1 && blocks.peek().isEmpty();
    }

    KernelMethod build() {
        if (blocks.size() != 1) {
            throw new IllegalStateException(name + ": a block is still open");
        }
        return new KernelMethod(name, PARAMETERS, blocks.peek(), doc);
    }
}
