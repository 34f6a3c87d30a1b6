package dev.cnnc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid programs that still deserve a word: unread input, unused values. */
class WarningsTest {

    private static List<Diagnostic> warnings(String program) {
        CheckResult result = FrontEnd.check("w.cnn", program);
        assertTrue(result.ok(), () -> "should be valid: " + result.diagnostics());
        return result.diagnostics();
    }

    @Test
    void stride_leavingRowsUnread_warnsWithTheCount() {
        List<Diagnostic> found = warnings("""
                network N {
                    input x: [1, 10, 11]
                    y = conv2d(x, out: 1, kernel: 3, stride: 2)
                    output y
                }
                """);
        assertEquals(1, found.size(), found::toString);
        Diagnostic warning = found.get(0);
        assertEquals(ErrorCode.W301, warning.code());
        assertEquals("3:9", warning.span().toString());
        assertTrue(warning.message().contains("leaves the last 1 row of the input unread"), warning.message());
        assertTrue(warning.message().contains("floor((10 + 2*0 - 3) / 2) + 1 = 4"), warning.message());
    }

    @Test
    void sameNumbersInEveryDimension_makeOneMessage() {
        List<Diagnostic> found = warnings("network N {\n input x: [1, 10, 10]\n y = maxpool2d(x, kernel: 3)\n output y\n}");
        assertEquals(1, found.size(), found::toString);
        assertTrue(found.get(0).message().contains("leaves the last 1 row and column of the input unread (output height and"
                + " width = floor((10 + 2*0 - 3) / 3) + 1 = 3;"), found.get(0).message());
        CheckResult result = FrontEnd.check("e.cnn", "network N {\n input x: [1, 4, 4, 4]\n y = conv3d(x, out: 1, kernel: 5)\n output y\n}");
        assertEquals(List.of("y: output depth, height and width = floor((4 + 2*0 - 5) / 1) + 1 = 0, below 1: the kernel depth,"
                + " height and width (5) is larger than the padded input (4 + 2*0 = 4)"),
                result.diagnostics().stream().map(Diagnostic::message).toList());
    }

    @Test
    void stride_coveringEverything_doesNotWarn() {
        assertEquals(List.of(), warnings("""
                network N {
                    input x: [1, 11, 11]
                    y = conv2d(x, out: 1, kernel: 3, stride: 2) -> maxpool2d(kernel: 5, stride: 5)
                    output y
                }
                """));
    }

    @Test
    void kernelShorterThanStride_warnsOnlyForALongerGapAtTheEnd() {
        assertEquals(List.of(), warnings("network N {\n input x: [1, 32]\n y = conv1d(x, out: 1, kernel: 1, stride: 2)\n output y\n}"));
        List<Diagnostic> found = warnings("network N {\n input x: [1, 12]\n y = conv1d(x, out: 1, kernel: 3, stride: 5)\n output y\n}");
        assertEquals(List.of(ErrorCode.W301), found.stream().map(Diagnostic::code).toList(), found::toString);
        assertTrue(found.get(0).message().contains("the last 4 positions"), found.get(0).message());
    }

    @Test
    void unusedValueAndInput_warn() {
        List<Diagnostic> found = warnings("""
                network N {
                    input x: [3, 8]
                    input extra: [3, 8]
                    a = relu(x)
                    y = tanh(x)
                    output y
                }
                """);
        assertEquals(List.of(ErrorCode.W102, ErrorCode.W101), found.stream().map(Diagnostic::code).toList());
        assertEquals("3:11", found.get(0).span().toString());
        assertEquals("4:5", found.get(1).span().toString());
    }
}
