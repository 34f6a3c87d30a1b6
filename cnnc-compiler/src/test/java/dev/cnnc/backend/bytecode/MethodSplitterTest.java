package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.KernelClass;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.MethodSplitter;
import dev.cnnc.kernel.Stmt;
import dev.cnnc.kernel.Type;
import dev.cnnc.kernel.Variable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Methods over the limit are split into methods under it that compute the same. */
class MethodSplitterTest {

    private static final Variable Y = new Variable("y", Type.FLOAT_ARRAY);
    private static final Variable I = new Variable("i", Type.INT);
    private static final Variable BASE = new Variable("base", Type.INT);

    private static Expr read(Variable variable) {
        return new Expr.Read(variable);
    }

    /** {@code y[base + k] = k * scale} for k below count: about 9 bytes each. */
    private static List<Stmt> stores(int count, float scale) {
        List<Stmt> stores = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            stores.add(new Stmt.Store(read(Y), new Expr.Binary(Expr.Binary.Operator.ADD, read(BASE), Expr.of(k)),
                    Expr.of(k * scale)));
        }
        return stores;
    }

    private static KernelClass split(KernelMethod method) {
        KernelClass kernels = new KernelClass("test/Split", List.of(method));
        return MethodSplitter.split(kernels, m -> BytecodeEmitter.codeSize(kernels, m), MethodSizes.LIMIT);
    }

    @Test
    void aLongRunOfStatementsAndALoopTooBigForOneMethodAreSplit() throws Exception {
        List<Stmt> body = new ArrayList<>();
        body.add(new Stmt.Assign(BASE, Expr.of(0)));
        body.addAll(stores(2000, 1f));
        List<Stmt> loopBody = new ArrayList<>();
        loopBody.add(new Stmt.Assign(BASE, new Expr.Binary(Expr.Binary.Operator.MUL, read(I), Expr.of(2000))));
        loopBody.add(new Stmt.Assign(BASE, new Expr.Binary(Expr.Binary.Operator.ADD, read(BASE), Expr.of(2000))));
        loopBody.addAll(stores(2000, 2f));
        body.add(new Stmt.For(I, Expr.of(0), Expr.of(3), 1, loopBody));
        KernelMethod method = new KernelMethod("fill", List.of(Y), body);

        KernelClass split = split(method);
        assertTrue(split.methods().size() > 3, "split into " + split.methods().size());
        Class<?> loaded = BytecodeEmitterTest.load(split);
        float[] y = new float[8000];
        loaded.getMethod("fill", float[].class).invoke(null, (Object) y);
        for (int k = 0; k < 2000; k++) {
            assertEquals(k, y[k]);
            for (int i = 0; i < 3; i++) {
                assertEquals(2f * k, y[2000 * (i + 1) + k]);
            }
        }
    }

    @Test
    void aLoopWhoseIterationsCarryAValueCannotBeSplitSilently() {
        Variable sum = new Variable("sum", Type.FLOAT);
        List<Stmt> loopBody = new ArrayList<>();
        loopBody.add(new Stmt.Assign(BASE, Expr.of(0)));
        loopBody.add(new Stmt.Assign(sum, new Expr.Binary(Expr.Binary.Operator.ADD, read(sum), Expr.of(1f))));
        loopBody.addAll(stores(2000, 1f));
        List<Stmt> body = List.of(new Stmt.Assign(sum, Expr.of(0f)), new Stmt.For(I, Expr.of(0), Expr.of(3), 1, loopBody),
                new Stmt.Store(read(Y), Expr.of(0), read(sum)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> split(new KernelMethod("carry", List.of(Y), body)));
        assertTrue(e.getMessage().contains("sum"), e.getMessage());
    }
}
