package dev.cnnc.frontend;

import dev.cnnc.diagnostics.Diagnostics;
import dev.cnnc.diagnostics.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Turns syntax errors into E011 diagnostics. Our strategy reports through {@link #error}; the
 * listener part only catches what ANTLR reports by itself, so even that is never lost.
 */
final class SyntaxErrorCollector extends BaseErrorListener {

    private final Diagnostics diagnostics;
    private final Set<Integer> reportedAt = new HashSet<>();
    /** Lines that already have a syntax error: what follows on them is almost always a consequence. */
    private final Set<Integer> linesWithErrors = new HashSet<>();

    SyntaxErrorCollector(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void error(Token at, String message) {
        // Recovery can stumble twice over one token; one message for it is enough.
        if (reportedAt.add(at.getTokenIndex()) && linesWithErrors.add(at.getLine())) {
            diagnostics.report(ErrorCode.E011, Spans.of(at), message);
        }
    }

    void errorAfter(Token previous, String message) {
        if (reportedAt.add(previous.getTokenIndex()) && linesWithErrors.add(previous.getLine())) {
            diagnostics.report(ErrorCode.E011, Spans.after(previous), message);
        }
    }

    @Override
    public void syntaxError(
            Recognizer<?, ?> recognizer, Object symbol, int line, int column, String message, RecognitionException e) {
        if (symbol instanceof Token token) {
            error(token, message);
        }
    }
}
