package dev.cnnc.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cnnc.runtime.Network;
import dev.cnnc.runtime.ParameterSpec;
import dev.cnnc.runtime.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interpreter's gradients against central finite differences of {@code L = sum(output * g)}
 * along random directions, for small random networks that together use every op and form,
 * in eval and in training mode.
 */
public class GradientCheckTest {

    private static final int BATCH = 3;

    public static Stream<Arguments> networks() {
        return Stream.of(
                network("conv2d_groups_stride_dilation", false, """
                        input x: [4, 9, 8]
                        a = conv2d(x, out: 6, kernel: 3, stride: 2, padding: 1, groups: 2) -> relu
                        y = conv2d(a, out: 3, kernel: [2, 3], dilation: [1, 2], padding: same)
                        output y"""),
                network("conv1d_same_stride_leaky_avgpool", false, """
                        input x: [3, 13]
                        y = conv1d(x, out: 4, kernel: 4, stride: 2, padding: same) -> leaky_relu(slope: 0.1)
                            -> avgpool1d(kernel: 3, stride: 2, padding: 1, ceil_mode: true, count_include_pad: false)
                        output y"""),
                network("conv3d_sigmoid_maxpool3d", false, """
                        input x: [2, 5, 6, 5]
                        y = conv3d(x, out: 3, kernel: 2, padding: [1, 0, 1]) -> sigmoid
                            -> maxpool3d(kernel: 2, stride: [1, 2, 2], ceil_mode: true)
                        output y"""),
                network("conv_transpose2d_same_tanh", false, """
                        input x: [4, 4, 5]
                        y = conv_transpose2d(x, out: 2, kernel: 3, stride: 2, padding: same, groups: 2) -> tanh
                        output y"""),
                network("conv_transpose1d_outpad_dilation", false, """
                        input x: [2, 7]
                        y = conv_transpose1d(x, out: 3, kernel: 3, stride: 3, padding: 1, output_padding: 2, dilation: 2)
                        output y"""),
                network("conv_transpose3d_kernel_lt_stride_same", false, """
                        input x: [2, 3, 2, 3]
                        y = conv_transpose3d(x, out: 2, kernel: [1, 2, 2], stride: [2, 3, 2], padding: same, bias: false)
                        output y"""),
                network("maxpool2d_padding_dilation_then_unpool", false, """
                        input x: [2, 8, 9]
                        p = maxpool2d(x, kernel: 2, stride: 2)
                        t = tanh(p)
                        y = maxunpool2d(t, indices: p)
                        z = maxpool2d(x, kernel: 3, stride: 2, padding: 1, dilation: [1, 2]) -> flatten
                        q = flatten(y)
                        w = concat(q, z)
                        output w"""),
                network("maxunpool1d_and_3d", false, """
                        input x: [2, 4, 4, 6]
                        p = maxpool3d(x, kernel: [2, 2, 3])
                        y = maxunpool3d(p, indices: p)
                        output y"""),
                network("upsample_all_ranks", false, """
                        input x: [2, 3, 4]
                        a = upsample(x, scale: [2, 3]) -> conv2d(out: 2, kernel: 3)
                        output a"""),
                network("upsample_1d_3d", false, """
                        input x: [2, 2, 3, 2]
                        a = upsample(x, scale: 2) -> avgpool3d(kernel: 3, stride: 2, padding: 1)
                        output a"""),
                network("batchnorm_eval_2d", false, """
                        input x: [3, 5, 4]
                        y = conv2d(x, out: 4, kernel: 3, padding: 1) -> batchnorm(eps: 0.001) -> relu
                        output y"""),
                network("batchnorm_train_2d", true, """
                        input x: [3, 5, 4]
                        y = conv2d(x, out: 4, kernel: 3, padding: 1, bias: false) -> batchnorm(momentum: 0.3) -> tanh
                        output y"""),
                network("batchnorm_train_flat_and_1d", true, """
                        input x: [3, 6]
                        a = batchnorm(x) -> conv1d(out: 2, kernel: 3) -> flatten -> dense(out: 5, bias: false)
                            -> batchnorm -> sigmoid
                        output a"""),
                network("global_avgpool_dense_softmax", false, """
                        input x: [3, 4, 5]
                        y = conv2d(x, out: 6, kernel: 3) -> global_avgpool -> dense(out: 4) -> softmax
                        output y"""),
                network("log_softmax_over_channels", false, """
                        input x: [3, 4, 5]
                        y = conv2d(x, out: 5, kernel: 1) -> log_softmax
                        output y"""),
                network("dropout_train", true, """
                        input x: [12]
                        y = dense(x, out: 10) -> dropout(p: 0.3) -> dense(out: 4) -> log_softmax
                        output y"""),
                network("dropout_eval_flatten_dense", false, """
                        input x: [2, 3, 3]
                        y = flatten(x) -> dropout -> dense(out: 3)
                        output y"""),
                network("residual_add_and_concat_reuse", false, """
                        input x: [3, 6, 6]
                        a = conv2d(x, out: 3, kernel: 3, padding: 1) -> tanh
                        b = add(a, x, a)
                        c = concat(b, x, b) -> conv2d(out: 2, kernel: 1)
                        output c"""),
                network("branches_two_outputs", false, """
                        input x: [2, 10]
                        a = conv1d(x, out: 3, kernel: 3, padding: 1) -> sigmoid
                        b = maxpool1d(a, kernel: 2) -> conv1d(out: 2, kernel: 2)
                        c = avgpool1d(a, kernel: 2, count_include_pad: true) -> dropout(p: 0.2)
                        output b, c"""));
    }

