/**
 * NumPy {@code .npy} and {@code .npz} files: the way tensors and parameters travel between cnnc and
 * PyTorch. Only float32, little-endian, C-order arrays are produced; float64 is read and
 * converted; anything else is rejected with a message naming the file and the problem.
 */
package dev.cnnc.runtime.io;
