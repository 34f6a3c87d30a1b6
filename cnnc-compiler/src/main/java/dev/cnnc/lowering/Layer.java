package dev.cnnc.lowering;

import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import dev.cnnc.passes.FoldBatchNorm;
import dev.cnnc.ir.Shape;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.KernelStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node being lowered: its tensors as planes, its parameters' slots, and the kernel methods
 * its forward and backward passes call, in order.
 */
final class Layer {

    /** A tensor's value and its gradient, both channels-last. */
    record Tensor(Plane value, Plane gradient, Shape shape) {}

    private final SlotPlan plan;
    private final Node node;
    private final String prefix;
    private final Map<String, Tensor> tensors;
    private final List<KernelMethod> methods = new ArrayList<>();
    private final List<KernelStep> forward = new ArrayList<>();
    private final List<KernelStep> backward = new ArrayList<>();
    private final List<String> inputGradientMethods = new ArrayList<>();
    private final List<String> packingMethods = new ArrayList<>();
    private final List<String> explanations = new ArrayList<>();
    private Node fusedActivation;
    private boolean fusedIntoProducer;
    private boolean unpooled;
    private FoldBatchNorm.Fold fold;
    private int mergedRows = 1;
    private KernelStep.Phase phase = KernelStep.Phase.ALWAYS;

    private final Unroll unroll;

    Layer(SlotPlan plan, Node node, int index, Map<String, Tensor> tensors, Unroll unroll) {
        this.plan = plan;
        this.unroll = unroll;
        this.node = node;
        this.prefix = "n" + index + "_" + node.output().replaceAll("[^A-Za-z0-9]", "_");
        this.tensors = tensors;
    }

    Node node() {
        return node;
    }

    /** This gather applies {@code activation} as it stores, writing that node's output (see {@code FuseConvActivation}). */
    void fuse(Node activation) {
        fusedActivation = activation;
    }

    /** The activation this gather absorbs, or null. */
    Op.Activation fusedActivation() {
        return fusedActivation == null ? null : (Op.Activation) fusedActivation.op();
    }

    /** Where the forward pass of this node stores: its own output, or the output of the activation it absorbs. */
    Tensor forwardTarget() {
        return fusedActivation == null ? output() : tensors.get(fusedActivation.output());
    }

    /** This gather also has a folded variant that applies {@code fold}'s batch norm (see {@code FoldBatchNorm}). */
    void fold(FoldBatchNorm.Fold fold) {
        this.fold = fold;
    }

    /** Reads every {@code k} rows of the layer's maps as one (a pointwise convolution on a narrow map). */
    void mergeRows(int k) {
        mergedRows = k;
    }

    int mergedRows() {
        return mergedRows;
    }

    /** A plane of the layer as its kernels read it: with its rows merged as {@link #mergeRows} asked. */
    Plane asRead(Plane plane) {
        return plane.withRowsMerged(mergedRows);
    }

    FoldBatchNorm.Fold fold() {
        return fold;
    }

    /** The tensor by its name. */
    Tensor tensor(String name) {
        return tensors.get(name);
    }

    /** The forward steps added from now on run in {@code phase}. */
    void phase(KernelStep.Phase phase) {
        this.phase = phase;
    }

    /** Marks this activation as computed by the gather before it, so that it lowers only its backward pass. */
    void fusedIntoProducer() {
        fusedIntoProducer = true;
    }

    boolean isFusedIntoProducer() {
        return fusedIntoProducer;
    }

    /** Marks this max pool as one a maxunpool reads the indices of, so that every forward pass must keep them. */
    void unpooled() {
        unpooled = true;
    }

    boolean isUnpooled() {
        return unpooled;
    }

    SlotPlan plan() {
        return plan;
    }

    Unroll unroll() {
        return unroll;
    }

    int lanes() {
        return plan.lanes();
    }

    Tensor input(int k) {
        return tensors.get(node.inputs().get(k));
    }

    Tensor output() {
        return tensors.get(node.output());
    }

    int inputCount() {
        return node.inputs().size();
    }

    String parameterName(String suffix) {
        return node.parameterPrefix() + "." + suffix;
    }

    boolean hasParameter(String suffix) {
        return node.parameterPrefix() != null && plan.hasParameter(parameterName(suffix));
    }

    int parameter(String suffix) {
        return plan.parameterValue(parameterName(suffix));
    }

    int parameterGradient(String suffix) {
        return plan.parameterGradient(parameterName(suffix));
    }

    KernelBuilder kernel(String part) {
        KernelBuilder kernel = new KernelBuilder(prefix + "_" + part);
        Shape in = node.inputs().size() == 1 ? input(0).shape() : null;
        kernel.describe(KernelDocs.of(node, part, in, output().shape()));
        return kernel;
    }

    void addForward(KernelBuilder kernel) {
        if (!kernel.isEmpty()) {
            methods.add(kernel.build());
            forward.add(kernel.step().in(phase));
        }
    }

    void addBackward(KernelBuilder kernel) {
        if (!kernel.isEmpty()) {
            methods.add(kernel.build());
            backward.add(kernel.step());
        }
    }

    /**
     * A backward kernel that only computes the gradient of the layer's input (and its scratch), so
     * that a pass which needs no gradient of the network's inputs may skip it where that input is one.
     */
    void addInputGradient(KernelBuilder kernel) {
        if (!kernel.isEmpty()) {
            addBackward(kernel);
            inputGradientMethods.add(backward.get(backward.size() - 1).method());
        }
    }

    /**
     * A forward kernel that only repacks parameters (weights into the kernels' layout, a batch norm
     * folded in): the runtime runs it when the parameters changed since its last run, not every pass.
     */
    void addPacking(KernelBuilder kernel) {
        if (!kernel.isEmpty()) {
            addForward(kernel);
            packingMethods.add(forward.get(forward.size() - 1).method());
        }
    }

    /** The methods {@link #addPacking} added. */
    List<String> packingMethods() {
        return packingMethods;
    }

    /** The methods {@link #addInputGradient} added. */
    List<String> inputGradientMethods() {
        return inputGradientMethods;
    }

    /** Records which kernel a part of the layer got and why, for {@code --explain}. */
    void explain(String text) {
        explanations.add(text);
    }

    List<KernelMethod> methods() {
        return methods;
    }

    List<KernelStep> forwardSteps() {
        return forward;
    }

    List<KernelStep> backwardSteps() {
        return backward;
    }

    List<String> explanations() {
        return explanations;
    }
}
