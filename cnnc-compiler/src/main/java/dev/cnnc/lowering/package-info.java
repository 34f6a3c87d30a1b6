/**
 * Lowering: graph nodes to kernel IR methods whose loop bounds are the node's constant sizes; only
 * the batch stays a parameter. Each op has one lowering class, forward and backward side by side.
 */
package dev.cnnc.lowering;
