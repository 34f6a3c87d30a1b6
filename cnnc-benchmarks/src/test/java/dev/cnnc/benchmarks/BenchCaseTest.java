package dev.cnnc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.bench.Workload;
import dev.cnnc.driver.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every benchmark case loads from the jar's models and runs a call on the generated classes, so the JMH run cannot fail at setup. */
class BenchCaseTest {

    @ParameterizedTest
    @EnumSource(BenchCase.class)
    void everyCaseRunsOnTwoThreads(BenchCase layer) {
        if (layer.wholeNetwork()) {
            // A first call of a whole network runs for seconds before C2 compiles it: compiling and loading is the setup.
            Backend.BYTECODE.load(layer.graph()).close();
            return;
        }
        Workload workload = layer.workload(Backend.BYTECODE, 2);
        try {
            assertTrue(Float.isFinite(workload.call()), layer + " gave a value that is not finite");
        } finally {
            workload.network().close();
        }
    }

    /** The interpreter's JMH cases (a constant list, as JMH wants) are exactly those that are not whole networks. */
    @org.junit.jupiter.api.Test
    void theInterpreterBenchmarksEveryCaseButTheWholeNetworks() throws Exception {
        org.openjdk.jmh.annotations.Param param = InterpreterBenchmark.class.getField("layer")
                .getAnnotation(org.openjdk.jmh.annotations.Param.class);
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.Arrays.stream(BenchCase.values()).filter(c -> !c.wholeNetwork()).map(Enum::name).toList(),
                java.util.List.of(param.value()));
    }
}
