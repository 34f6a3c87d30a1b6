package dev.cnnc.backend.bytecode;

import dev.cnnc.kernel.Expr;
import dev.cnnc.kernel.KernelClass;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.Stmt;
import dev.cnnc.kernel.Type;
import dev.cnnc.kernel.Variable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Prints a {@link KernelClass} as a class file: a public final class of public static methods.
 * It refuses to return a class with a method over {@link MethodSizes#LIMIT} bytes of bytecode,
 * since HotSpot would leave such a method interpreted.
 */
public final class BytecodeEmitter {

    private BytecodeEmitter() {}

    public static byte[] emit(KernelClass kernels) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, kernels.internalName(), null,
                "java/lang/Object", null);
        for (KernelMethod method : kernels.methods()) {
            new MethodEmitter(writer, method).emit();
        }
        writer.visitEnd();
        byte[] bytes = writer.toByteArray();
        for (Map.Entry<String, Integer> size : MethodSizes.of(bytes).entrySet()) {
            if (size.getValue() > MethodSizes.LIMIT) {
                throw new IllegalStateException(kernels.internalName() + "." + size.getKey() + " has " + size.getValue()
                        + " bytes of bytecode, over the limit of " + MethodSizes.LIMIT + "; it must be split");
            }
        }
        return bytes;
    }

    /** Emits one method; locals get slots in the order they first appear. */
    private static final class MethodEmitter {
        private final MethodVisitor code;
        private final KernelMethod method;
        private final Map<String, Integer> slots = new HashMap<>();
        private int nextSlot;

        MethodEmitter(ClassWriter writer, KernelMethod method) {
            this.method = method;
            this.code = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method.name(), method.descriptor(),
                    null, null);
        }

        void emit() {
            for (Variable parameter : method.parameters()) {
                slot(parameter);
            }
            code.visitCode();
            block(method.body());
            code.visitInsn(Opcodes.RETURN);
            code.visitMaxs(0, 0);
            code.visitEnd();
        }

        private int slot(Variable variable) {
            return slots.computeIfAbsent(variable.name(), name -> nextSlot++);
        }

        private void block(List<Stmt> statements) {
            statements.forEach(this::statement);
        }

        private void statement(Stmt stmt) {
            switch (stmt) {
                // variable = value;
                case Stmt.Assign assign -> {
                    expression(assign.value());
                    code.visitVarInsn(storeOpcode(assign.variable().type()), slot(assign.variable()));
                }
                // array[index] = value;
                case Stmt.Store store -> {
                    expression(store.array());
                    expression(store.index());
                    expression(store.value());
                    code.visitInsn(store.array().type() == Type.FLOAT_ARRAY ? Opcodes.FASTORE : Opcodes.IASTORE);
                }
                // for (i = from; i < to; i += step) { body }
                case Stmt.For loop -> {
                    int index = slot(loop.index());
                    expression(loop.from());
                    code.visitVarInsn(Opcodes.ISTORE, index);
                    Label test = new Label();
                    Label body = new Label();
                    code.visitJumpInsn(Opcodes.GOTO, test);
                    code.visitLabel(body);
                    block(loop.body());
                    code.visitIincInsn(index, loop.step());
                    code.visitLabel(test);
                    code.visitVarInsn(Opcodes.ILOAD, index);
                    expression(loop.to());
                    code.visitJumpInsn(Opcodes.IF_ICMPLT, body);
                }
                // if (left < right) { body }
                case Stmt.IfLess branch -> {
                    Label skip = new Label();
                    expression(branch.left());
                    expression(branch.right());
                    if (branch.left().type() == Type.INT) {
                        code.visitJumpInsn(Opcodes.IF_ICMPGE, skip);
                    } else {
                        // FCMPG gives 1 for NaN, so a NaN comparison skips the body, as Java's '<' does.
                        code.visitInsn(Opcodes.FCMPG);
                        code.visitJumpInsn(Opcodes.IFGE, skip);
                    }
                    block(branch.body());
                    code.visitLabel(skip);
                }
            }
        }

        private void expression(Expr expr) {
            switch (expr) {
                case Expr.IntConst constant -> intConstant(constant.value());
                case Expr.FloatConst constant -> floatConstant(constant.value());
                case Expr.Read read -> code.visitVarInsn(loadOpcode(read.type()), slot(read.variable()));
                // array[index]
                case Expr.Load load -> {
                    expression(load.array());
                    expression(load.index());
                    code.visitInsn(load.array().type() == Type.FLOAT_ARRAY ? Opcodes.FALOAD : Opcodes.IALOAD);
                }
                // (float) value
                case Expr.IntToFloat convert -> {
                    expression(convert.value());
                    code.visitInsn(Opcodes.I2F);
                }
                case Expr.Binary binary -> binary(binary);
            }
        }

        // left OP right; Math.min / Math.max for MIN and MAX
        private void binary(Expr.Binary binary) {
            expression(binary.left());
            expression(binary.right());
            boolean isFloat = binary.type() == Type.FLOAT;
            switch (binary.operator()) {
                case ADD -> code.visitInsn(isFloat ? Opcodes.FADD : Opcodes.IADD);
                case SUB -> code.visitInsn(isFloat ? Opcodes.FSUB : Opcodes.ISUB);
                case MUL -> code.visitInsn(isFloat ? Opcodes.FMUL : Opcodes.IMUL);
                case DIV -> code.visitInsn(isFloat ? Opcodes.FDIV : Opcodes.IDIV);
                case REM -> code.visitInsn(isFloat ? Opcodes.FREM : Opcodes.IREM);
                case MIN, MAX -> code.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math",
                        binary.operator() == Expr.Binary.Operator.MIN ? "min" : "max", isFloat ? "(FF)F" : "(II)I", false);
            }
        }

        private void intConstant(int value) {
            if (value >= -1 && value <= 5) {
                code.visitInsn(Opcodes.ICONST_0 + value);
            } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
                code.visitIntInsn(Opcodes.BIPUSH, value);
            } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
                code.visitIntInsn(Opcodes.SIPUSH, value);
            } else {
                code.visitLdcInsn(value);
            }
        }

        private void floatConstant(float value) {
            // FCONST_0 would turn -0f into +0f, so only the exact bit patterns of 0, 1 and 2 use it.
            int bits = Float.floatToRawIntBits(value);
            if (bits == Float.floatToRawIntBits(0f) || value == 1f || value == 2f) {
                code.visitInsn(Opcodes.FCONST_0 + (int) value);
            } else {
                code.visitLdcInsn(value);
            }
        }

        private static int loadOpcode(Type type) {
            return switch (type) {
                case INT -> Opcodes.ILOAD;
                case FLOAT -> Opcodes.FLOAD;
                case INT_ARRAY, FLOAT_ARRAY -> Opcodes.ALOAD;
            };
        }

        private static int storeOpcode(Type type) {
            return switch (type) {
                case INT -> Opcodes.ISTORE;
                case FLOAT -> Opcodes.FSTORE;
                case INT_ARRAY, FLOAT_ARRAY -> Opcodes.ASTORE;
            };
        }
    }
}
