package dev.cnnc.check;

import dev.cnnc.diagnostics.Diagnostics;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Graph;
import dev.cnnc.ir.GraphInput;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Parameter;
import dev.cnnc.ir.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 4: infers the shape of every tensor of a graph with the spec's formulas and derives the
 * parameters. A node whose shape cannot be computed is reported and skipped, along with the nodes
 * that read it, so that each mistake is reported once and unrelated ones are all reported.
 */
public final class ShapeChecker {

    private final Graph graph;
    private final Diagnostics diagnostics;
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final List<Parameter> parameters = new ArrayList<>();
    /** How many ops of each kind each statement has ("statement op" -> count), to label nodes in messages. */
    private final Map<String, Integer> opsPerStatement = new java.util.HashMap<>();
    private boolean complete = true;

    private ShapeChecker(Graph graph, Diagnostics diagnostics) {
        this.graph = graph;
        this.diagnostics = diagnostics;
    }

    /** The checked graph, or empty when some node's shape could not be computed (reported). */
    public static Optional<CheckedGraph> check(Graph graph, Diagnostics diagnostics) {
        ShapeChecker checker = new ShapeChecker(graph, diagnostics);
        for (GraphInput input : graph.inputs()) {
            checker.shapes.put(input.name(), input.shape());
        }
        for (Node node : graph.nodes()) {
            checker.opsPerStatement.merge(node.statement() + " " + node.op().name(), 1, Integer::sum);
        }
        for (Node node : graph.nodes()) {
            checker.node(node);
        }
        return checker.complete ? Optional.of(new CheckedGraph(graph, checker.shapes, checker.parameters)) : Optional.empty();
    }

    private void node(Node node) {
        List<Shape> inputs = new ArrayList<>();
        for (String input : node.inputs()) {
            Shape shape = shapes.get(input);
            if (shape == null) {
                // Its producer failed and was reported; this node cannot be checked.
                complete = false;
                return;
            }
            inputs.add(shape);
        }
        boolean othersOfItsKind = opsPerStatement.get(node.statement() + " " + node.op().name()) > 1;
        NodeReporter report = new NodeReporter(node, node.label(othersOfItsKind), diagnostics);
        Shape output = outputShape(node, inputs, report);
        if (output == null || report.failed()) {
            complete = false;
            return;
        }
        List<Parameter> owned = ParameterShapes.of(node, inputs.get(0), report);
        if (report.failed()) {
            complete = false;
            return;
        }
        shapes.put(node.output(), output);
        parameters.addAll(owned);
    }

    private Shape outputShape(Node node, List<Shape> inputs, NodeReporter report) {
        Shape input = inputs.get(0);
        return switch (node.op()) {
            case Op.Conv conv -> WindowShapes.conv(conv, input, report);
            case Op.ConvTranspose conv -> WindowShapes.convTranspose(conv, input, report);
            case Op.MaxPool pool -> WindowShapes.maxPool(pool, input, report);
            case Op.AvgPool pool -> WindowShapes.avgPool(pool, input, report);
            case Op.MaxUnpool unpool -> maxUnpool(unpool, input, report);
            case Op.Upsample upsample -> upsample(upsample, input, report);
            case Op.GlobalAvgPool pool -> {
                if (input.isFlat()) {
                    report.error(ErrorCode.E312, "global_avgpool averages over spatial dimensions, but "
                            + report.input(0) + " is flat " + input);
                    yield null;
                }
                yield Shape.of(input.channels());
            }
            case Op.BatchNorm norm -> input;
            case Op.Activation activation -> input;
            case Op.Softmax softmax -> input;
            case Op.Dropout dropout -> input;
            case Op.Flatten flatten -> Shape.of(input.elementCount());
            case Op.Dense dense -> {
                if (!input.isFlat()) {
                    report.error(ErrorCode.E307, "dense needs a flat input [F], but " + report.input(0) + " is " + input
                            + "; flatten it first, e.g. dense(flatten(" + node.inputs().get(0).replaceAll("\\..*", "")
                            + "), out: " + dense.out() + ")");
                    yield null;
                }
                yield Shape.of(dense.out());
            }
            case Op.Add add -> add(inputs, report);
            case Op.Concat concat -> concat(inputs, report);
        };
    }

    private Shape maxUnpool(Op.MaxUnpool unpool, Shape input, NodeReporter report) {
        if (!WindowShapes.rankMatches(unpool.name(), unpool.rank(), input, report)) {
            return null;
        }
        Node pool = graph.producer(unpool.pool()).orElseThrow();
        Op.MaxPool maxPool = (Op.MaxPool) pool.op();
        if (maxPool.rank() != unpool.rank()) {
            diagnostics.report(ErrorCode.E210, report.node().span(), report.label() + ": indices: '"
                    + unpool.pool() + "' ends in " + maxPool.name() + ", of another form than " + unpool.name());
            return null;
        }
        Shape pooled = shapes.get(pool.output());
        Shape restored = shapes.get(pool.inputs().get(0));
        if (pooled == null || restored == null) {
            return null;
        }
        if (!pooled.equals(input)) {
            report.error(ErrorCode.E311, report.input(0) + " is " + input + ", but the pool '" + unpool.pool()
                    + "' whose indices it uses gives " + pooled);
            return null;
        }
        return restored;
    }

    private Shape upsample(Op.Upsample upsample, Shape input, NodeReporter report) {
        if (input.isFlat()) {
            report.error(ErrorCode.E312, "upsample enlarges spatial dimensions, but " + report.input(0) + " is flat " + input);
            return null;
        }
        int rank = input.spatialRank();
        if (upsample.scalePerDimension() && upsample.scale().size() != rank) {
            report.error(ErrorCode.E206, "scale " + upsample.scale() + " has " + upsample.scale().size()
                    + (upsample.scale().size() == 1 ? " entry" : " entries") + ", but " + report.input(0) + " " + input
                    + " has " + rank + " spatial dimension" + (rank == 1 ? "" : "s"));
            return null;
        }
        long[] out = new long[rank];
        for (int d = 0; d < rank; d++) {
            out[d] = (long) input.spatial(d) * upsample.scaleFor(d);
        }
        return report.shape(input.channels(), out);
    }

    private Shape add(List<Shape> inputs, NodeReporter report) {
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(inputs.get(0))) {
                report.error(ErrorCode.E308, "shapes differ: " + report.input(0) + " is " + inputs.get(0) + ", "
                        + report.input(i) + " is " + inputs.get(i) + "; add needs equal shapes");
                return null;
            }
        }
        return inputs.get(0);
    }

    private Shape concat(List<Shape> inputs, NodeReporter report) {
        Shape first = inputs.get(0);
        long channels = first.channels();
        for (int i = 1; i < inputs.size(); i++) {
            Shape other = inputs.get(i);
            if (other.rank() != first.rank() || !java.util.Arrays.equals(other.spatial(), first.spatial())) {
                report.error(ErrorCode.E309, report.input(0) + " is " + first + ", " + report.input(i) + " is " + other
                        + "; concat joins along channels, so all other dimensions must be equal");
                return null;
            }
            channels += other.channels();
        }
        long[] spatial = java.util.Arrays.stream(first.spatial()).asLongStream().toArray();
        return report.shape(channels, spatial);
    }
}
