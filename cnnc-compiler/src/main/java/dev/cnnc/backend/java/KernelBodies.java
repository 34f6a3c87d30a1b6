package dev.cnnc.backend.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.Stmt;
import dev.cnnc.kernel.Type;
import dev.cnnc.kernel.Variable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Prints a kernel method's body as Java statements, declaring each local where {@link Declarations} says. */
final class KernelBodies {

    private final boolean scalar;
    private final JavaExpressions expressions;
    private final Declarations declarations;
    private final CodeBlock.Builder code = CodeBlock.builder();
    /** The names declared in each enclosing block, innermost first. */
    private final Deque<Set<String>> scopes = new ArrayDeque<>();

    private KernelBodies(boolean scalar, KernelMethod method) {
        this.scalar = scalar;
        this.expressions = new JavaExpressions(scalar);
        this.declarations = Declarations.of(method);
        scopes.push(new HashSet<>());
        method.parameters().forEach(parameter -> scopes.peek().add(parameter.name()));
    }

    private boolean inScope(String name) {
        return scopes.stream().anyMatch(scope -> scope.contains(name));
    }

    private void nested(List<Stmt> body, String declared) {
        scopes.push(new HashSet<>());
        if (declared != null) {
            scopes.peek().add(declared);
        }
        block(body);
        scopes.pop();
    }

    static CodeBlock of(KernelMethod method, boolean scalar) {
        KernelBodies bodies = new KernelBodies(scalar, method);
        bodies.block(method.body());
        return bodies.code.build();
    }

    private CodeBlock type(Variable variable) {
        return CodeBlock.of("$T", JavaExpressions.type(variable.type(), scalar));
    }

    private void block(List<Stmt> block) {
        for (int i = 0; i < block.size(); i++) {
            for (Variable variable : declarations.before(block, i)) {
                code.addStatement("$L $L", type(variable), variable.name());
                scopes.peek().add(variable.name());
            }
            statement(block.get(i));
        }
    }

    private void statement(Stmt stmt) {
        switch (stmt) {
            case Stmt.Assign assign -> {
                if (declarations.declares(assign)) {
                    scopes.peek().add(assign.variable().name());
                    code.addStatement("$L $L = $L", type(assign.variable()), assign.variable().name(),
                            expressions.print(assign.value()));
                } else {
                    code.addStatement("$L = $L", assign.variable().name(), expressions.print(assign.value()));
                }
            }
            case Stmt.Store store -> store(store.array(), store.index(), store.value(), false);
            case Stmt.VectorStore store -> store(store.array(), store.index(), store.value(), !scalar);
            case Stmt.Call call -> {
                CodeBlock arguments = call.arguments().stream().map(expressions::print).collect(CodeBlock.joining(", "));
                if (call.owner() == null) {
                    code.addStatement("$L($L)", call.method(), arguments);
                } else {
                    code.addStatement("$T.$L($L)", ClassName.bestGuess(call.owner().replace('/', '.')), call.method(),
                            arguments);
                }
            }
            case Stmt.For loop -> {
                if (loop.note() != null && !loop.note().isEmpty()) {
                    code.add("// $L\n", loop.note());
                }
                String index = loop.index().name();
                // A name the method already declares (a one-trip loop elsewhere set it) is reused, not declared again.
                boolean declare = !inScope(index);
                code.beginControlFlow("for ($L$L = $L; $L < $L; $L)", declare ? "int " : "", index,
                        expressions.print(loop.from()), index, expressions.print(loop.to()),
                        loop.step() == 1 ? index + "++" : index + " += " + loop.step());
                nested(loop.body(), declare ? index : null);
                code.endControlFlow();
            }
            case Stmt.IfLess branch -> {
                // Nested bounds checks read as one condition: if (-1 < ih && ih < 28).
                CodeBlock condition = condition(branch);
                List<Stmt> body = branch.body();
                while (body.size() == 1 && body.get(0) instanceof Stmt.IfLess inner) {
                    condition = CodeBlock.of("$L && $L", condition, condition(inner));
                    body = inner.body();
                }
                code.beginControlFlow("if ($L)", condition);
                nested(body, null);
                code.endControlFlow();
            }
        }
    }

    private CodeBlock condition(Stmt.IfLess branch) {
        if (branch.left() instanceof Expr.IntConst zero && zero.value() == 0 && isTruth(branch.right())) {
            return logical(branch.right(), false);
        }
        return CodeBlock.of("$L < $L", expressions.operand(branch.left(), 2), expressions.operand(branch.right(), 2));
    }

    /** Whether {@code expr} is a truth value of 0 or 1: a comparison, or the min (and) or max (or) of such. */
    private static boolean isTruth(Expr expr) {
        return expr instanceof Expr.Compare || (expr instanceof Expr.Binary binary && binary.type() == Type.INT
                && (binary.operator() == Expr.Binary.Operator.MIN || binary.operator() == Expr.Binary.Operator.MAX)
                && isTruth(binary.left()) && isTruth(binary.right()));
    }

    /** {@code 0 < max(a < b, min(c, d))} reads as {@code a < b || c && d}: the same truth, no side effects to skip. */
    private CodeBlock logical(Expr expr, boolean insideAnd) {
        if (expr instanceof Expr.Compare compare) {
            return CodeBlock.of("$L $L $L", expressions.operand(compare.left(), 2),
                    JavaExpressions.relation(compare.relation()), expressions.operand(compare.right(), 2));
        }
        Expr.Binary binary = (Expr.Binary) expr;
        boolean and = binary.operator() == Expr.Binary.Operator.MIN;
        CodeBlock joined = CodeBlock.of(and ? "$L && $L" : "$L || $L", logical(binary.left(), and),
                logical(binary.right(), and));
        return insideAnd && !and ? CodeBlock.of("($L)", joined) : joined;
    }

    // array[index] = value, array[index] += rest, or value.intoArray(array, index) for vectors
    private void store(Expr array, Expr index, Expr value, boolean vector) {
        if (vector) {
            code.addStatement("$L.intoArray($L, $L)", expressions.receiver(value), expressions.print(array),
                    expressions.print(index));
            return;
        }
        CodeBlock target = CodeBlock.of("$L[$L]", expressions.receiver(array), expressions.print(index));
        if (value instanceof Expr.Binary binary && binary.operator() == Expr.Binary.Operator.ADD
                && isElement(binary.left(), array, index)) {
            code.addStatement("$L += $L", target, expressions.print(binary.right()));
            return;
        }
        code.addStatement("$L = $L", target, expressions.print(value));
    }

    private static boolean isElement(Expr expr, Expr array, Expr index) {
        return switch (expr) {
            case Expr.Load load -> load.array().equals(array) && load.index().equals(index);
            case Expr.VectorLoad load -> load.array().equals(array) && load.index().equals(index);
            default -> false;
        };
    }
}
