package dev.cnnc.summary;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.GraphInput;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Parameter;
import dev.cnnc.ir.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary of a checked network: one row per input and per statement, and the totals.
 *
 * <p>Multiply-adds count one per multiplication a convolution, transposed convolution or dense layer
 * does, and one per element for batch norm (a scale and a shift at inference). Memory is float32:
 * activations are every tensor one sample produces in a forward pass, parameters include the
 * batch-norm buffers.
 */
public record NetworkSummary(String network, List<Row> rows, long parameters, long trainableParameters,
        long multiplyAdds, long activationBytes, long parameterBytes, long inputBytes) {

    /** One statement (or input): what it does and what it costs. */
    public record Row(String name, String ops, Shape output, long parameters, long multiplyAdds, String receptiveField,
            String jump) {}

    public NetworkSummary {
        rows = List.copyOf(rows);
    }

    public static NetworkSummary of(CheckedGraph checked) {
        Map<String, ReceptiveField> fields = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        long inputBytes = 0;
        for (GraphInput input : checked.graph().inputs()) {
            ReceptiveField field = ReceptiveField.ofInput(input.shape().spatialRank());
            fields.put(input.name(), field);
            inputBytes += 4L * input.shape().elementCount();
            rows.add(new Row(input.name(), "input", input.shape(), 0, 0, field.sizeText(), field.jumpText()));
        }
        Map<String, List<Node>> statements = new LinkedHashMap<>();
        for (Node node : checked.graph().nodes()) {
            statements.computeIfAbsent(node.statement(), s -> new ArrayList<>()).add(node);
            fields.put(node.output(), receptiveField(node, checked, fields));
        }
        // Grouped once: looking parameters up per node would be quadratic in the size of the network.
        Map<String, Long> trainablePerNode = new HashMap<>();
        for (Parameter parameter : checked.parameters()) {
            if (parameter.trainable()) {
                trainablePerNode.merge(parameter.node(), (long) parameter.shape().elementCount(), Long::sum);
            }
        }
        long activationBytes = 0;
        long totalMacs = 0;
        for (Map.Entry<String, List<Node>> statement : statements.entrySet()) {
            long macs = 0;
            long parameters = 0;
            List<String> ops = new ArrayList<>();
            for (Node node : statement.getValue()) {
                macs += multiplyAdds(node, checked);
                parameters += trainablePerNode.getOrDefault(node.output(), 0L);
                activationBytes += 4L * checked.shape(node.output()).elementCount();
                ops.add(node.op().name());
            }
            totalMacs += macs;
            ReceptiveField field = fields.get(statement.getKey());
            rows.add(new Row(statement.getKey(), String.join(" -> ", ops), checked.shape(statement.getKey()), parameters,
                    macs, field.sizeText(), field.jumpText()));
        }
        long all = checked.parameters().stream().mapToLong(p -> p.shape().elementCount()).sum();
        long trainable = checked.parameters().stream().filter(Parameter::trainable)
                .mapToLong(p -> p.shape().elementCount()).sum();
        return new NetworkSummary(checked.graph().name(), rows, all, trainable, totalMacs, activationBytes, 4L * all,
                inputBytes);
    }

    static long multiplyAdds(Node node, CheckedGraph checked) {
        Shape in = checked.shape(node.inputs().get(0));
        Shape out = checked.shape(node.output());
        return switch (node.op()) {
            case Op.Conv conv -> (long) out.elementCount() * (in.channels() / conv.groups()) * product(conv.kernel().toArray());
            case Op.ConvTranspose conv ->
                    (long) in.elementCount() * (conv.out() / conv.groups()) * product(conv.kernel().toArray());
            case Op.Dense dense -> (long) dense.out() * in.channels();
            case Op.BatchNorm norm -> out.elementCount();
            default -> 0;
        };
    }

    private static ReceptiveField receptiveField(Node node, CheckedGraph checked, Map<String, ReceptiveField> fields) {
        ReceptiveField in = fields.get(node.inputs().get(0));
        return switch (node.op()) {
            case Op.Conv conv -> in.window(effective(conv.kernel().toArray(), conv.dilation().toArray()), conv.stride().toArray());
            case Op.MaxPool pool -> in.window(effective(pool.kernel().toArray(), pool.dilation().toArray()), pool.stride().toArray());
            case Op.AvgPool pool -> in.window(pool.kernel().toArray(), pool.stride().toArray());
            case Op.ConvTranspose conv ->
                    scatter(in, effective(conv.kernel().toArray(), conv.dilation().toArray()), conv.stride().toArray());
            case Op.MaxUnpool unpool -> {
                // Each output comes from one pooled value, whose window is the pool's.
                Op.MaxPool pool = (Op.MaxPool) checked.graph().producer(unpool.pool()).orElseThrow().op();
                yield scatter(in, pool.kernel().toArray(), pool.stride().toArray());
            }
            case Op.Upsample upsample -> {
                int rank = in.rank();
                int[] ones = new int[rank];
                int[] factor = new int[rank];
                for (int d = 0; d < rank; d++) {
                    ones[d] = 1;
                    factor[d] = upsample.scaleFor(d);
                }
                yield in.enlarge(ones, factor);
            }
            case Op.GlobalAvgPool pool -> ReceptiveField.globalField();
            case Op.Flatten flatten -> ReceptiveField.globalField();
            case Op.Dense dense -> ReceptiveField.globalField();
            case Op.Add add -> ReceptiveField.merge(node.inputs().stream().map(fields::get).toList());
            case Op.Concat concat -> ReceptiveField.merge(node.inputs().stream().map(fields::get).toList());
            case Op.BatchNorm norm -> in;
            case Op.Activation activation -> in;
            case Op.Softmax softmax -> in;
            case Op.Dropout dropout -> in;
        };
    }

    /** An op that scatters each input over a window of {@code extent} at {@code stride}: each output sees ceil(e/s) inputs. */
    private static ReceptiveField scatter(ReceptiveField in, int[] extent, int[] stride) {
        int[] taps = new int[extent.length];
        for (int d = 0; d < taps.length; d++) {
            taps[d] = Math.ceilDiv(extent[d], stride[d]);
        }
        return in.enlarge(taps, stride);
    }

    private static int[] effective(int[] kernel, int[] dilation) {
        int[] extent = new int[kernel.length];
        for (int d = 0; d < kernel.length; d++) {
            extent[d] = dilation[d] * (kernel[d] - 1) + 1;
        }
        return extent;
    }

    private static long product(int[] values) {
        long product = 1;
        for (int value : values) {
            product *= value;
        }
        return product;
    }
}