    private static Arguments network(String name, boolean train, String body) {
        return Arguments.of(name, train, "network T {\n" + body.indent(4) + "}\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void gradientsMatchFiniteDifferences(String name, boolean train, String model) {
        Network network = TestNetworks.randomNetwork(model, name.hashCode());
        network.setTraining(train);
        Random random = new Random(name.hashCode() + 1L);
        List<TensorSpec> inputs = network.spec().inputs();
        float[][] x = inputs.stream().map(t -> TestNetworks.gaussian(BATCH * t.sampleSize(), random)).toArray(float[][]::new);
        float[][] g = network.spec().outputs().stream()
                .map(t -> TestNetworks.gaussian(BATCH * t.sampleSize(), random)).toArray(float[][]::new);

        network.setSeed(5);
        network.forward(BATCH, x);
        network.parameters().zeroGradients();
        float[][] gradInputs = network.backward(g);

        double base = loss(network, x, g);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            checkCoordinates(problems, "input " + inputs.get(i).name(), network, x, g, x[i], gradInputs[i], base, random);
        }
        for (ParameterSpec parameter : network.parameters().specs()) {
            if (parameter.trainable()) {
                checkCoordinates(problems, parameter.name(), network, x, g, network.parameters().values(parameter.name()),
                        network.parameters().gradient(parameter.name()), base, random);
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /**
     * Moves up to 16 random coordinates of {@code target} (an input or a parameter, changed in place
     * and restored) by +-eps, with eps 1e-2 and then 1e-3. The gradient must match the central difference, or, where a kink of
     * ReLU or a change of max-pool winner lies within eps, the one-sided difference of the smooth side.
     */
    private static void checkCoordinates(List<String> problems, String what, Network network, float[][] x, float[][] g,
            float[] target, float[] gradient, double base, Random random) {
        for (int sample = 0; sample < Math.min(16, target.length); sample++) {
            int i = random.nextInt(target.length);
            // A smaller step passes fewer kinks (weights feed every position) at the price of more rounding.
            String mismatch = mismatch(network, x, g, target, i, gradient[i], base, 1e-2);
            if (mismatch != null && mismatch(network, x, g, target, i, gradient[i], base, 1e-3) != null) {
                problems.add(what + "[" + i + "]: " + mismatch);
            }
        }
    }

    private static String mismatch(Network network, float[][] x, float[][] g, float[] target, int i, double analytic,
            double base, double eps) {
        float original = target[i];
        target[i] = (float) (original + eps);
        double right = loss(network, x, g);
        target[i] = (float) (original - eps);
        double left = loss(network, x, g);
        target[i] = original;
        double central = (right - left) / (2 * eps);
        if (close(analytic, central) || close(analytic, (right - base) / eps) || close(analytic, (base - left) / eps)) {
            return null;
        }
        return "backward gives " + analytic + ", finite differences " + central + " (one-sided " + (right - base) / eps
                + ", " + (base - left) / eps + ")";
    }

    private static boolean close(double analytic, double numeric) {
        return Math.abs(analytic - numeric) <= 1e-2 * Math.max(Math.abs(numeric), Math.abs(analytic)) + 2e-3;
    }

    /** {@code L = sum(output * g)}, with the same dropout mask every time. */
    private static double loss(Network network, float[][] x, float[][] g) {
        network.setSeed(5);
        float[][] y = network.forward(BATCH, x);
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            sum += dot(y[k], g[k]);
        }
        return sum;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
