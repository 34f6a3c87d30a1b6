package dev.cnnc.lowering;

import static dev.cnnc.lowering.E.add;
import static dev.cnnc.lowering.E.broadcast;
import static dev.cnnc.lowering.E.c;
import static dev.cnnc.lowering.E.fma;
import static dev.cnnc.lowering.E.load;
import static dev.cnnc.lowering.E.mul;
import static dev.cnnc.lowering.E.sqrt;
import static dev.cnnc.lowering.E.sub;
import static dev.cnnc.lowering.E.toFloat;
import static dev.cnnc.lowering.E.v;
import static dev.cnnc.lowering.E.vload;

import dev.cnnc.ir.Op;
import dev.cnnc.kernel.Variable;

/**
 * Batch norm, a vector of channels at a time: batch statistics (two passes, for accuracy) and the
 * running-statistics update in training mode, the running statistics in eval mode; the backward
 * pass flows through the batch statistics after a training-mode forward.
 */
final class BatchNormLowering {

    private static final String PACKING = "dev/cnnc/runtime/compiled/Packing";
    private static final Variable C = KernelBuilder.intVar("c");
    private static final Variable P = KernelBuilder.intVar("p");
    private static final Variable BLOCK_START = KernelBuilder.intVar("p0");
    /** Positions summed in float before the block's sum joins the total: a float running sum over
     * thousands of positions drifts by 1e-4 (PyTorch accumulates these sums in double). */
    private static final int BLOCK = 64;
    private static final Variable COUNT = KernelBuilder.intVar("count");
    private static final Variable INV = KernelBuilder.floatVar("inv");

    private BatchNormLowering() {}

