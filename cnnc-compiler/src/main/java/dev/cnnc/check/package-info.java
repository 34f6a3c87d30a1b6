/**
 * Shape checking: infers the shape of every tensor with the spec's formulas, derives the
 * parameters' names and shapes, and reports every mistake with the formula and its numbers.
 */
package dev.cnnc.check;
