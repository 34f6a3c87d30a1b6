/**
 * Diagnostics: the error catalog with its stable codes, source positions, and the printer that
 * shows a diagnostic as {@code file:line:col: error[E301]: message} with the source line and a caret.
 */
package dev.cnnc.diagnostics;
