package dev.cnnc.ir;

import dev.cnnc.diagnostics.SourceSpan;
import java.util.List;
import java.util.Objects;

/**
 * One op applied to named tensors, producing the tensor {@code output}.
 *
 * @param output the name of the tensor this node produces: the statement's name for its last step,
 *     {@code statement.step} for the steps before it (as {@code nn.Sequential} names its children)
 * @param statement the statement the node comes from
 * @param step the node's index among the statement's steps, counted as the parameter-naming rule does
 * @param span where the op is written, for diagnostics
 * @param parameterPrefix the prefix of the node's parameter names ({@code conv1}, {@code features.3}),
 *     or null when the op has no parameters
 */
public record Node(
        String output, Op op, List<String> inputs, String statement, int step, SourceSpan span, String parameterPrefix) {

    public Node {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(span, "span");
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(output + ": a node has at least one input");
        }
        if (op.hasParameters() != (parameterPrefix != null)) {
            throw new IllegalArgumentException(output + ": a parameter prefix goes with an op that has parameters");
        }
    }

    /**
     * How diagnostics name this node: the statement, and the step too when the statement has other
     * ops of the same kind ({@code features (step 3, conv2d)}).
     */
    public String label(boolean statementHasOthersOfItsKind) {
        return statementHasOthersOfItsKind ? statement + " (step " + step + ", " + op.name() + ")" : statement;
    }
}
