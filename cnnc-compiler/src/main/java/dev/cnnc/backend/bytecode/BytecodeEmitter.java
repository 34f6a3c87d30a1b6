package dev.cnnc.backend.bytecode;

import dev.cnnc.kernel.KernelClass;
import dev.cnnc.kernel.KernelMethod;
import dev.cnnc.kernel.NetworkClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
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
    /** A kernel's descriptor: {@code (float[][] f, int[][] ix, int batch, int training, int lo, int hi)}. */
    private static final String KERNEL_DESCRIPTOR = "([[F[[IIIII)V";
    private static final String DISPATCH_DESCRIPTOR = "(I[[F[[IIIII)V";
    /** Cases per dispatch method: about 20 bytes each, so a network of any size stays under the limit. */
    static final int CASES_PER_DISPATCH = 128;
    /** Characters of the layout text per string constant: it is ASCII, and a constant holds 65,535 bytes of UTF-8. */
    private static final int LAYOUT_CHUNK = 60_000;

    private BytecodeEmitter() {}

    /** A final class of static kernels. */
    public static byte[] emit(KernelClass kernels) {
        ClassWriter writer = writer();
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, kernels.internalName(), null,
                "java/lang/Object", null);
        body(writer, kernels);
        return finish(writer, kernels);
    }

    /** A network class: the kernels, a constructor passing the layout, and the dispatch of the passes' kernels. */
    public static byte[] emit(NetworkClass network) {
        KernelClass kernels = network.kernels();
        ClassWriter writer = writer();
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, kernels.internalName(), null,
                NetworkClass.SUPERCLASS, null);
        constructor(writer, network);
        dispatch(writer, kernels, network.dispatched());
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

    /**
     * {@code public Name() { super(LAYOUT); }}, or for a layout beyond one constant's 65,535 bytes
     * {@code super(new StringBuilder().append(PART1).append(PART2)...toString())}.
     */
    private static void constructor(ClassWriter writer, NetworkClass network) {
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        String layout = network.layout();
        if (layout.length() <= LAYOUT_CHUNK) {
            init.visitLdcInsn(layout);
        } else {
            init.visitTypeInsn(Opcodes.NEW, "java/lang/StringBuilder");
            init.visitInsn(Opcodes.DUP);
            init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V", false);
            for (int at = 0; at < layout.length(); at += LAYOUT_CHUNK) {
                init.visitLdcInsn(layout.substring(at, Math.min(layout.length(), at + LAYOUT_CHUNK)));
                init.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "append",
                        "(Ljava/lang/String;)Ljava/lang/StringBuilder;", false);
            }
            init.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "toString", "()Ljava/lang/String;", false);
        }
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, NetworkClass.SUPERCLASS, "<init>", "(Ljava/lang/String;)V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }

    /**
     * <pre>{@code
     * protected void runKernel(int id, float[][] f, int[][] ix, int batch, int training, int lo, int hi) {
     *     switch (id) { case 0 -> n0_conv1_pack(f, ix, batch, training, lo, hi); ... }
     * }
     * }</pre>
     * Beyond {@link #CASES_PER_DISPATCH} kernels, each block of cases goes into a static method
     * {@code dispatchK} and {@code runKernel} switches on {@code id / CASES_PER_DISPATCH}.
     */
    private static void dispatch(ClassWriter writer, KernelClass kernels, List<String> names) {
        int blocks = Math.max(1, (names.size() + CASES_PER_DISPATCH - 1) / CASES_PER_DISPATCH);
        if (blocks == 1) {
            switchMethod(writer, kernels, Opcodes.ACC_PROTECTED, NetworkClass.DISPATCH, names, 0, 1);
            return;
        }
        List<String> blockMethods = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            String name = "dispatch" + b;
            List<String> cases = names.subList(b * CASES_PER_DISPATCH, Math.min(names.size(), (b + 1) * CASES_PER_DISPATCH));
            switchMethod(writer, kernels, Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, name, cases, b * CASES_PER_DISPATCH, 0);
            blockMethods.add(name);
        }
        // runKernel: switch (id / CASES_PER_DISPATCH) { case k -> dispatchK(id, f, ix, batch, training, lo, hi); }
        MethodVisitor code = writer.visitMethod(Opcodes.ACC_PROTECTED, NetworkClass.DISPATCH, DISPATCH_DESCRIPTOR, null, null);
        code.visitCode();
        code.visitVarInsn(Opcodes.ILOAD, 1);
        code.visitLdcInsn(CASES_PER_DISPATCH);
        code.visitInsn(Opcodes.IDIV);
        Label end = new Label();
        Label[] labels = new Label[blocks];
        for (int b = 0; b < blocks; b++) {
            labels[b] = new Label();
        }
        code.visitTableSwitchInsn(0, blocks - 1, end, labels);
        for (int b = 0; b < blocks; b++) {
            code.visitLabel(labels[b]);
            for (int local = 1; local <= 7; local++) {
                code.visitVarInsn(local == 2 || local == 3 ? Opcodes.ALOAD : Opcodes.ILOAD, local);
            }
            code.visitMethodInsn(Opcodes.INVOKESTATIC, kernels.internalName(), blockMethods.get(b), DISPATCH_DESCRIPTOR,
                    false);
            code.visitInsn(Opcodes.RETURN);
        }
        code.visitLabel(end);
        code.visitInsn(Opcodes.RETURN);
        code.visitMaxs(0, 0);
        code.visitEnd();
    }

    /** One switch over {@code cases}: case {@code first + i} calls {@code cases.get(i)}; id is local {@code base}. */
    private static void switchMethod(ClassWriter writer, KernelClass kernels, int access, String name, List<String> cases,
            int first, int base) {
        MethodVisitor code = writer.visitMethod(access, name, DISPATCH_DESCRIPTOR, null, null);
        code.visitCode();
        Label end = new Label();
        if (!cases.isEmpty()) {
            Label[] labels = new Label[cases.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = new Label();
            }
            code.visitVarInsn(Opcodes.ILOAD, base);
            code.visitTableSwitchInsn(first, first + cases.size() - 1, end, labels);
            for (int i = 0; i < labels.length; i++) {
                code.visitLabel(labels[i]);
                code.visitVarInsn(Opcodes.ALOAD, base + 1);
                code.visitVarInsn(Opcodes.ALOAD, base + 2);
                for (int local = base + 3; local <= base + 6; local++) {
                    code.visitVarInsn(Opcodes.ILOAD, local);
                }
                code.visitMethodInsn(Opcodes.INVOKESTATIC, kernels.internalName(), cases.get(i), KERNEL_DESCRIPTOR, false);
                code.visitInsn(Opcodes.RETURN);
            }
        }
        code.visitLabel(end);
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
