package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.compiled.CompiledNetwork;
import dev.cnnc.runtime.compiled.VectorSupport;
import dev.cnnc.testing.Golden;
import dev.cnnc.testing.GoldenCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case through the compiled classes: the Vector API class and its scalar variant. */
class GoldenBytecodeTest {

    private static final GoldenCase VECTOR = new GoldenCase();
    private static final GoldenCase SCALAR = new GoldenCase();
    private static final GoldenCase THREADED = new GoldenCase();
    private static final GoldenCase UNROLLED = new GoldenCase();
    private static final List<Network> OPEN = new ArrayList<>();

    @AfterAll
    static void reportMargin() {
        System.out.println(VECTOR.margin("the bytecode backend (vector)"));
        System.out.println(SCALAR.margin("the bytecode backend (scalar)"));
        System.out.println(THREADED.margin("the bytecode backend (vector on 2 threads, scalar on 3)"));
        System.out.println(UNROLLED.margin("the bytecode backend (vector with --unroll full, scalar with none)"));
        OPEN.forEach(Network::close);
    }

    static Stream<Path> cases() {
        return Golden.cases().stream();
    }

    static Network compile(CheckedGraph graph, boolean scalar) {
        BytecodeBackend.CompiledClasses classes = BytecodeBackend.compile(graph, "golden." + graph.graph().name(),
                BytecodeBackend.defaultLanes());
        ClassChecks.verify(classes);
        return BytecodeBackend.load(classes, scalar);
    }

    @Test
    void theVectorClassRunsHere() {
        // The tests run with --add-modules jdk.incubator.vector; without it, this suite would test the scalar class twice.
        assertTrue(VectorSupport.preferredBits() >= 128, "the Vector API is not available to the tests");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vectorClassMatchesPyTorch(Path dir) throws Exception {
        VECTOR.check(dir, graph -> {
            Network network = compile(graph, false);
            assertEquals(BytecodeBackend.defaultLanes(), ((CompiledNetwork) network).lanes());
            return network;
        });
    }

    /** Two threads split rows, samples, taps and channels evenly; three leave uneven parts. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothClassesOnSeveralThreadsMatchPyTorch(Path dir) throws Exception {
        for (boolean scalar : new boolean[] {false, true}) {
            THREADED.check(dir, graph -> {
                Network network = compile(graph, scalar);
                network.setThreads(scalar ? 3 : 2);
                OPEN.add(network);
                return network;
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyUnrollingMatchesPyTorch(Path dir) throws Exception {
        for (boolean scalar : new boolean[] {false, true}) {
            UNROLLED.check(dir, graph -> {
                BytecodeBackend.CompiledClasses classes = BytecodeBackend.compile(graph, "golden." + graph.graph().name(),
                        BytecodeBackend.defaultLanes(), scalar ? Unroll.NONE : Unroll.FULL);
                ClassChecks.verify(classes);
                return BytecodeBackend.load(classes, scalar);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalarClassMatchesPyTorch(Path dir) throws Exception {
        SCALAR.check(dir, graph -> {
            Network network = compile(graph, true);
            assertEquals(1, ((CompiledNetwork) network).lanes());
            return network;
        });
    }
}
