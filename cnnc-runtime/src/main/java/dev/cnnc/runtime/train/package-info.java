/**
 * Training: losses, optimizers and {@link dev.cnnc.runtime.train.Trainer}, the loop that shuffles,
 * batches, steps and evaluates, deterministic for a given seed and thread count.
 */
package dev.cnnc.runtime.train;
