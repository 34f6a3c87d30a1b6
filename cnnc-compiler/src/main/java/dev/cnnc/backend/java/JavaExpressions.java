package dev.cnnc.backend.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.Type;
import java.util.Locale;

/**
 * Prints kernel IR expressions as Java with no more parentheses than precedence needs: Vector API
 * calls in a vector class, plain float arithmetic in the scalar class, where a vector is one float.
 * What it prints computes the very bits the bytecode backend's instructions compute.
 */
final class JavaExpressions {

    // Java precedence levels, lowest first.
    private static final int CONDITIONAL = 0;
    private static final int RELATIONAL = 1;
    private static final int ADDITIVE = 2;
    private static final int MULTIPLICATIVE = 3;
    private static final int UNARY = 4;
    private static final int PRIMARY = 5;

    static final ClassName FLOAT_VECTOR = ClassName.get("jdk.incubator.vector", "FloatVector");
    static final ClassName OPERATORS = ClassName.get("jdk.incubator.vector", "VectorOperators");

    /** The Java type of a kernel IR type: a vector is a {@code FloatVector}, or a float in the scalar class. */
    static TypeName type(Type type, boolean scalar) {
        return switch (type) {
            case INT -> TypeName.INT;
            case FLOAT -> TypeName.FLOAT;
            case VECTOR -> scalar ? TypeName.FLOAT : FLOAT_VECTOR;
            case INT_ARRAY -> TypeName.get(int[].class);
            case FLOAT_ARRAY -> TypeName.get(float[].class);
            case INT_TABLE -> TypeName.get(int[][].class);
            case FLOAT_TABLE -> TypeName.get(float[][].class);
        };
    }

    /** Code, so that the types it names are imported. */
    private record Printed(CodeBlock text, int precedence) {
        Printed(String format, int precedence, Object... arguments) {
            this(CodeBlock.of(format, arguments), precedence);
        }
    }

    private final boolean scalar;

    JavaExpressions(boolean scalar) {
        this.scalar = scalar;
    }

    CodeBlock print(Expr expr) {
        return expr(expr).text();
    }

    /** {@code expr} printed so that it may stand where precedence {@code at} is needed. */
    CodeBlock operand(Expr expr, int at) {
        Printed printed = expr(expr);
        return printed.precedence() >= at ? printed.text() : CodeBlock.of("($L)", printed.text());
    }

    /** The receiver of a method call: a primary expression. */
    CodeBlock receiver(Expr expr) {
        return operand(expr, PRIMARY);
    }

    private boolean vector(Expr expr) {
        return !scalar && expr.type() == Type.VECTOR;
    }

    private Printed expr(Expr expr) {
        return switch (expr) {
            case Expr.IntConst constant -> new Printed("$L", constant.value() < 0 ? UNARY : PRIMARY, constant.value());
            case Expr.FloatConst constant -> floatConstant(constant.value());
            case Expr.Read read -> new Printed("$L", PRIMARY, read.variable().name());
            case Expr.Load load -> new Printed("$L[$L]", PRIMARY, receiver(load.array()), print(load.index()));
            case Expr.IntToFloat convert -> new Printed("(float) $L", UNARY, operand(convert.value(), UNARY));
            case Expr.Binary binary -> binary(binary);
            case Expr.VectorLoad load -> scalar
                    ? new Printed("$L[$L]", PRIMARY, receiver(load.array()), print(load.index()))
                    : new Printed("$T.fromArray(SPECIES, $L, $L)", PRIMARY, FLOAT_VECTOR, print(load.array()),
                            print(load.index()));
            case Expr.Broadcast broadcast -> scalar ? expr(broadcast.value())
                    : new Printed("$T.broadcast(SPECIES, $L)", PRIMARY, FLOAT_VECTOR, print(broadcast.value()));
            // a.fma(b, c) | a * b + c, rounded twice as the bytecode's FMUL, FADD are
            case Expr.Fma fma -> vector(fma)
                    ? new Printed("$L.fma($L, $L)", PRIMARY, receiver(fma.a()), print(fma.b()), print(fma.c()))
                    : new Printed("$L * $L + $L", ADDITIVE, operand(fma.a(), MULTIPLICATIVE),
                            operand(fma.b(), MULTIPLICATIVE + 1), operand(fma.c(), ADDITIVE + 1));
            case Expr.Unary unary -> unary(unary);
            // otherwise.blend(positive, condition.compare(GT, 0f)) | condition > 0 ? positive : otherwise (NaN: otherwise)
            case Expr.SelectPositive select -> vector(select)
                    ? new Printed("$L.blend($L, $L.compare($T.GT, 0f))", PRIMARY, receiver(select.otherwise()),
                            print(select.positive()), receiver(select.condition()), OPERATORS)
                    : new Printed("$L > 0 ? $L : $L", CONDITIONAL, operand(select.condition(), ADDITIVE),
                            operand(select.positive(), RELATIONAL), operand(select.otherwise(), CONDITIONAL));
            case Expr.Compare compare -> new Printed("$L $L $L ? 1 : 0", CONDITIONAL, operand(compare.left(), ADDITIVE),
                    relation(compare.relation()), operand(compare.right(), ADDITIVE));
        };
    }

