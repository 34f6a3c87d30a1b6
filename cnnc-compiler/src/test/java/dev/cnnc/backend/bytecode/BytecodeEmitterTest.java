package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.Expr.Binary.Operator;
import dev.cnnc.kernel.KernelClass;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.Stmt;
import dev.cnnc.kernel.Type;
import dev.cnnc.kernel.Variable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

class BytecodeEmitterTest {

    private static final Variable X = new Variable("x", Type.FLOAT_ARRAY);
    private static final Variable Y = new Variable("y", Type.FLOAT_ARRAY);
    private static final Variable A = new Variable("a", Type.FLOAT);
    private static final Variable N = new Variable("n", Type.INT);
    private static final Variable I = new Variable("i", Type.INT);

    private static Expr read(Variable variable) {
        return new Expr.Read(variable);
    }

    private static Expr op(Operator operator, Expr left, Expr right) {
        return new Expr.Binary(operator, left, right);
    }

    /** Checks the class with ASM's verifier, then loads it in a loader of its own. */
    static Class<?> load(KernelClass kernels) throws ClassNotFoundException {
        byte[] bytes = BytecodeEmitter.emit(kernels);
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), BytecodeEmitterTest.class.getClassLoader(), false,
                new PrintWriter(problems));
        assertEquals("", problems.toString(), "CheckClassAdapter");
        String name = kernels.internalName().replace('/', '.');
        return new ClassLoader(BytecodeEmitterTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String wanted) throws ClassNotFoundException {
                if (!wanted.equals(name)) {
                    throw new ClassNotFoundException(wanted);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        }.loadClass(name);
    }

    @Test
    void aLoopThatReadsAndWritesArrays() throws Exception {
        // for (i = 0; i < n; i += 1) y[i] = y[i] + a * x[i];
        KernelMethod axpy = new KernelMethod("axpy", List.of(X, Y, A, N), List.of(new Stmt.For(I, Expr.of(0), read(N), 1,
                List.of(new Stmt.Store(read(Y), read(I), op(Operator.ADD, new Expr.Load(read(Y), read(I)),
                        op(Operator.MUL, read(A), new Expr.Load(read(X), read(I)))))))));
        Class<?> kernels = load(new KernelClass("test/Axpy", List.of(axpy)));
        float[] x = {1, 2, 3, 4};
        float[] y = {10, 20, 30, 40};
        kernels.getMethod("axpy", float[].class, float[].class, float.class, int.class).invoke(null, x, y, 0.5f, 3);
        assertArrayEquals(new float[] {10.5f, 21, 31.5f, 40}, y);
    }

    @Test
    void scalarOperationsAndConstantsMatchJava() throws Exception {
        Variable out = new Variable("out", Type.FLOAT_ARRAY);
        Variable v = new Variable("v", Type.FLOAT);
        Variable k = new Variable("k", Type.INT);
        List<Stmt> body = new ArrayList<>();
        Expr[] values = {
            op(Operator.SUB, read(A), Expr.of(-0f)),
            op(Operator.DIV, read(A), Expr.of(3f)),
            op(Operator.MIN, read(A), Expr.of(2f)),
            op(Operator.MAX, read(A), Expr.of(1e30f)),
            op(Operator.REM, read(A), Expr.of(0.75f)),
            new Expr.IntToFloat(op(Operator.DIV, Expr.of(100_000), Expr.of(-7))),
            new Expr.IntToFloat(op(Operator.REM, op(Operator.MAX, Expr.of(300), Expr.of(-2)), Expr.of(7))),
            new Expr.IntToFloat(op(Operator.MIN, Expr.of(-129), Expr.of(5))),
        };
        for (int i = 0; i < values.length; i++) {
            body.add(new Stmt.Store(read(out), Expr.of(i), values[i]));
        }
        // v = 0; k = 0; if (a < 1) v = 1; if (k < -1) v = 5;
        body.add(new Stmt.Assign(v, Expr.of(0f)));
        body.add(new Stmt.Assign(k, Expr.of(0)));
        body.add(new Stmt.IfLess(read(A), Expr.of(1f), List.of(new Stmt.Assign(v, Expr.of(1f)))));
        body.add(new Stmt.IfLess(read(k), Expr.of(-1), List.of(new Stmt.Assign(v, Expr.of(5f)))));
        body.add(new Stmt.Store(read(out), Expr.of(values.length), read(v)));
        Class<?> kernels = load(new KernelClass("test/Scalars", List.of(new KernelMethod("run", List.of(out, A), body))));
        Method run = kernels.getMethod("run", float[].class, float.class);
        for (float a : new float[] {0.5f, 2.5f, -3f, Float.NaN}) {
            float[] result = new float[values.length + 1];
            run.invoke(null, result, a);
            float[] expected = {a - -0f, a / 3f, Math.min(a, 2f), Math.max(a, 1e30f), a % 0.75f, 100_000 / -7,
                Math.max(300, -2) % 7, Math.min(-129, 5), a < 1f ? 1f : 0f};
            assertArrayEquals(expected, result, "a = " + a);
        }
    }

    @Test
    void methodSizesAreReadFromTheClassFile() {
        // Each 'v = 0' is ICONST_0 + ISTORE_0, two bytes; RETURN is one more.
        Variable v = new Variable("v", Type.INT);
        List<Stmt> body = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            body.add(new Stmt.Assign(v, Expr.of(0)));
        }
        byte[] bytes = BytecodeEmitter.emit(new KernelClass("test/Sized", List.of(new KernelMethod("m", List.of(), body))));
        assertEquals(201, MethodSizes.of(bytes).get("m()V"));
    }

    @Test
    void aMethodOverTheLimitIsRefused() {
        List<Stmt> body = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            body.add(new Stmt.Store(read(Y), Expr.of(i), new Expr.Load(read(X), Expr.of(i))));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BytecodeEmitter.emit(
                new KernelClass("test/Huge", List.of(new KernelMethod("copy", List.of(X, Y), body)))));
        assertTrue(e.getMessage().contains("test/Huge.copy([F[F)V has") && e.getMessage().contains("must be split"),
                e.getMessage());
    }

    @Test
    void illFormedKernelsCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new KernelMethod("m", List.of(),
                List.of(new Stmt.Assign(A, read(A)))), "read before set");
        assertThrows(IllegalArgumentException.class, () -> new Stmt.Assign(A, Expr.of(1)), "int into float");
        assertThrows(IllegalArgumentException.class, () -> op(Operator.ADD, Expr.of(1), Expr.of(1f)), "mixed types");
        assertThrows(IllegalArgumentException.class, () -> new Expr.Load(read(A), Expr.of(0)), "load from a scalar");
        assertThrows(IllegalArgumentException.class, () -> new KernelMethod("m", List.of(A, new Variable("a", Type.INT)),
                List.of()), "one name, two types");
        assertThrows(IllegalArgumentException.class, () -> new KernelClass("not a name", List.of()));
    }
}
