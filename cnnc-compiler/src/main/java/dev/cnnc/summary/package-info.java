/**
 * The numbers a person asks of a network before running it: per statement the output shape,
 * parameter count, multiply-adds and receptive field; totals of parameters, work and memory.
 */
package dev.cnnc.summary;
