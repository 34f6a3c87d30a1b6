/*
 * The .cnn language, version 0: the grammar of ../shared/spec/cnn-dsl.md.
 *
 * The grammar accepts a little more than the spec's productions (an empty argument list, a
 * trailing comma, a sign on numbers) so that such mistakes reach the checker, which names them
 * in plain words instead of failing as a syntax error. Op names, attribute names and value
 * words (same, valid, true, false, nearest) are identifiers here: the op catalog, not the
 * grammar, knows them, so an unknown op gets "did you mean" instead of "no viable alternative".
 */
grammar Cnn;

file
    : network* EOF
    ;

network
    : NETWORK name=IDENT LBRACE statement* RBRACE
    ;

statement
    : INPUT name=IDENT COLON LBRACK dims+=signedInt (COMMA dims+=signedInt)* RBRACK # inputStatement
    | name=IDENT ASSIGN chain                                                        # assignStatement
    | OUTPUT names+=IDENT (COMMA names+=IDENT)*                                      # outputStatement
    ;

// The value on the left of each arrow is the first input of the step on its right.
chain
    : expr (ARROW step)*
    ;

expr
    : call  # callExpr
    | IDENT # nameExpr
    ;

call
    : op=IDENT LPAREN arguments? RPAREN
    ;

step
    : op=IDENT (LPAREN arguments? RPAREN)?
    ;

arguments
    : argument (COMMA argument)* COMMA?
    ;

argument
    : key=IDENT COLON value # namedArgument
    | expr                  # positionalArgument
    ;

value
    : number                                  # numberValue
    | IDENT                                   # wordValue
    | LBRACK value (COMMA value)* RBRACK      # listValue
    ;

number
    : MINUS? (INT | FLOAT)
    ;

signedInt
    : MINUS? INT
    ;

NETWORK : 'network' ;
INPUT   : 'input' ;
OUTPUT  : 'output' ;

ARROW  : '->' ;
ASSIGN : '=' ;
COLON  : ':' ;
COMMA  : ',' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
MINUS  : '-' ;

IDENT : [A-Za-z_] [A-Za-z0-9_]* ;

FLOAT
    : DIGITS '.' DIGITS? EXPONENT?
    | '.' DIGITS EXPONENT?
    | DIGITS EXPONENT
    ;

INT : DIGITS ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

LINE_COMMENT : '//' ~[\r\n]* -> channel(HIDDEN) ;

// An unterminated comment runs to the end of the file; the front end reports it as such.
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) -> channel(HIDDEN) ;

WHITESPACE : [ \t\r\n\f\u00A0\uFEFF]+ -> skip ;

// Any other character: kept off the parser's channel and reported by the front end in plain words.
STRAY_CHARACTER : . -> channel(HIDDEN) ;
