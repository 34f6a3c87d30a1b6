package dev.cnnc.interpreter;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Node;
import dev.cnnc.runtime.InvalidInputException;
import dev.cnnc.runtime.AbstractNetwork;
import dev.cnnc.runtime.NetworkSpec;
import dev.cnnc.runtime.TensorChecks;
import dev.cnnc.runtime.TensorSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Network} that walks the graph: forward in node order, keeping every tensor; backward in
 * reverse order, where the gradients of a tensor read by several nodes add up.
 */
final class InterpretedNetwork extends AbstractNetwork {

    private final CheckedGraph checked;
    private final List<Node> nodes;
    private final NodeKernel[] kernels;

    /** The tensors of the last forward pass, by name, and the pass itself; null before the first. */
    private Map<String, float[]> tensors;
    private Pass lastPass;

    InterpretedNetwork(CheckedGraph checked, NetworkSpec spec) {
        super(spec);
        this.checked = checked;
        this.nodes = checked.graph().nodes();
        this.kernels = new NodeKernel[nodes.size()];
        Map<String, NodeKernel> built = new HashMap<>();
        KernelFactory factory = new KernelFactory(checked, parameters(), built);
        for (int i = 0; i < nodes.size(); i++) {
            kernels[i] = factory.kernel(nodes.get(i));
            built.put(nodes.get(i).output(), kernels[i]);
        }
    }

    /**
     * A tensor of the last forward pass by name (an input or a node's output), batch first and
     * channels first; null when the network has no tensor of that name.
     *
     * @throws IllegalStateException before the first forward pass
     */
    public float[] tensor(String name) {
        if (tensors == null) {
            throw new IllegalStateException("no forward pass has run");
        }
        float[] values = tensors.get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public float[][] forward(int batch, float[]... inputs) {
        TensorChecks.batch(spec(), batch);
        checkTensors(spec().inputs(), inputs, batch, "input");
        Pass pass = new Pass(batch, isTraining(), random());
        Map<String, float[]> values = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            values.put(spec().inputs().get(i).name(), inputs[i]);
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            values.put(node.output(), kernels[i].forward(arguments(node, values), pass));
        }
        tensors = values;
        lastPass = pass;
        float[][] outputs = new float[spec().outputs().size()][];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = values.get(spec().outputs().get(i).name()).clone();
        }
        return outputs;
    }

    @Override
    public float[][] backward(float[]... gradOutputs) {
        if (tensors == null) {
            throw new InvalidInputException(spec().name() + ": backward needs a forward pass first");
        }
        int batch = lastPass.batch();
        checkTensors(spec().outputs(), gradOutputs, batch, "output gradient");
        Map<String, float[]> gradients = new HashMap<>();
        for (int i = 0; i < gradOutputs.length; i++) {
            gradients.put(spec().outputs().get(i).name(), gradOutputs[i].clone());
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            float[] gradOutput = gradients.get(node.output());
            if (gradOutput == null) {
                continue;
            }
            float[][] gradInputs = new float[node.inputs().size()][];
            for (int k = 0; k < gradInputs.length; k++) {
                String input = node.inputs().get(k);
                gradInputs[k] = gradients.computeIfAbsent(input, name -> new float[tensors.get(name).length]);
            }
            kernels[i].backward(arguments(node, tensors), tensors.get(node.output()), gradOutput, gradInputs, lastPass);
        }
        float[][] gradInputs = new float[spec().inputs().size()][];
        for (int i = 0; i < gradInputs.length; i++) {
            TensorSpec input = spec().inputs().get(i);
            float[] gradient = gradients.get(input.name());
            gradInputs[i] = gradient != null ? gradient : new float[batch * input.sampleSize()];
        }
        return gradInputs;
    }

    private static float[][] arguments(Node node, Map<String, float[]> values) {
        float[][] arguments = new float[node.inputs().size()][];
        for (int k = 0; k < arguments.length; k++) {
            arguments[k] = values.get(node.inputs().get(k));
        }
        return arguments;
    }

    private void checkTensors(List<TensorSpec> expected, float[][] given, int batch, String what) {
        TensorChecks.tensors(spec(), expected, given, batch, what);
    }

    CheckedGraph graph() {
        return checked;
    }
}