    private static Printed floatConstant(float value) {
        if (Float.isNaN(value)) {
            return new Printed("Float.NaN", PRIMARY);
        }
        if (Float.isInfinite(value)) {
            return new Printed(value > 0 ? "Float.POSITIVE_INFINITY" : "Float.NEGATIVE_INFINITY", PRIMARY);
        }
        // Float.toString gives the shortest decimal that reads back as the same float.
        String text = Float.toString(value) + "f";
        return new Printed("$L", text.startsWith("-") ? UNARY : PRIMARY, text);
    }

    private Printed binary(Expr.Binary binary) {
        Expr.Binary.Operator operator = binary.operator();
        String name = operator.name().toLowerCase(Locale.ROOT);
        if (vector(binary)) {
            return new Printed("$L.$L($L)", PRIMARY, receiver(binary.left()), name, print(binary.right()));
        }
        if (operator == Expr.Binary.Operator.MIN || operator == Expr.Binary.Operator.MAX) {
            return new Printed("Math.$L($L, $L)", PRIMARY, name, print(binary.left()), print(binary.right()));
        }
        // a + -2 reads as a - 2, the same value for ints and floats alike.
        if (operator == Expr.Binary.Operator.ADD && binary.right() instanceof Expr.IntConst constant
                && constant.value() < 0 && constant.value() != Integer.MIN_VALUE) {
            return new Printed("$L - $L", ADDITIVE, operand(binary.left(), ADDITIVE), -constant.value());
        }
        int level = operator == Expr.Binary.Operator.ADD || operator == Expr.Binary.Operator.SUB ? ADDITIVE
                : MULTIPLICATIVE;
        // Left-associative: the right operand of equal precedence keeps its parentheses (a - (b - c), a + (b + c)).
        return new Printed("$L $L $L", level, operand(binary.left(), level), symbol(operator),
                operand(binary.right(), level + 1));
    }

    private Printed unary(Expr.Unary unary) {
        Expr.Unary.Function function = unary.function();
        if (vector(unary)) {
            return function == Expr.Unary.Function.NEG
                    ? new Printed("$L.neg()", PRIMARY, receiver(unary.value()))
                    : new Printed("$L.lanewise($T.$L)", PRIMARY, receiver(unary.value()), OPERATORS, function.name());
        }
        if (function == Expr.Unary.Function.NEG) {
            CodeBlock value = operand(unary.value(), UNARY);
            // Never "--x", which Java reads as a decrement.
            return value.toString().startsWith("-") ? new Printed("-($L)", UNARY, value) : new Printed("-$L", UNARY, value);
        }
        return new Printed("(float) Math.$L($L)", UNARY, function.name().toLowerCase(Locale.ROOT), print(unary.value()));
    }

    static String relation(Expr.Compare.Relation relation) {
        return switch (relation) {
            case LT -> "<";
            case GT -> ">";
            case EQ -> "==";
            case NE -> "!=";
        };
    }

    private static String symbol(Expr.Binary.Operator operator) {
        return switch (operator) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case REM -> "%";
            case MIN, MAX -> throw new IllegalArgumentException("min and max are calls");
        };
    }
}
