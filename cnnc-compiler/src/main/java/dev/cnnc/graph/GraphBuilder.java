package dev.cnnc.graph;

import dev.cnnc.ast.AstNetwork;
import dev.cnnc.ast.AstStatement;
import dev.cnnc.ast.Expression;
import dev.cnnc.ast.Identifier;
import dev.cnnc.ast.NameReference;
import dev.cnnc.ast.NumberLiteral;
import dev.cnnc.ast.OpCall;
import dev.cnnc.diagnostics.Diagnostics;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.diagnostics.SourceSpan;
import dev.cnnc.ir.Graph;
import dev.cnnc.ir.GraphInput;
import dev.cnnc.ir.Node;
import dev.cnnc.ir.Op;
import dev.cnnc.ir.Shape;
import dev.cnnc.ops.OpCatalog;
import dev.cnnc.ops.OpFamily;
import dev.cnnc.ops.OpSignature;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 3: builds the graph IR of one network from its AST.
 *
 * <p>Each statement becomes one node per op: nested calls first, left to right, then the chain's
 * steps, numbered from 0 in that order as {@code nn.Sequential} would number them. The last node
 * produces the statement's name; the ones before it produce {@code statement.step}. A statement
 * with a mistake is reported and left out of the graph, and so is everything that reads it, so that
 * one mistake yields one message while unrelated statements are still checked.
 */
public final class GraphBuilder {

    private final AstNetwork network;
    private final Diagnostics diagnostics;
    private final Graph.Builder graph;

    /** Every name defined in the network, with its line: to tell "used before" from "undefined". */
    private final Map<String, Identifier> allDefinitions = new LinkedHashMap<>();
    /** Names defined so far, with where. */
    private final Map<String, Identifier> defined = new HashMap<>();
    /** Names whose statement failed: reading them is silently failed too. */
    private final Set<String> failed = new HashSet<>();
    private final Set<String> inputNames = new HashSet<>();
    /** Names read by some op or listed as outputs. */
    private final Set<String> used = new HashSet<>();
    private final Set<String> outputs = new HashSet<>();
    /** The last op of each statement, for maxunpool's {@code indices}. */
    private final Map<String, Op> lastOpOfStatement = new HashMap<>();

    private GraphBuilder(AstNetwork network, Diagnostics diagnostics) {
        this.network = network;
        this.diagnostics = diagnostics;
        this.graph = Graph.builder(network.name().text(), network.name().span());
    }

    public static Graph build(AstNetwork network, Diagnostics diagnostics) {
        GraphBuilder builder = new GraphBuilder(network, diagnostics);
        builder.collectDefinitions();
        builder.statements();
        return builder.graph.build();
    }

    private void collectDefinitions() {
        for (AstStatement statement : network.statements()) {
            Identifier name = switch (statement) {
                case AstStatement.InputDeclaration input -> input.name();
                case AstStatement.Assignment assignment -> assignment.name();
                case AstStatement.OutputDeclaration output -> null;
            };
            if (name != null) {
                allDefinitions.putIfAbsent(name.text(), name);
            }
        }
    }

    private void statements() {
        int errorsBefore = diagnostics.errorCount();
        boolean anyInput = false;
        boolean anyOutput = false;
        for (AstStatement statement : network.statements()) {
            switch (statement) {
                case AstStatement.InputDeclaration input -> {
                    anyInput = true;
                    input(input);
                }
                case AstStatement.Assignment assignment -> assignment(assignment);
                case AstStatement.OutputDeclaration output -> {
                    anyOutput = true;
                    output(output);
                }
            }
        }
        String name = network.name().text();
        if (!anyInput) {
            diagnostics.report(ErrorCode.E104, network.name().span(), name);
        }
        if (!anyOutput) {
            String last = network.statements().stream()
                    .filter(s -> s instanceof AstStatement.Assignment)
                    .map(s -> ((AstStatement.Assignment) s).name().text())
                    .reduce((a, b) -> b)
                    .orElse("y");
            diagnostics.report(ErrorCode.E105, network.name().span(), name, last);
        }
        if (diagnostics.errorCount() == errorsBefore) {
            warnUnused();
        }
    }

