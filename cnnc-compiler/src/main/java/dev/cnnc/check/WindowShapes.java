package dev.cnnc.check;

import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.ir.Dims;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Shape;

/**
 * Output shapes of the ops that slide a window over the spatial dimensions: convolutions,
 * transposed convolutions and pools, with the spec's errors and the unread-input warning.
 */
final class WindowShapes {

    private WindowShapes() {}

    static Shape conv(Op.Conv conv, Shape input, NodeReporter report) {
        if (!rankMatches(conv.name(), conv.rank(), input, report)) {
            return null;
        }
        checkGroups(input.channels(), conv.out(), conv.groups(), report);
        int rank = conv.rank();
        long[] out = new long[rank];
        boolean uniform = uniform(input, conv.kernel(), conv.stride(), conv.padding().explicit(), conv.dilation());
        for (int d = 0; d < (uniform ? 1 : rank); d++) {
            int at = uniform ? SpatialDimension.ALL : d;
            long i = input.spatial(d);
            long k = conv.kernel().get(d);
            long s = conv.stride().get(d);
            long dil = conv.dilation().get(d);
            long e = WindowFormula.effective(k, dil);
            if (conv.padding().isSame()) {
                WindowFormula formula = WindowFormula.same(i, s);
                out[d] = formula.size();
                long before = WindowFormula.samePaddingTotal(i, formula.size(), s, e) / 2;
                warnUnread(rank, at, i, before, formula, s, e, report);
            } else {
                long p = conv.padding().explicit().get(d);
                WindowFormula formula = WindowFormula.sliding(i, k, s, p, dil, false);
                if (!fitsPaddedInput(rank, at, i, p, e, formula, report)) {
                    continue;
                }
                out[d] = formula.size();
                warnUnread(rank, at, i, p, formula, s, e, report);
            }
        }
        return report.failed() ? null : report.shape(conv.out(), spread(out, uniform));
    }

    static Shape convTranspose(Op.ConvTranspose conv, Shape input, NodeReporter report) {
        if (!rankMatches(conv.name(), conv.rank(), input, report)) {
            return null;
        }
        checkGroups(input.channels(), conv.out(), conv.groups(), report);
        int rank = conv.rank();
        long[] out = new long[rank];
        boolean uniform = uniform(input, conv.kernel(), conv.stride(), conv.padding().explicit(), conv.dilation(),
                conv.outputPadding());
        for (int d = 0; d < (uniform ? 1 : rank); d++) {
            String dim = SpatialDimension.name(rank, uniform ? SpatialDimension.ALL : d);
            long i = input.spatial(d);
            long s = conv.stride().get(d);
            long dil = conv.dilation().get(d);
            long op = conv.outputPadding().get(d);
            if (op >= s && op >= dil) {
                report.error(ErrorCode.E304, "output_padding " + op + " (" + dim + ") must be smaller than the stride ("
                        + s + ") or the dilation (" + dil + ")");
                continue;
            }
            WindowFormula formula = conv.padding().isSame()
                    ? WindowFormula.transposedSame(i, s)
                    : WindowFormula.transposed(i, conv.kernel().get(d), s, conv.padding().explicit().get(d), dil, op);
            if (formula.size() < 1) {
                report.error(ErrorCode.E301, "output " + dim + " = " + formula.text() + ", below 1");
                continue;
            }
            out[d] = formula.size();
        }
        return report.failed() ? null : report.shape(conv.out(), spread(out, uniform));
    }

    static Shape maxPool(Op.MaxPool pool, Shape input, NodeReporter report) {
        return pool(pool.name(), pool.rank(), pool.kernel(), pool.stride(), pool.padding(), pool.dilation(),
                pool.ceilMode(), input, report);
    }

    static Shape avgPool(Op.AvgPool pool, Shape input, NodeReporter report) {
        return pool(pool.name(), pool.rank(), pool.kernel(), pool.stride(), pool.padding(), Dims.filled(pool.rank(), 1),
                pool.ceilMode(), input, report);
    }

