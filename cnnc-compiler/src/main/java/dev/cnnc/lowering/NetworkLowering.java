package dev.cnnc.lowering;

import dev.cnnc.interpreter.NetworkSpecs;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.GraphInput;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Shape;
import dev.cnnc.kernel.ConstantFolding;
import dev.cnnc.kernel.KernelClass;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.KernelStep;
import dev.cnnc.kernel.NetworkClass;
import dev.cnnc.runtime.NetworkSpec;
import dev.cnnc.runtime.TensorSpec;
import java.util.ArrayList;
import dev.cnnc.passes.FoldBatchNorm;
import dev.cnnc.passes.FuseConvActivation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers a checked graph to the kernel IR of one network class: every node's kernels, the forward
 * pass that calls them in order and the backward pass that calls their gradients in reverse, and
 * the layout of every array.
 */
public final class NetworkLowering {

    /** What a layer became, for {@code --explain}. */
    public record LayerReport(Node node, List<String> kernels) {}

    /**
     * Floats per sample the arrays of a batch hold: one array per tensor, and what buffer planning
     * leaves for a training pass and for an eval-mode forward pass.
     */
    public record Memory(long unplanned, long training, long eval) {}

    public record Result(NetworkClass network, List<LayerReport> layers, Memory memory) {}

    private NetworkLowering() {}

    public static Result lower(CheckedGraph graph, String internalName, int lanes) {
        return lower(graph, internalName, lanes, Unroll.DEFAULT);
    }

    public static Result lower(CheckedGraph graph, String internalName, int lanes, Unroll unroll) {
        NetworkSpec spec = NetworkSpecs.of(graph);
        SlotPlan plan = new SlotPlan(spec, lanes);
        Map<String, Layer.Tensor> tensors = new HashMap<>();
        for (GraphInput input : graph.graph().inputs()) {
            tensors.put(input.name(), tensor(plan, graph.shape(input.name()), lanes));
        }
        for (Node node : graph.graph().nodes()) {
            tensors.put(node.output(), tensor(plan, graph.shape(node.output()), lanes));
        }
        List<KernelMethod> methods = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        List<Node> nodes = graph.graph().nodes();
        List<KernelStep> forward = new ArrayList<>();
        Map<String, Node> fused = FuseConvActivation.run(graph);
        Set<String> absorbed = new HashSet<>();
        fused.values().forEach(node -> absorbed.add(node.output()));
        Map<String, FoldBatchNorm.Fold> folds = FoldBatchNorm.run(graph);
        Set<String> foldedAway = new HashSet<>();
        for (FoldBatchNorm.Fold fold : folds.values()) {
            foldedAway.add(fold.norm().output());
            if (fold.add() != null) {
                foldedAway.add(fold.add().output());
            }
            if (fold.activation() != null) {
                foldedAway.add(fold.activation().output());
            }
        }
        Set<String> unpooled = new HashSet<>();
        for (Node node : nodes) {
            if (node.op() instanceof Op.MaxUnpool unpool) {
                unpooled.add(unpool.pool());
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            Layer layer = new Layer(plan, nodes.get(i), i, tensors, unroll);
            if (unpooled.contains(nodes.get(i).output())) {
                layer.unpooled();
            }
            if (fused.containsKey(nodes.get(i).output())) {
                layer.fuse(fused.get(nodes.get(i).output()));
            }
            if (absorbed.contains(nodes.get(i).output())) {
                layer.fusedIntoProducer();
            }
            if (folds.containsKey(nodes.get(i).output())) {
                layer.fold(folds.get(nodes.get(i).output()));
            }
            if (foldedAway.contains(nodes.get(i).output())) {
                // What the folded gather computes in eval mode: these forward kernels run in training only.
                layer.phase(KernelStep.Phase.TRAINING);
            }
            lowerNode(layer);
            layers.add(layer);
            methods.addAll(layer.methods());
            forward.addAll(layer.forwardSteps());
        }
        List<KernelStep> backward = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            backward.addAll(layers.get(i).backwardSteps());
        }
        // Training needs no gradient of the network's inputs: the kernels that compute only that may be skipped.
        Set<String> networkInputs = new HashSet<>();
        spec.inputs().forEach(tensor -> networkInputs.add(tensor.name()));
        Set<String> inputGradientOnly = new HashSet<>();
        Set<String> packing = new HashSet<>();
        for (Layer layer : layers) {
            packing.addAll(layer.packingMethods());
            if (layer.inputCount() > 0 && layer.node().inputs().stream().allMatch(networkInputs::contains)) {
                inputGradientOnly.addAll(layer.inputGradientMethods());
            }
        }

        Map<String, int[]> boundary = new LinkedHashMap<>();
        for (TensorSpec tensor : spec.inputs()) {
            boundary.put(tensor.name(), slots(tensors.get(tensor.name())));
        }
        for (TensorSpec tensor : spec.outputs()) {
            boundary.put(tensor.name(), slots(tensors.get(tensor.name())));
        }
        // Integer constants folded once for every backend, so that the Java source reads as short as the lowering allows.
        KernelClass kernels = new KernelClass(internalName, lanes, methods.stream().map(ConstantFolding::fold).toList());
        List<LayerReport> reports = layers.stream().map(layer -> new LayerReport(layer.node(), layer.explanations()))
                .toList();
        BufferPlanner.Sharing sharing = BufferPlanner.plan(plan.floatBuffers(), kernels, forward, backward,
                boundarySlots(spec, tensors));
        String layout = plan.layout(boundary, sharing) + NetworkClass.passLines(forward, backward, inputGradientOnly, packing);
        return new Result(new NetworkClass(kernels, forward, backward, layout), reports, memory(plan, sharing));
    }

