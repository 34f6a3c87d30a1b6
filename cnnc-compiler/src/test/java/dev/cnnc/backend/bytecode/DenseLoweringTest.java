package dev.cnnc.backend.bytecode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.cnnc.kernel.KernelClass;
import dev.cnnc.lowering.DenseLowering;
import dev.cnnc.runtime.kernels.Dense;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lowered, emitted dense layer computes what the runtime's generic kernel computes, forward and backward. */
class DenseLoweringTest {

    @ParameterizedTest(name = "in {0}, out {1}, bias {2}")
    @CsvSource({"7, 3, true", "1, 1, false", "130, 17, true", "20, 200, false"})
    void matchesTheGenericKernel(int in, int out, boolean bias) throws Exception {
        Class<?> kernels = BytecodeEmitterTest.load(new KernelClass("test/Dense",
                List.of(DenseLowering.forward("forward", in, out, bias), DenseLowering.backward("backward", in, out, bias))));
        int batch = 3;
        Random random = new Random(in * 31L + out);
        float[] x = gaussian(batch * in, random);
        float[] w = gaussian(out * in, random);
        float[] b = bias ? gaussian(out, random) : null;
        float[] gy = gaussian(batch * out, random);

        float[] expected = new float[batch * out];
        Dense.forward(x, w, b, expected, batch, in, out);
        float[] actual = new float[batch * out];
        Method forward = find(kernels, "forward");
        if (bias) {
            forward.invoke(null, x, w, b, actual, batch);
        } else {
            forward.invoke(null, x, w, actual, batch);
        }
        assertArrayEquals(expected, actual, "forward");

        float[] gx = new float[x.length];
        float[] gw = new float[w.length];
        float[] gb = bias ? new float[out] : null;
        Dense.backward(x, w, gy, gx, gw, gb, batch, in, out);
        float[] gx2 = new float[x.length];
        float[] gw2 = new float[w.length];
        float[] gb2 = bias ? new float[out] : null;
        Method backward = find(kernels, "backward");
        if (bias) {
            backward.invoke(null, x, w, gy, gx2, gw2, gb2, batch);
        } else {
            backward.invoke(null, x, w, gy, gx2, gw2, batch);
        }
        assertArrayEquals(gx, gx2, "input gradient");
        assertArrayEquals(gw, gw2, "weight gradient");
        if (bias) {
            assertArrayEquals(gb, gb2, "bias gradient");
        }
    }

    private static Method find(Class<?> kernels, String name) {
        for (Method method : kernels.getMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new AssertionError("no method " + name);
    }

    private static float[] gaussian(int count, Random random) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