    /** A value nobody reads is usually a mistake in the wiring; it costs time in every forward pass too. */
    private void warnUnused() {
        for (Identifier name : defined.values().stream()
                .sorted(java.util.Comparator.comparingInt((Identifier i) -> i.span().line()).thenComparingInt(i -> i.span().column()))
                .toList()) {
            if (used.contains(name.text())) {
                continue;
            }
            if (inputNames.contains(name.text())) {
                diagnostics.report(ErrorCode.W102, name.span(), "input '" + name.text() + "' is never used");
            } else {
                diagnostics.report(ErrorCode.W101, name.span(), "'" + name.text() + "' is computed but never used"
                        + " nor an output");
            }
        }
    }

    private void input(AstStatement.InputDeclaration input) {
        boolean fresh = checkFresh(input.name());
        if (fresh) {
            defined.put(input.name().text(), input.name());
            inputNames.add(input.name().text());
        }
        List<NumberLiteral> dims = input.dims();
        String name = input.name().text();
        if (dims.size() > 4) {
            diagnostics.report(ErrorCode.E108, input.shapeSpan(), "input '" + name + "' has " + dims.size()
                    + " dimensions; an input is [F], [C, L], [C, H, W] or [C, D, H, W] (the batch is not written)");
            if (fresh) {
                failed.add(name);
            }
            return;
        }
        int[] sizes = new int[dims.size()];
        boolean ok = fresh;
        for (int i = 0; i < sizes.length; i++) {
            NumberLiteral dim = dims.get(i);
            if (dim.value().compareTo(BigDecimal.ONE) < 0) {
                diagnostics.report(ErrorCode.E108, dim.span(), "input '" + name + "': every size must be at least 1,"
                        + " found " + dim.text());
                ok = false;
            } else if (dim.value().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                diagnostics.report(ErrorCode.E013, dim.span(), "input '" + name + "': size " + dim.text()
                        + " is too large (the largest size cnnc handles is 2147483647)");
                ok = false;
            } else {
                sizes[i] = dim.value().intValueExact();
            }
        }
        if (ok && Shape.elementsOrMinusOne(java.util.Arrays.stream(sizes).asLongStream().toArray()) < 0) {
            diagnostics.report(ErrorCode.E310, input.shapeSpan(), "input '" + name + "' " + java.util.Arrays.toString(sizes)
                    + " has more than 2147483647 elements per sample, more than a Java array holds");
            ok = false;
        }
        if (!ok) {
            if (fresh) {
                failed.add(name);
            }
            return;
        }
        graph.addInput(new GraphInput(name, Shape.of(sizes), input.name().span()));
    }

    private void assignment(AstStatement.Assignment assignment) {
        Identifier name = assignment.name();
        boolean fresh = checkFresh(name);
        StatementLowering lowering = new StatementLowering(name.text());
        Expression head = assignment.chain().head();
        Optional<String> value = head instanceof OpCall call ? lowering.call(call, null) : lowering.reference((NameReference) head);
        for (OpCall step : assignment.chain().steps()) {
            // Check every step even after a failed one, so that all mistakes of the line are reported.
            value = lowering.call(step, value.orElse(null));
        }
        if (lowering.nodes.isEmpty() && !lowering.failed) {
            diagnostics.report(ErrorCode.E208, name.span(), "'" + name.text() + " = " + ((NameReference) head).name().text()
                    + "' applies no op; use '" + ((NameReference) head).name().text() + "' directly");
            lowering.failed = true;
        }
        if (!fresh) {
            return;
        }
        // Defined only now, so that a statement cannot read its own name.
        defined.put(name.text(), name);
        if (lowering.failed) {
            failed.add(name.text());
            return;
        }
        lowering.emit();
    }

    private void output(AstStatement.OutputDeclaration output) {
        for (Identifier name : output.names()) {
            if (!resolve(name)) {
                continue;
            }
            if (!outputs.add(name.text())) {
                diagnostics.report(ErrorCode.E107, name.span(), name.text(), network.name().text());
                continue;
            }
            graph.addOutput(name.text());
        }
    }

    /** Whether a name can be read here; reports it when it cannot (unless it failed earlier). */
    private boolean resolve(Identifier name) {
        String text = name.text();
        if (defined.containsKey(text)) {
            used.add(text);
            return !failed.contains(text);
        }
        Identifier later = allDefinitions.get(text);
        if (later != null) {
            diagnostics.report(ErrorCode.E103, name.span(), text, later.span().line());
        } else {
            diagnostics.report(ErrorCode.E101, name.span(), "'" + text + "' is not defined"
                    + Suggestions.didYouMean(text, defined.keySet()));
        }
        return false;
    }

