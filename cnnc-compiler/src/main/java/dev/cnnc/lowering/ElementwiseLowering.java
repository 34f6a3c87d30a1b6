package dev.cnnc.lowering;

import static dev.cnnc.lowering.E.add;
import static dev.cnnc.lowering.E.broadcast;
import static dev.cnnc.lowering.E.c;
import static dev.cnnc.lowering.E.exp;
import static dev.cnnc.lowering.E.ifPositive;
import static dev.cnnc.lowering.E.max;
import static dev.cnnc.lowering.E.mul;
import static dev.cnnc.lowering.E.neg;
import static dev.cnnc.lowering.E.sub;
import static dev.cnnc.lowering.E.tanh;
import static dev.cnnc.lowering.E.v;
import static dev.cnnc.lowering.E.vload;

import dev.cnnc.ir.Op;
import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.Variable;

/**
 * Element-wise ops over whole channels-last buffers, a vector at a time: padding lanes are
 * computed along and never read by anything that matters.
 */
final class ElementwiseLowering {

    private static final Variable I = KernelBuilder.intVar("i");
    private static final Variable PART = KernelBuilder.intVar("part");
    private static final Variable START = KernelBuilder.intVar("start");
    private static final Variable X = KernelBuilder.vectorVar("xv");

    private ElementwiseLowering() {}

    /** {@code for (i = 0; i < batch * size; i += L) body(i)}. */
    private static void overBuffer(Layer layer, KernelBuilder k, Plane plane, Runnable body) {
        k.loop(I, c(0), mul(v(KernelBuilder.BATCH), c(plane.sampleSize())), layer.lanes(), body);
    }

    /** About the floats one part of {@link #overParts} covers: 16 KB, many vectors, few calls. */
    static final int PART_FLOATS = 4096;

    /**
     * {@code for (part in [lo, hi)) for (i = part * length; i < (part + 1) * length; i += L) body(i)}:
     * the batch's buffer in equal parts of about {@link #PART_FLOATS} floats, each inside one sample,
     * split over threads, so that even one sample runs on all of them (each element is its own work).
     */
    private static void overParts(Layer layer, KernelBuilder k, Plane plane, Runnable body) {
        int lanes = layer.lanes();
        int length = partLength(plane.sampleSize(), lanes);
        k.parallelLoop(PART, plane.sampleSize() / length, 0, "parts of " + length + " floats of the batch's buffer",
                () -> {
                    k.set(START, mul(v(PART), c(length)));
                    k.loop(I, v(START), add(v(START), c(length)), lanes, body);
                });
    }

    /** The longest part of at most {@link #PART_FLOATS} floats (or one vector) that divides a sample in whole vectors. */
    static int partLength(int sampleSize, int lanes) {
        int vectors = sampleSize / lanes;
        int parts = Math.max(1, (sampleSize + PART_FLOATS - 1) / PART_FLOATS);
        while (vectors % parts != 0) {
            parts++;
        }
        return sampleSize / parts;
    }

    private static Expr at() {
        return v(I);
    }

    /** The activation of a vector, as its forward kernel and a fused gather's store compute it. */
    static Expr activate(Op.Activation activation, Expr value) {
        Expr zero = broadcast(c(0f));
        Expr one = broadcast(c(1f));
        return switch (activation.function()) {
            case RELU -> max(value, zero);
            case LEAKY_RELU -> ifPositive(value, value, mul(value, broadcast(c((float) activation.slope()))));
            case SIGMOID -> E.div(one, E.add(one, exp(neg(value))));
            case TANH -> tanh(value);
        };
    }

    static void activation(Layer layer, Op.Activation activation) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        Plane gx = layer.input(0).gradient();
        Plane gy = layer.output().gradient();
        float slope = (float) activation.slope();
        Expr zero = broadcast(c(0f));
        Expr one = broadcast(c(1f));
        if (layer.isFusedIntoProducer()) {
            layer.explain(activation.name() + ": fused into the store of the layer before it");
        } else {
            KernelBuilder f = layer.kernel("forward");
            Variable xs = f.floats("x", x.slot());
            Variable ys = f.floats("y", y.slot());
            overParts(layer, f, x, () -> f.store(ys, at(), activate(activation, vload(xs, at()))));
            layer.addForward(f);
        }

