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

    /** An arithmetic operation on two values of the same type: ints, floats or vectors (lane by lane). */
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
            if (left.type() != right.type() || !left.type().isNumber()) {
                throw new IllegalArgumentException(operator + " needs two ints, floats or vectors, not " + left.type()
                        + " and " + right.type());
            }
            if (operator == Operator.REM && left.type() == Type.VECTOR) {
                throw new IllegalArgumentException("REM of vectors");
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

    /** {@code FloatVector.fromArray(SPECIES, array, index)}: the lanes starting at {@code index}. */
    record VectorLoad(Expr array, Expr index) implements Expr {
        public VectorLoad {
            Checks.require(array, Type.FLOAT_ARRAY, "a vector load's array");
            Checks.require(index, Type.INT, "an array index");
        }

        @Override
        public Type type() {
            return Type.VECTOR;
        }
    }

    /** {@code FloatVector.broadcast(SPECIES, value)}: every lane set to one float. */
    record Broadcast(Expr value) implements Expr {
        public Broadcast {
            Checks.require(value, Type.FLOAT, "a broadcast value");
        }

        @Override
        public Type type() {
            return Type.VECTOR;
        }
    }

    /** {@code a * b + c}, fused for vectors; floats or vectors. */
    record Fma(Expr a, Expr b, Expr c) implements Expr {
        public Fma {
            if (a.type() != b.type() || a.type() != c.type() || (a.type() != Type.FLOAT && a.type() != Type.VECTOR)) {
                throw new IllegalArgumentException("fma of " + a.type() + ", " + b.type() + ", " + c.type());
            }
        }

        @Override
        public Type type() {
            return a.type();
        }
    }

    /** A function of one float or vector, computed lane by lane. */
    record Unary(Function function, Expr value) implements Expr {

        public enum Function {
            NEG,
            EXP,
            LOG,
            TANH,
            SQRT
        }

        public Unary {
            Objects.requireNonNull(function, "function");
            if (value.type() != Type.FLOAT && value.type() != Type.VECTOR) {
                throw new IllegalArgumentException(function + " of a " + value.type());
            }
        }

        @Override
        public Type type() {
            return value.type();
        }
    }

    /** {@code condition > 0 ? positive : otherwise}, lane by lane; NaN counts as not positive. */
    record SelectPositive(Expr condition, Expr positive, Expr otherwise) implements Expr {
        public SelectPositive {
            Type type = condition.type();
            if ((type != Type.FLOAT && type != Type.VECTOR) || positive.type() != type || otherwise.type() != type) {
                throw new IllegalArgumentException("select of " + type + ", " + positive.type() + ", " + otherwise.type());
            }
        }

        @Override
        public Type type() {
            return condition.type();
        }
    }

    /** A comparison of two ints or two floats giving 1 or 0, as Java's operators do (NaN compares unequal and unordered). */
    record Compare(Relation relation, Expr left, Expr right) implements Expr {

        public enum Relation {
            LT,
            GT,
            EQ,
            NE
        }

        public Compare {
            Objects.requireNonNull(relation, "relation");
            if (left.type() != right.type() || (left.type() != Type.INT && left.type() != Type.FLOAT)) {
                throw new IllegalArgumentException("comparing " + left.type() + " with " + right.type());
            }
        }

        @Override
        public Type type() {
            return Type.INT;
        }
    }
}
