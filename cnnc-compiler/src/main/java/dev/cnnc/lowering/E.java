package dev.cnnc.lowering;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.Expr.Binary.Operator;
import dev.cnnc.kernel.Expr.Unary.Function;
import dev.cnnc.kernel.Variable;

/**
 * Short names for kernel IR expressions, so that a lowering reads close to the Java it stands for.
 * Integer arithmetic on constants is folded, and adding 0 or multiplying by 1 disappears.
 */
final class E {

    private E() {}

    static Expr c(int value) {
        return Expr.of(value);
    }

    static Expr c(float value) {
        return Expr.of(value);
    }

    static Expr v(Variable variable) {
        return new Expr.Read(variable);
    }

    static Expr add(Expr left, Expr right) {
        if (left instanceof Expr.IntConst a && right instanceof Expr.IntConst b) {
            return c(a.value() + b.value());
        }
        if (isZero(left)) {
            return right;
        }
        if (isZero(right)) {
            return left;
        }
        return new Expr.Binary(Operator.ADD, left, right);
    }

    static Expr add(Expr... terms) {
        Expr sum = terms[0];
        for (int i = 1; i < terms.length; i++) {
            sum = add(sum, terms[i]);
        }
        return sum;
    }

    static Expr sub(Expr left, Expr right) {
        if (left instanceof Expr.IntConst a && right instanceof Expr.IntConst b) {
            return c(a.value() - b.value());
        }
        if (isZero(right)) {
            return left;
        }
        return new Expr.Binary(Operator.SUB, left, right);
    }

    static Expr mul(Expr left, Expr right) {
        if (left instanceof Expr.IntConst a && right instanceof Expr.IntConst b) {
            return c(a.value() * b.value());
        }
        if (isIntOne(left)) {
            return right;
        }
        if (isIntOne(right)) {
            return left;
        }
        if (isZero(left) || isZero(right)) {
            return c(0);
        }
        return new Expr.Binary(Operator.MUL, left, right);
    }

    static Expr mul(Expr left, int right) {
        return mul(left, c(right));
    }

    static Expr div(Expr left, Expr right) {
        if (left instanceof Expr.IntConst a && right instanceof Expr.IntConst b) {
            return c(a.value() / b.value());
        }
        if (isIntOne(right)) {
            return left;
        }
        return new Expr.Binary(Operator.DIV, left, right);
    }

    static Expr min(Expr left, Expr right) {
        if (left instanceof Expr.IntConst a && right instanceof Expr.IntConst b) {
            return c(Math.min(a.value(), b.value()));
        }
        return new Expr.Binary(Operator.MIN, left, right);
    }

    static Expr max(Expr left, Expr right) {
        if (left instanceof Expr.IntConst a && right instanceof Expr.IntConst b) {
            return c(Math.max(a.value(), b.value()));
        }
        return new Expr.Binary(Operator.MAX, left, right);
    }

    /** {@code a * size + b}: the index of {@code b} within the {@code a}-th row of {@code size}. */
    static Expr row(Expr a, int size, Expr b) {
        return add(mul(a, size), b);
    }

    static Expr load(Variable array, Expr index) {
        return new Expr.Load(v(array), index);
    }

    static Expr vload(Variable array, Expr index) {
        return new Expr.VectorLoad(v(array), index);
    }

    static Expr broadcast(Expr value) {
        return new Expr.Broadcast(value);
    }

    static Expr fma(Expr a, Expr b, Expr c) {
        return new Expr.Fma(a, b, c);
    }

    static Expr neg(Expr value) {
        return new Expr.Unary(Function.NEG, value);
    }

    static Expr exp(Expr value) {
        return new Expr.Unary(Function.EXP, value);
    }

    static Expr log(Expr value) {
        return new Expr.Unary(Function.LOG, value);
    }

    static Expr tanh(Expr value) {
        return new Expr.Unary(Function.TANH, value);
    }

    static Expr sqrt(Expr value) {
        return new Expr.Unary(Function.SQRT, value);
    }

    static Expr ifPositive(Expr condition, Expr positive, Expr otherwise) {
        return new Expr.SelectPositive(condition, positive, otherwise);
    }

    static Expr toFloat(Expr value) {
        return value instanceof Expr.IntConst constant ? c((float) constant.value()) : new Expr.IntToFloat(value);
    }

    private static boolean isZero(Expr expr) {
        return expr instanceof Expr.IntConst constant && constant.value() == 0;
    }

    private static boolean isIntOne(Expr expr) {
        return expr instanceof Expr.IntConst constant && constant.value() == 1;
    }
}
