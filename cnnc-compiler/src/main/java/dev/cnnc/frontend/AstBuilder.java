package dev.cnnc.frontend;

import dev.cnnc.ast.AstFile;
import dev.cnnc.ast.AstNetwork;
import dev.cnnc.ast.AstStatement;
import dev.cnnc.ast.AttributeValue;
import dev.cnnc.ast.Chain;
import dev.cnnc.ast.Expression;
import dev.cnnc.ast.Identifier;
import dev.cnnc.ast.ListLiteral;
import dev.cnnc.ast.NameReference;
import dev.cnnc.ast.NamedArgument;
import dev.cnnc.ast.NumberLiteral;
import dev.cnnc.ast.OpCall;
import dev.cnnc.ast.WordLiteral;
import dev.cnnc.diagnostics.Diagnostics;
import dev.cnnc.diagnostics.ErrorCode;
import dev.cnnc.frontend.grammar.CnnParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Stage 2: turns a parse tree without syntax errors into the immutable AST. The one mistake it
 * reports is an input written after a named attribute, which the grammar lets through.
 */
public final class AstBuilder {

    private final Diagnostics diagnostics;

    private AstBuilder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    public static AstFile build(CnnParser.FileContext file, Diagnostics diagnostics) {
        AstBuilder builder = new AstBuilder(diagnostics);
        List<AstNetwork> networks = new ArrayList<>();
        for (CnnParser.NetworkContext network : file.network()) {
            networks.add(builder.network(network));
        }
        return new AstFile(networks);
    }

    private AstNetwork network(CnnParser.NetworkContext context) {
        List<AstStatement> statements = new ArrayList<>();
        for (CnnParser.StatementContext statement : context.statement()) {
            statements.add(statement(statement));
        }
        return new AstNetwork(identifier(context.name), statements);
    }

    private AstStatement statement(CnnParser.StatementContext context) {
        return switch (context) {
            case CnnParser.InputStatementContext input -> new AstStatement.InputDeclaration(
                    identifier(input.name),
                    input.dims.stream().map(this::signedInt).toList(),
                    Spans.of(input.LBRACK().getSymbol()));
            case CnnParser.AssignStatementContext assign -> new AstStatement.Assignment(
                    identifier(assign.name), chain(assign.chain()));
            case CnnParser.OutputStatementContext output -> new AstStatement.OutputDeclaration(
                    output.names.stream().map(AstBuilder::identifier).toList());
            default -> throw new IllegalStateException("unexpected statement " + context.getClass());
        };
    }

    private Chain chain(CnnParser.ChainContext context) {
        List<OpCall> steps = new ArrayList<>();
        for (CnnParser.StepContext step : context.step()) {
            steps.add(call(step.op, step.arguments(), true));
        }
        return new Chain(expression(context.expr()), steps);
    }

    private Expression expression(CnnParser.ExprContext context) {
        return switch (context) {
            case CnnParser.NameExprContext name -> new NameReference(identifier(name.IDENT().getSymbol()));
            case CnnParser.CallExprContext call -> call(call.call().op, call.call().arguments(), false);
            default -> throw new IllegalStateException("unexpected expression " + context.getClass());
        };
    }

    private OpCall call(Token op, CnnParser.ArgumentsContext arguments, boolean chained) {
        List<Expression> inputs = new ArrayList<>();
        List<NamedArgument> attributes = new ArrayList<>();
        if (arguments != null) {
            for (CnnParser.ArgumentContext argument : arguments.argument()) {
                if (argument instanceof CnnParser.NamedArgumentContext named) {
                    attributes.add(new NamedArgument(identifier(named.key), value(named.value())));
                } else {
                    CnnParser.PositionalArgumentContext positional = (CnnParser.PositionalArgumentContext) argument;
                    if (!attributes.isEmpty()) {
                        diagnostics.report(ErrorCode.E209, Spans.of(positional), op.getText());
                    }
                    inputs.add(expression(positional.expr()));
                }
            }
        }
        return new OpCall(identifier(op), inputs, attributes, chained);
    }

    private AttributeValue value(CnnParser.ValueContext context) {
        return switch (context) {
            case CnnParser.NumberValueContext number -> number(number.number());
            case CnnParser.WordValueContext word -> new WordLiteral(identifier(word.IDENT().getSymbol()));
            case CnnParser.ListValueContext list -> new ListLiteral(
                    list.value().stream().map(this::value).toList(), Spans.of((ParserRuleContext) list));
            default -> throw new IllegalStateException("unexpected value " + context.getClass());
        };
    }

    private NumberLiteral number(CnnParser.NumberContext context) {
        boolean integral = context.INT() != null;
        return new NumberLiteral(context.getText(), new BigDecimal(context.getText()), integral, Spans.of(context));
    }

    private NumberLiteral signedInt(CnnParser.SignedIntContext context) {
        return new NumberLiteral(context.getText(), new BigDecimal(context.getText()), true, Spans.of(context));
    }

    private static Identifier identifier(Token token) {
        return new Identifier(token.getText(), Spans.of(token));
    }
}
