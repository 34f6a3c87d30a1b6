package dev.cnnc.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.backend.bytecode.BytecodeBackend;
import dev.cnnc.backend.bytecode.MethodSizes;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.compiled.CompiledNetwork;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.Npz;
import dev.cnnc.testing.Golden;
import dev.cnnc.testing.GoldenCase;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case through the Java-source backend: the sources of all cases compile in one javac
 * run, with no warning but the incubator module's; both classes match PyTorch, and compute the very
 * bits the bytecode backend's classes compute, since they print the same kernels.
 */
class GoldenJavaTest {

    private static final GoldenCase VECTOR = new GoldenCase();
    private static final GoldenCase SCALAR = new GoldenCase();
    private static final Map<Path, String> FACADES = new HashMap<>();
    private static Map<String, byte[]> classes;
    private static List<String> warnings;
    private static ClassLoader loader;

    @BeforeAll
    static void compileEveryCase() {
        Map<String, String> sources = new LinkedHashMap<>();
        int index = 0;
        for (Path dir : Golden.cases()) {
            CheckedGraph graph = FrontEnd.check(dir.resolve("model.cnn")).networks().get(0);
            String facade = "goldenjava.c" + index++ + "." + graph.graph().name();
            sources.putAll(JavaSourceBackend.emit(graph, facade, BytecodeBackend.defaultLanes(), Unroll.DEFAULT,
                    "model.cnn").files());
            FACADES.put(dir, facade);
        }
        InMemoryJavac.Result result = InMemoryJavac.compile(sources);
        classes = result.classes();
        warnings = result.warnings();
        loader = new BytecodeBackend.BytesClassLoader(classes, GoldenJavaTest.class.getClassLoader());
    }

    @AfterAll
    static void reportMargin() {
        System.out.println(VECTOR.margin("the Java-source backend (vector)"));
        System.out.println(SCALAR.margin("the Java-source backend (scalar)"));
    }

    static Stream<Path> cases() {
        return Golden.cases().stream();
    }

    private static Network load(Path dir, boolean scalar) {
        try {
            Class<?> facade = Class.forName(FACADES.get(dir), true, loader);
            return (Network) facade.getMethod(scalar ? "createScalar" : "create").invoke(null);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void javacWarnsOfNothingButTheIncubatorModule() {
        assertTrue(warnings.stream().allMatch(warning -> warning.equals(InMemoryJavac.INCUBATOR_WARNING)),
                () -> String.join("\n", warnings));
    }

    @Test
    void everyMethodJavacEmitsIsOneHotSpotCompiles() {
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            MethodSizes.of(entry.getValue()).forEach((method, size) -> assertTrue(size <= 8_000,
                    entry.getKey() + "." + method + " has " + size + " bytes of bytecode"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vectorClassMatchesPyTorch(Path dir) throws Exception {
        VECTOR.check(dir, graph -> {
            Network network = load(dir, false);
            assertEquals(BytecodeBackend.defaultLanes(), ((CompiledNetwork) network).lanes());
            return network;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalarClassMatchesPyTorch(Path dir) throws Exception {
        SCALAR.check(dir, graph -> {
            Network network = load(dir, true);
            assertEquals(1, ((CompiledNetwork) network).lanes());
            return network;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothClassesComputeTheBitsOfTheBytecodeBackend(Path dir) throws Exception {
        CheckedGraph graph = FrontEnd.check(dir.resolve("model.cnn")).networks().get(0);
        BytecodeBackend.CompiledClasses bytecode = BytecodeBackend.compile(graph, "golden." + graph.graph().name(),
                BytecodeBackend.defaultLanes());
        for (boolean scalar : new boolean[] {false, true}) {
            List<float[]> expected = run(BytecodeBackend.load(bytecode, scalar), dir);
            List<float[]> actual = run(load(dir, scalar), dir);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), (scalar ? "scalar" : "vector") + " result " + i);
            }
        }
    }

    /** The output, the input gradient and every parameter gradient of the case's call. */
    private static List<float[]> run(Network network, Path dir) throws Exception {
        network.parameters().load(Npz.read(dir.resolve("params.npz")), "params.npz", warning -> {});
        network.setTraining(java.nio.file.Files.readString(dir.resolve("meta.json")).contains("\"train\""));
        NdArray input = Npy.read(dir.resolve("input.npy"));
        List<float[]> results = new ArrayList<>();
        results.add(network.forward(input.dim(0), input.data())[0]);
        results.add(network.backward(Npy.read(dir.resolve("grad_output.npy")).data())[0]);
        network.parameters().gradientArrays().values().forEach(gradient -> results.add(gradient.data()));
        return results;
    }
}
