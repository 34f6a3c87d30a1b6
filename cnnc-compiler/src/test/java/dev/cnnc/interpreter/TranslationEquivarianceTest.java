package dev.cnnc.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.Network;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolution and pooling commute with translation: shifting the input by a multiple of the
 * network's total stride shifts the output by the shift over that stride, away from the borders
 * (where padding and the shifted-in zeros differ).
 */
class TranslationEquivarianceTest {

    private static final int SIZE = 32;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("conv2d", 1, "y = conv2d(x, out: 3, kernel: 3, padding: 1)"),
                Arguments.of("conv2d_dilated_same", 1, "y = conv2d(x, out: 3, kernel: 3, dilation: 2, padding: same)"),
                Arguments.of("conv2d_stride2", 2, "y = conv2d(x, out: 3, kernel: 3, stride: 2)"),
                Arguments.of("maxpool2d", 2, "y = maxpool2d(x, kernel: 2)"),
                Arguments.of("maxpool2d_overlapping", 1, "y = maxpool2d(x, kernel: 3, stride: 1, padding: 1)"),
                Arguments.of("avgpool2d", 2, "y = avgpool2d(x, kernel: 3, stride: 2, padding: 1)"),
                Arguments.of("conv_relu_pool_conv", 2,
                        "y = conv2d(x, out: 4, kernel: 3, padding: 1) -> relu -> maxpool2d(kernel: 2) -> conv2d(out: 2, kernel: 3)"),
                Arguments.of("conv_transpose2d", 1, "y = conv_transpose2d(x, out: 2, kernel: 3)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void shiftingTheInputShiftsTheOutput(String name, int stride, String statement) {
        Network network = TestNetworks.randomNetwork(
                "network T {\n  input x: [2, " + SIZE + ", " + SIZE + "]\n  " + statement + "\n  output y\n}\n", 11);
        int[] out = network.spec().outputs().get(0).shape();
        Random random = new Random(3);
        float[] x = TestNetworks.gaussian(2 * SIZE * SIZE, random);
        int shiftRows = 2 * stride;
        int shiftColumns = 3 * stride;
        float[] shifted = new float[x.length];
        for (int c = 0; c < 2; c++) {
            for (int h = 0; h < SIZE; h++) {
                for (int w = 0; w < SIZE; w++) {
                    int fromH = h - shiftRows;
                    int fromW = w - shiftColumns;
                    if (fromH >= 0 && fromW >= 0) {
                        shifted[(c * SIZE + h) * SIZE + w] = x[(c * SIZE + fromH) * SIZE + fromW];
                    }
                }
            }
        }
        float[] y = network.forward(1, x)[0];
        float[] yShifted = network.forward(1, shifted)[0];
        int dh = shiftRows / stride;
        int dw = shiftColumns / stride;
        int margin = 3;
        int compared = 0;
        for (int c = 0; c < out[0]; c++) {
            for (int h = margin; h + dh < out[1] - margin; h++) {
                for (int w = margin; w + dw < out[2] - margin; w++) {
                    float expected = y[(c * out[1] + h) * out[2] + w];
                    float actual = yShifted[(c * out[1] + h + dh) * out[2] + w + dw];
                    assertEquals(expected, actual, 1e-5f * Math.max(1, Math.abs(expected)),
                            "channel " + c + ", row " + h + ", column " + w);
                    compared++;
                }
            }
        }
        assertTrue(compared >= 8, "too few interior positions compared: " + compared);
    }
}
