/**
 * The reference interpreter: runs a checked graph node by node on the runtime's generic kernels,
 * forward and backward (reverse-mode over the graph, gradients adding up where a tensor feeds
 * several nodes). It is the oracle every backend is tested against.
 */
package dev.cnnc.interpreter;
