/**
 * The graph IR: a network as a list of nodes in topological order, one sealed record per op kind
 * with its attributes resolved (defaults filled in, scalars spread over the spatial dimensions),
 * named tensors, and, once shapes are checked, parameters with their PyTorch names and shapes.
 */
package dev.cnnc.ir;
