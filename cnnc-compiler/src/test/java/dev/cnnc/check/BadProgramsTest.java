package dev.cnnc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.driver.CheckResult;
import dev.cnnc.driver.FrontEnd;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad programs and exactly what they report: every diagnostic's code, line and column, in order.
 * Each program is one network; {@code |} stands for a line break, so lines count from 1 at "network".
 */
class BadProgramsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            kernel larger than input;     network N {|input x: [1, 4, 4]|y = conv2d(x, out: 2, kernel: 5)|output y|};  E302@3:5
            kernel larger, one dimension; network N {|input x: [1, 9, 4]|y = conv2d(x, out: 2, kernel: [3, 5])|output y|};  E302@3:5
            transposed output below 1;    network N {|input x: [1, 1]|y = conv_transpose1d(x, out: 1, kernel: 1, padding: 1)|output y|};  E301@3:5
            pool padding above half;      network N {|input x: [1, 8, 8]|y = maxpool2d(x, kernel: 2, padding: 2)|output y|};  E303@3:5
            output_padding too large;     network N {|input x: [1, 4]|y = conv_transpose1d(x, out: 1, kernel: 3, stride: 2, output_padding: 2)|output y|};  E304@3:5
            groups;                       network N {|input x: [3, 8]|y = conv1d(x, out: 4, kernel: 3, groups: 2)|output y|};  E305@3:5
            groups, both sides;           network N {|input x: [3, 8]|y = conv1d(x, out: 5, kernel: 3, groups: 2)|output y|};  E305@3:5 E305@3:5
            rank;                         network N {|input x: [3, 8]|y = conv2d(x, out: 4, kernel: 3)|output y|};  E306@3:5
            list length;                  network N {|input x: [3, 8, 8]|y = conv2d(x, out: 4, kernel: [3, 3, 3])|output y|};  E206@3:31
            dense on an image;            network N {|input x: [3, 8, 8]|y = dense(x, out: 4)|output y|};  E307@3:5
            add mismatch;                 network N {|input x: [3, 8, 8]|a = maxpool2d(x, kernel: 2)|y = add(x, a)|output y|};  E308@4:5
            concat mismatch;              network N {|input x: [3, 8, 8]|a = maxpool2d(x, kernel: 2)|y = concat(x, a)|output y|};  E309@4:5
            undefined name;               network N {|input x: [3, 8]|y = relu(z)|output y|};  E101@3:10
            used before definition;       network N {|input x: [3, 8]|a = relu(b)|b = relu(x)|output a|};  E103@3:10
            redefined;                    network N {|input x: [3, 8]|y = relu(x)|y = tanh(x)|output y|};  E102@4:1
            unknown op;                   network N {|input x: [3, 8]|y = gelu(x)|output y|};  E201@3:5
            unknown attribute;            network N {|input x: [3, 8]|y = conv1d(x, out: 2, kernel: 3, strides: 2)|output y|};  E202@3:34
            missing attribute;            network N {|input x: [3, 8]|y = conv1d(x, kernel: 3)|output y|};  E203@3:5
            attribute twice;              network N {|input x: [3, 8]|y = conv1d(x, out: 2, kernel: 3, out: 4)|output y|};  E204@3:34
            not a whole number;           network N {|input x: [3, 8]|y = conv1d(x, out: 2, kernel: 2.5)|output y|};  E205@3:31
            stride zero;                  network N {|input x: [3, 8]|y = conv1d(x, out: 2, kernel: 3, stride: 0)|output y|};  E207@3:42
            kernel of 2^31;               network N {|input x: [3, 8]|y = conv1d(x, out: 2, kernel: 2147483648)|output y|};  E013@3:31
            dropout p above 1;            network N {|input x: [3, 8]|y = dropout(x, p: 1.5)|output y|};  E207@3:19
            too many inputs;              network N {|input x: [3, 8]|y = relu(x, x)|output y|};  E208@3:5
            input after attribute;        network N {|input x: [3, 8]|y = add(x, p: 1, x)|output y|};  E202@3:12 E209@3:18
            indices from an avgpool;      network N {|input x: [3, 8, 8]|p = avgpool2d(x, kernel: 2)|y = maxunpool2d(p, indices: p)|output y|};  E210@4:29
            unpool input mismatch;        network N {|input x: [3, 8, 8]|p = maxpool2d(x, kernel: 2)|y = maxunpool2d(x, indices: p)|output y|};  E311@4:5
            same on transposed with outpad; network N {|input x: [3, 8]|y = conv_transpose1d(x, out: 2, kernel: 3, stride: 2, padding: same, output_padding: 1)|output y|};  E211@3:86
            shape overflows int;          network N {|input x: [65536, 65536, 2]|output x|};  E310@2:10
            input of rank 5;              network N {|input x: [1, 2, 3, 4, 5]|output x|};  E108@2:10
            input size zero;              network N {|input x: [3, 0]|output x|};  E108@2:14
            upsample overflow;            network N {|input x: [1, 65536]|y = upsample(x, scale: 65536)|output y|};  E310@3:5
            no input;                     network N {|output y|};  E104@1:9 E101@2:8
            no output;                    network N {|input x: [3]|y = relu(x)|};  E105@1:9
            output twice;                 network N {|input x: [3]|y = relu(x)|output y, y|};  E107@4:11
            network twice;                network N {|input x: [3]|output x|}|network N {|input x: [3]|output x|};  E106@5:9
            empty file;                   '';  E003@1:1
            comments only;                // nothing here;  E003@1:1
            stray character;              network N {|input x: [3] #|output x|};  E010@2:14
            unterminated comment;         network N {|input x: [3]|output x|} /* open;  E012@4:3
            missing parenthesis;          network N {|input x: [3]|y = relu(x|output y|};  E011@3:11
            missing comma;                network N {|input x: [3, 8]|y = conv1d(x out: 2, kernel: 3)|output y|};  E011@3:14
            missing brace;                network N {|input x: [3]|output x;  E011@3:9
            keyword as name;              network N {|input x: [3]|input = relu(x)|output x|};  E011@3:7
            errors on several lines;      network N {|input x: [3, 8]|a = conv1d(x, out: 2, kernel: 9)|b = gelu(x)|c = relu(q)|output a, b, c|};  E302@3:5 E201@4:5 E101@5:10
            """)
    void reports(String name, String program, String expected) {
        String source = program.equals("''") ? "" : program.replace('|', '\n');
        CheckResult result = FrontEnd.check(name + ".cnn", source);
        String actual = result.diagnostics().stream()
                .filter(Diagnostic::isError)
                .map(d -> d.code().name() + "@" + d.span().line() + ":" + d.span().column())
                .collect(Collectors.joining(" "));
        assertEquals(expected.strip(), actual, () -> name + ": " + messages(result.diagnostics()));
    }

    private static String messages(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.code() + " " + d.span() + " " + d.message()).collect(Collectors.joining("\n"));
    }
}
