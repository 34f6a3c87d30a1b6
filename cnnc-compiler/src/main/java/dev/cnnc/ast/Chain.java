package dev.cnnc.ast;

import java.util.List;

/**
 * {@code head -> step -> step}: the value of each link is the first input of the step after it.
 * Steps are {@link OpCall}s whose {@code inputs} hold only the inputs written in their parentheses.
 */
public record Chain(Expression head, List<OpCall> steps) {
    public Chain {
        steps = List.copyOf(steps);
    }
}
