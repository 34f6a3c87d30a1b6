package dev.cnnc.ir;

import java.util.Objects;

/**
 * A parameter or buffer of a network, named as a PyTorch {@code state_dict} names it
 * ({@code conv1.weight}, {@code features.3.bias}, {@code h.1.running_var}).
 *
 * @param node the output tensor of the node that owns it
 */
public record Parameter(String name, Shape shape, Role role, String node) {

    /** What a parameter is; running statistics are buffers, not trained. */
    public enum Role {
        WEIGHT("weight"),
        BIAS("bias"),
        RUNNING_MEAN("running_mean"),
        RUNNING_VAR("running_var");

        private final String suffix;

        Role(String suffix) {
            this.suffix = suffix;
        }

        /** The last component of the name, as PyTorch spells it. */
        public String suffix() {
            return suffix;
        }
    }

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(node, "node");
        if (!name.endsWith("." + role.suffix())) {
            throw new IllegalArgumentException("parameter " + name + " should end in ." + role.suffix());
        }
    }

    /** Whether training updates it (weights and biases do; running statistics do not). */
    public boolean trainable() {
        return role == Role.WEIGHT || role == Role.BIAS;
    }
}
