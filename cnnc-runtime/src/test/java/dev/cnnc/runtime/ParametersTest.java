package dev.cnnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.ParameterSpec.Kind;
import dev.cnnc.runtime.io.NdArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static final List<ParameterSpec> SPECS = List.of(
            new ParameterSpec("conv.weight", new int[] {16, 8, 3, 3}, Kind.WEIGHT, 72),
            new ParameterSpec("conv.bias", new int[] {16}, Kind.BIAS, 72),
            new ParameterSpec("bn.weight", new int[] {16}, Kind.NORM_WEIGHT, 0),
            new ParameterSpec("bn.bias", new int[] {16}, Kind.NORM_BIAS, 0),
            new ParameterSpec("bn.running_mean", new int[] {16}, Kind.RUNNING_MEAN, 0),
            new ParameterSpec("bn.running_var", new int[] {16}, Kind.RUNNING_VAR, 0));

    @Test
    void defaultInitializationIsPyTorchs() {
        Parameters parameters = new Parameters(SPECS);
        parameters.initialize(42);
        float bound = (float) (1 / Math.sqrt(72));
        float[] weight = parameters.values("conv.weight");
        double sum = 0;
        float max = 0;
        for (float value : weight) {
            assertTrue(Math.abs(value) <= bound, "Kaiming-uniform with a = sqrt(5) stays within 1/sqrt(fan_in)");
            sum += value;
            max = Math.max(max, Math.abs(value));
        }
        assertTrue(Math.abs(sum / weight.length) < bound / 10, "centred on 0");
        assertTrue(max > bound * 0.95, "spread over the whole range");
        for (float value : parameters.values("conv.bias")) {
            assertTrue(Math.abs(value) <= bound);
        }
        assertArrayEquals(filled(16, 1f), parameters.values("bn.weight"));
        assertArrayEquals(filled(16, 0f), parameters.values("bn.bias"));
        assertArrayEquals(filled(16, 0f), parameters.values("bn.running_mean"));
        assertArrayEquals(filled(16, 1f), parameters.values("bn.running_var"));
    }

    @Test
    void theSeedDecides() {
        Parameters a = new Parameters(SPECS);
        Parameters b = new Parameters(SPECS);
        a.initialize(1);
        b.initialize(1);
        assertArrayEquals(a.values("conv.weight"), b.values("conv.weight"));
        b.initialize(2);
        assertFalse(java.util.Arrays.equals(a.values("conv.weight"), b.values("conv.weight")));
    }

    @Test
    void gradientsOnlyForTrainedParameters_andZeroing() {
        Parameters parameters = new Parameters(SPECS);
        assertEquals(List.of("conv.weight", "conv.bias", "bn.weight", "bn.bias"),
                List.copyOf(parameters.gradientArrays().keySet()));
        assertThrows(IllegalArgumentException.class, () -> parameters.gradient("bn.running_mean"));
        parameters.gradient("conv.bias")[3] = 5f;
        parameters.zeroGradients();
        assertArrayEquals(filled(16, 0f), parameters.gradient("conv.bias"));
    }

    @Test
    void loadsByName_ignoringBatchCounters_andWarningOfUnknownKeys() throws Exception {
        Parameters parameters = new Parameters(SPECS);
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        for (ParameterSpec spec : SPECS) {
            arrays.put(spec.name(), new NdArray(spec.shape(), filled(spec.elementCount(), 0.25f)));
        }
        arrays.put("bn.num_batches_tracked", new NdArray(new int[0], new float[] {3}));
        arrays.put("head.weight", new NdArray(new int[] {2}, new float[2]));
        List<String> warnings = new ArrayList<>();
        parameters.load(arrays, "p.npz", warnings::add);
        assertArrayEquals(filled(16, 0.25f), parameters.values("bn.running_var"));
        assertEquals(List.of("p.npz: ignored 1 key the network does not have: head.weight"), warnings);
    }

    @Test
    void missingKeysAndWrongShapes_areNamed_andNothingIsLoaded() {
        Parameters parameters = new Parameters(SPECS);
        float[] before = parameters.values("conv.weight").clone();
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        for (ParameterSpec spec : SPECS) {
            arrays.put(spec.name(), new NdArray(spec.shape(), new float[spec.elementCount()]));
        }
        arrays.remove("bn.running_var");
        arrays.put("conv.weight", new NdArray(new int[] {16, 8, 5, 5}, new float[16 * 8 * 25]));
        ParameterLoadException e = assertThrows(ParameterLoadException.class,
                () -> parameters.load(arrays, "p.npz", warning -> {}));
        assertEquals(List.of("parameter 'conv.weight' has shape (16, 8, 5, 5), expected (16, 8, 3, 3)",
                "missing parameter 'bn.running_var' of shape (16,)"), e.problems());
        assertArrayEquals(before, parameters.values("conv.weight"), "a failed load changes nothing");
    }

    @Test
    void anArchiveOfOtherNames_saysSo() {
        Parameters parameters = new Parameters(SPECS);
        Map<String, NdArray> arrays = Map.of("model.conv.weight", new NdArray(new int[] {1}, new float[1]));
        ParameterLoadException e = assertThrows(ParameterLoadException.class,
                () -> parameters.load(arrays, "p.npz", warning -> {}));
        assertTrue(e.getMessage().contains("none of the network's 6 parameter names is in the file"), e.getMessage());
        assertTrue(e.getMessage().contains("the file has model.conv.weight"), e.getMessage());
    }

    private static float[] filled(int count, float value) {
        float[] values = new float[count];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
