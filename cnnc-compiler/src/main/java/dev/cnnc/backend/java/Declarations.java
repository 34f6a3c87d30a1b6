package dev.cnnc.backend.java;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.Stmt;
import dev.cnnc.kernel.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where Java declares each local of a kernel method: in the innermost block that holds every use
 * of it, at its first assignment there ({@code int h = rest - d * 28;}) or, when that first use is
 * inside a nested loop, on a line of its own before it ({@code FloatVector acc0_0;}). Uses in
 * sibling loops that each set the variable first get a declaration each. The kernel IR's rule that
 * a variable is set before it is read, in the same or an enclosing block, makes every such place
 * definitely assigned for javac.
 */
final class Declarations {

    /** The variables declared right before statement {@code index} of a block, without a value. */
    private final Map<List<Stmt>, Map<Integer, List<Variable>>> before = new IdentityHashMap<>();
    /** The assignments that declare their variable. */
    private final Set<Stmt> declaring = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private Declarations() {}

    static Declarations of(KernelMethod method) {
        Declarations declarations = new Declarations();
        Map<String, Variable> locals = new LinkedHashMap<>();
        collect(method.body(), locals);
        method.parameters().forEach(parameter -> locals.remove(parameter.name()));
        for (Variable local : locals.values()) {
            declarations.place(method.body(), local);
        }
        return declarations;
    }

    List<Variable> before(List<Stmt> block, int index) {
        return before.getOrDefault(block, Map.of()).getOrDefault(index, List.of());
    }

    boolean declares(Stmt.Assign assign) {
        return declaring.contains(assign);
    }

    private void place(List<Stmt> block, Variable variable) {
        List<Integer> using = new ArrayList<>();
        boolean direct = false;
        for (int i = 0; i < block.size(); i++) {
            Use use = use(block.get(i), variable.name());
            if (use != Use.NONE) {
                using.add(i);
                direct |= use == Use.DIRECT;
            }
        }
        if (using.isEmpty()) {
            return;
        }
        if (!direct) {
            // Only nested blocks use it: each sets it before reading it, so each declares it.
            for (int i : using) {
                place(body(block.get(i)), variable);
            }
            return;
        }
        Stmt first = block.get(using.get(0));
        if (first instanceof Stmt.Assign assign && assign.variable().name().equals(variable.name())
                && !reads(assign.value(), variable.name())) {
            declaring.add(assign);
        } else {
            before.computeIfAbsent(block, ignored -> new HashMap<>())
                    .computeIfAbsent(using.get(0), ignored -> new ArrayList<>()).add(variable);
        }
    }

    private enum Use {
        NONE,
        NESTED,
        DIRECT
    }

    /** How {@code stmt} uses {@code name}: not at all, only inside its nested blocks, or at this level. */
    private static Use use(Stmt stmt, String name) {
        return switch (stmt) {
            case Stmt.Assign assign -> assign.variable().name().equals(name) || reads(assign.value(), name) ? Use.DIRECT
                    : Use.NONE;
            case Stmt.Store store -> reads(store.array(), name) || reads(store.index(), name) || reads(store.value(), name)
                    ? Use.DIRECT : Use.NONE;
            case Stmt.VectorStore store -> reads(store.array(), name) || reads(store.index(), name)
                    || reads(store.value(), name) ? Use.DIRECT : Use.NONE;
            case Stmt.Call call -> call.arguments().stream().anyMatch(argument -> reads(argument, name)) ? Use.DIRECT
                    : Use.NONE;
            case Stmt.For loop -> {
                if (reads(loop.from(), name) || reads(loop.to(), name)) {
                    yield Use.DIRECT;
                }
                // The loop declares its own index; uses inside it are the loop's.
                yield !loop.index().name().equals(name) && uses(loop.body(), name) ? Use.NESTED : Use.NONE;
            }
            case Stmt.IfLess branch -> reads(branch.left(), name) || reads(branch.right(), name) ? Use.DIRECT
                    : uses(branch.body(), name) ? Use.NESTED : Use.NONE;
        };
    }

