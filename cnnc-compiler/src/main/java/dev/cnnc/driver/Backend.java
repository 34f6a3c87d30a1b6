package dev.cnnc.driver;

import dev.cnnc.interpreter.Interpreter;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;

/** The ways a checked network can run; {@code cnnc run --backend} picks one, and tests run every case through each. */
public enum Backend {
    /** The reference interpreter on the generic kernels. */
    INTERPRETER;

    /** A network with PyTorch's default initialization (seed 0), in eval mode. */
    public Network load(CheckedGraph checked) {
        return switch (this) {
            case INTERPRETER -> Interpreter.load(checked);
        };
    }

    /** How the command line spells it. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
