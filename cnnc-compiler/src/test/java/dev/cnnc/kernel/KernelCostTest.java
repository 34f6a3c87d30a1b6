package dev.cnnc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost estimate that decides which steps are worth a second thread. */
class KernelCostTest {

    private static final Variable I = new Variable("i", Type.INT);
    private static final Variable J = new Variable("j", Type.INT);
    private static final Variable B = new Variable("b", Type.INT);

    private static Stmt body() {
        return new Stmt.Assign(J, new Expr.IntConst(1));
    }

    @Test
    void aLoopWithConstantBoundsCountsItsTrips() {
        Stmt loop = new Stmt.For(I, new Expr.IntConst(0), new Expr.IntConst(10), 3, List.of(body(), body()));
        assertEquals(4 * 2, KernelCost.of(List.of(loop)));
    }

    @Test
    void aBlockOfABlockedNestCountsItsWidth() {
        Expr start = new Expr.Read(B);
        Expr end = new Expr.Binary(Expr.Binary.Operator.ADD, start, new Expr.IntConst(128));
        Stmt loop = new Stmt.For(I, start, end, 1, List.of(body()));
        assertEquals(128, KernelCost.of(List.of(loop)));
    }

    @Test
    void aLoopOverAnUnknownRangeCountsOnce() {
        Stmt loop = new Stmt.For(I, new Expr.IntConst(0), new Expr.Read(B), 1, List.of(body(), body()));
        assertEquals(2, KernelCost.of(List.of(loop)));
    }
}
