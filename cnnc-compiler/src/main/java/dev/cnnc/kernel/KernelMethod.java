package dev.cnnc.kernel;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A static method of a kernel class returning nothing. Building one checks that every variable
 * is a parameter or assigned before it is read, and that one name always has one type.
 */
public record KernelMethod(String name, List<Variable> parameters, List<Stmt> body, String doc) {

    public KernelMethod(String name, List<Variable> parameters, List<Stmt> body) {
        this(name, parameters, body, "");
    }

    /**
     * @param doc what the kernel computes and for which layer of which line, for the Java
     *     backend's comment above it; empty when there is nothing to say
     */
    public KernelMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(doc, "doc");
        parameters = List.copyOf(parameters);
        body = List.copyOf(body);
        Map<String, Type> types = new HashMap<>();
        Set<String> defined = new HashSet<>();
        for (Variable parameter : parameters) {
            declare(types, parameter);
            if (!defined.add(parameter.name())) {
                throw new IllegalArgumentException(name + ": parameter " + parameter.name() + " is listed twice");
            }
        }
        checkBlock(name, body, types, defined);
    }

    private static void checkBlock(String method, List<Stmt> block, Map<String, Type> types, Set<String> defined) {
        for (Stmt stmt : block) {
            switch (stmt) {
                case Stmt.Assign assign -> {
                    checkExpr(method, assign.value(), types, defined);
                    declare(types, assign.variable());
                    defined.add(assign.variable().name());
                }
                case Stmt.Store store -> {
                    checkExpr(method, store.array(), types, defined);
                    checkExpr(method, store.index(), types, defined);
                    checkExpr(method, store.value(), types, defined);
                }
                case Stmt.For loop -> {
                    checkExpr(method, loop.from(), types, defined);
                    checkExpr(method, loop.to(), types, defined);
                    declare(types, loop.index());
                    Set<String> inner = new HashSet<>(defined);
                    inner.add(loop.index().name());
                    checkBlock(method, loop.body(), types, inner);
                }
                case Stmt.VectorStore store -> {
                    checkExpr(method, store.array(), types, defined);
                    checkExpr(method, store.index(), types, defined);
                    checkExpr(method, store.value(), types, defined);
                }
                case Stmt.Call call -> call.arguments().forEach(argument -> checkExpr(method, argument, types, defined));
                case Stmt.IfLess branch -> {
                    checkExpr(method, branch.left(), types, defined);
                    checkExpr(method, branch.right(), types, defined);
                    checkBlock(method, branch.body(), types, new HashSet<>(defined));
                }
            }
        }
    }

    private static void checkExpr(String method, Expr expr, Map<String, Type> types, Set<String> defined) {
        switch (expr) {
            case Expr.Read read -> {
                if (!defined.contains(read.variable().name())) {
                    throw new IllegalArgumentException(method + ": " + read.variable().name() + " is read before it is set");
                }
                declare(types, read.variable());
            }
            case Expr.Load load -> {
                checkExpr(method, load.array(), types, defined);
                checkExpr(method, load.index(), types, defined);
            }
            case Expr.Binary binary -> {
                checkExpr(method, binary.left(), types, defined);
                checkExpr(method, binary.right(), types, defined);
            }
            case Expr.IntToFloat convert -> checkExpr(method, convert.value(), types, defined);
            case Expr.VectorLoad load -> {
                checkExpr(method, load.array(), types, defined);
                checkExpr(method, load.index(), types, defined);
            }
            case Expr.Broadcast broadcast -> checkExpr(method, broadcast.value(), types, defined);
            case Expr.Fma fma -> {
                checkExpr(method, fma.a(), types, defined);
                checkExpr(method, fma.b(), types, defined);
                checkExpr(method, fma.c(), types, defined);
            }
            case Expr.Unary unary -> checkExpr(method, unary.value(), types, defined);
            case Expr.Compare compare -> {
                checkExpr(method, compare.left(), types, defined);
                checkExpr(method, compare.right(), types, defined);
            }
            case Expr.SelectPositive select -> {
                checkExpr(method, select.condition(), types, defined);
                checkExpr(method, select.positive(), types, defined);
                checkExpr(method, select.otherwise(), types, defined);
            }
            case Expr.IntConst ignored -> {}
            case Expr.FloatConst ignored -> {}
        }
    }

    private static void declare(Map<String, Type> types, Variable variable) {
        Type known = types.putIfAbsent(variable.name(), variable.type());
        if (known != null && known != variable.type()) {
            throw new IllegalArgumentException(variable.name() + " is both " + known + " and " + variable.type());
        }
    }

    /** The JVM descriptor, e.g. {@code ([F[FI)V}, with vectors as floats in the scalar variant. */
    public String descriptor(boolean scalar) {
        StringBuilder descriptor = new StringBuilder("(");
        parameters.forEach(parameter -> descriptor.append(parameter.type().descriptor(scalar)));
        return descriptor.append(")V").toString();
    }
}
