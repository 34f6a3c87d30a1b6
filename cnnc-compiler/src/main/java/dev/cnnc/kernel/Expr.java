package dev.cnnc.kernel;

import java.util.Objects;

/** A value a kernel computes; each kind checks its operands' types when built. */
public sealed interface Expr {

    Type type();

    static Expr of(int value) {
        return new IntConst(value);
    }

    static Expr of(float value) {
        return new FloatConst(value);
    }

    record IntConst(int value) implements Expr {
        @Override
        public Type type() {
            return Type.INT;
        }
    }

    record FloatConst(float value) implements Expr {
        @Override
        public Type type() {
            return Type.FLOAT;
        }
    }

    record Read(Variable variable) implements Expr {
        public Read {
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public Type type() {
            return variable.type();
        }
    }

    /** {@code array[index]}. */
    record Load(Expr array, Expr index) implements Expr {
        public Load {
            if (!array.type().isArray()) {
                throw new IllegalArgumentException("loading from a " + array.type() + ", not an array");
            }
            Checks.require(index, Type.INT, "an array index");
        }

        @Override
        public Type type() {
            return array.type().element();
        }
    }

    /** An arithmetic operation on two values of the same scalar type. */
    record Binary(Operator operator, Expr left, Expr right) implements Expr {

        public enum Operator {
            ADD,
            SUB,
            MUL,
            DIV,
            REM,
            MIN,
            MAX
        }

        public Binary {
            Objects.requireNonNull(operator, "operator");
            if (left.type() != right.type() || left.type().isArray()) {
                throw new IllegalArgumentException(operator + " needs two ints or two floats, not " + left.type() + " and "
                        + right.type());
            }
        }

        @Override
        public Type type() {
            return left.type();
        }
    }

    /** An int converted to float. */
    record IntToFloat(Expr value) implements Expr {
        public IntToFloat {
            Checks.require(value, Type.INT, "int-to-float conversion");
        }

        @Override
        public Type type() {
            return Type.FLOAT;
        }
    }
}