    private static boolean uses(List<Stmt> block, String name) {
        return block.stream().anyMatch(stmt -> use(stmt, name) != Use.NONE);
    }

    /** The nested block of a loop or a bounds check; NESTED uses come from nowhere else. */
    private static List<Stmt> body(Stmt stmt) {
        return switch (stmt) {
            case Stmt.For loop -> loop.body();
            case Stmt.IfLess branch -> branch.body();
            default -> throw new IllegalArgumentException("only loops and checks nest blocks");
        };
    }

    static boolean reads(Expr expr, String name) {
        return switch (expr) {
            case Expr.Read read -> read.variable().name().equals(name);
            case Expr.Load load -> reads(load.array(), name) || reads(load.index(), name);
            case Expr.VectorLoad load -> reads(load.array(), name) || reads(load.index(), name);
            case Expr.Binary binary -> reads(binary.left(), name) || reads(binary.right(), name);
            case Expr.IntToFloat convert -> reads(convert.value(), name);
            case Expr.Broadcast broadcast -> reads(broadcast.value(), name);
            case Expr.Fma fma -> reads(fma.a(), name) || reads(fma.b(), name) || reads(fma.c(), name);
            case Expr.Unary unary -> reads(unary.value(), name);
            case Expr.Compare compare -> reads(compare.left(), name) || reads(compare.right(), name);
            case Expr.SelectPositive select -> reads(select.condition(), name) || reads(select.positive(), name)
                    || reads(select.otherwise(), name);
            case Expr.IntConst ignored -> false;
            case Expr.FloatConst ignored -> false;
        };
    }

    /** Every variable assigned or read, loop indices aside, by name, in order of appearance. */
    private static void collect(List<Stmt> block, Map<String, Variable> locals) {
        for (Stmt stmt : block) {
            switch (stmt) {
                case Stmt.Assign assign -> {
                    collect(assign.value(), locals);
                    locals.putIfAbsent(assign.variable().name(), assign.variable());
                }
                case Stmt.Store store -> {
                    collect(store.array(), locals);
                    collect(store.index(), locals);
                    collect(store.value(), locals);
                }
                case Stmt.VectorStore store -> {
                    collect(store.array(), locals);
                    collect(store.index(), locals);
                    collect(store.value(), locals);
                }
                case Stmt.Call call -> call.arguments().forEach(argument -> collect(argument, locals));
                case Stmt.For loop -> {
                    collect(loop.from(), locals);
                    collect(loop.to(), locals);
                    Map<String, Variable> inner = new LinkedHashMap<>();
                    collect(loop.body(), inner);
                    inner.remove(loop.index().name());
                    inner.forEach(locals::putIfAbsent);
                }
                case Stmt.IfLess branch -> {
                    collect(branch.left(), locals);
                    collect(branch.right(), locals);
                    collect(branch.body(), locals);
                }
            }
        }
    }

    private static void collect(Expr expr, Map<String, Variable> locals) {
        switch (expr) {
            case Expr.Read read -> locals.putIfAbsent(read.variable().name(), read.variable());
            case Expr.Load load -> {
                collect(load.array(), locals);
                collect(load.index(), locals);
            }
            case Expr.VectorLoad load -> {
                collect(load.array(), locals);
                collect(load.index(), locals);
            }
            case Expr.Binary binary -> {
                collect(binary.left(), locals);
                collect(binary.right(), locals);
            }
            case Expr.IntToFloat convert -> collect(convert.value(), locals);
            case Expr.Broadcast broadcast -> collect(broadcast.value(), locals);
            case Expr.Fma fma -> {
                collect(fma.a(), locals);
                collect(fma.b(), locals);
                collect(fma.c(), locals);
            }
            case Expr.Unary unary -> collect(unary.value(), locals);
            case Expr.Compare compare -> {
                collect(compare.left(), locals);
                collect(compare.right(), locals);
            }
            case Expr.SelectPositive select -> {
                collect(select.condition(), locals);
                collect(select.positive(), locals);
                collect(select.otherwise(), locals);
            }
            case Expr.IntConst ignored -> {}
            case Expr.FloatConst ignored -> {}
        }
    }
}
