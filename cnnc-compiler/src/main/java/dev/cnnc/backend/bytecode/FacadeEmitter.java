package dev.cnnc.backend.bytecode;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class users name: {@code LeNet5.create()} returns the vector class when the JVM runs the
 * Vector API at the compiled width, else the scalar one. It never names a vector type itself,
 * so it loads on any JVM.
 */
final class FacadeEmitter {

    private static final String NETWORK = "dev/cnnc/runtime/Network";

    private FacadeEmitter() {}

    static byte[] emit(String facade, String vectorClass, String scalarClass, int lanes) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return type1.equals(type2) ? type1 : "java/lang/Object";
            }
        };
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, facade, null,
                "java/lang/Object", null);

        // private Facade() {}
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PRIVATE, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        // public static Network create() { return VectorSupport.available(LANES) ? new Vector() : new Scalar(); }
        MethodVisitor create = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "create", "()L" + NETWORK + ";",
                null, null);
        create.visitCode();
        Label scalar = new Label();
        if (vectorClass != null) {
            create.visitLdcInsn(lanes);
            create.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/cnnc/runtime/compiled/VectorSupport", "available", "(I)Z",
                    false);
            create.visitJumpInsn(Opcodes.IFEQ, scalar);
            construct(create, vectorClass);
            create.visitInsn(Opcodes.ARETURN);
        }
        create.visitLabel(scalar);
        construct(create, scalarClass);
        create.visitInsn(Opcodes.ARETURN);
        create.visitMaxs(0, 0);
        create.visitEnd();

        // public static Network createScalar() { return new Scalar(); }
        MethodVisitor createScalar = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "createScalar",
                "()L" + NETWORK + ";", null, null);
        createScalar.visitCode();
        construct(createScalar, scalarClass);
        createScalar.visitInsn(Opcodes.ARETURN);
        createScalar.visitMaxs(0, 0);
        createScalar.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static void construct(MethodVisitor code, String type) {
        code.visitTypeInsn(Opcodes.NEW, type);
        code.visitInsn(Opcodes.DUP);
        code.visitMethodInsn(Opcodes.INVOKESPECIAL, type, "<init>", "()V", false);
    }
}