    private static Shape pool(String name, int rank, Dims kernel, Dims stride, Dims padding, Dims dilation, boolean ceil,
            Shape input, NodeReporter report) {
        if (!rankMatches(name, rank, input, report)) {
            return null;
        }
        long[] out = new long[rank];
        boolean uniform = uniform(input, kernel, stride, padding, dilation);
        for (int d = 0; d < (uniform ? 1 : rank); d++) {
            int at = uniform ? SpatialDimension.ALL : d;
            String dim = SpatialDimension.name(rank, at);
            long i = input.spatial(d);
            long k = kernel.get(d);
            long p = padding.get(d);
            long s = stride.get(d);
            long e = WindowFormula.effective(k, dilation.get(d));
            if (p > k / 2) {
                report.error(ErrorCode.E303, "padding " + p + " (" + dim + ") is more than half the kernel: at most "
                        + k + " / 2 = " + (k / 2) + ", as in PyTorch");
                continue;
            }
            WindowFormula formula = WindowFormula.sliding(i, k, s, p, dilation.get(d), ceil);
            if (!fitsPaddedInput(rank, at, i, p, e, formula, report)) {
                continue;
            }
            out[d] = formula.size();
            if (!ceil) {
                warnUnread(rank, at, i, p, formula, s, e, report);
            }
        }
        return report.failed() ? null : report.shape(input.channels(), spread(out, uniform));
    }

    /** Whether every spatial dimension has the same size and attributes, so one message can speak for all. */
    private static boolean uniform(Shape input, Dims... attributes) {
        for (int d = 1; d < input.spatialRank(); d++) {
            if (input.spatial(d) != input.spatial(0)) {
                return false;
            }
            for (Dims attribute : attributes) {
                if (attribute.get(d) != attribute.get(0)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long[] spread(long[] out, boolean uniform) {
        if (uniform) {
            java.util.Arrays.fill(out, out[0]);
        }
        return out;
    }

    static boolean rankMatches(String op, int rank, Shape input, NodeReporter report) {
        if (input.spatialRank() == rank) {
            return true;
        }
        String suggestion = input.isFlat() ? "" : "; its form is " + op.replace(rank + "d", input.spatialRank() + "d");
        report.error(ErrorCode.E306, op + " takes " + SpatialDimension.layout(rank) + " (" + rank + " spatial dimension"
                + (rank == 1 ? "" : "s") + "), but " + report.input(0) + " is " + input + suggestion);
        return false;
    }

    private static void checkGroups(int channels, int out, int groups, NodeReporter report) {
        if (channels % groups != 0) {
            report.error(ErrorCode.E305, channels + " input channels are not divisible by groups: " + groups);
        }
        if (out % groups != 0) {
            report.error(ErrorCode.E305, "out: " + out + " channels are not divisible by groups: " + groups);
        }
    }

    private static boolean fitsPaddedInput(int rank, int d, long i, long p, long e, WindowFormula formula, NodeReporter report) {
        if (e <= i + 2 * p) {
            return true;
        }
        String dim = SpatialDimension.name(rank, d);
        report.error(ErrorCode.E302, "output " + dim + " = " + formula.text() + ", below 1: the kernel " + dim
                + " (" + e + ") is larger than the padded input (" + i + " + 2*" + p + " = " + (i + 2 * p) + ")");
        return false;
    }

    /**
     * Warns when the last window ends before the input does: PyTorch floors, and those inputs are
     * never read. A kernel shorter than its stride skips {@code s - e} elements between windows by
     * design, so only a longer gap at the end is worth a warning.
     */
    private static void warnUnread(int rank, int d, long i, long padBefore, WindowFormula formula, long s, long e,
            NodeReporter report) {
        long lastRead = (formula.size() - 1) * s + e - padBefore;
        long unread = i - lastRead;
        if (unread > Math.max(0, s - e)) {
            String dim = SpatialDimension.name(rank, d);
            report.warning(ErrorCode.W301, "stride " + s + " leaves the last " + SpatialDimension.count(rank, d, unread)
                    + " of the input unread (output " + dim + " = " + formula.text() + "; its windows reach "
                    + lastRead + " of " + i + ")");
        }
    }
}
