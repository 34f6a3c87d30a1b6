package dev.cnnc.interpreter;

import dev.cnnc.ir.Dims;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Padding;
import dev.cnnc.ir.Shape;
import dev.cnnc.runtime.kernels.Window;

/** Resolves where the windows of a sliding op read: the padding before each dimension, from the spec's rules. */
public final class Windows {

    private Windows() {}

    public static Window conv(Op.Conv conv, Shape input, Shape output) {
        int rank = conv.rank();
        int[] before = new int[rank];
        for (int d = 0; d < rank; d++) {
            before[d] = switch (conv.padding().mode()) {
                case EXPLICIT -> conv.padding().explicit().get(d);
                case VALID -> 0;
                // The spec's (TensorFlow's) rule: floor(total / 2) before, the rest after.
                case SAME -> Math.max((output.spatial(d) - 1) * conv.stride().get(d)
                        + effective(conv.kernel(), conv.dilation(), d) - input.spatial(d), 0) / 2;
            };
        }
        return new Window(input.spatial(), output.spatial(), conv.kernel().toArray(), conv.stride().toArray(),
                conv.dilation().toArray(), before);
    }

    public static Window convTranspose(Op.ConvTranspose conv, Shape input, Shape output) {
        int rank = conv.rank();
        int[] crop = new int[rank];
        Padding padding = conv.padding();
        for (int d = 0; d < rank; d++) {
            crop[d] = switch (padding.mode()) {
                case EXPLICIT -> padding.explicit().get(d);
                case VALID -> 0;
                // The full output is cropped by floor(max(e - s, 0) / 2) at the start.
                case SAME -> Math.max(effective(conv.kernel(), conv.dilation(), d) - conv.stride().get(d), 0) / 2;
            };
        }
        return new Window(input.spatial(), output.spatial(), conv.kernel().toArray(), conv.stride().toArray(),
                conv.dilation().toArray(), crop);
    }

    public static Window maxPool(Op.MaxPool pool, Shape input, Shape output) {
        return new Window(input.spatial(), output.spatial(), pool.kernel().toArray(), pool.stride().toArray(),
                pool.dilation().toArray(), pool.padding().toArray());
    }

    public static Window avgPool(Op.AvgPool pool, Shape input, Shape output) {
        return new Window(input.spatial(), output.spatial(), pool.kernel().toArray(), pool.stride().toArray(),
                Dims.filled(pool.rank(), 1).toArray(), pool.padding().toArray());
    }

    private static int effective(Dims kernel, Dims dilation, int d) {
        return dilation.get(d) * (kernel.get(d) - 1) + 1;
    }
}
