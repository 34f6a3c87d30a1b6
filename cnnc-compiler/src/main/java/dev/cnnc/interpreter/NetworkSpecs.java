package dev.cnnc.interpreter;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.GraphInput;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Parameter;
import dev.cnnc.runtime.NetworkSpec;
import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The runtime's description of a checked graph: inputs, outputs and parameters with their initialization. */
public final class NetworkSpecs {

    private NetworkSpecs() {}

    public static NetworkSpec of(CheckedGraph checked) {
        List<TensorSpec> inputs = new ArrayList<>();
        for (GraphInput input : checked.graph().inputs()) {
            inputs.add(new TensorSpec(input.name(), input.shape().toArray()));
        }
        List<TensorSpec> outputs = new ArrayList<>();
        for (String output : checked.graph().outputs()) {
            outputs.add(new TensorSpec(output, checked.shape(output).toArray()));
        }
        Map<String, Node> owners = new HashMap<>();
        for (Node node : checked.graph().nodes()) {
            owners.put(node.output(), node);
        }
        Map<String, Integer> fanIns = new HashMap<>();
        List<ParameterSpec> parameters = new ArrayList<>();
        for (Parameter parameter : checked.parameters()) {
            boolean norm = owners.get(parameter.node()).op() instanceof Op.BatchNorm;
            int[] shape = parameter.shape().toArray();
            ParameterSpec.Kind kind = switch (parameter.role()) {
                case WEIGHT -> norm ? ParameterSpec.Kind.NORM_WEIGHT : ParameterSpec.Kind.WEIGHT;
                case BIAS -> norm ? ParameterSpec.Kind.NORM_BIAS : ParameterSpec.Kind.BIAS;
                case RUNNING_MEAN -> ParameterSpec.Kind.RUNNING_MEAN;
                case RUNNING_VAR -> ParameterSpec.Kind.RUNNING_VAR;
            };
            int fanIn = 0;
            if (kind == ParameterSpec.Kind.WEIGHT) {
                fanIn = fanIn(shape);
                fanIns.put(parameter.node(), fanIn);
            } else if (kind == ParameterSpec.Kind.BIAS) {
                fanIn = fanIns.get(parameter.node());
            }
            parameters.add(new ParameterSpec(parameter.name(), shape, kind, fanIn));
        }
        return new NetworkSpec(checked.graph().name(), inputs, outputs, parameters);
    }

    /** PyTorch's fan-in of a weight: {@code size(1)} times the kernel volume (the dimensions after the first two). */
    static int fanIn(int[] weightShape) {
        int fanIn = weightShape[1];
        for (int d = 2; d < weightShape.length; d++) {
            fanIn *= weightShape[d];
        }
        return fanIn;
    }
}
