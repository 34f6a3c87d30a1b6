package dev.cnnc.lowering;

import static dev.cnnc.lowering.E.add;
import static dev.cnnc.lowering.E.broadcast;
import static dev.cnnc.lowering.E.c;
import static dev.cnnc.lowering.E.div;
import static dev.cnnc.lowering.E.load;
import static dev.cnnc.lowering.E.max;
import static dev.cnnc.lowering.E.min;
import static dev.cnnc.lowering.E.mul;
import static dev.cnnc.lowering.E.row;
import static dev.cnnc.lowering.E.sub;
import static dev.cnnc.lowering.E.toFloat;
import static dev.cnnc.lowering.E.v;
import static dev.cnnc.lowering.E.vload;

import dev.cnnc.interpreter.Windows;
import dev.cnnc.ir.Op;
import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.Expr.Compare.Relation;
import dev.cnnc.kernel.KernelStep;
import dev.cnnc.kernel.Variable;
import dev.cnnc.runtime.kernels.Window;

/** Pooling and its relatives: max and average pooling, max unpooling, upsampling, global average pooling. */
final class PoolingLowering {

    private static final Variable N = KernelBuilder.intVar("n");
    private static final Variable[] O = {KernelBuilder.intVar("od"), KernelBuilder.intVar("oh"), KernelBuilder.intVar("ow")};
    private static final Variable[] K = {KernelBuilder.intVar("kd"), KernelBuilder.intVar("kh"), KernelBuilder.intVar("kw")};
    private static final Variable[] I = {KernelBuilder.intVar("id"), KernelBuilder.intVar("ih"), KernelBuilder.intVar("iw")};
    private static final Variable[] START = {KernelBuilder.intVar("sd"), KernelBuilder.intVar("sh"), KernelBuilder.intVar("sw")};
    private static final Variable[] END = {KernelBuilder.intVar("ed"), KernelBuilder.intVar("eh"), KernelBuilder.intVar("ew")};
    private static final Variable C = KernelBuilder.intVar("c");
    private static final Variable P = KernelBuilder.intVar("p");
    private static final Variable MAX = KernelBuilder.floatVar("max");
    private static final Variable VALUE = KernelBuilder.floatVar("value");
    private static final Variable WINNER = KernelBuilder.intVar("winner");
    private static final Variable SCALE = KernelBuilder.floatVar("scale");
    private static final Variable ACC = KernelBuilder.vectorVar("acc");
    private static final Variable LARGEST = KernelBuilder.vectorVar("largest");

    private PoolingLowering() {}

    /** {@code for (n in [lo, hi)) for (od, oh, ow) body}: samples are split over threads. */
    private static void overOutput(Layer layer, KernelBuilder k, Plane y, Runnable body) {
        int[] sizes = y.sizes();
        k.parallelOverBatch(N, () -> k.loop(O[0], sizes[0], LoopNotes.output(layer, 0, sizes[0]),
                () -> k.loop(O[1], sizes[1], LoopNotes.output(layer, 1, sizes[1]),
                        () -> k.loop(O[2], sizes[2], LoopNotes.output(layer, 2, sizes[2]), body))));
    }

    /**
     * {@code for (row in [lo, hi))} over the output rows {@code (n, od, oh)} of the batch, then {@code
     * ow}: for a forward kernel, which writes each output once, so that even one sample splits over
     * threads. (A backward kernel adds into inputs that neighbouring rows' windows share, so it splits
     * by sample, {@link #overOutput}.)
     */
    private static void overOutputRows(Layer layer, KernelBuilder k, Plane y, Runnable body) {
        int[] sizes = y.sizes();
        k.parallelOverRows(sizes[0], sizes[1], N, O[0], O[1], "the output rows of the batch",
                () -> k.loop(O[2], sizes[2], LoopNotes.output(layer, 2, sizes[2]), body));
    }

