package dev.cnnc.lowering;

import static dev.cnnc.lowering.Ir.add;
import static dev.cnnc.lowering.Ir.load;
import static dev.cnnc.lowering.Ir.loop;
import static dev.cnnc.lowering.Ir.mul;
import static dev.cnnc.lowering.Ir.offset;
import static dev.cnnc.lowering.Ir.read;
import static dev.cnnc.lowering.Ir.set;
import static dev.cnnc.lowering.Ir.store;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.Stmt;
import dev.cnnc.kernel.Type;
import dev.cnnc.kernel.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * A dense layer with its sizes fixed, scalar form: {@code y = x W^T + b}, {@code W} in PyTorch's
 * {@code [out, in]} layout. The parameters are arrays passed in, never constants of the code.
 */
public final class DenseLowering {

    private static final Variable X = new Variable("x", Type.FLOAT_ARRAY);
    private static final Variable W = new Variable("w", Type.FLOAT_ARRAY);
    private static final Variable B = new Variable("b", Type.FLOAT_ARRAY);
    private static final Variable Y = new Variable("y", Type.FLOAT_ARRAY);
    private static final Variable GY = new Variable("gy", Type.FLOAT_ARRAY);
    private static final Variable GX = new Variable("gx", Type.FLOAT_ARRAY);
    private static final Variable GW = new Variable("gw", Type.FLOAT_ARRAY);
    private static final Variable GB = new Variable("gb", Type.FLOAT_ARRAY);
    private static final Variable BATCH = new Variable("batch", Type.INT);
    private static final Variable N = new Variable("n", Type.INT);
    private static final Variable O = new Variable("o", Type.INT);
    private static final Variable I = new Variable("i", Type.INT);
    private static final Variable SUM = new Variable("sum", Type.FLOAT);
    private static final Variable G = new Variable("g", Type.FLOAT);

    private DenseLowering() {}

    /**
     * <pre>{@code
     * for (n = 0; n < batch; n++)
     *   for (o = 0; o < OUT; o++) {
     *     sum = b[o];                                  // or 0 without a bias
     *     for (i = 0; i < IN; i++) sum = sum + x[n*IN + i] * w[o*IN + i];
     *     y[n*OUT + o] = sum;
     *   }
     * }</pre>
     */
    public static KernelMethod forward(String name, int in, int out, boolean bias) {
        List<Variable> parameters = new ArrayList<>(List.of(X, W));
        if (bias) {
            parameters.add(B);
        }
        parameters.addAll(List.of(Y, BATCH));
        Stmt body = loop(N, read(BATCH), loop(O, Expr.of(out),
                set(SUM, bias ? load(B, read(O)) : Expr.of(0f)),
                loop(I, Expr.of(in), set(SUM, add(read(SUM),
                        mul(load(X, offset(read(N), in, read(I))), load(W, offset(read(O), in, read(I))))))),
                store(Y, offset(read(N), out, read(O)), read(SUM))));
        return new KernelMethod(name, parameters, List.of(body));
    }

    /**
     * Adds the gradients of {@code x}, {@code W} and {@code b}:
     * <pre>{@code
     * for (n = 0; n < batch; n++)
     *   for (o = 0; o < OUT; o++) {
     *     g = gy[n*OUT + o];
     *     gb[o] = gb[o] + g;                           // with a bias
     *     for (i = 0; i < IN; i++) {
     *       gx[n*IN + i] = gx[n*IN + i] + g * w[o*IN + i];
     *       gw[o*IN + i] = gw[o*IN + i] + g * x[n*IN + i];
     *     }
     *   }
     * }</pre>
     */
    public static KernelMethod backward(String name, int in, int out, boolean bias) {
        List<Variable> parameters = new ArrayList<>(List.of(X, W, GY, GX, GW));
        if (bias) {
            parameters.add(GB);
        }
        parameters.add(BATCH);
        Expr xAt = offset(read(N), in, read(I));
        Expr wAt = offset(read(O), in, read(I));
        List<Stmt> perOutput = new ArrayList<>();
        perOutput.add(set(G, load(GY, offset(read(N), out, read(O)))));
        if (bias) {
            perOutput.add(store(GB, read(O), add(load(GB, read(O)), read(G))));
        }
        perOutput.add(loop(I, Expr.of(in),
                store(GX, xAt, add(load(GX, xAt), mul(read(G), load(W, wAt)))),
                store(GW, wAt, add(load(GW, wAt), mul(read(G), load(X, xAt))))));
        Stmt body = loop(N, read(BATCH), new Stmt.For(O, Expr.of(0), Expr.of(out), 1, perOutput));
        return new KernelMethod(name, parameters, List.of(body));
    }
}
