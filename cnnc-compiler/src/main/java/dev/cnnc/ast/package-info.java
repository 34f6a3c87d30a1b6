/**
 * The abstract syntax tree of a {@code .cnn} file: immutable records, each carrying the source span
 * that diagnostics point at. It says what was written, not yet what it means.
 */
package dev.cnnc.ast;
