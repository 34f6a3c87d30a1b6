package dev.cnnc.lowering;

import static dev.cnnc.lowering.E.add;
import static dev.cnnc.lowering.E.c;
import static dev.cnnc.lowering.E.exp;
import static dev.cnnc.lowering.E.load;
import static dev.cnnc.lowering.E.log;
import static dev.cnnc.lowering.E.max;
import static dev.cnnc.lowering.E.mul;
import static dev.cnnc.lowering.E.row;
import static dev.cnnc.lowering.E.sub;
import static dev.cnnc.lowering.E.v;

import dev.cnnc.ir.Op;
import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.Variable;

/** Ops that work across the channels at each position: softmax, flatten, concat. Scalar, real channels only. */
final class ChannelLowering {

    private static final Variable P = KernelBuilder.intVar("p");
    private static final Variable C = KernelBuilder.intVar("c");
    private static final Variable N = KernelBuilder.intVar("n");
    private static final Variable BASE = KernelBuilder.intVar("base");
    private static final Variable MAX = KernelBuilder.floatVar("max");
    private static final Variable SUM = KernelBuilder.floatVar("sum");
    private static final Variable LOG_SUM = KernelBuilder.floatVar("logsum");

    private ChannelLowering() {}

    /** Over the channels at each position, shifted by the maximum so that exp never overflows. */
    static void softmax(Layer layer, Op.Softmax softmax) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        int channels = x.channels();
        KernelBuilder f = layer.kernel("forward");
        Variable xs = f.floats("x", x.slot());
        Variable ys = f.floats("y", y.slot());
        f.loop(P, mul(v(KernelBuilder.BATCH), c(x.positions())), () -> {
            f.set(BASE, x.at(v(P), c(0)));
            f.set(MAX, c(Float.NEGATIVE_INFINITY));
            f.loop(C, channels, () -> f.set(MAX, max(v(MAX), load(xs, add(v(BASE), v(C))))));
            f.set(SUM, c(0f));
            f.loop(C, channels, () -> f.set(SUM, add(v(SUM), exp(sub(load(xs, add(v(BASE), v(C))), v(MAX))))));
            if (softmax.log()) {
                f.set(LOG_SUM, log(v(SUM)));
                f.loop(C, channels, () -> f.store(ys, add(v(BASE), v(C)),
                        sub(sub(load(xs, add(v(BASE), v(C))), v(MAX)), v(LOG_SUM))));
            } else {
                f.loop(C, channels, () -> f.store(ys, add(v(BASE), v(C)),
                        E.div(exp(sub(load(xs, add(v(BASE), v(C))), v(MAX))), v(SUM))));
            }
        });
        layer.addForward(f);

        KernelBuilder b = layer.kernel("backward");
        Variable bys = b.floats("y", y.slot());
        Variable gy = b.floats("gy", layer.output().gradient().slot());
        Variable gx = b.floats("gx", layer.input(0).gradient().slot());
        b.loop(P, mul(v(KernelBuilder.BATCH), c(x.positions())), () -> {
            b.set(BASE, x.at(v(P), c(0)));
            Expr at = add(v(BASE), v(C));
            b.set(SUM, c(0f));
            if (softmax.log()) {
                // g - exp(y) * sum(g)
                b.loop(C, channels, () -> b.set(SUM, add(v(SUM), load(gy, at))));
                b.loop(C, channels, () -> b.addTo(gx, at, sub(load(gy, at), mul(exp(load(bys, at)), v(SUM)))));
            } else {
                // y * (g - sum(g * y))
                b.loop(C, channels, () -> b.set(SUM, add(v(SUM), mul(load(gy, at), load(bys, at)))));
                b.loop(C, channels, () -> b.addTo(gx, at, mul(load(bys, at), sub(load(gy, at), v(SUM)))));
            }
        });
        layer.addBackward(b);
        layer.explain(softmax.name() + ": scalar loops over the channels of each position");
    }

    /** Channels-last to PyTorch's flattening order, {@code c * positions + p}. */
    static void flatten(Layer layer) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        int positions = x.positions();
        KernelBuilder f = layer.kernel("forward");
        Variable xs = f.floats("x", x.slot());
        Variable ys = f.floats("y", y.slot());
        f.loop(N, v(KernelBuilder.BATCH), () -> f.loop(P, positions, () -> f.loop(C, x.channels(),
                () -> f.store(ys, y.at(v(N), row(v(C), positions, v(P))), load(xs, x.at(row(v(N), positions, v(P)),
                        v(C)))))));
        layer.addForward(f);

        KernelBuilder b = layer.kernel("backward");
        Variable gy = b.floats("gy", layer.output().gradient().slot());
        Variable gx = b.floats("gx", layer.input(0).gradient().slot());
        b.loop(N, v(KernelBuilder.BATCH), () -> b.loop(P, positions, () -> b.loop(C, x.channels(),
                () -> b.addTo(gx, x.at(row(v(N), positions, v(P)), v(C)), load(gy, y.at(v(N), row(v(C), positions,
                        v(P))))))));
        layer.addBackward(b);
        layer.explain("flatten: scalar copy from channels-last into NCHW order");
    }

    /** Along the channels; each input lands at the channel offset of the ones before it. */
    static void concat(Layer layer) {
        Plane y = layer.output().value();
        KernelBuilder f = layer.kernel("forward");
        KernelBuilder b = layer.kernel("backward");
        Variable ys = f.floats("y", y.slot());
        Variable gy = b.floats("gy", layer.output().gradient().slot());
        int offset = 0;
        for (int k = 0; k < layer.inputCount(); k++) {
            Plane x = layer.input(k).value();
            Variable xs = f.floats("x" + k, x.slot());
            Variable gx = b.floats("gx" + k, layer.input(k).gradient().slot());
            int at = offset;
            f.loop(P, mul(v(KernelBuilder.BATCH), c(y.positions())), () -> f.loop(C, x.channels(),
                    () -> f.store(ys, y.at(v(P), add(v(C), c(at))), load(xs, x.at(v(P), v(C))))));
            b.loop(P, mul(v(KernelBuilder.BATCH), c(y.positions())), () -> b.loop(C, x.channels(),
                    () -> b.addTo(gx, x.at(v(P), v(C)), load(gy, y.at(v(P), add(v(C), c(at)))))));
            offset += x.channels();
        }
        layer.addForward(f);
        layer.addBackward(b);
        layer.explain("concat: scalar copy at channel offsets");
    }
}
