package dev.cnnc.check;

import dev.cnnc.ir.Dims;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Shape;

/**
 * The output-size formula of a windowed op's spatial dimension, worked out, for the comments of
 * generated code: {@code floor((28 + 2*2 - 5) / 1) + 1 = 28}.
 */
public final class OutputSizes {

    private OutputSizes() {}

    /** The formula of spatial dimension {@code d} of {@code op} applied to {@code input}, or null when it has none. */
    public static String formula(Op op, Shape input, int d) {
        long i = input.spatial(d);
        return switch (op) {
            case Op.Conv conv -> conv.padding().isSame() ? WindowFormula.same(i, conv.stride().get(d)).text()
                    : WindowFormula.sliding(i, conv.kernel().get(d), conv.stride().get(d),
                            conv.padding().explicit().get(d), conv.dilation().get(d), false).text();
            case Op.ConvTranspose conv -> conv.padding().isSame()
                    ? WindowFormula.transposedSame(i, conv.stride().get(d)).text()
                    : WindowFormula.transposed(i, conv.kernel().get(d), conv.stride().get(d),
                            conv.padding().explicit().get(d), conv.dilation().get(d), conv.outputPadding().get(d)).text();
            case Op.MaxPool pool -> pooled(i, pool.kernel(), pool.stride(), pool.padding(), pool.dilation(),
                    pool.ceilMode(), d);
            case Op.AvgPool pool -> pooled(i, pool.kernel(), pool.stride(), pool.padding(), Dims.filled(pool.rank(), 1),
                    pool.ceilMode(), d);
            default -> null;
        };
    }

    private static String pooled(long input, Dims kernel, Dims stride, Dims padding, Dims dilation, boolean ceil, int d) {
        return WindowFormula.sliding(input, kernel.get(d), stride.get(d), padding.get(d), dilation.get(d), ceil).text();
    }
}