    /**
     * Taps {@code kd, kh, kw} of the window, each reading {@code id, ih, iw} only inside the input;
     * a dimension no window leaves (no padding, no ceil-mode overhang) is not checked.
     */
    private static void overTaps(KernelBuilder k, Window w, Runnable body, int d) {
        if (d == 3) {
            body.run();
            return;
        }
        int lastTap = (w.output()[d] - 1) * w.stride()[d] - w.padBefore()[d] + (w.kernel()[d] - 1) * w.dilation()[d];
        boolean inside = w.padBefore()[d] == 0 && lastTap < w.input()[d];
        k.loop(K[d], w.kernel()[d], () -> {
            k.set(I[d], add(mul(v(O[d]), w.stride()[d]), c(-w.padBefore()[d]), mul(v(K[d]), w.dilation()[d])));
            if (inside) {
                overTaps(k, w, body, d + 1);
            } else {
                k.ifLess(c(-1), v(I[d]), () -> k.ifLess(v(I[d]), c(w.input()[d]), () -> overTaps(k, w, body, d + 1)));
            }
        });
    }

    /**
     * Scalar over channels where the winner's place is needed, by the backward pass or a maxunpool:
     * the first maximum wins, NaN wins over numbers, and the winner's place within its channel
     * plane is kept. An eval-mode forward pass that no maxunpool reads runs a vector max instead.
     */
    static void maxPool(Layer layer, Op.MaxPool pool) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        Window w = Windows.maxPool(pool, layer.input(0).shape(), layer.output().shape());
        int indices = layer.plan().ints(y.sampleSize(), 0);
        layer.plan().poolIndices(layer.node().output(), indices);
        boolean evalVariant = !layer.isUnpooled();
        // The indexed kernel's branches follow the data, which costs most on batches the branch predictor cannot learn.
        layer.phase(evalVariant ? KernelStep.Phase.TRAINING : KernelStep.Phase.ALWAYS);
        KernelBuilder f = layer.kernel("forward");
        Variable xs = f.floats("x", x.slot());
        Variable ys = f.floats("y", y.slot());
        Variable ix = f.ints("indices", indices);
        overOutputRows(layer, f, y, () -> f.loop(C, x.channels(), () -> {
            f.set(MAX, c(Float.NEGATIVE_INFINITY));
            f.set(WINNER, c(-1));
            overTaps(f, w, () -> {
                f.set(VALUE, load(xs, x.at(v(N), v(I[0]), v(I[1]), v(I[2]), v(C))));
                Expr better = max(new Expr.Compare(Relation.LT, v(WINNER), c(0)),
                        max(new Expr.Compare(Relation.GT, v(VALUE), v(MAX)),
                                min(new Expr.Compare(Relation.NE, v(VALUE), v(VALUE)),
                                        new Expr.Compare(Relation.EQ, v(MAX), v(MAX)))));
                f.ifLess(c(0), better, () -> {
                    f.set(MAX, v(VALUE));
                    f.set(WINNER, row(row(v(I[0]), x.height(), v(I[1])), x.width(), v(I[2])));
                });
            }, 0);
            Expr out = y.at(v(N), v(O[0]), v(O[1]), v(O[2]), v(C));
            f.store(ys, out, v(MAX));
            f.store(ix, out, v(WINNER));
        }));
        layer.addForward(f);
        if (evalVariant) {
            layer.phase(KernelStep.Phase.EVAL);
            KernelBuilder e = layer.kernel("forward_eval");
            Variable exs = e.floats("x", x.slot());
            Variable eys = e.floats("y", y.slot());
            overOutputRows(layer, e, y, () -> e.loop(C, c(0), c(x.padded()), layer.lanes(), () -> {
                e.set(LARGEST, broadcast(c(Float.NEGATIVE_INFINITY)));
                overTaps(e, w, () -> e.set(LARGEST, max(v(LARGEST), vload(exs, x.at(v(N), v(I[0]), v(I[1]), v(I[2]),
                        v(C))))), 0);
                e.store(eys, y.at(v(N), v(O[0]), v(O[1]), v(O[2]), v(C)), v(LARGEST));
            }));
            layer.addForward(e);
            layer.phase(KernelStep.Phase.ALWAYS);
        }
        layer.addBackward(maxPoolBackward(layer, x, y, indices));
        layer.explain(pool.name() + ": scalar loop over channels keeping the winner's index"
                + (evalVariant ? "; in eval mode a vector max over channels, without indices" : ""));
    }

    /** {@code gx[winner] += gy} for every output the window of which had a winner. */
    private static KernelBuilder maxPoolBackward(Layer layer, Plane x, Plane y, int indices) {
        KernelBuilder b = layer.kernel("backward");
        Variable gy = b.floats("gy", layer.output().gradient().slot());
        Variable gx = b.floats("gx", layer.input(0).gradient().slot());
        Variable bix = b.ints("indices", indices);
        b.parallelOverBatch(N, () -> b.loop(P, y.positions(), () -> b.loop(C, x.channels(), () -> {
            Expr at = y.at(row(v(N), y.positions(), v(P)), v(C));
            b.set(WINNER, load(bix, at));
            b.ifLess(c(-1), v(WINNER), () -> b.addTo(gx, x.at(row(v(N), x.positions(), v(WINNER)), v(C)),
                    load(gy, at)));
        })));
        return b;
    }

    /** The window of output {@code (od, oh, ow)} clipped to the input, and its divisor, as {@code AvgPooling} counts them. */
    private static void avgWindow(KernelBuilder k, Window w, boolean countIncludePad) {
        Expr padded = c(1);
        Expr real = c(1);
        for (int d = 0; d < 3; d++) {
            Expr first = sub(mul(v(O[d]), w.stride()[d]), c(w.padBefore()[d]));
            Variable firstVar = KernelBuilder.intVar("first" + d);
            Variable lastVar = KernelBuilder.intVar("last" + d);
            k.set(firstVar, first);
            k.set(lastVar, min(add(v(firstVar), c(w.kernel()[d])), c(w.input()[d] + w.padBefore()[d])));
            padded = mul(padded, sub(v(lastVar), v(firstVar)));
            k.set(START[d], max(v(firstVar), c(0)));
            k.set(END[d], min(v(lastVar), c(w.input()[d])));
            real = mul(real, max(sub(v(END[d]), v(START[d])), c(0)));
        }
        k.set(SCALE, div(c(1f), toFloat(countIncludePad ? padded : max(real, c(1)))));
    }

    private static void overClippedWindow(KernelBuilder k, Runnable body) {
        k.loop(I[0], v(START[0]), v(END[0]), 1, () -> k.loop(I[1], v(START[1]), v(END[1]), 1,
                () -> k.loop(I[2], v(START[2]), v(END[2]), 1, body)));
    }

    static void avgPool(Layer layer, Op.AvgPool pool) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        int lanes = layer.lanes();
        Window w = Windows.avgPool(pool, layer.input(0).shape(), layer.output().shape());
        KernelBuilder f = layer.kernel("forward");
        Variable xs = f.floats("x", x.slot());
        Variable ys = f.floats("y", y.slot());
        overOutputRows(layer, f, y, () -> {
            avgWindow(f, w, pool.countIncludePad());
            f.loop(C, c(0), c(x.padded()), lanes, () -> {
                f.set(ACC, broadcast(c(0f)));
                overClippedWindow(f, () -> f.set(ACC, E.add(v(ACC), vload(xs, x.at(v(N), v(I[0]), v(I[1]), v(I[2]),
                        v(C))))));
                f.store(ys, y.at(v(N), v(O[0]), v(O[1]), v(O[2]), v(C)), mul(v(ACC), broadcast(v(SCALE))));
            });
        });
        layer.addForward(f);

        KernelBuilder b = layer.kernel("backward");
        Variable gy = b.floats("gy", layer.output().gradient().slot());
        Variable gx = b.floats("gx", layer.input(0).gradient().slot());
        overOutput(layer, b, y, () -> {
            avgWindow(b, w, pool.countIncludePad());
            b.loop(C, c(0), c(x.padded()), lanes, () -> {
                b.set(ACC, mul(vload(gy, y.at(v(N), v(O[0]), v(O[1]), v(O[2]), v(C))), broadcast(v(SCALE))));
                overClippedWindow(b, () -> b.addTo(gx, x.at(v(N), v(I[0]), v(I[1]), v(I[2]), v(C)), v(ACC)));
            });
        });
        layer.addBackward(b);
        layer.explain(pool.name() + ": vector loop over channels, window clipped to the input");
    }

    static void maxUnpool(Layer layer, Op.MaxUnpool unpool) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        int lanes = layer.lanes();
        int indices = layer.plan().poolIndices(unpool.pool());
        KernelBuilder f = layer.kernel("forward");
        Variable xs = f.floats("x", x.slot());
        Variable ys = f.floats("y", y.slot());
        Variable ix = f.ints("indices", indices);
        f.loop(P, c(0), mul(v(KernelBuilder.BATCH), c(y.sampleSize())), lanes, () -> f.store(ys, v(P), broadcast(c(0f))));
        f.loop(N, v(KernelBuilder.BATCH), () -> f.loop(P, x.positions(), () -> f.loop(C, x.channels(), () -> {
            Expr at = x.at(row(v(N), x.positions(), v(P)), v(C));
            f.set(WINNER, load(ix, at));
            f.ifLess(c(-1), v(WINNER), () -> f.store(ys, y.at(row(v(N), y.positions(), v(WINNER)), v(C)), load(xs, at)));
        })));
        layer.addForward(f);

        KernelBuilder b = layer.kernel("backward");
        Variable gy = b.floats("gy", layer.output().gradient().slot());
        Variable gx = b.floats("gx", layer.input(0).gradient().slot());
        Variable bix = b.ints("indices", indices);
        b.loop(N, v(KernelBuilder.BATCH), () -> b.loop(P, x.positions(), () -> b.loop(C, x.channels(), () -> {
            Expr at = x.at(row(v(N), x.positions(), v(P)), v(C));
            b.set(WINNER, load(bix, at));
            b.ifLess(c(-1), v(WINNER), () -> b.addTo(gx, at, load(gy, y.at(row(v(N), y.positions(), v(WINNER)), v(C)))));
        })));
        layer.addBackward(b);
        layer.explain(unpool.name() + ": scalar loop over channels through the pool's indices");
    }

    static void upsample(Layer layer, Op.Upsample upsample) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        int lanes = layer.lanes();
        int rank = layer.input(0).shape().spatialRank();
        int[] scale = {1, 1, 1};
        for (int d = 0; d < rank; d++) {
            scale[3 - rank + d] = upsample.scaleFor(d);
        }
        Expr[] source = new Expr[3];
        for (int d = 0; d < 3; d++) {
            source[d] = div(v(O[d]), c(scale[d]));
        }
        KernelBuilder f = layer.kernel("forward");
        Variable xs = f.floats("x", x.slot());
        Variable ys = f.floats("y", y.slot());
        overOutputRows(layer, f, y, () -> f.loop(C, c(0), c(x.padded()), lanes, () -> f.store(ys,
                y.at(v(N), v(O[0]), v(O[1]), v(O[2]), v(C)), vload(xs, x.at(v(N), source[0], source[1], source[2], v(C))))));
        layer.addForward(f);

        KernelBuilder b = layer.kernel("backward");
        Variable gy = b.floats("gy", layer.output().gradient().slot());
        Variable gx = b.floats("gx", layer.input(0).gradient().slot());
        overOutput(layer, b, y, () -> b.loop(C, c(0), c(x.padded()), lanes, () -> b.addTo(gx,
                x.at(v(N), source[0], source[1], source[2], v(C)), vload(gy, y.at(v(N), v(O[0]), v(O[1]), v(O[2]), v(C))))));
        layer.addBackward(b);
        layer.explain("upsample: vector copy over channels");
    }

    static void globalAvgPool(Layer layer) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        int lanes = layer.lanes();
        float scale = 1f / x.positions();
        KernelBuilder f = layer.kernel("forward");
        Variable xs = f.floats("x", x.slot());
        Variable ys = f.floats("y", y.slot());
        f.loop(N, v(KernelBuilder.BATCH), () -> f.loop(C, c(0), c(x.padded()), lanes, () -> {
            f.set(ACC, broadcast(c(0f)));
            f.loop(P, x.positions(), () -> f.set(ACC, E.add(v(ACC), vload(xs, x.at(row(v(N), x.positions(), v(P)), v(C))))));
            f.store(ys, y.at(v(N), v(C)), mul(v(ACC), broadcast(c(scale))));
        }));
        layer.addForward(f);

        KernelBuilder b = layer.kernel("backward");
        Variable gy = b.floats("gy", layer.output().gradient().slot());
        Variable gx = b.floats("gx", layer.input(0).gradient().slot());
        b.loop(N, v(KernelBuilder.BATCH), () -> b.loop(C, c(0), c(x.padded()), lanes, () -> {
            b.set(ACC, mul(vload(gy, y.at(v(N), v(C))), broadcast(c(scale))));
            b.loop(P, x.positions(), () -> b.addTo(gx, x.at(row(v(N), x.positions(), v(P)), v(C)), v(ACC)));
        }));
        layer.addBackward(b);
        layer.explain("global_avgpool: vector sums over positions");
    }
}
