/**
 * The bytecode backend: prints kernel IR as JVM classes through ASM. It returns bytes and never
 * loads them; every method stays under {@link dev.cnnc.backend.bytecode.MethodSizes#LIMIT}.
 */
package dev.cnnc.backend.bytecode;
