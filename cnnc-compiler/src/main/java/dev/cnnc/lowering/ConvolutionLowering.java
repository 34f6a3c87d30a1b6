package dev.cnnc.lowering;

import static dev.cnnc.lowering.E.c;
import static dev.cnnc.lowering.E.v;

import dev.cnnc.interpreter.Windows;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Node;
import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.KernelStep;
import dev.cnnc.kernel.Variable;
import dev.cnnc.passes.FoldBatchNorm;
import dev.cnnc.runtime.kernels.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Lowers convolutions, transposed convolutions and dense layers, which are all gathers
 * ({@link Gather}): the forward pass, the input gradient (the same kernel over the output
 * gradient with the weights' roles swapped), and the weight and bias gradients.
 */
final class ConvolutionLowering {

    private static final String PACKING = "dev/cnnc/runtime/compiled/Packing";

    /** What differs between the three ops: the weight's layout and which side of the relation is written. */
    private record Family(int first, int secondPerGroup, int groups, int[] kernel, boolean firstIsOutput,
            List<List<Axis>> forwardAxes, List<List<Axis>> backwardAxes, boolean bias) {}

    /** Pixels below which the rows of a pointwise convolution's map are read as one. */
    static final int POINTWISE_ROW_PIXELS = 24;

    private ConvolutionLowering() {}

    static void conv(Layer layer, Op.Conv conv) {
        Layer.Tensor in = layer.input(0);
        Layer.Tensor out = layer.output();
        Window window = Windows.conv(conv, in.shape(), out.shape());
        int merged = isPointwise(window) && conv.groups() == 1 ? rowsToMerge(in.value()) : 1;
        Plane plane = in.value().withRowsMerged(merged);
        layer.mergeRows(merged);
        if (merged > 1) {
            // Rows merged: register tiles of pixels then span the map's rows, as in a matrix product, however narrow the map.
            window = new Window(plane.sizes(), plane.sizes(), new int[] {1, 1, 1}, new int[] {1, 1, 1},
                    new int[] {1, 1, 1}, new int[] {0, 0, 0});
        }
        Family family = family(window, conv.out(), in.value().channels() / conv.groups(), conv.groups(), true,
                conv.bias());
        lower(layer, family, conv.name() + " " + in.value().channels() + "->" + conv.out() + (merged > 1
                ? " (pointwise: " + merged + " rows of " + in.value().width() + " read as one of " + plane.width() + ")"
                : ""));
    }

    /**
     * How many rows of a pointwise convolution's map to read as one: all of them when the rows are
     * narrower than {@link #POINTWISE_ROW_PIXELS}, else 1. Every row ends in a remainder tile, a
     * separate pass at a fraction of the speed: a 512-channel layer on 14x14 ran at 33 GFLOP/s as
     * 7 rows of 28 and at 57 as one row of 196 (6x2 tiles both), where the blocks of output channels
     * split over threads.
     */
    static int rowsToMerge(Plane plane) {
        return plane.width() >= POINTWISE_ROW_PIXELS ? 1 : plane.depth() * plane.height();
    }

    /** A 1x1 kernel, stride and dilation 1, no padding: each output position reads only its own input position. */
    private static boolean isPointwise(Window w) {
        for (int d = 0; d < 3; d++) {
            if (w.kernel()[d] != 1 || w.stride()[d] != 1 || w.dilation()[d] != 1 || w.padBefore()[d] != 0
                    || w.input()[d] != w.output()[d]) {
                return false;
            }
        }
        return true;
    }

    static void convTranspose(Layer layer, Op.ConvTranspose conv) {
        Layer.Tensor in = layer.input(0);
        Layer.Tensor out = layer.output();
        Window window = Windows.convTranspose(conv, in.shape(), out.shape());
        lower(layer, family(window, in.value().channels(), conv.out() / conv.groups(), conv.groups(), false, conv.bias()),
                conv.name() + " " + in.value().channels() + "->" + conv.out() + " by stride phases");
    }

    static void dense(Layer layer, Op.Dense dense) {
        List<List<Axis>> point = List.of(Axis.stridedRead(1, 1, 1, 0, 1), Axis.stridedRead(1, 1, 1, 0, 1),
                Axis.stridedRead(1, 1, 1, 0, 1));
        Family family = new Family(dense.out(), layer.input(0).value().channels(), 1, new int[] {1, 1, 1}, true, point,
                point, dense.bias());
        lower(layer, family, "dense " + layer.input(0).value().channels() + "->" + dense.out());
    }

    /**
     * A convolution writes the small side of {@code input = output * stride + k * dilation - pad}
     * and its input gradient the big side; a transposed convolution the other way round.
     */
    private static Family family(Window w, int first, int secondPerGroup, int groups, boolean convolution,
            boolean bias) {
        List<List<Axis>> forward = new ArrayList<>();
        List<List<Axis>> backward = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            int s = w.stride()[d];
            int dil = w.dilation()[d];
            int pad = w.padBefore()[d];
            int k = w.kernel()[d];
            if (convolution) {
                forward.add(Axis.stridedRead(w.output()[d], s, dil, pad, k));
                backward.add(Axis.phasedWrite(w.input()[d], s, dil, pad, k));
            } else {
                forward.add(Axis.phasedWrite(w.output()[d], s, dil, pad, k));
                backward.add(Axis.stridedRead(w.input()[d], s, dil, pad, k));
            }
        }
        return new Family(first, secondPerGroup, groups, w.kernel(), convolution, forward, backward, bias);
    }

    private static void lower(Layer layer, Family f, String title) {
        SlotPlan plan = layer.plan();
        Plane x = layer.asRead(layer.input(0).value());
        Plane y = layer.asRead(layer.output().value());
        Plane gx = layer.asRead(layer.input(0).gradient());
        Plane gy = layer.asRead(layer.output().gradient());
        int taps = f.kernel()[0] * f.kernel()[1] * f.kernel()[2];
        int packedSlot = plan.floats(0, taps * x.channels() * y.padded(), false);
        int biasSlot = f.bias() ? plan.floats(0, y.padded(), false) : -1;

        // Forward: repack the live weights (for both directions; run when the parameters changed), pad the input's borders, gather.
        int swappedSlot = plan.floats(0, taps * y.channels() * x.padded(), false);
        Gather forward = Gather.of(layer, x, layer.asRead(layer.forwardTarget().value()), f.forwardAxes(), f.kernel(),
                packedSlot, biasSlot, false, f.groups(), layer.fusedActivation());
        Gather backward = Gather.of(layer, gy, gx, f.backwardAxes(), f.kernel(), swappedSlot, -1, true, f.groups(), null);
        KernelBuilder pack = layer.kernel("pack");
        List<Expr> packArguments = new ArrayList<>(List.of(v(pack.floats("weight", layer.parameter("weight"))),
                v(pack.floats("packed", packedSlot)),
                v(pack.floats("swapped", swappedSlot))));
        packArguments.addAll(shapeArguments(f, true, x.channels(), y.padded()));
        packArguments.add(c(y.channels()));
        packArguments.add(c(x.padded()));
        packArguments.add(c(ConvolutionKernels.weightBlockWidth(layer, forward)));
        packArguments.add(c(ConvolutionKernels.weightBlockWidth(layer, backward)));
        pack.call(PACKING, "packBoth", packArguments.toArray(Expr[]::new));
        if (f.bias()) {
            pack.call(PACKING, "pad", v(pack.floats("bias", layer.parameter("bias"))), v(pack.floats("bp", biasSlot)),
                    c(y.channels()));
        }
        boolean folds = layer.fold() != null;
        layer.phase(folds ? KernelStep.Phase.TRAINING : KernelStep.Phase.ALWAYS);
        layer.addPacking(pack);
        if (forward.needsPaddedCopy()) {
            KernelBuilder copy = layer.kernel("pad");
            ConvolutionKernels.padCopy(layer, copy, forward);
            layer.phase(KernelStep.Phase.ALWAYS);
            layer.addForward(copy);
            layer.phase(folds ? KernelStep.Phase.TRAINING : KernelStep.Phase.ALWAYS);
        }
        ConvolutionKernels.gather(layer, "forward", forward, layer::addForward);
        if (folds) {
            layer.phase(KernelStep.Phase.EVAL);
            foldBatchNorm(layer, f, forward, taps);
            layer.phase(KernelStep.Phase.ALWAYS);
        }
        TileShape tile = ConvolutionKernels.isDepthwise(forward) ? ConvolutionKernels.depthwiseTile(forward)
                : ConvolutionKernels.tileShape(forward, layer.lanes(), layer.unroll());
        layer.explain(title + ": register tile of " + tile.pixels() + " pixels x " + tile.vectors() + " vectors of "
                + layer.lanes() + (layer.lanes() == 1 ? " lane" : " lanes")
                + ", channels-last" + (forward.needsPaddedCopy() ? ", input copied into a border-padded buffer" : "")
                + (ConvolutionKernels.isDepthwise(forward) ? ", depthwise: channels in the lanes, no sum over channels"
                        : f.groups() > 1 ? ", " + f.groups() + " groups as block-diagonal weights" : "")
                + (ConvolutionKernels.unrollsTaps(forward, layer.unroll(), tile.pixels(), tile.vectors())
                        && !ConvolutionKernels.readsInputBlocks(layer, forward)
                        ? ", taps unrolled" : "")
                + (ConvolutionKernels.readsInputBlocks(layer, forward)
                        ? ", in blocks of output channels (split over threads), then of input channels" : "")
                + (layer.fusedActivation() != null ? ", " + layer.fusedActivation().name() + " fused into the store" : ""));

        // Backward: bias and weight gradients, then the input gradient.
        if (f.bias()) {
            int scratch = plan.floats(0, y.padded(), true);
            KernelBuilder bias = layer.kernel("bias_grad");
            ConvolutionKernels.biasGradient(layer, bias, gy, scratch);
            layer.addBackward(bias);
            KernelBuilder unpad = layer.kernel("bias_grad_unpad");
            unpad.call(PACKING, "addUnpadded", v(unpad.floats("gbp", scratch)),
                    v(unpad.floats("gbias", layer.parameterGradient("bias"))), c(y.channels()));
            layer.addBackward(unpad);
        }
        int gradWeightSlot = plan.floats(0, taps * x.channels() * y.padded(), true);
        ConvolutionKernels.weightGradient(layer, "weight_grad", forward, gy, gradWeightSlot, layer::addBackward);
        KernelBuilder unpack = layer.kernel("weight_grad_unpack");
        List<Expr> arguments = new ArrayList<>(List.of(v(unpack.floats("gwp", gradWeightSlot)),
                v(unpack.floats("gweight", layer.parameterGradient("weight")))));
        arguments.addAll(shapeArguments(f, true, x.channels(), y.padded()));
        unpack.call(PACKING, "unpackAdd", arguments.toArray(Expr[]::new));
        layer.addBackward(unpack);

        if (backward.needsPaddedCopy()) {
            KernelBuilder copy = layer.kernel("grad_pad");
            ConvolutionKernels.padCopy(layer, copy, backward);
            layer.addInputGradient(copy);
        }
        ConvolutionKernels.gather(layer, "input_grad", backward, layer::addInputGradient);
    }

    /**
     * The eval-mode variant of a gather followed by batch norm: weights and bias with the batch norm
     * folded in (repacked when the parameters changed), and a gather that stores into the batch norm's
     * output, or the output of the activation after it with the activation applied.
     */
    private static void foldBatchNorm(Layer layer, Family f, Gather forward, int taps) {
        SlotPlan plan = layer.plan();
        FoldBatchNorm.Fold fold = layer.fold();
        Plane x = layer.asRead(layer.input(0).value());
        Plane y = layer.asRead(layer.output().value());
        int channels = y.channels();
        String norm = fold.norm().parameterPrefix();
        int packedSlot = plan.floats(0, taps * x.channels() * y.padded(), false);
        int biasSlot = plan.floats(0, y.padded(), false);
        KernelBuilder pack = layer.kernel("pack_folded");
        Variable gamma = pack.floats("gamma", plan.parameterValue(norm + ".weight"));
        List<Expr> arguments = new ArrayList<>(List.of(v(pack.floats("weight", layer.parameter("weight"))),
                v(f.bias() ? pack.floats("bias", layer.parameter("bias")) : gamma), c(f.bias() ? 1 : 0), v(gamma),
                v(pack.floats("beta", plan.parameterValue(norm + ".bias"))),
                v(pack.floats("mean", plan.parameterValue(norm + ".running_mean"))),
                v(pack.floats("var", plan.parameterValue(norm + ".running_var"))),
                c((float) ((Op.BatchNorm) fold.norm().op()).eps()),
                v(pack.floats("packed", packedSlot)), v(pack.floats("bp", biasSlot)), c(f.first()),
                c(f.secondPerGroup()), c(taps), c(f.groups()), c(x.channels()), c(y.padded()),
                c(ConvolutionKernels.weightBlockWidth(layer, forward))));
        pack.call(PACKING, "packFolded", arguments.toArray(Expr[]::new));
        layer.addPacking(pack);
        Op.Activation activation = fold.activation() != null ? (Op.Activation) fold.activation().op() : null;
        Plane shortcut = fold.shortcut() != null ? layer.asRead(layer.tensor(fold.shortcut()).value()) : null;
        Gather folded = forward.withWeights(packedSlot, biasSlot, layer.asRead(layer.tensor(fold.last().output()).value()),
                        activation)
                .withResidual(shortcut);
        ConvolutionKernels.gather(layer, "forward_folded", folded, layer::addForward);
        String store = (fold.add() != null ? "the add of " + fold.shortcut() : "")
                + (fold.add() != null && activation != null ? " and " : "")
                + (activation != null ? activation.name() : "");
        layer.explain("in eval mode, batchnorm " + fold.norm().output() + " folded into the weights and bias"
                + (store.isEmpty() ? "" : " and " + store + " into the store"));
    }

    /** {@code r, s, taps, groups, firstIsWritten, readChannels, writtenPadded}, as {@code Packing} takes them. */
    private static List<Expr> shapeArguments(Family f, boolean forward, int readChannels, int writtenPadded) {
        int taps = f.kernel()[0] * f.kernel()[1] * f.kernel()[2];
        boolean firstIsWritten = forward == f.firstIsOutput();
        return List.of(c(f.first()), c(f.secondPerGroup()), c(taps), c(f.groups()), c(firstIsWritten ? 1 : 0),
                c(readChannels), c(writtenPadded));
    }
}
