package dev.cnnc.frontend;

import dev.cnnc.diagnostics.Diagnostics;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.diagnostics.SourceFile;
import dev.cnnc.diagnostics.SourceSpan;
import dev.cnnc.frontend.grammar.CnnLexer;
import dev.cnnc.frontend.grammar.CnnParser;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * Stage 1: lexes and parses a source file with the ANTLR grammar. Stray characters, unterminated
 * comments and syntax errors become diagnostics; the parse tree is returned only when there are none.
 */
public final class SourceParser {

    /**
     * Real networks nest a call or list three or four levels deep. The parser is recursive, so a
     * bound keeps a pathological file from exhausting the stack; it is far above any real model.
     */
    public static final int MAX_NESTING = 64;

    private SourceParser() {}

    public static Optional<CnnParser.FileContext> parse(SourceFile source, Diagnostics diagnostics) {
        CnnLexer lexer = new CnnLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        boolean lexicalErrors = reportLexicalErrors(tokens, diagnostics);
        if (!nestingWithinLimit(tokens, diagnostics)) {
            return Optional.empty();
        }
        CnnParser parser = new CnnParser(tokens);
        parser.removeErrorListeners();
        SyntaxErrorCollector collector = new SyntaxErrorCollector(diagnostics);
        parser.addErrorListener(collector);
        parser.setErrorHandler(new SyntaxErrorStrategy(collector));
        CnnParser.FileContext file = parser.file();
        if (diagnostics.hasErrors() || lexicalErrors) {
            return Optional.empty();
        }
        if (file.network().isEmpty()) {
            diagnostics.report(ErrorCode.E003, SourceSpan.of(1, 1, 1));
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private static boolean reportLexicalErrors(CommonTokenStream tokens, Diagnostics diagnostics) {
        boolean any = false;
        for (Token token : tokens.getTokens()) {
            if (token.getType() == CnnLexer.STRAY_CHARACTER) {
                diagnostics.report(ErrorCode.E010, Spans.of(token), describeCharacter(token.getText()));
                any = true;
            } else if (token.getType() == CnnLexer.BLOCK_COMMENT
                    && (token.getText().length() < 4 || !token.getText().endsWith("*/"))) {
                diagnostics.report(ErrorCode.E012, SourceSpan.of(token.getLine(), token.getCharPositionInLine() + 1, 2));
                any = true;
            }
        }
        return any;
    }

    private static boolean nestingWithinLimit(CommonTokenStream tokens, Diagnostics diagnostics) {
        int depth = 0;
        for (Token token : tokens.getTokens()) {
            switch (token.getType()) {
                case CnnLexer.LPAREN, CnnLexer.LBRACK -> {
                    if (++depth > MAX_NESTING) {
                        diagnostics.report(ErrorCode.E014, Spans.of(token), MAX_NESTING);
                        return false;
                    }
                }
                case CnnLexer.RPAREN, CnnLexer.RBRACK -> depth = Math.max(0, depth - 1);
                default -> {}
            }
        }
        return true;
    }

    private static String describeCharacter(String text) {
        int codePoint = text.codePointAt(0);
        if (codePoint < 0x20 || codePoint == 0x7f || Character.isWhitespace(codePoint) || codePoint > 0x7e) {
            return String.format(Locale.ROOT, "U+%04X%s", codePoint,
                    Character.isLetter(codePoint) ? " ('" + text + "'; names use the letters A-Z, a-z, digits and _)" : "");
        }
        return "'" + text + "'" + switch (text) {
            case ";" -> " (no ';' is needed between statements)";
            case "#" -> " (comments start with //)";
            case "\"", "'" -> " (the language has no strings; values are numbers, words or lists)";
            default -> "";
        };
    }
}