    private static Memory memory(SlotPlan plan, BufferPlanner.Sharing sharing) {
        List<SlotPlan.Buffer> buffers = plan.floatBuffers();
        long all = buffers.stream().mapToLong(SlotPlan.Buffer::perSample).sum();
        long own = buffers.stream().filter(buffer -> !sharing.shares(buffer.slot()))
                .mapToLong(SlotPlan.Buffer::perSample).sum();
        return new Memory(all, own + sharing.floatsPerSample(buffers, true), own + sharing.floatsPerSample(buffers, false));
    }

    private static BufferPlanner.Boundary boundarySlots(NetworkSpec spec, Map<String, Layer.Tensor> tensors) {
        Set<Integer> inputValues = new HashSet<>();
        Set<Integer> inputGradients = new HashSet<>();
        Set<Integer> outputValues = new HashSet<>();
        Set<Integer> outputGradients = new HashSet<>();
        for (TensorSpec tensor : spec.inputs()) {
            inputValues.add(tensors.get(tensor.name()).value().slot());
            inputGradients.add(tensors.get(tensor.name()).gradient().slot());
        }
        for (TensorSpec tensor : spec.outputs()) {
            outputValues.add(tensors.get(tensor.name()).value().slot());
            outputGradients.add(tensors.get(tensor.name()).gradient().slot());
        }
        return new BufferPlanner.Boundary(inputValues, inputGradients, outputValues, outputGradients);
    }

    private static int[] slots(Layer.Tensor tensor) {
        return new int[] {tensor.value().slot(), tensor.gradient().slot()};
    }

    private static Layer.Tensor tensor(SlotPlan plan, Shape shape, int lanes) {
        Plane probe = Plane.of(0, shape, lanes);
        int value = plan.tensorFloats(probe.sampleSize(), false);
        int gradient = plan.tensorFloats(probe.sampleSize(), true);
        return new Layer.Tensor(Plane.of(value, shape, lanes), Plane.of(gradient, shape, lanes), shape);
    }

    private static void lowerNode(Layer layer) {
        switch (layer.node().op()) {
            case Op.Conv conv -> ConvolutionLowering.conv(layer, conv);
            case Op.ConvTranspose conv -> ConvolutionLowering.convTranspose(layer, conv);
            case Op.Dense dense -> ConvolutionLowering.dense(layer, dense);
            case Op.MaxPool pool -> PoolingLowering.maxPool(layer, pool);
            case Op.AvgPool pool -> PoolingLowering.avgPool(layer, pool);
            case Op.MaxUnpool unpool -> PoolingLowering.maxUnpool(layer, unpool);
            case Op.Upsample upsample -> PoolingLowering.upsample(layer, upsample);
            case Op.GlobalAvgPool ignored -> PoolingLowering.globalAvgPool(layer);
            case Op.BatchNorm norm -> BatchNormLowering.lower(layer, norm);
            case Op.Activation activation -> ElementwiseLowering.activation(layer, activation);
            case Op.Dropout dropout -> ElementwiseLowering.dropout(layer, dropout);
            case Op.Add ignored -> ElementwiseLowering.sum(layer);
            case Op.Softmax softmax -> ChannelLowering.softmax(layer, softmax);
            case Op.Flatten ignored -> ChannelLowering.flatten(layer);
            case Op.Concat ignored -> ChannelLowering.concat(layer);
        }
    }
}
