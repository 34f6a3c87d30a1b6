/**
 * The kernel IR that every backend prints: static methods of plain loops with typed variables,
 * array loads and stores and scalar arithmetic. Lowering turns graph nodes into it; unrolling and
 * method splitting are transformations of it, so they exist once for every backend. Values are
 * immutable and checked when built: a kernel that exists is well typed.
 */
package dev.cnnc.kernel;
