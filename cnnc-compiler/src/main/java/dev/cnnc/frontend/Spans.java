package dev.cnnc.frontend;

import dev.cnnc.diagnostics.SourceSpan;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Source spans of ANTLR tokens and rule contexts (ANTLR counts columns from 0, we from 1). */
final class Spans {

    private Spans() {}

    static SourceSpan of(Token token) {
        if (token.getType() == Token.EOF) {
            return SourceSpan.of(token.getLine(), token.getCharPositionInLine() + 1, 1);
        }
        String text = token.getText();
        int firstLineLength = text == null ? 1 : text.indexOf('\n') < 0 ? text.length() : text.indexOf('\n');
        return SourceSpan.of(token.getLine(), token.getCharPositionInLine() + 1, firstLineLength);
    }

    /** From the context's first token to its last when both are on one line, else its first token. */
    static SourceSpan of(ParserRuleContext context) {
        Token start = context.getStart();
        Token stop = context.getStop();
        if (stop == null || stop.getLine() != start.getLine() || stop.getStopIndex() < start.getStartIndex()) {
            return of(start);
        }
        return SourceSpan.of(start.getLine(), start.getCharPositionInLine() + 1, stop.getStopIndex() - start.getStartIndex() + 1);
    }

    /** Just after a token: where a missing token would have gone. */
    static SourceSpan after(Token token) {
        String text = token.getText() == null ? "" : token.getText();
        return SourceSpan.of(token.getLine(), token.getCharPositionInLine() + 1 + text.length(), 1);
    }
}
