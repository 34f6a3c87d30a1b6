package dev.cnnc.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.diagnostics.Diagnostic;
import dev.cnnc.driver.FrontEnd;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Syntax errors say, in plain words, what was expected where and what was found. */
class SyntaxMessagesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            missing comma        # network N {|input x: [3, 8]|y = conv1d(x out: 2, kernel: 3)|output y|}#  expected ',' or ')' in the arguments of conv1d, found name 'out' (is a ',' missing?)
            missing paren        # network N {|input x: [3]|y = relu(x|output y|}#  expected ')' in the arguments of relu, found keyword 'output'
            missing brace        # network N {|input x: [3]|output x#  the file ends in network N (opened on line 1); expected 'input', 'output', '}' or a name
            shape not closed     # network N {|input x: [3, 8|output x|}#  unexpected keyword 'output' in the shape of input 'x'; expected ',' or ']'
            keyword as a name    # network N {|input x: [3]|input = relu(x)|output x|}#  unexpected '=' in an input declaration; expected a name
            number as input      # network N {|input x: [3]|y = relu(3)|output y|}#  unexpected number 3 in the arguments of relu; expected ')' or a name
            stray text at top    # hello network N {|input x: [3]|output x|}#  unexpected name 'hello' at the top level of the file; expected the end of the file or 'network'
            """)
    void says(String name, String program, String message) {
        List<Diagnostic> diagnostics = FrontEnd.check(name + ".cnn", program.replace('|', '\n')).diagnostics();
        assertEquals(List.of(message.strip()), diagnostics.stream().map(Diagnostic::message).toList());
    }
}
