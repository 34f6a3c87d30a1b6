package dev.cnnc.frontend;

import dev.cnnc.frontend.grammar.CnnLexer;
import dev.cnnc.frontend.grammar.CnnParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovery with our wording: every syntax error says what was expected, where (in which
 * statement or argument list), and what was found, e.g. "expected ',' or ']' in the shape of input
 * 'x', found 'conv1'". ANTLR's own "mismatched input ... expecting {...}" is never shown.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {

    private final SyntaxErrorCollector collector;

    SyntaxErrorStrategy(SyntaxErrorCollector collector) {
        this.collector = collector;
    }

    @Override
    protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
        Token found = e.getOffendingToken();
        collector.error(found, mismatch(e.getExpectedTokens(), recognizer.getContext(), found));
    }

    private static String mismatch(IntervalSet expecting, ParserRuleContext context, Token found) {
        if (missingSeparator(expecting, found)) {
            // The parser left the list before this token; from the user's side a comma is what is missing.
            IntervalSet withComma = new IntervalSet(expecting);
            withComma.add(CnnLexer.COMMA);
            return expected(withComma, context) + ", found " + describe(found) + " (is a ',' missing?)";
        }
        return expected(expecting, context) + ", found " + describe(found);
    }

    private static boolean missingSeparator(IntervalSet expecting, Token found) {
        boolean closing = expecting.size() == 1 && (expecting.contains(CnnLexer.RPAREN) || expecting.contains(CnnLexer.RBRACK));
        int type = found.getType();
        return closing && (type == CnnLexer.IDENT || type == CnnLexer.INT || type == CnnLexer.FLOAT || type == CnnLexer.LBRACK);
    }

    @Override
    protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
        Token found = e.getOffendingToken();
        collector.error(found, expected(recognizer.getExpectedTokens(), recognizer.getContext()) + ", found " + describe(found));
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        Token found = recognizer.getCurrentToken();
        String what = found.getType() == Token.EOF ? "the file ends" : "unexpected " + describe(found);
        collector.error(found, what + where(recognizer.getContext()) + "; expected " + words(getExpectedTokens(recognizer)));
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) {
            return;
        }
        beginErrorCondition(recognizer);
        Token found = recognizer.getCurrentToken();
        Token previous = recognizer.getInputStream().LT(-1);
        String message = mismatch(getExpectedTokens(recognizer), recognizer.getContext(), found);
        if (previous != null && previous.getLine() < found.getLine()) {
            // The missing token belongs at the end of the previous line, not before the next statement.
            collector.errorAfter(previous, message);
        } else {
            collector.error(found, message);
        }
    }

    private static String expected(IntervalSet expecting, ParserRuleContext context) {
        return "expected " + words(expecting) + where(context);
    }

    /** Where in the file the parser was, in the user's terms. */
    private static String where(ParserRuleContext context) {
        for (ParserRuleContext at = context; at != null; at = at.getParent()) {
            if (at instanceof CnnParser.InputStatementContext input) {
                return input.name != null && input.name.getType() == CnnLexer.IDENT
                        ? " in the shape of input '" + input.name.getText() + "'"
                        : " in an input declaration";
            }
            if (at instanceof CnnParser.CallContext call && call.op != null) {
                return " in the arguments of " + call.op.getText();
            }
            if (at instanceof CnnParser.StepContext step && step.op != null) {
                return " in the arguments of " + step.op.getText();
            }
            if (at instanceof CnnParser.ChainContext) {
                return " in the definition of '" + statementName(at) + "'";
            }
            if (at instanceof CnnParser.AssignStatementContext) {
                return " in the definition of '" + statementName(at) + "'";
            }
            if (at instanceof CnnParser.OutputStatementContext) {
                return " in the output list";
            }
            if (at instanceof CnnParser.NetworkContext network) {
                return network.name != null && network.name.getType() == CnnLexer.IDENT
                        ? " in network " + network.name.getText() + " (opened on line " + network.getStart().getLine() + ")"
                        : " after 'network'";
            }
            if (at instanceof CnnParser.FileContext) {
                return " at the top level of the file";
            }
        }
        return "";
    }

    private static String statementName(ParserRuleContext context) {
        for (ParserRuleContext at = context; at != null; at = at.getParent()) {
            if (at instanceof CnnParser.AssignStatementContext assign && assign.name != null) {
                return assign.name.getText();
            }
        }
        return "?";
    }

    /** The expected tokens in plain words: "a name, a number or ']'". */
    static String words(IntervalSet expecting) {
        List<String> words = new ArrayList<>();
        boolean number = false;
        for (int type : expecting.toList()) {
            switch (type) {
                case CnnLexer.INT, CnnLexer.FLOAT, CnnLexer.MINUS -> {
                    if (!number) {
                        words.add("a number");
                        number = true;
                    }
                }
                default -> words.add(describeType(type));
            }
        }
        if (words.isEmpty()) {
            return "something else";
        }
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String describeType(int type) {
        return switch (type) {
            case Token.EOF -> "the end of the file";
            case CnnLexer.IDENT -> "a name";
            case CnnLexer.INT -> "a whole number";
            case CnnLexer.FLOAT -> "a number";
            case CnnLexer.NETWORK -> "'network'";
            case CnnLexer.INPUT -> "'input'";
            case CnnLexer.OUTPUT -> "'output'";
            default -> {
                String literal = CnnLexer.VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : CnnLexer.VOCABULARY.getDisplayName(type);
            }
        };
    }

    /** The token that was found, in plain words. */
    static String describe(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "the end of the file";
            case CnnLexer.NETWORK, CnnLexer.INPUT, CnnLexer.OUTPUT -> "keyword '" + token.getText() + "'";
            case CnnLexer.INT, CnnLexer.FLOAT -> "number " + token.getText();
            case CnnLexer.IDENT -> "name '" + token.getText() + "'";
            default -> "'" + token.getText() + "'";
        };
    }
}
