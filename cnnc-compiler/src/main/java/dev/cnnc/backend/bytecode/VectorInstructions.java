package dev.cnnc.backend.bytecode;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.KernelClass;
import dev.cnnc.kernel.Stmt;
import dev.cnnc.kernel.Type;
import java.util.function.Consumer;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The instructions of vector expressions: Vector API calls on the class's {@code static final}
 * species, or plain float instructions in the scalar variant, where a vector is one float. The
 * operations that also apply to floats (fma, unary functions, select) emit float code for them.
 */
final class VectorInstructions {

    private static final String VECTOR = "Ljdk/incubator/vector/Vector;";
    private static final String RESULT = "Ljdk/incubator/vector/FloatVector;";
    private static final String OPERATORS = "jdk/incubator/vector/VectorOperators";

    private final MethodVisitor code;
    private final KernelClass owner;
    private final Consumer<Expr> operand;

    VectorInstructions(MethodVisitor code, KernelClass owner, Consumer<Expr> operand) {
        this.code = code;
        this.owner = owner;
        this.operand = operand;
    }

    private boolean scalar() {
        return owner.isScalar();
    }

    /** Whether {@code expr} is computed with float instructions: a float, or any value of the scalar class. */
    private boolean scalar(Expr expr) {
        return owner.isScalar() || expr.type() == Type.FLOAT;
    }

    private void species() {
        code.visitFieldInsn(Opcodes.GETSTATIC, owner.internalName(), BytecodeEmitter.SPECIES_FIELD,
                BytecodeEmitter.SPECIES_DESCRIPTOR);
    }

    private void virtual(String name, String descriptor) {
        code.visitMethodInsn(Opcodes.INVOKEVIRTUAL, BytecodeEmitter.FLOAT_VECTOR, name, descriptor, false);
    }

    // FloatVector.fromArray(SPECIES, array, index)   |   array[index]
    void load(Expr.VectorLoad load) {
        if (!scalar()) {
            species();
        }
        operand.accept(load.array());
        operand.accept(load.index());
        if (scalar()) {
            code.visitInsn(Opcodes.FALOAD);
        } else {
            code.visitMethodInsn(Opcodes.INVOKESTATIC, BytecodeEmitter.FLOAT_VECTOR, "fromArray",
                    "(Ljdk/incubator/vector/VectorSpecies;[FI)" + RESULT, false);
        }
    }

    // value.intoArray(array, index)   |   array[index] = value
    void store(Stmt.VectorStore store) {
        if (scalar()) {
            operand.accept(store.array());
            operand.accept(store.index());
            operand.accept(store.value());
            code.visitInsn(Opcodes.FASTORE);
        } else {
            operand.accept(store.value());
            operand.accept(store.array());
            operand.accept(store.index());
            virtual("intoArray", "([FI)V");
        }
    }

    // FloatVector.broadcast(SPECIES, value)   |   value
    void broadcast(Expr.Broadcast broadcast) {
        if (!scalar()) {
            species();
        }
        operand.accept(broadcast.value());
        if (!scalar()) {
            code.visitMethodInsn(Opcodes.INVOKESTATIC, BytecodeEmitter.FLOAT_VECTOR, "broadcast",
                    "(Ljdk/incubator/vector/VectorSpecies;F)" + RESULT, false);
        }
    }

    // left.add(right), .sub, .mul, .div, .min, .max   |   left + right, ...
    void binary(Expr.Binary binary) {
        operand.accept(binary.left());
        operand.accept(binary.right());
        if (scalar()) {
            scalarOperator(code, binary.operator(), false);
            return;
        }
        String name = switch (binary.operator()) {
            case ADD -> "add";
            case SUB -> "sub";
            case MUL -> "mul";
            case DIV -> "div";
            case MIN -> "min";
            case MAX -> "max";
            case REM -> throw new IllegalArgumentException("REM of vectors");
        };
        virtual(name, "(" + VECTOR + ")" + RESULT);
    }

