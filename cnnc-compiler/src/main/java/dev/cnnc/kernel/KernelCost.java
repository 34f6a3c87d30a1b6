package dev.cnnc.kernel;

import java.util.List;

/**
 * A static estimate of the statements a block runs: one per statement, times the trip count of each
 * loop whose bounds are constant or a constant apart ({@code for (ci = cib; ci < cib + 128; ...)},
 * a block of a blocked nest); any other loop counts once. Threads use it to
 * leave short steps to one thread, where waking a second would cost more than it saves.
 */
public final class KernelCost {

    private KernelCost() {}

    public static long of(List<Stmt> block) {
        long cost = 0;
        for (Stmt stmt : block) {
            cost += switch (stmt) {
                case Stmt.For loop -> trips(loop) * Math.max(1, of(loop.body()));
                case Stmt.IfLess branch -> 1 + of(branch.body());
                default -> 1;
            };
        }
        return cost;
    }

    private static long trips(Stmt.For loop) {
        if (loop.from() instanceof Expr.IntConst from && loop.to() instanceof Expr.IntConst to) {
            return Math.max(0, ((long) to.value() - from.value() + loop.step() - 1) / loop.step());
        }
        if (loop.to() instanceof Expr.Binary(Expr.Binary.Operator operator, Expr start, Expr.IntConst span)
                && operator == Expr.Binary.Operator.ADD && start.equals(loop.from())) {
            return Math.max(0, ((long) span.value() + loop.step() - 1) / loop.step());
        }
        return 1;
    }
}
