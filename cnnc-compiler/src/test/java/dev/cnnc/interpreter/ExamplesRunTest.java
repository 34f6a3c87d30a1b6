package dev.cnnc.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.TensorSpec;
import dev.cnnc.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example network runs forward and backward in training mode with default initialization, giving finite numbers. */
class ExamplesRunTest {

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Golden.repository().resolve("examples"))) {
            return files.filter(file -> file.toString().endsWith(".cnn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void runsForwardAndBackward(Path example) {
        CheckResult result = FrontEnd.check(example);
        assertTrue(result.ok(), () -> result.diagnostics().toString());
        for (CheckedGraph graph : result.networks()) {
            Network network = Interpreter.load(graph);
            network.parameters().initialize(1);
            network.setTraining(true);
            Random random = new Random(2);
            float[][] inputs = network.spec().inputs().stream()
                    .map(input -> TestNetworks.gaussian(2 * input.sampleSize(), random)).toArray(float[][]::new);
            float[][] outputs = network.forward(2, inputs);
            for (int i = 0; i < outputs.length; i++) {
                TensorSpec output = network.spec().outputs().get(i);
                assertEquals(2 * output.sampleSize(), outputs[i].length);
                assertFinite(outputs[i], output.name());
            }
            float[][] gradients = network.backward(outputs);
            for (int i = 0; i < gradients.length; i++) {
                assertFinite(gradients[i], "gradient of " + network.spec().inputs().get(i).name());
            }
            network.parameters().gradientArrays().forEach((name, gradient) -> assertFinite(gradient.data(), name));
        }
    }

    private static void assertFinite(float[] values, String what) {
        for (float value : values) {
            assertTrue(Float.isFinite(value), what + " has a value that is not finite");
        }
    }
}