    // a.fma(b, c)   |   a * b + c: two roundings, as the generic kernels' Java does
    void fma(Expr.Fma fma) {
        operand.accept(fma.a());
        operand.accept(fma.b());
        if (scalar(fma)) {
            code.visitInsn(Opcodes.FMUL);
            operand.accept(fma.c());
            code.visitInsn(Opcodes.FADD);
        } else {
            operand.accept(fma.c());
            virtual("fma", "(" + VECTOR + VECTOR + ")" + RESULT);
        }
    }

    // value.neg(), value.lanewise(VectorOperators.EXP), ...   |   -value, (float) Math.exp(value), ...
    void unary(Expr.Unary unary) {
        if (scalar(unary)) {
            scalarUnary(unary);
            return;
        }
        operand.accept(unary.value());
        if (unary.function() == Expr.Unary.Function.NEG) {
            virtual("neg", "()" + RESULT);
            return;
        }
        code.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, unary.function().name(),
                "Ljdk/incubator/vector/VectorOperators$Unary;");
        virtual("lanewise", "(Ljdk/incubator/vector/VectorOperators$Unary;)" + RESULT);
    }

    // otherwise.blend(positive, condition.compare(VectorOperators.GT, 0f))   |   condition > 0 ? positive : otherwise
    void select(Expr.SelectPositive select) {
        if (scalar(select)) {
            scalarSelect(select);
            return;
        }
        operand.accept(select.otherwise());
        operand.accept(select.positive());
        operand.accept(select.condition());
        code.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, "GT", "Ljdk/incubator/vector/VectorOperators$Comparison;");
        code.visitInsn(Opcodes.FCONST_0);
        virtual("compare", "(Ljdk/incubator/vector/VectorOperators$Comparison;F)Ljdk/incubator/vector/VectorMask;");
        virtual("blend", "(" + VECTOR + "Ljdk/incubator/vector/VectorMask;)" + RESULT);
    }

    // -value | (float) Math.exp(value) | (float) Math.log(value) | (float) Math.tanh(value) | (float) Math.sqrt(value)
    private void scalarUnary(Expr.Unary unary) {
        operand.accept(unary.value());
        if (unary.function() == Expr.Unary.Function.NEG) {
            code.visitInsn(Opcodes.FNEG);
            return;
        }
        code.visitInsn(Opcodes.F2D);
        code.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", unary.function().name().toLowerCase(java.util.Locale.ROOT),
                "(D)D", false);
        code.visitInsn(Opcodes.D2F);
    }

    // condition > 0 ? positive : otherwise   (FCMPL gives -1 for NaN, so NaN picks otherwise)
    private void scalarSelect(Expr.SelectPositive select) {
        Label otherwise = new Label();
        Label done = new Label();
        operand.accept(select.condition());
        code.visitInsn(Opcodes.FCONST_0);
        code.visitInsn(Opcodes.FCMPL);
        code.visitJumpInsn(Opcodes.IFLE, otherwise);
        operand.accept(select.positive());
        code.visitJumpInsn(Opcodes.GOTO, done);
        code.visitLabel(otherwise);
        operand.accept(select.otherwise());
        code.visitLabel(done);
    }

    // left OP right on ints or floats; Math.min / Math.max for MIN and MAX
    static void scalarOperator(MethodVisitor code, Expr.Binary.Operator operator, boolean isInt) {
        switch (operator) {
            case ADD -> code.visitInsn(isInt ? Opcodes.IADD : Opcodes.FADD);
            case SUB -> code.visitInsn(isInt ? Opcodes.ISUB : Opcodes.FSUB);
            case MUL -> code.visitInsn(isInt ? Opcodes.IMUL : Opcodes.FMUL);
            case DIV -> code.visitInsn(isInt ? Opcodes.IDIV : Opcodes.FDIV);
            case REM -> code.visitInsn(isInt ? Opcodes.IREM : Opcodes.FREM);
            case MIN, MAX -> code.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math",
                    operator == Expr.Binary.Operator.MIN ? "min" : "max", isInt ? "(II)I" : "(FF)F", false);
        }
    }
}
