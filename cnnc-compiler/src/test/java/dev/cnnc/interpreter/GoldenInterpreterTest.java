package dev.cnnc.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.testing.Golden;
import dev.cnnc.testing.GoldenCase;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case (ops/ and nets/) through the interpreter: the output, the gradient of the
 * input and of every trained parameter, and the running statistics after a training-mode pass.
 */
class GoldenInterpreterTest {

    private static final GoldenCase GOLDEN = new GoldenCase();

    @AfterAll
    static void reportMargin() {
        System.out.println(GOLDEN.margin("the interpreter"));
    }

    static Stream<Path> cases() {
        return Golden.cases().stream();
    }

    @Test
    void allCasesAreThere() {
        assertTrue(Golden.cases().size() >= 200, "expected about 200 golden cases, found " + Golden.cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(Path dir) throws Exception {
        GOLDEN.check(dir, Interpreter::load);
    }
}
