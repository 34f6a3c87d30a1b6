package dev.cnnc.check;

import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Parameter;
import dev.cnnc.ir.Parameter.Role;
import dev.cnnc.ir.Shape;
import java.util.ArrayList;
import java.util.List;

/** The parameters an op owns, in PyTorch's {@code state_dict} order and shapes. */
final class ParameterShapes {

    private ParameterShapes() {}

    static List<Parameter> of(Node node, Shape input, NodeReporter report) {
        List<Parameter> parameters = new ArrayList<>();
        String prefix = node.parameterPrefix();
        switch (node.op()) {
            case Op.Conv conv -> {
                add(parameters, node, Role.WEIGHT, report,
                        withKernel(new long[] {conv.out(), input.channels() / conv.groups()}, conv.kernel().toArray()));
                if (conv.bias()) {
                    add(parameters, node, Role.BIAS, report, conv.out());
                }
            }
            case Op.ConvTranspose conv -> {
                add(parameters, node, Role.WEIGHT, report,
                        withKernel(new long[] {input.channels(), conv.out() / conv.groups()}, conv.kernel().toArray()));
                if (conv.bias()) {
                    add(parameters, node, Role.BIAS, report, conv.out());
                }
            }
            case Op.Dense dense -> {
                add(parameters, node, Role.WEIGHT, report, dense.out(), input.channels());
                if (dense.bias()) {
                    add(parameters, node, Role.BIAS, report, dense.out());
                }
            }
            case Op.BatchNorm norm -> {
                for (Role role : Role.values()) {
                    add(parameters, node, role, report, input.channels());
                }
            }
            default -> {
                if (prefix != null) {
                    throw new IllegalStateException(node.output() + " has a parameter prefix but no parameters");
                }
            }
        }
        return parameters;
    }

    private static long[] withKernel(long[] leading, int[] kernel) {
        long[] dims = new long[leading.length + kernel.length];
        System.arraycopy(leading, 0, dims, 0, leading.length);
        for (int i = 0; i < kernel.length; i++) {
            dims[leading.length + i] = kernel[i];
        }
        return dims;
    }

    private static void add(List<Parameter> parameters, Node node, Role role, NodeReporter report, long... dims) {
        String name = node.parameterPrefix() + "." + role.suffix();
        if (Shape.elementsOrMinusOne(dims) < 0) {
            report.error(ErrorCode.E310, "parameter " + name + " " + java.util.Arrays.toString(dims)
                    + " has more than 2147483647 elements, more than a Java array holds");
            return;
        }
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            ints[i] = (int) dims[i];
        }
        parameters.add(new Parameter(name, Shape.of(ints), role, node.output()));
    }
}
