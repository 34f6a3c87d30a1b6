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

/** Emits one static method; locals get slots in the order they first appear. */
final class MethodEmitter {
    private final MethodVisitor code;
    private final KernelClass owner;
    private final KernelMethod method;
    private final VectorInstructions vectors;
    private final Map<String, Integer> slots = new HashMap<>();
    private int nextSlot;

    MethodEmitter(ClassWriter writer, KernelClass owner, KernelMethod method) {
        this.owner = owner;
        this.method = method;
        this.code = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method.name(),
                method.descriptor(owner.isScalar()), null, null);
        this.vectors = new VectorInstructions(code, owner, this::expression);
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
                code.visitInsn(switch (store.array().type()) {
                    case FLOAT_ARRAY -> Opcodes.FASTORE;
                    case INT_ARRAY -> Opcodes.IASTORE;
                    default -> Opcodes.AASTORE;
                });
            }
            // value.intoArray(array, index);
            case Stmt.VectorStore store -> vectors.store(store);
            // Owner.method(arguments...);
            case Stmt.Call call -> {
                call.arguments().forEach(this::expression);
                code.visitMethodInsn(Opcodes.INVOKESTATIC, call.owner() == null ? owner.internalName() : call.owner(),
                        call.method(), call.descriptor(owner.isScalar()), false);
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
                code.visitInsn(switch (load.array().type()) {
                    case FLOAT_ARRAY -> Opcodes.FALOAD;
                    case INT_ARRAY -> Opcodes.IALOAD;
                    default -> Opcodes.AALOAD;
                });
            }
            // (float) value
            case Expr.IntToFloat convert -> {
                expression(convert.value());
                code.visitInsn(Opcodes.I2F);
            }
            case Expr.Binary binary -> {
                if (binary.type() == Type.VECTOR) {
                    vectors.binary(binary);
                } else {
                    scalarBinary(binary);
                }
            }
            case Expr.VectorLoad load -> vectors.load(load);
            case Expr.Broadcast broadcast -> vectors.broadcast(broadcast);
            case Expr.Fma fma -> vectors.fma(fma);
            case Expr.Unary unary -> vectors.unary(unary);
            case Expr.Compare compare -> compare(compare);
            case Expr.SelectPositive select -> vectors.select(select);
        }
    }

    // left < right ? 1 : 0, and the like; FCMPG for < and FCMPL for > so that NaN gives 0
    private void compare(Expr.Compare compare) {
        expression(compare.left());
        expression(compare.right());
        boolean isInt = compare.left().type() == Type.INT;
        Label isTrue = new Label();
        Label done = new Label();
        if (isInt) {
            code.visitJumpInsn(switch (compare.relation()) {
                case LT -> Opcodes.IF_ICMPLT;
                case GT -> Opcodes.IF_ICMPGT;
                case EQ -> Opcodes.IF_ICMPEQ;
                case NE -> Opcodes.IF_ICMPNE;
            }, isTrue);
        } else {
            code.visitInsn(compare.relation() == Expr.Compare.Relation.LT ? Opcodes.FCMPG : Opcodes.FCMPL);
            code.visitJumpInsn(switch (compare.relation()) {
                case LT -> Opcodes.IFLT;
                case GT -> Opcodes.IFGT;
                case EQ -> Opcodes.IFEQ;
                case NE -> Opcodes.IFNE;
            }, isTrue);
        }
        code.visitInsn(Opcodes.ICONST_0);
        code.visitJumpInsn(Opcodes.GOTO, done);
        code.visitLabel(isTrue);
        code.visitInsn(Opcodes.ICONST_1);
        code.visitLabel(done);
    }

    // left OP right; Math.min / Math.max for MIN and MAX
    private void scalarBinary(Expr.Binary binary) {
        expression(binary.left());
        expression(binary.right());
        VectorInstructions.scalarOperator(code, binary.operator(), binary.type() == Type.INT);
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

    private int loadOpcode(Type type) {
        return switch (type) {
            case INT -> Opcodes.ILOAD;
            case FLOAT -> Opcodes.FLOAD;
            case VECTOR -> owner.isScalar() ? Opcodes.FLOAD : Opcodes.ALOAD;
            case INT_ARRAY, FLOAT_ARRAY, INT_TABLE, FLOAT_TABLE -> Opcodes.ALOAD;
        };
    }

    private int storeOpcode(Type type) {
        return switch (type) {
            case INT -> Opcodes.ISTORE;
            case FLOAT -> Opcodes.FSTORE;
            case VECTOR -> owner.isScalar() ? Opcodes.FSTORE : Opcodes.ASTORE;
            case INT_ARRAY, FLOAT_ARRAY, INT_TABLE, FLOAT_TABLE -> Opcodes.ASTORE;
        };
    }
}
