package dev.cnnc.kernel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Splits methods whose code would pass a size limit: runs of statements move into methods of
 * their own that take the variables they read, and the body of a loop too large by itself moves
 * into a method called once per iteration. Assignments at the top of a block stay where they are,
 * so that what later statements read is still set. A method that cannot be split this way is an
 * error of the lowering, never a silent slow method.
 */
public final class MethodSplitter {

    private final ToIntFunction<KernelMethod> size;
    private final int limit;
    private final List<KernelMethod> out = new ArrayList<>();
    private int parts;

    private MethodSplitter(ToIntFunction<KernelMethod> size, int limit) {
        this.size = size;
        this.limit = limit;
    }

    /** The class with every method at most {@code limit} by {@code size}. */
    public static KernelClass split(KernelClass kernels, ToIntFunction<KernelMethod> size, int limit) {
        MethodSplitter splitter = new MethodSplitter(size, limit);
        for (KernelMethod method : kernels.methods()) {
            splitter.fit(method);
        }
        return new KernelClass(kernels.internalName(), kernels.lanes(), splitter.out);
    }

    private void fit(KernelMethod method) {
        if (size.applyAsInt(method) <= limit) {
            out.add(method);
            return;
        }
        List<Stmt> body = method.body();
        if (body.size() == 1 && body.get(0) instanceof Stmt.For loop) {
            // One loop too big: its body becomes a method called once per iteration.
            KernelMethod inner = outline(method.name(), loop.body(), method.parameters(), free(loop.body()).keySet());
            out.add(new KernelMethod(method.name(), method.parameters(),
                    List.of(new Stmt.For(loop.index(), loop.from(), loop.to(), loop.step(), List.of(call(inner)),
                            loop.note())), method.doc()));
            fit(inner);
            return;
        }
        List<Stmt> movable = body.stream().filter(stmt -> !(stmt instanceof Stmt.Assign)).toList();
        if (movable.isEmpty() || (movable.size() == 1 && !(movable.get(0) instanceof Stmt.For))) {
            throw new IllegalStateException(method.name() + " is over " + limit + " bytes and has no part to move out");
        }
        List<Stmt> result = new ArrayList<>();
        int position = 0;
        while (position < body.size()) {
            if (body.get(position) instanceof Stmt.Assign) {
                result.add(body.get(position++));
                continue;
            }
            int end = position;
            while (end < body.size() && !(body.get(end) instanceof Stmt.Assign)) {
                end++;
            }
            for (List<Stmt> piece : halves(body.subList(position, end))) {
                position += piece.size();
                KernelMethod part = outline(method.name(), piece, method.parameters(), readLater(body, position));
                result.add(call(part));
                fit(part);
            }
        }
        out.add(new KernelMethod(method.name(), method.parameters(), result, method.doc()));
    }

    private static List<List<Stmt>> halves(List<Stmt> run) {
        if (run.size() == 1) {
            return List.of(run);
        }
        int middle = run.size() / 2;
        return List.of(run.subList(0, middle), run.subList(middle, run.size()));
    }

    /** The variables statements from {@code from} on read before they set them. */
    private static Set<String> readLater(List<Stmt> body, int from) {
        return free(body.subList(Math.min(from, body.size()), body.size())).keySet();
    }

    private KernelMethod outline(String name, List<Stmt> statements, List<Variable> methodParameters,
            Set<String> readLater) {
        Map<String, Variable> free = free(statements);
        Set<String> assigned = new HashSet<>();
        assigned(statements, assigned);
        for (String variable : assigned) {
            if (readLater.contains(variable)) {
                throw new IllegalStateException(name + ": cannot move statements that set " + variable
                        + " into a method of their own, since later statements read it");
            }
        }
        List<Variable> parameters = new ArrayList<>();
        for (Variable parameter : methodParameters) {
            if (free.remove(parameter.name()) != null) {
                parameters.add(parameter);
            }
        }
        parameters.addAll(free.values());
        return new KernelMethod(name + "_part" + parts++, parameters, statements, "A part of " + name
                + ", in a method of its own so that each stays under the 8,000 bytes HotSpot compiles.");
    }

    private static Stmt call(KernelMethod method) {
        List<Expr> arguments = method.parameters().stream().<Expr>map(Expr.Read::new).toList();
        return new Stmt.Call(null, method.name(), arguments);
    }

    /** Variables read before being set, in order of first read. */
    static Map<String, Variable> free(List<Stmt> statements) {
        Map<String, Variable> free = new LinkedHashMap<>();
        block(statements, new HashSet<>(), free);
        return free;
    }

    private static void block(List<Stmt> statements, Set<String> set, Map<String, Variable> free) {
        for (Stmt stmt : statements) {
            switch (stmt) {
                case Stmt.Assign assign -> {
                    expr(assign.value(), set, free);
                    set.add(assign.variable().name());
                }
                case Stmt.Store store -> {
                    expr(store.array(), set, free);
                    expr(store.index(), set, free);
                    expr(store.value(), set, free);
                }
                case Stmt.VectorStore store -> {
                    expr(store.array(), set, free);
                    expr(store.index(), set, free);
                    expr(store.value(), set, free);
                }
                case Stmt.Call call -> call.arguments().forEach(argument -> expr(argument, set, free));
                case Stmt.For loop -> {
                    expr(loop.from(), set, free);
                    expr(loop.to(), set, free);
                    Set<String> inner = new HashSet<>(set);
                    inner.add(loop.index().name());
                    block(loop.body(), inner, free);
                }
                case Stmt.IfLess branch -> {
                    expr(branch.left(), set, free);
                    expr(branch.right(), set, free);
                    block(branch.body(), new HashSet<>(set), free);
                }
            }
        }
    }

    private static void expr(Expr expr, Set<String> set, Map<String, Variable> free) {
        switch (expr) {
            case Expr.Read read -> {
                if (!set.contains(read.variable().name())) {
                    free.putIfAbsent(read.variable().name(), read.variable());
                }
            }
            case Expr.Load load -> {
                expr(load.array(), set, free);
                expr(load.index(), set, free);
            }
            case Expr.VectorLoad load -> {
                expr(load.array(), set, free);
                expr(load.index(), set, free);
            }
            case Expr.Binary binary -> {
                expr(binary.left(), set, free);
                expr(binary.right(), set, free);
            }
            case Expr.Compare compare -> {
                expr(compare.left(), set, free);
                expr(compare.right(), set, free);
            }
            case Expr.Fma fma -> {
                expr(fma.a(), set, free);
                expr(fma.b(), set, free);
                expr(fma.c(), set, free);
            }
            case Expr.SelectPositive select -> {
                expr(select.condition(), set, free);
                expr(select.positive(), set, free);
                expr(select.otherwise(), set, free);
            }
            case Expr.Unary unary -> expr(unary.value(), set, free);
            case Expr.Broadcast broadcast -> expr(broadcast.value(), set, free);
            case Expr.IntToFloat convert -> expr(convert.value(), set, free);
            case Expr.IntConst ignored -> {}
            case Expr.FloatConst ignored -> {}
        }
    }

    private static void assigned(List<Stmt> statements, Set<String> names) {
        for (Stmt stmt : statements) {
            switch (stmt) {
                case Stmt.Assign assign -> names.add(assign.variable().name());
                case Stmt.For loop -> {
                    names.add(loop.index().name());
                    assigned(loop.body(), names);
                }
                case Stmt.IfLess branch -> assigned(branch.body(), names);
                default -> {}
            }
        }
    }
}