        KernelBuilder b = layer.kernel("backward");
        Variable gys = b.floats("gy", gy.slot());
        Variable gxs = b.floats("gx", gx.slot());
        boolean fromInput = activation.function() == Op.Activation.Function.LEAKY_RELU;
        Variable saved = fromInput ? b.floats("x", x.slot()) : b.floats("y", y.slot());
        Variable g = KernelBuilder.vectorVar("g");
        overParts(layer, b, x, () -> {
            b.set(X, vload(saved, at()));
            b.set(g, vload(gys, at()));
            Expr local = switch (activation.function()) {
                case RELU -> ifPositive(v(X), v(g), zero);
                case LEAKY_RELU -> ifPositive(v(X), v(g), mul(v(g), broadcast(c(slope))));
                case SIGMOID -> mul(mul(v(g), v(X)), sub(one, v(X)));
                case TANH -> mul(v(g), sub(one, mul(v(X), v(X))));
            };
            b.addTo(gxs, at(), local);
        });
        layer.addBackward(b);
        if (!layer.isFusedIntoProducer()) {
            layer.explain(activation.name() + ": vector loop over the buffer");
        }
    }

    static void dropout(Layer layer, Op.Dropout dropout) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        int mask = layer.plan().floats(x.sampleSize(), 0, false);
        layer.plan().dropout(mask, layer.input(0).shape().toArray(), dropout.p());
        KernelBuilder f = layer.kernel("forward");
        Variable xs = f.floats("x", x.slot());
        Variable ys = f.floats("y", y.slot());
        Variable ms = f.floats("mask", mask);
        f.ifTraining(() -> overBuffer(layer, f, x, () -> f.store(ys, at(), mul(vload(xs, at()), vload(ms, at())))));
        f.ifLess(v(KernelBuilder.TRAINING), c(1), () -> overBuffer(layer, f, x, () -> f.store(ys, at(), vload(xs, at()))));
        layer.addForward(f);

        KernelBuilder b = layer.kernel("backward");
        Variable gys = b.floats("gy", layer.output().gradient().slot());
        Variable gxs = b.floats("gx", layer.input(0).gradient().slot());
        Variable mb = b.floats("mask", mask);
        b.ifTraining(() -> overBuffer(layer, b, x, () -> b.addTo(gxs, at(), mul(vload(gys, at()), vload(mb, at())))));
        b.ifLess(v(KernelBuilder.TRAINING), c(1), () -> overBuffer(layer, b, x, () -> b.addTo(gxs, at(), vload(gys, at()))));
        layer.addBackward(b);
        layer.explain("dropout: vector loop; the mask is drawn by the runtime in the interpreter's order");
    }

    static void sum(Layer layer) {
        Plane y = layer.output().value();
        KernelBuilder f = layer.kernel("forward");
        Variable ys = f.floats("y", y.slot());
        Variable[] xs = new Variable[layer.inputCount()];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = f.floats("x" + k, layer.input(k).value().slot());
        }
        overParts(layer, f, y, () -> {
            Expr sum = vload(xs[0], at());
            for (int k = 1; k < xs.length; k++) {
                sum = E.add(sum, vload(xs[k], at()));
            }
            f.store(ys, at(), sum);
        });
        layer.addForward(f);

        KernelBuilder b = layer.kernel("backward");
        Variable gys = b.floats("gy", layer.output().gradient().slot());
        Variable[] gxs = new Variable[layer.inputCount()];
        for (int k = 0; k < gxs.length; k++) {
            gxs[k] = b.floats("gx" + k, layer.input(k).gradient().slot());
        }
        // An input named twice gets its gradient twice, as the interpreter adds it.
        overParts(layer, b, y, () -> {
            for (Variable gx : gxs) {
                b.addTo(gx, at(), vload(gys, at()));
            }
        });
        layer.addBackward(b);
        layer.explain("add: vector loop over the buffers");
    }
}
