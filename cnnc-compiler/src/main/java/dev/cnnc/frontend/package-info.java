/**
 * The front end: reads a model file, lexes and parses it with the ANTLR grammar in
 * {@code grammar/Cnn.g4}, reports syntax errors in plain words, and builds the AST.
 */
package dev.cnnc.frontend;
