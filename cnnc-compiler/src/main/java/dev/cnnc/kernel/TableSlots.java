package dev.cnnc.kernel;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The slots of the float table a kernel method reaches ({@code f[3]}), which buffer planning needs. */
public final class TableSlots {

    private TableSlots() {}

    public static Set<Integer> floats(KernelMethod method) {
        Set<Integer> slots = new TreeSet<>();
        block(method.body(), slots);
        return slots;
    }

    private static void block(List<Stmt> block, Set<Integer> slots) {
        for (Stmt stmt : block) {
            switch (stmt) {
                case Stmt.Assign assign -> expr(assign.value(), slots);
                case Stmt.Store store -> {
                    expr(store.array(), slots);
                    expr(store.index(), slots);
                    expr(store.value(), slots);
                }
                case Stmt.VectorStore store -> {
                    expr(store.array(), slots);
                    expr(store.index(), slots);
                    expr(store.value(), slots);
                }
                case Stmt.For loop -> {
                    expr(loop.from(), slots);
                    expr(loop.to(), slots);
                    block(loop.body(), slots);
                }
                case Stmt.IfLess branch -> {
                    expr(branch.left(), slots);
                    expr(branch.right(), slots);
                    block(branch.body(), slots);
                }
                case Stmt.Call call -> call.arguments().forEach(argument -> expr(argument, slots));
            }
        }
    }

    private static void expr(Expr expr, Set<Integer> slots) {
        switch (expr) {
            case Expr.Load load -> {
                if (load.array() instanceof Expr.Read table && table.variable().type() == Type.FLOAT_TABLE) {
                    if (!(load.index() instanceof Expr.IntConst slot)) {
                        throw new IllegalArgumentException("a float table is indexed by constant slots only");
                    }
                    slots.add(slot.value());
                } else {
                    expr(load.array(), slots);
                    expr(load.index(), slots);
                }
            }
            case Expr.Binary binary -> {
                expr(binary.left(), slots);
                expr(binary.right(), slots);
            }
            case Expr.IntToFloat convert -> expr(convert.value(), slots);
            case Expr.VectorLoad load -> {
                expr(load.array(), slots);
                expr(load.index(), slots);
            }
            case Expr.Broadcast broadcast -> expr(broadcast.value(), slots);
            case Expr.Fma fma -> {
                expr(fma.a(), slots);
                expr(fma.b(), slots);
                expr(fma.c(), slots);
            }
            case Expr.Unary unary -> expr(unary.value(), slots);
            case Expr.Compare compare -> {
                expr(compare.left(), slots);
                expr(compare.right(), slots);
            }
            case Expr.SelectPositive select -> {
                expr(select.condition(), slots);
                expr(select.positive(), slots);
                expr(select.otherwise(), slots);
            }
            case Expr.Read ignored -> {}
            case Expr.IntConst ignored -> {}
            case Expr.FloatConst ignored -> {}
        }
    }
}
