package dev.cnnc.interpreter;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Shape;
import dev.cnnc.runtime.Parameters;
import dev.cnnc.runtime.kernels.Window;
import java.util.Map;

/** Picks the generic kernel of each node, with the shapes and parameters it works on. */
final class KernelFactory {

    private final CheckedGraph checked;
    private final Parameters parameters;
    private final Map<String, NodeKernel> built;

    /** @param built the kernels made so far, by output tensor; {@code maxunpool} finds its pool there */
    KernelFactory(CheckedGraph checked, Parameters parameters, Map<String, NodeKernel> built) {
        this.checked = checked;
        this.parameters = parameters;
        this.built = built;
    }

    NodeKernel kernel(Node node) {
        Shape input = checked.shape(node.inputs().get(0));
        Shape output = checked.shape(node.output());
        return switch (node.op()) {
            case Op.Conv conv -> new ConvKernel(false, Windows.conv(conv, input, output), input.channels(), conv.out(),
                    conv.groups(), parameter(node, "weight"), conv.bias() ? parameter(node, "bias") : null);
            case Op.ConvTranspose conv -> new ConvKernel(true, Windows.convTranspose(conv, input, output),
                    input.channels(), conv.out(), conv.groups(), parameter(node, "weight"),
                    conv.bias() ? parameter(node, "bias") : null);
            case Op.MaxPool pool -> new MaxPoolKernel(Windows.maxPool(pool, input, output), input.channels());
            case Op.AvgPool pool -> new AvgPoolKernel(Windows.avgPool(pool, input, output), input.channels(),
                    pool.countIncludePad());
            case Op.MaxUnpool unpool -> new MaxUnpoolKernel((MaxPoolKernel) built.get(unpool.pool()), input.channels(),
                    plane(input), plane(output));
            case Op.Upsample upsample -> new UpsampleKernel(input.channels(), Window.widen(input.spatial(), 1),
                    Window.widen(scales(upsample, input.spatialRank()), 1));
            case Op.GlobalAvgPool ignored -> new GlobalAvgPoolKernel(input.channels(), plane(input));
            case Op.BatchNorm norm -> new BatchNormKernel(node.parameterPrefix(), input.channels(), plane(input), norm.eps(), norm.momentum(),
                    parameter(node, "weight"), parameter(node, "bias"), parameter(node, "running_mean"),
                    parameter(node, "running_var"));
            case Op.Activation activation -> new ActivationKernel(activation);
            case Op.Softmax softmax -> new SoftmaxKernel(input.channels(), plane(input), softmax.log());
            case Op.Dropout dropout -> new DropoutKernel(dropout.p());
            case Op.Flatten ignored -> new FlattenKernel();
            case Op.Dense dense -> new DenseKernel(input.elementCount(), dense.out(), parameter(node, "weight"),
                    dense.bias() ? parameter(node, "bias") : null);
            case Op.Add ignored -> new AddKernel();
            case Op.Concat ignored -> new ConcatKernel(node.inputs().stream()
                    .mapToInt(name -> checked.shape(name).elementCount()).toArray());
        };
    }

    private ParameterRef parameter(Node node, String suffix) {
        String name = node.parameterPrefix() + "." + suffix;
        parameters.spec(name);
        return new ParameterRef(parameters, name);
    }

    /** Elements per channel plane: the product of the spatial sizes, 1 for a flat shape. */
    private static int plane(Shape shape) {
        return shape.elementCount() / shape.channels();
    }

    private static int[] scales(Op.Upsample upsample, int rank) {
        int[] scales = new int[rank];
        for (int d = 0; d < rank; d++) {
            scales[d] = upsample.scaleFor(d);
        }
        return scales;
    }
}