    static void lower(Layer layer, Op.BatchNorm norm) {
        Plane x = layer.input(0).value();
        Plane y = layer.output().value();
        int lanes = layer.lanes();
        int cp = x.padded();
        SlotPlan plan = layer.plan();
        int weightP = plan.floats(0, cp, false);
        int biasP = plan.floats(0, cp, false);
        int meanS = plan.floats(0, cp, false);
        int invStdS = plan.floats(0, cp, false);
        int squaresS = plan.floats(0, cp, false);
        int sumGradS = plan.floats(0, cp, false);
        int sumGradXhatS = plan.floats(0, cp, false);
        float eps = (float) norm.eps();
        float momentum = (float) norm.momentum();

        KernelBuilder f = layer.kernel("forward");
        Variable xs = f.floats("x", x.slot());
        Variable ys = f.floats("y", y.slot());
        Variable wp = f.floats("wp", weightP);
        Variable bp = f.floats("bp", biasP);
        Variable mean = f.floats("mean", meanS);
        Variable invStd = f.floats("invstd", invStdS);
        Variable squares = f.floats("squares", squaresS);
        Variable runningMean = f.floats("rmean", layer.parameter("running_mean"));
        Variable runningVar = f.floats("rvar", layer.parameter("running_var"));
        f.call(PACKING, "pad", v(f.floats("weight", layer.parameter("weight"))), v(wp), c(x.channels()));
        f.call(PACKING, "pad", v(f.floats("bias", layer.parameter("bias"))), v(bp), c(x.channels()));
        f.set(COUNT, mul(v(KernelBuilder.BATCH), c(x.positions())));
        f.set(INV, E.div(c(1f), toFloat(v(COUNT))));
        Variable sum = KernelBuilder.vectorVar("sum");
        Variable m = KernelBuilder.vectorVar("m");
        Variable d = KernelBuilder.vectorVar("d");
        f.ifTraining(() -> {
            f.call("dev/cnnc/runtime/compiled/Checks", "batchNormTraining", v(COUNT));
            f.loop(C, c(0), c(cp), lanes, () -> {
                Variable part = KernelBuilder.vectorVar("part");
                blockedSum(f, new Variable[] {sum}, new Variable[] {part},
                        () -> f.set(part, E.add(v(part), vload(xs, x.at(v(P), v(C))))));
                f.set(m, mul(v(sum), broadcast(v(INV))));
                blockedSum(f, new Variable[] {sum}, new Variable[] {part}, () -> {
                    f.set(d, sub(vload(xs, x.at(v(P), v(C))), v(m)));
                    f.set(part, fma(v(d), v(d), v(part)));
                });
                f.store(mean, v(C), v(m));
                f.store(squares, v(C), v(sum));
                f.store(invStd, v(C), E.div(broadcast(c(1f)),
                        sqrt(E.add(mul(v(sum), broadcast(v(INV))), broadcast(c(eps))))));
            });
            // running = (1 - momentum) * running + momentum * statistic, the variance unbiased
            f.loop(C, x.channels(), () -> {
                f.store(runningMean, v(C), add(mul(c(1 - momentum), load(runningMean, v(C))),
                        mul(c(momentum), load(mean, v(C)))));
                f.store(runningVar, v(C), add(mul(c(1 - momentum), load(runningVar, v(C))),
                        mul(c(momentum), E.div(load(squares, v(C)), toFloat(sub(v(COUNT), c(1)))))));
            });
        });
        f.ifLess(v(KernelBuilder.TRAINING), c(1), () -> f.loop(C, x.channels(), () -> {
            f.store(mean, v(C), load(runningMean, v(C)));
            f.store(invStd, v(C), E.div(c(1f), sqrt(add(load(runningVar, v(C)), c(eps)))));
        }));
        Variable scale = KernelBuilder.vectorVar("scale");
        Variable shift = KernelBuilder.vectorVar("shift");
        f.loop(C, c(0), c(cp), lanes, () -> {
            f.set(scale, mul(vload(wp, v(C)), vload(invStd, v(C))));
            f.set(shift, sub(vload(bp, v(C)), mul(vload(mean, v(C)), v(scale))));
            f.loop(P, v(COUNT), () -> f.store(ys, x.at(v(P), v(C)), fma(vload(xs, x.at(v(P), v(C))), v(scale),
                    v(shift))));
        });
        layer.addForward(f);

        KernelBuilder b = layer.kernel("backward");
        Variable bx = b.floats("x", x.slot());
        Variable gy = b.floats("gy", layer.output().gradient().slot());
        Variable gx = b.floats("gx", layer.input(0).gradient().slot());
        Variable bwp = b.floats("wp", weightP);
        Variable bmean = b.floats("mean", meanS);
        Variable binv = b.floats("invstd", invStdS);
        Variable sumGrad = b.floats("sumg", sumGradS);
        Variable sumGradXhat = b.floats("sumgx", sumGradXhatS);
        Variable sg = KernelBuilder.vectorVar("sg");
        Variable sgx = KernelBuilder.vectorVar("sgx");
        Variable g = KernelBuilder.vectorVar("g");
        Variable xhat = KernelBuilder.vectorVar("xhat");
        Variable bm = KernelBuilder.vectorVar("m");
        Variable bi = KernelBuilder.vectorVar("is");
        b.set(COUNT, mul(v(KernelBuilder.BATCH), c(x.positions())));
        b.set(INV, E.div(c(1f), toFloat(v(COUNT))));
        b.loop(C, c(0), c(cp), lanes, () -> {
            b.set(bm, vload(bmean, v(C)));
            b.set(bi, vload(binv, v(C)));
            Variable pg = KernelBuilder.vectorVar("pg");
            Variable pgx = KernelBuilder.vectorVar("pgx");
            blockedSum(b, new Variable[] {sg, sgx}, new Variable[] {pg, pgx}, () -> {
                b.set(g, vload(gy, x.at(v(P), v(C))));
                b.set(pg, E.add(v(pg), v(g)));
                b.set(pgx, fma(v(g), mul(sub(vload(bx, x.at(v(P), v(C))), v(bm)), v(bi)), v(pgx)));
            });
            b.store(sumGrad, v(C), v(sg));
            b.store(sumGradXhat, v(C), v(sgx));
            // dL/dx = weight * invstd * (g - mean(g) - xhat * mean(g * xhat)); the means only in training
            Variable sc = KernelBuilder.vectorVar("sc");
            b.set(sc, mul(vload(bwp, v(C)), v(bi)));
            b.ifTraining(() -> {
                b.set(sg, mul(v(sg), broadcast(v(INV))));
                b.set(sgx, mul(v(sgx), broadcast(v(INV))));
                b.loop(P, v(COUNT), () -> {
                    b.set(xhat, mul(sub(vload(bx, x.at(v(P), v(C))), v(bm)), v(bi)));
                    b.set(g, sub(sub(vload(gy, x.at(v(P), v(C))), v(sg)), mul(v(xhat), v(sgx))));
                    b.addTo(gx, x.at(v(P), v(C)), mul(v(sc), v(g)));
                });
            });
            b.ifLess(v(KernelBuilder.TRAINING), c(1), () -> b.loop(P, v(COUNT),
                    () -> b.addTo(gx, x.at(v(P), v(C)), mul(v(sc), vload(gy, x.at(v(P), v(C)))))));
        });
        b.call(PACKING, "addUnpadded", v(sumGrad), v(b.floats("gbias", layer.parameterGradient("bias"))),
                c(x.channels()));
        b.call(PACKING, "addUnpadded", v(sumGradXhat), v(b.floats("gweight", layer.parameterGradient("weight"))),
                c(x.channels()));
        layer.addBackward(b);
        layer.explain(norm.name() + ": vector loops over channels; batch statistics in two passes");
    }

    /**
     * Sets each total to the sum over positions {@code P} in [0, count) of what {@code body} adds
     * into its partial, summing blocks of {@link #BLOCK} positions first.
     * <pre>{@code
     * total = 0; for (p0 = 0; p0 < count; p0 += 64) { part = 0; for (p = p0; p < min(p0 + 64, count); p++) part += ...; total += part; }
     * }</pre>
     */
    private static void blockedSum(KernelBuilder k, Variable[] totals, Variable[] partials, Runnable body) {
        for (Variable total : totals) {
            k.set(total, broadcast(c(0f)));
        }
        k.loop(BLOCK_START, c(0), v(COUNT), BLOCK, () -> {
            for (Variable partial : partials) {
                k.set(partial, broadcast(c(0f)));
            }
            k.loop(P, v(BLOCK_START), E.min(add(v(BLOCK_START), c(BLOCK)), v(COUNT)), 1, body);
            for (int i = 0; i < totals.length; i++) {
                k.set(totals[i], E.add(v(totals[i]), v(partials[i])));
            }
        });
    }
}