    /** Whether the name is still free; reports it when it is not. */
    private boolean checkFresh(Identifier name) {
        Identifier previous = defined.get(name.text());
        if (previous == null) {
            return true;
        }
        diagnostics.report(ErrorCode.E102, name.span(), "'" + name.text() + "' is already defined"
                + (inputNames.contains(name.text()) ? " as an input" : "") + " on line " + previous.span().line()
                + "; every name is defined once");
        return false;
    }

    /** Unrolls one statement's expression tree into nodes, numbering its steps. */
    private final class StatementLowering {
        private final String statement;
        private final List<PendingNode> nodes = new ArrayList<>();
        private boolean failed;

        private record PendingNode(String output, Op op, List<String> inputs, int step, SourceSpan span) {}

        StatementLowering(String statement) {
            this.statement = statement;
        }

        Optional<String> reference(NameReference reference) {
            if (resolve(reference.name())) {
                return Optional.of(reference.name().text());
            }
            failed = true;
            return Optional.empty();
        }

        /** Lowers a call; {@code chainedInput} is the value on the left of its arrow, or null for a plain call. */
        Optional<String> call(OpCall call, String chainedInput) {
            List<Optional<String>> inputs = new ArrayList<>();
            if (call.chained()) {
                inputs.add(Optional.ofNullable(chainedInput));
            }
            for (Expression input : call.inputs()) {
                inputs.add(input instanceof OpCall nested ? call(nested, null) : reference((NameReference) input));
            }
            Optional<OpSignature> signature = OpCatalog.lookup(call.op().text());
            if (signature.isEmpty()) {
                diagnostics.report(ErrorCode.E201, call.op().span(), UnknownOpMessage.of(call.op().text()));
                failed = true;
                return Optional.empty();
            }
            Optional<Op> op = resolveOp(signature.get(), call, inputs.size());
            if (op.isEmpty() || inputs.stream().anyMatch(Optional::isEmpty)) {
                failed = true;
                return Optional.empty();
            }
            String output = statement + "." + nodes.size();
            nodes.add(new PendingNode(output, op.get(), inputs.stream().map(Optional::get).toList(), nodes.size(),
                    call.op().span()));
            return Optional.of(output);
        }

        private Optional<Op> resolveOp(OpSignature signature, OpCall call, int inputCount) {
            boolean ok = true;
            if (inputCount < signature.minInputs() || inputCount > signature.maxInputs()) {
                diagnostics.report(ErrorCode.E208, call.op().span(), inputCountMessage(signature, call, inputCount));
                ok = false;
            }
            AttributeReader attributes = new AttributeReader(signature, call, diagnostics);
            String pool = null;
            if (signature.family() == OpFamily.MAXUNPOOL) {
                pool = attributes.statement("indices").map(this::poolFor).orElse(null);
                ok &= pool != null || attributes.failed();
            }
            Optional<Op> op = OpFactory.create(signature, attributes, pool, diagnostics);
            return ok ? op : Optional.empty();
        }

        /** The statement maxunpool's indices come from, if it ends in a maxpool of the same form. */
        private String poolFor(Identifier indices) {
            if (!resolve(indices)) {
                return null;
            }
            Op last = lastOpOfStatement.get(indices.text());
            if (last instanceof Op.MaxPool) {
                return indices.text();
            }
            String what = last == null ? "an input" : "a statement whose last op is " + last.name();
            diagnostics.report(ErrorCode.E210, indices.span(), "indices: '" + indices.text() + "' is " + what
                    + "; maxunpool takes its indices from a statement whose last op is a maxpool");
            return null;
        }

        private String inputCountMessage(OpSignature signature, OpCall call, int count) {
            String takes = signature.maxInputs() == 1 ? "one input"
                    : "at least " + signature.minInputs() + " inputs";
            String hint = call.chained() && count > signature.maxInputs()
                    ? " (in a chain, the value on the left of '->' is its input)" : "";
            return signature.name() + " takes " + takes + ", found " + count + hint;
        }

        void emit() {
            long withParameters = nodes.stream().filter(n -> n.op().hasParameters()).count();
            for (int i = 0; i < nodes.size(); i++) {
                PendingNode pending = nodes.get(i);
                boolean last = i == nodes.size() - 1;
                String output = last ? statement : pending.output();
                String prefix = !pending.op().hasParameters() ? null
                        : withParameters == 1 ? statement : statement + "." + pending.step();
                graph.addNode(new Node(output, pending.op(), pending.inputs(), statement, pending.step(), pending.span(), prefix));
            }
            lastOpOfStatement.put(statement, nodes.get(nodes.size() - 1).op());
        }
    }
}
