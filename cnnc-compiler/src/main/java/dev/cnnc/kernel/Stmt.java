package dev.cnnc.kernel;

import java.util.List;
import java.util.Objects;

/** A statement of a kernel method. */
public sealed interface Stmt {

    /** {@code variable = value}. */
    record Assign(Variable variable, Expr value) implements Stmt {
        public Assign {
            Checks.require(value, variable.type(), "the value assigned to " + variable.name());
        }
    }

    /** {@code array[index] = value}. */
    record Store(Expr array, Expr index, Expr value) implements Stmt {
        public Store {
            if (!array.type().isArray()) {
                throw new IllegalArgumentException("storing into a " + array.type() + ", not an array");
            }
            Checks.require(index, Type.INT, "an array index");
            Checks.require(value, array.type().element(), "the value stored");
        }
    }

    /**
     * {@code for (index = from; index < to; index += step) body}.
     *
     * @param note what the bound counts and where it comes from ({@code output width: (28 + 2*2 - 5) / 1 + 1
     *     = 28}), printed by the Java backend as a comment; null when the loop needs none
     */
    record For(Variable index, Expr from, Expr to, int step, List<Stmt> body, String note) implements Stmt {
        public For(Variable index, Expr from, Expr to, int step, List<Stmt> body) {
            this(index, from, to, step, body, null);
        }

        public For {
            Checks.require(new Expr.Read(index), Type.INT, "a loop index");
            Checks.require(from, Type.INT, "a loop start");
            Checks.require(to, Type.INT, "a loop end");
            if (step < 1) {
                throw new IllegalArgumentException("a loop step is positive, not " + step);
            }
            body = List.copyOf(body);
        }
    }

    /** {@code if (left < right) body}: the comparison bounds checks and clipping need. */
    record IfLess(Expr left, Expr right, List<Stmt> body) implements Stmt {
        public IfLess {
            Objects.requireNonNull(left, "left");
            if (left.type() != right.type() || (left.type() != Type.INT && left.type() != Type.FLOAT)) {
                throw new IllegalArgumentException("comparing " + left.type() + " with " + right.type());
            }
            body = List.copyOf(body);
        }
    }

    /** {@code value.intoArray(array, index)}: a vector's lanes stored from {@code index} on. */
    record VectorStore(Expr array, Expr index, Expr value) implements Stmt {
        public VectorStore {
            Checks.require(array, Type.FLOAT_ARRAY, "a vector store's array");
            Checks.require(index, Type.INT, "an array index");
            Checks.require(value, Type.VECTOR, "the value stored");
        }
    }

    /**
     * A call of a static method returning nothing: of the class itself when {@code owner} is null,
     * else of a runtime helper ({@code dev/cnnc/runtime/compiled/Packing}). The descriptor follows
     * from the arguments' types.
     */
    record Call(String owner, String method, List<Expr> arguments) implements Stmt {
        public Call {
            Objects.requireNonNull(method, "method");
            arguments = List.copyOf(arguments);
            for (Expr argument : arguments) {
                Objects.requireNonNull(argument, "argument");
            }
        }

        public String descriptor(boolean scalar) {
            StringBuilder descriptor = new StringBuilder("(");
            arguments.forEach(argument -> descriptor.append(argument.type().descriptor(scalar)));
            return descriptor.append(")V").toString();
        }
    }
}
