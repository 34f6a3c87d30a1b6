package dev.cnnc.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the integer constants the lowering leaves: an int variable set once to a constant (the
 * index of a loop of one trip: {@code cb = 0}) becomes that constant, arithmetic on constants is
 * done ({@code 0 * 8 + c}), and a bounds check between constants keeps its body or drops it. Only
 * ints fold, where this is exact; float arithmetic is left as written. The kernels compute the same
 * and read shorter, in Java source above all.
 */
public final class ConstantFolding {

    private final Map<String, Integer> constants;
    private final Map<String, Variable> copies;

    private ConstantFolding(Map<String, Integer> constants, Map<String, Variable> copies) {
        this.constants = constants;
        this.copies = copies;
    }

    public static KernelMethod fold(KernelMethod method) {
        KernelMethod current = method;
        while (true) {
            Map<String, Integer> constants = constants(current);
            ConstantFolding folding = new ConstantFolding(constants, constants.isEmpty() ? copies(current) : Map.of());
            List<Stmt> body = folding.block(current.body());
            KernelMethod next = new KernelMethod(current.name(), current.parameters(), body, current.doc());
            if (next.equals(current)) {
                return next;
            }
            current = next;
        }
    }

    /** Int variables set exactly once, to a constant, that are neither parameters nor loop indices. */
    private static Map<String, Integer> constants(KernelMethod method) {
        Map<String, Integer> assignments = new HashMap<>();
        Map<String, Integer> values = new HashMap<>();
        Set<String> excluded = new HashSet<>();
        method.parameters().forEach(parameter -> excluded.add(parameter.name()));
        count(method.body(), assignments, values, excluded);
        Map<String, Integer> constants = new HashMap<>();
        values.forEach((name, value) -> {
            if (assignments.get(name) == 1 && !excluded.contains(name)) {
                constants.put(name, value);
            }
        });
        return constants;
    }

    /**
     * Variables set once, to another variable that is itself set once (or a parameter never set):
     * {@code wat = wrow} after {@code wrow} was folded. Every read of the copy follows its one
     * assignment, inside the scope of its source's one assignment, so it reads the same value.
     */
    private static Map<String, Variable> copies(KernelMethod method) {
        Map<String, Integer> assignments = new HashMap<>();
        Map<String, Variable> sources = new HashMap<>();
        Set<String> indices = new HashSet<>();
        copyCandidates(method.body(), assignments, sources, indices);
        Set<String> parameters = new HashSet<>();
        method.parameters().forEach(parameter -> parameters.add(parameter.name()));
        Map<String, Variable> copies = new HashMap<>();
        sources.forEach((copy, source) -> {
            boolean copyOnce = assignments.get(copy) == 1 && !parameters.contains(copy) && !indices.contains(copy);
            int sourceAssignments = assignments.getOrDefault(source.name(), 0);
            boolean sourceFixed = !indices.contains(source.name()) && (parameters.contains(source.name())
                    ? sourceAssignments == 0 : sourceAssignments == 1);
            if (copyOnce && sourceFixed && !copy.equals(source.name())) {
                copies.put(copy, source);
            }
        });
        // One level per round: a copy of a copy is left for the next round.
        copies.keySet().removeIf(name -> copies.values().stream().anyMatch(source -> source.name().equals(name)));
        return copies;
    }

    private static void copyCandidates(List<Stmt> block, Map<String, Integer> assignments, Map<String, Variable> sources,
            Set<String> indices) {
        for (Stmt stmt : block) {
            switch (stmt) {
                case Stmt.Assign assign -> {
                    assignments.merge(assign.variable().name(), 1, Integer::sum);
                    if (assign.value() instanceof Expr.Read read) {
                        sources.put(assign.variable().name(), read.variable());
                    }
                }
                case Stmt.For loop -> {
                    indices.add(loop.index().name());
                    copyCandidates(loop.body(), assignments, sources, indices);
                }
                case Stmt.IfLess branch -> copyCandidates(branch.body(), assignments, sources, indices);
                default -> {}
            }
        }
    }

    private static void count(List<Stmt> block, Map<String, Integer> assignments, Map<String, Integer> values,
            Set<String> excluded) {
        for (Stmt stmt : block) {
            switch (stmt) {
                case Stmt.Assign assign -> {
                    String name = assign.variable().name();
                    assignments.merge(name, 1, Integer::sum);
                    if (assign.variable().type() == Type.INT && assign.value() instanceof Expr.IntConst constant) {
                        values.put(name, constant.value());
                    } else {
                        excluded.add(name);
                    }
                }
                case Stmt.For loop -> {
                    excluded.add(loop.index().name());
                    count(loop.body(), assignments, values, excluded);
                }
                case Stmt.IfLess branch -> count(branch.body(), assignments, values, excluded);
                default -> {}
            }
        }
    }

