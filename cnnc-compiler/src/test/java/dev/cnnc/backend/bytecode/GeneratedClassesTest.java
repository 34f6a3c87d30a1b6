package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What every generated class must be: verified by CheckClassAdapter, every method under the size
 * limit (also for a deliberately huge network), referencing only java.base, the vector module and
 * cnnc-runtime, and holding no weights in its code or constant pool.
 */
class GeneratedClassesTest {

    static Stream<Path> models() throws IOException {
        List<Path> models = new ArrayList<>();
        try (Stream<Path> files = Files.list(Golden.repository().resolve("examples"))) {
            files.filter(file -> file.toString().endsWith(".cnn")).sorted().forEach(models::add);
        }
        try (Stream<Path> nets = Files.list(Golden.root().resolve("nets"))) {
            nets.sorted().forEach(net -> models.add(net.resolve("model.cnn")));
        }
        return models.stream();
    }

    private static List<BytecodeBackend.CompiledClasses> compile(Path model, int lanes) {
        return compile(model, lanes, Unroll.DEFAULT);
    }

    private static List<BytecodeBackend.CompiledClasses> compile(Path model, int lanes, Unroll unroll) {
        CheckResult checked = FrontEnd.check(model);
        assertTrue(checked.ok(), () -> model + ": " + checked.diagnostics());
        return checked.networks().stream()
                .map(graph -> BytecodeBackend.compile(graph, "test." + graph.graph().name(), lanes, unroll)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyClassVerifiesAndFitsTheLimit(Path model) {
        for (int lanes : new int[] {4, 8, 16}) {
            for (Unroll unroll : Unroll.values()) {
                compile(model, lanes, unroll).forEach(ClassChecks::verify);
            }
        }
    }

    @Test
    void aHugeNetworkStillCompilesUnderTheLimit() {
        StringBuilder text = new StringBuilder("network Huge {\n    input x: [512, 8, 8]\n    h0 = relu(x)\n");
        for (int i = 1; i <= 40; i++) {
            text.append("    h").append(i).append(" = conv2d(h").append(i - 1)
                    .append(", out: 512, kernel: 3, padding: 1) -> batchnorm -> relu\n");
        }
        text.append("    y = dense(flatten(global_avgpool(h40)), out: 1000) -> log_softmax\n    output y\n}\n");
        CheckResult checked = FrontEnd.check("huge.cnn", text.toString());
        assertTrue(checked.ok(), () -> checked.diagnostics().toString());
        CheckedGraph graph = checked.networks().get(0);
        BytecodeBackend.CompiledClasses compiled = BytecodeBackend.compile(graph, "test.Huge", 16);
        ClassChecks.verify(compiled);
        int methods = compiled.kernels().values().stream().mapToInt(network -> network.kernels().methods().size()).sum();
        assertTrue(methods > 40 * 2 * 3, "every layer has kernels of its own: " + methods);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void classesReferenceOnlyJavaBaseTheVectorModuleAndTheRuntime(Path model) {
        Set<String> javaBase = ModuleLayer.boot().findModule("java.base").orElseThrow().getPackages();
        for (BytecodeBackend.CompiledClasses compiled : compile(model, 16)) {
            String own = compiled.facade().replace('.', '/');
            for (Map.Entry<String, byte[]> entry : compiled.classes().entrySet()) {
                for (String type : referencedTypes(entry.getValue())) {
                    String packageName = type.contains("/") ? type.substring(0, type.lastIndexOf('/')).replace('/', '.') : "";
                    boolean allowed = type.equals(own) || type.startsWith(own + "$")
                            || type.startsWith("jdk/incubator/vector/") || type.startsWith("dev/cnnc/runtime/")
                            || javaBase.contains(packageName);
                    assertTrue(allowed, entry.getKey() + " references " + type);
                }
            }
        }
    }

    @Test
    void weightsNeverGoIntoTheClasses() {
        List<BytecodeBackend.CompiledClasses> compiled = compile(Golden.repository().resolve("examples/lenet5.cnn"), 16);
        long bytes = 0;
        for (Map.Entry<String, byte[]> entry : compiled.get(0).classes().entrySet()) {
            bytes += entry.getValue().length;
            ClassReader reader = new ClassReader(entry.getValue());
            int floats = 0;
            for (int i = 1; i < reader.getItemCount(); i++) {
                int offset = reader.getItem(i);
                if (offset > 0 && reader.b[offset - 1] == 4) { // CONSTANT_Float
                    floats++;
                }
            }
            assertTrue(floats <= 8, entry.getKey() + " has " + floats + " float constants");
        }
        // LeNet-5's 61,706 parameters take 246,824 bytes as floats; its classes hold code and a layout only.
        assertTrue(bytes < 120_000, "the classes take " + bytes + " bytes");
    }

    /** Every class a class file names: its supertypes, the owners and descriptors of what its code touches. */
    private static Set<String> referencedTypes(byte[] classFile) {
        Set<String> types = new TreeSet<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                types.add(superName);
                types.addAll(List.of(interfaces));
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                addDescriptor(types, descriptor);
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                addDescriptor(types, descriptor);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        types.add(owner);
                        addDescriptor(types, desc);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        types.add(owner);
                        addDescriptor(types, desc);
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        types.add(type);
                    }
                };
            }
        }, 0);
        return types;
    }

    private static void addDescriptor(Set<String> types, String descriptor) {
        Type type = Type.getType(descriptor);
        List<Type> all = new ArrayList<>();
        if (type.getSort() == Type.METHOD) {
            all.addAll(List.of(type.getArgumentTypes()));
            all.add(type.getReturnType());
        } else {
            all.add(type);
        }
        for (Type each : all) {
            Type element = each.getSort() == Type.ARRAY ? each.getElementType() : each;
            if (element.getSort() == Type.OBJECT) {
                types.add(element.getInternalName());
            }
        }
    }

    @Test
    void theLaneCountIsTheSpeciesWidth() {
        List<BytecodeBackend.CompiledClasses> compiled = compile(Golden.repository().resolve("examples/lenet5.cnn"), 8);
        assertEquals(8, compiled.get(0).lanes());
        assertTrue(referencedTypes(compiled.get(0).classes().get("test.LeNet5$Vector")).contains("jdk/incubator/vector/FloatVector"));
        assertTrue(referencedTypes(compiled.get(0).classes().get("test.LeNet5$Scalar")).stream()
                .noneMatch(type -> type.startsWith("jdk/incubator/vector/")), "the scalar class never names a vector type");
    }
}
