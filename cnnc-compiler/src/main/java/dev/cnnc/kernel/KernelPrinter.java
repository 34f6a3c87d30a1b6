package dev.cnnc.kernel;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints kernel IR as Java-like text, for {@code --dump-ir} and for people learning what a layer becomes. */
public final class KernelPrinter {

    private final StringBuilder text = new StringBuilder();
    private final boolean scalar;

    private KernelPrinter(boolean scalar) {
        this.scalar = scalar;
    }

    public static String print(KernelClass kernels) {
        KernelPrinter printer = new KernelPrinter(kernels.isScalar());
        printer.text.append("// ").append(kernels.internalName()).append(", ")
                .append(kernels.isScalar() ? "scalar" : kernels.lanes() + " lanes per vector").append('\n');
        for (KernelMethod method : kernels.methods()) {
            printer.method(method);
        }
        return printer.text.toString();
    }

    /** The passes, a step per line with its parallel range, then the kernels. */
    public static String print(NetworkClass network) {
        StringBuilder passes = new StringBuilder();
        for (String pass : List.of("forward", "backward")) {
            passes.append("// ").append(pass).append(" pass: each step is one call, or a range threads split\n");
            for (KernelStep step : pass.equals("forward") ? network.forward() : network.backward()) {
                passes.append(String.format(Locale.ROOT, "//   %-48s %s%n", step.method(), step.rangeText()));
            }
        }
        return passes + "\n" + print(network.kernels());
    }

    private void method(KernelMethod method) {
        text.append("static void ").append(method.name()).append('(')
                .append(method.parameters().stream().map(p -> type(p.type()) + " " + p.name())
                        .collect(Collectors.joining(", ")))
                .append(") {\n");
        block(method.body(), 1);
        text.append("}\n\n");
    }

    private String type(Type type) {
        return switch (type) {
            case INT -> "int";
            case FLOAT -> "float";
            case VECTOR -> scalar ? "float" : "FloatVector";
            case INT_ARRAY -> "int[]";
            case FLOAT_ARRAY -> "float[]";
            case INT_TABLE -> "int[][]";
            case FLOAT_TABLE -> "float[][]";
        };
    }

    private void block(List<Stmt> statements, int depth) {
        for (Stmt stmt : statements) {
            text.append("    ".repeat(depth));
            switch (stmt) {
                case Stmt.Assign assign -> text.append(assign.variable().name()).append(" = ")
                        .append(expr(assign.value())).append(";\n");
                case Stmt.Store store -> text.append(expr(store.array())).append('[').append(expr(store.index()))
                        .append("] = ").append(expr(store.value())).append(";\n");
                case Stmt.VectorStore store -> text.append(expr(store.value())).append(".intoArray(")
                        .append(expr(store.array())).append(", ").append(expr(store.index())).append(");\n");
                case Stmt.Call call -> text.append(call.owner() == null ? "" : call.owner().replace('/', '.') + ".")
                        .append(call.method()).append('(')
                        .append(call.arguments().stream().map(this::expr).collect(Collectors.joining(", ")))
                        .append(");\n");
                case Stmt.For loop -> {
                    String i = loop.index().name();
                    text.append("for (int ").append(i).append(" = ").append(expr(loop.from())).append("; ").append(i)
                            .append(" < ").append(expr(loop.to())).append("; ").append(i)
                            .append(loop.step() == 1 ? "++" : " += " + loop.step()).append(") {\n");
                    block(loop.body(), depth + 1);
                    text.append("    ".repeat(depth)).append("}\n");
                }
                case Stmt.IfLess branch -> {
                    text.append("if (").append(expr(branch.left())).append(" < ").append(expr(branch.right()))
                            .append(") {\n");
                    block(branch.body(), depth + 1);
                    text.append("    ".repeat(depth)).append("}\n");
                }
            }
        }
    }

    private String expr(Expr expr) {
        return switch (expr) {
            case Expr.IntConst constant -> Integer.toString(constant.value());
            case Expr.FloatConst constant -> Float.toString(constant.value()) + "f";
            case Expr.Read read -> read.variable().name();
            case Expr.Load load -> expr(load.array()) + "[" + expr(load.index()) + "]";
            case Expr.IntToFloat convert -> "(float) " + wrap(convert.value());
            case Expr.Binary binary -> switch (binary.operator()) {
                case MIN, MAX -> binary.type() == Type.VECTOR
                        ? wrap(binary.left()) + "." + binary.operator().name().toLowerCase(Locale.ROOT) + "("
                                + expr(binary.right()) + ")"
                        : "Math." + binary.operator().name().toLowerCase(Locale.ROOT) + "(" + expr(binary.left()) + ", "
                                + expr(binary.right()) + ")";
                default -> binary.type() == Type.VECTOR && !scalar
                        ? wrap(binary.left()) + "." + binary.operator().name().toLowerCase(Locale.ROOT) + "("
                                + expr(binary.right()) + ")"
                        : wrap(binary.left()) + " " + symbol(binary.operator()) + " " + wrap(binary.right());
            };
            case Expr.VectorLoad load -> scalar ? expr(load.array()) + "[" + expr(load.index()) + "]"
                    : "FloatVector.fromArray(SPECIES, " + expr(load.array()) + ", " + expr(load.index()) + ")";
            case Expr.Broadcast broadcast -> scalar ? expr(broadcast.value())
                    : "FloatVector.broadcast(SPECIES, " + expr(broadcast.value()) + ")";
            case Expr.Fma fma -> fma.type() == Type.VECTOR && !scalar
                    ? wrap(fma.a()) + ".fma(" + expr(fma.b()) + ", " + expr(fma.c()) + ")"
                    : wrap(fma.a()) + " * " + wrap(fma.b()) + " + " + wrap(fma.c());
            case Expr.Unary unary -> unary.type() == Type.VECTOR && !scalar
                    ? wrap(unary.value()) + ".lanewise(" + unary.function() + ")"
                    : unary.function() == Expr.Unary.Function.NEG ? "-" + wrap(unary.value())
                            : "(float) Math." + unary.function().name().toLowerCase(Locale.ROOT) + "(" + expr(unary.value()) + ")";
            case Expr.SelectPositive select -> wrap(select.condition()) + " > 0 ? " + wrap(select.positive()) + " : "
                    + wrap(select.otherwise());
            case Expr.Compare compare -> "(" + wrap(compare.left()) + " " + switch (compare.relation()) {
                case LT -> "<";
                case GT -> ">";
                case EQ -> "==";
                case NE -> "!=";
            } + " " + wrap(compare.right()) + " ? 1 : 0)";
        };
    }

    private String wrap(Expr expr) {
        String printed = expr(expr);
        return expr instanceof Expr.Binary || expr instanceof Expr.Fma || expr instanceof Expr.SelectPositive
                ? "(" + printed + ")" : printed;
    }

    private static String symbol(Expr.Binary.Operator operator) {
        return switch (operator) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case REM -> "%";
            case MIN, MAX -> throw new IllegalArgumentException();
        };
    }
}