    private List<Stmt> block(List<Stmt> block) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt stmt : block) {
            switch (stmt) {
                case Stmt.Assign assign -> {
                    if (!constants.containsKey(assign.variable().name()) && !copies.containsKey(assign.variable().name())) {
                        out.add(new Stmt.Assign(assign.variable(), expr(assign.value())));
                    }
                }
                case Stmt.Store store -> out.add(new Stmt.Store(expr(store.array()), expr(store.index()),
                        expr(store.value())));
                case Stmt.VectorStore store -> out.add(new Stmt.VectorStore(expr(store.array()), expr(store.index()),
                        expr(store.value())));
                case Stmt.Call call -> out.add(new Stmt.Call(call.owner(), call.method(),
                        call.arguments().stream().map(this::expr).toList()));
                case Stmt.For loop -> out.add(new Stmt.For(loop.index(), expr(loop.from()), expr(loop.to()), loop.step(),
                        block(loop.body()), loop.note()));
                case Stmt.IfLess branch -> {
                    Expr left = expr(branch.left());
                    Expr right = expr(branch.right());
                    if (left instanceof Expr.IntConst a && right instanceof Expr.IntConst b) {
                        // A check between constants: its body always runs, or never.
                        if (a.value() < b.value()) {
                            out.addAll(block(branch.body()));
                        }
                    } else {
                        out.add(new Stmt.IfLess(left, right, block(branch.body())));
                    }
                }
            }
        }
        return out;
    }

    private Expr expr(Expr expr) {
        return switch (expr) {
            case Expr.Read read -> constants.containsKey(read.variable().name())
                    ? new Expr.IntConst(constants.get(read.variable().name()))
                    : copies.containsKey(read.variable().name()) ? new Expr.Read(copies.get(read.variable().name())) : read;
            case Expr.Load load -> new Expr.Load(expr(load.array()), expr(load.index()));
            case Expr.VectorLoad load -> new Expr.VectorLoad(expr(load.array()), expr(load.index()));
            case Expr.Binary binary -> binary(binary.operator(), expr(binary.left()), expr(binary.right()));
            case Expr.IntToFloat convert -> new Expr.IntToFloat(expr(convert.value()));
            case Expr.Broadcast broadcast -> new Expr.Broadcast(expr(broadcast.value()));
            case Expr.Fma fma -> new Expr.Fma(expr(fma.a()), expr(fma.b()), expr(fma.c()));
            case Expr.Unary unary -> new Expr.Unary(unary.function(), expr(unary.value()));
            case Expr.Compare compare -> {
                Expr left = expr(compare.left());
                Expr right = expr(compare.right());
                if (left instanceof Expr.IntConst a && right instanceof Expr.IntConst b) {
                    boolean holds = switch (compare.relation()) {
                        case LT -> a.value() < b.value();
                        case GT -> a.value() > b.value();
                        case EQ -> a.value() == b.value();
                        case NE -> a.value() != b.value();
                    };
                    yield new Expr.IntConst(holds ? 1 : 0);
                }
                yield new Expr.Compare(compare.relation(), left, right);
            }
            case Expr.SelectPositive select -> new Expr.SelectPositive(expr(select.condition()), expr(select.positive()),
                    expr(select.otherwise()));
            case Expr.IntConst constant -> constant;
            case Expr.FloatConst constant -> constant;
        };
    }

    private static Expr binary(Expr.Binary.Operator operator, Expr left, Expr right) {
        Expr.Binary written = new Expr.Binary(operator, left, right);
        if (written.type() != Type.INT) {
            return written;
        }
        Integer a = left instanceof Expr.IntConst c ? c.value() : null;
        Integer b = right instanceof Expr.IntConst c ? c.value() : null;
        if (a != null && b != null) {
            switch (operator) {
                case ADD -> { return new Expr.IntConst(a + b); }
                case SUB -> { return new Expr.IntConst(a - b); }
                case MUL -> { return new Expr.IntConst(a * b); }
                case MIN -> { return new Expr.IntConst(Math.min(a, b)); }
                case MAX -> { return new Expr.IntConst(Math.max(a, b)); }
                case DIV, REM -> {
                    if (b != 0) {
                        return new Expr.IntConst(operator == Expr.Binary.Operator.DIV ? a / b : a % b);
                    }
                }
            }
            return written;
        }
        return switch (operator) {
            case ADD -> a != null && a == 0 ? right : b != null && b == 0 ? left : written;
            case SUB -> b != null && b == 0 ? left : written;
            case MUL -> (a != null && a == 0) || (b != null && b == 0) ? new Expr.IntConst(0)
                    : a != null && a == 1 ? right : b != null && b == 1 ? left : written;
            case DIV -> b != null && b == 1 ? left : written;
            default -> written;
        };
    }
}
