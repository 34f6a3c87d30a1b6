package dev.cnnc.lowering;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.Expr.Binary.Operator;
import dev.cnnc.kernel.Stmt;
import dev.cnnc.kernel.Variable;
import java.util.List;

/** Short names for building kernel IR, so that a lowering reads close to the Java it stands for. */
final class Ir {

    private Ir() {}

    static Expr read(Variable variable) {
        return new Expr.Read(variable);
    }

    static Expr add(Expr left, Expr right) {
        return new Expr.Binary(Operator.ADD, left, right);
    }

    static Expr mul(Expr left, Expr right) {
        return new Expr.Binary(Operator.MUL, left, right);
    }

    static Expr load(Variable array, Expr index) {
        return new Expr.Load(read(array), index);
    }

    static Stmt store(Variable array, Expr index, Expr value) {
        return new Stmt.Store(read(array), index, value);
    }

    static Stmt set(Variable variable, Expr value) {
        return new Stmt.Assign(variable, value);
    }

    /** {@code for (index = 0; index < end; index++) body}. */
    static Stmt loop(Variable index, Expr end, Stmt... body) {
        return new Stmt.For(index, Expr.of(0), end, 1, List.of(body));
    }

    /** {@code a * stride + b}, folded when {@code stride} is 1. */
    static Expr offset(Expr a, int stride, Expr b) {
        return add(stride == 1 ? a : mul(a, Expr.of(stride)), b);
    }
}
