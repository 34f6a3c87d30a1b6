package dev.cnnc.driver;

import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.interpreter.Interpreter;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;

/** The ways a checked network can run; {@code cnnc run --backend} picks one, and tests run every case through each. */
public enum Backend {
    /** Specialized classes through ASM: the Vector API class when the JVM runs it, else the scalar one. */
    BYTECODE,
    /** The reference interpreter on the generic kernels. */
    INTERPRETER;

    /** A network with PyTorch's default initialization (seed 0), in eval mode. */
    public Network load(CheckedGraph checked) {
        return switch (this) {
            case BYTECODE -> BytecodeBackend.load(BytecodeBackend.compile(checked,
                    "cnnc.generated." + checked.graph().name(), BytecodeBackend.defaultLanes()), false);
            case INTERPRETER -> Interpreter.load(checked);
        };
    }

    /** How the command line spells it. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
