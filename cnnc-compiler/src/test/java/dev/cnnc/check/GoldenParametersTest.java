package dev.cnnc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.ir.CheckedGraph;
import dev.cnnc.ir.Parameter;
import dev.cnnc.runtime.io.NdArray;
import dev.cnnc.runtime.io.Npy;
import dev.cnnc.runtime.io.Npz;
import dev.cnnc.testing.Golden;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every golden case, the compiler derives exactly the parameters PyTorch's {@code state_dict}
 * has (names, shapes and order), and the input and output shapes of the stored arrays.
 */
class GoldenParametersTest {

    @TestFactory
    Stream<DynamicTest> everyCase() {
        return Golden.cases().stream().map(dir -> DynamicTest.dynamicTest(
                dir.getParent().getFileName() + "/" + dir.getFileName(), () -> check(dir)));
    }

    private static void check(Path dir) throws Exception {
        CheckResult result = FrontEnd.check(dir.resolve("model.cnn"));
        assertTrue(result.ok(), () -> dir + ": " + result.diagnostics());
        CheckedGraph network = result.networks().get(0);

        Map<String, String> expected = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> entry : Npz.read(dir.resolve("params.npz")).entrySet()) {
            expected.put(entry.getKey(), Arrays.toString(entry.getValue().shape()));
        }
        Map<String, String> derived = new LinkedHashMap<>();
        for (Parameter parameter : network.parameters()) {
            derived.put(parameter.name(), Arrays.toString(parameter.shape().toArray()));
        }
        assertEquals(expected.toString(), derived.toString(), dir + ": parameter names, shapes and order");

        int[] input = Npy.read(dir.resolve("input.npy")).shape();
        int[] output = Npy.read(dir.resolve("output.npy")).shape();
        assertEquals(Arrays.toString(Arrays.copyOfRange(input, 1, input.length)),
                Arrays.toString(network.shape(network.graph().inputs().get(0).name()).toArray()), dir + ": input shape");
        assertEquals(Arrays.toString(Arrays.copyOfRange(output, 1, output.length)),
                Arrays.toString(network.shape(network.graph().outputs().get(0)).toArray()), dir + ": output shape");
    }
}
