package dev.cnnc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import dev.cnnc.testing.Golden;
import dev.cnnc.testing.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every entry of {@code shapes.json}: the exact output shape, or a rejection with the right error code. */
class ShapesGoldenTest {

    /** The golden file's short reasons and the codes of our catalog that mean them. */
    private static final Map<String, Set<ErrorCode>> CODES = Map.ofEntries(
            Map.entry("kernel larger than the padded input", Set.of(ErrorCode.E302)),
            Map.entry("output size below 1", Set.of(ErrorCode.E301)),
            Map.entry("pooling padding above half the kernel", Set.of(ErrorCode.E303)),
            Map.entry("output_padding not smaller than stride or dilation", Set.of(ErrorCode.E304)),
            Map.entry("channels not divisible by groups", Set.of(ErrorCode.E305)),
            Map.entry("rank does not match the op's form", Set.of(ErrorCode.E306)),
            Map.entry("list of the wrong length", Set.of(ErrorCode.E206)),
            Map.entry("dense on a non-flat input", Set.of(ErrorCode.E307)),
            Map.entry("add on mismatched shapes", Set.of(ErrorCode.E308)),
            Map.entry("concat on mismatched shapes", Set.of(ErrorCode.E309)),
            Map.entry("undefined name", Set.of(ErrorCode.E101, ErrorCode.E103)),
            Map.entry("redefined name", Set.of(ErrorCode.E102)),
            Map.entry("unknown op", Set.of(ErrorCode.E201)),
            Map.entry("unknown attribute", Set.of(ErrorCode.E202)),
            Map.entry("missing required attribute", Set.of(ErrorCode.E203)),
            Map.entry("indices must name a maxpool statement", Set.of(ErrorCode.E210)));

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries() throws IOException {
        return (List<Map<String, Object>>) Json.parse(Files.readString(Golden.root().resolve("shapes.json")));
    }

    @Test
    void shapesJson_hasItsEntries() throws IOException {
        assertTrue(entries().size() >= 300, "shapes.json should hold about 300 entries");
    }

    @TestFactory
    Stream<DynamicTest> everyEntry() throws IOException {
        return entries().stream().map(entry -> DynamicTest.dynamicTest((String) entry.get("id"), () -> check(entry)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> entry) {
        String id = (String) entry.get("id");
        CheckResult result = FrontEnd.check(id + ".cnn", (String) entry.get("model"));
        Map<String, Object> expect = (Map<String, Object>) entry.get("expect");
        if (expect.containsKey("shape")) {
            assertTrue(result.ok(), () -> id + " should be valid, got " + describe(result));
            int[] expected = ((List<Object>) expect.get("shape")).stream().mapToInt(v -> ((Double) v).intValue()).toArray();
            int[] actual = result.networks().get(0).shape("y").toArray();
            assertEquals(Arrays.toString(expected), Arrays.toString(actual), id);
        } else {
            String reason = (String) expect.get("error");
            Set<ErrorCode> codes = CODES.get(reason);
            assertNotNull(codes, "no code is mapped to the golden reason '" + reason + "'");
            assertFalse(result.ok(), id + " should be rejected (" + reason + ")");
            List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
            assertTrue(errors.stream().anyMatch(d -> codes.contains(d.code())),
                    () -> id + " should report " + codes + " (" + reason + "), got " + describe(result));
            assertTrue(errors.stream().allMatch(d -> d.span().hasLine()), () -> id + ": every error has a position");
        }
    }

    private static String describe(CheckResult result) {
        return result.diagnostics().stream().map(d -> d.code() + " " + d.span() + " " + d.message())
                .collect(Collectors.joining("; "));
    }
}
