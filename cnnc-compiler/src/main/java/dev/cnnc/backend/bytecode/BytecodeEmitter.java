package dev.cnnc.backend.bytecode;

import dev.cnnc.kernel.KernelClass;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.NetworkClass;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Prints kernel IR as class files: a class of public static kernel methods, or a network class
 * that extends {@code CompiledNetwork}. It refuses to return a class with a method over
 * {@link MethodSizes#LIMIT} bytes of bytecode, since HotSpot would leave such a method interpreted.
 */
public final class BytecodeEmitter {

    static final String FLOAT_VECTOR = "jdk/incubator/vector/FloatVector";
    static final String SPECIES_FIELD = "SPECIES";
    static final String SPECIES_DESCRIPTOR = "Ljdk/incubator/vector/VectorSpecies;";
    private static final String PASS_DESCRIPTOR = "([[F[[III)V";

    private BytecodeEmitter() {}

    /** A final class of static kernels. */
    public static byte[] emit(KernelClass kernels) {
        ClassWriter writer = writer();
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, kernels.internalName(), null,
                "java/lang/Object", null);
        body(writer, kernels);
        return finish(writer, kernels);
    }

    /** A network class: the kernels, a constructor passing the layout, and the two pass methods. */
    public static byte[] emit(NetworkClass network) {
        KernelClass kernels = network.kernels();
        ClassWriter writer = writer();
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, kernels.internalName(), null,
                NetworkClass.SUPERCLASS, null);
        constructor(writer, network);
        bridge(writer, kernels, "forwardPass", NetworkClass.FORWARD);
        bridge(writer, kernels, "backwardPass", NetworkClass.BACKWARD);
        body(writer, kernels);
        return finish(writer, kernels);
    }

    /** The bytes of code {@code method} compiles to in {@code kernels}'s class, for the method splitter. */
    public static int codeSize(KernelClass kernels, KernelMethod method) {
        ClassWriter writer = writer();
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, kernels.internalName(), null,
                "java/lang/Object", null);
        new MethodEmitter(writer, kernels, method).emit();
        writer.visitEnd();
        return MethodSizes.of(writer.toByteArray()).get(method.name() + method.descriptor(kernels.isScalar()));
    }

    private static ClassWriter writer() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            // Frames are computed without loading classes: the compiler may run without the vector module.
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return type1.equals(type2) ? type1 : "java/lang/Object";
            }
        };
    }

    private static void body(ClassWriter writer, KernelClass kernels) {
        if (!kernels.isScalar()) {
            species(writer, kernels);
        }
        for (KernelMethod method : kernels.methods()) {
            new MethodEmitter(writer, kernels, method).emit();
        }
    }

    // static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_512;
    private static void species(ClassWriter writer, KernelClass kernels) {
        writer.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_PRIVATE, SPECIES_FIELD, SPECIES_DESCRIPTOR,
                null, null).visitEnd();
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        init.visitFieldInsn(Opcodes.GETSTATIC, FLOAT_VECTOR, "SPECIES_" + kernels.lanes() * 32, SPECIES_DESCRIPTOR);
        init.visitFieldInsn(Opcodes.PUTSTATIC, kernels.internalName(), SPECIES_FIELD, SPECIES_DESCRIPTOR);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    // public Name() { super(LAYOUT); }
    private static void constructor(ClassWriter writer, NetworkClass network) {
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitLdcInsn(network.layout());
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, NetworkClass.SUPERCLASS, "<init>", "(Ljava/lang/String;)V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    // protected void forwardPass(float[][] f, int[][] ix, int batch, int training) { forward(f, ix, batch, training); }
    private static void bridge(ClassWriter writer, KernelClass kernels, String override, String target) {
        MethodVisitor code = writer.visitMethod(Opcodes.ACC_PROTECTED, override, PASS_DESCRIPTOR, null, null);
        code.visitCode();
        code.visitVarInsn(Opcodes.ALOAD, 1);
        code.visitVarInsn(Opcodes.ALOAD, 2);
        code.visitVarInsn(Opcodes.ILOAD, 3);
        code.visitVarInsn(Opcodes.ILOAD, 4);
        code.visitMethodInsn(Opcodes.INVOKESTATIC, kernels.internalName(), target, PASS_DESCRIPTOR, false);
        code.visitInsn(Opcodes.RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    private static byte[] finish(ClassWriter writer, KernelClass kernels) {
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
}
