/**
 * Generic kernels: plain loops over runtime shapes, channels first ({@code [N, C, D, H, W]}), for
 * every op forward and backward. The interpreter runs on them and every backend is checked and
 * benchmarked against them. Backward methods add into their gradient arrays, so gradients
 * accumulate where a tensor feeds several ops.
 */
package dev.cnnc.runtime.kernels;
