package dev.cnnc.driver;

import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.backend.java.JavaSourceBackend;
import dev.cnnc.interpreter.Interpreter;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.runtime.Network;

/** The ways a checked network can run; {@code cnnc run --backend} picks one, and tests run every case through each. */
public enum Backend {
    /** Specialized classes through ASM: the Vector API class when the JVM runs it, else the scalar one. */
    BYTECODE,
    /** The same kernels printed as Java source and compiled in memory by javac. */
    JAVA,
    /** The reference interpreter on the generic kernels. */
    INTERPRETER;

    /** A network with PyTorch's default initialization (seed 0), in eval mode. */
    public Network load(CheckedGraph checked) {
        return load(checked, Unroll.DEFAULT);
    }

    /** @param unroll how far the bytecode backend unrolls fixed loops; the interpreter has none */
    public Network load(CheckedGraph checked, Unroll unroll) {
        return load(checked, unroll, BytecodeBackend.lanesFor(checked));
    }

    /** @param lanes the floats per vector of the generated backends' vector class; the interpreter has none */
    public Network load(CheckedGraph checked, Unroll unroll, int lanes) {
        return switch (this) {
            case BYTECODE -> BytecodeBackend.load(BytecodeBackend.compile(checked,
                    "cnnc.generated." + checked.graph().name(), lanes, unroll), false);
            case JAVA -> JavaSourceBackend.load(JavaSourceBackend.emit(checked, "cnnc.generated." + checked.graph().name(),
                    lanes, unroll, checked.graph().name() + ".cnn"), false);
            case INTERPRETER -> Interpreter.load(checked);
        };
    }

    /** How the command line spells it. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
