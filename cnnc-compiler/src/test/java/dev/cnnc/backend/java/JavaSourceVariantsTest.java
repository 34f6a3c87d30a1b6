package dev.cnnc.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.backend.bytecode.MethodSizes;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.lowering.Unroll;
import dev.cnnc.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java source of every example compiles, at each vector width and unrolling the bytecode
 * backend's tests cover, with javac warning of nothing but the incubator module, and every
 * method javac makes of it stays under HotSpot's 8,000-byte limit.
 */
class JavaSourceVariantsTest {

    private record Variant(int lanes, Unroll unroll) {}

    @Test
    void everyExampleCompilesAtEveryWidthAndUnrolling() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(Golden.repository().resolve("examples"))) {
            models = files.filter(file -> file.toString().endsWith(".cnn")).sorted().toList();
        }
        List<Variant> variants = List.of(new Variant(8, Unroll.FULL), new Variant(16, Unroll.NONE),
                new Variant(4, Unroll.TILE));
        Map<String, String> sources = new LinkedHashMap<>();
        int index = 0;
        for (Variant variant : variants) {
            for (Path model : models) {
                for (CheckedGraph graph : FrontEnd.check(model).networks()) {
                    String name = "variants.v" + index++ + "." + graph.graph().name();
                    sources.putAll(JavaSourceBackend.emit(graph, name, variant.lanes(), variant.unroll(),
                            model.getFileName().toString()).files());
                }
            }
        }
        InMemoryJavac.Result result = InMemoryJavac.compile(sources);
        assertEquals(List.of(InMemoryJavac.INCUBATOR_WARNING), result.warnings().stream().distinct().toList());
        assertEquals(sources.size(), result.classes().size(), "one class per source");
        result.classes().forEach((name, bytes) -> MethodSizes.of(bytes).forEach((method, size) -> assertTrue(
                size <= 8_000, name + "." + method + " has " + size + " bytes of bytecode")));
    }
}
