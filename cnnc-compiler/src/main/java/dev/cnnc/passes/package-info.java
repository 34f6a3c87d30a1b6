/**
 * Graph passes: each a named class that reads the checked graph and decides how the lowering
 * treats some of its nodes (which activations fuse into the convolution before them, which batch
 * norms fold into it in eval mode). The graph itself stays as the user wrote it, so diagnostics,
 * parameter names and the interpreter see one graph; {@code --explain} shows what each pass decided.
 */
package dev.cnnc.passes;
