package dev.cnnc.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.interpreter.TestNetworks;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which activations fuse into the gather before them: a table of statements and the pairs the pass finds. */
class FuseConvActivationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "conv then relu                 | a = conv2d(x, out: 4, kernel: 3) -> relu                               | a.0=a",
        "dense, conv_transpose, sigmoid | a = conv_transpose2d(x, out: 4, kernel: 2) -> sigmoid; b = dense(flatten(a), out: 3) -> tanh | a.0=a,b.1=b",
        "leaky relu reads its input     | a = conv2d(x, out: 4, kernel: 3) -> leaky_relu                         | ''",
        "a second reader                | c = conv2d(x, out: 4, kernel: 3); a = relu(c); b = add(a, c)           | ''",
        "the conv is an output          | c = conv2d(x, out: 4, kernel: 3); a = relu(c)                          | ''",
        "pooling between                | c = conv2d(x, out: 4, kernel: 3) -> maxpool2d(kernel: 2) -> relu       | ''",
    })
    void fusesOnlyWhereTheConvolutionsOutputGoesNowhereElse(String name, String statements, String expected) {
        String outputs = name.equals("the conv is an output") ? "c, a" : name.equals("a second reader") ? "b" : null;
        String last = statements.substring(statements.lastIndexOf(';') + 1).trim().split(" ")[0];
        String model = "network T { input x: [2, 8, 8] " + statements.replace(";", "") + " output "
                + (outputs != null ? outputs : last) + " }";
        Map<String, String> found = new TreeMap<>();
        FuseConvActivation.run(TestNetworks.check(model)).forEach((gather, activation) -> found.put(gather, activation.output()));
        StringBuilder text = new StringBuilder();
        found.forEach((gather, activation) -> text.append(text.isEmpty() ? "" : ",").append(gather).append('=').append(activation));
        assertEquals(expected, text.toString(), model);
    }
}
