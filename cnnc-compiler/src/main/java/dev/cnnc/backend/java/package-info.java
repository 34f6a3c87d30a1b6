/**
 * The Java-source backend: prints the kernel IR the bytecode backend compiles as readable Java
 * through Palantir's JavaPoet, and compiles that source in memory for {@code cnnc run --backend java}.
 */
package dev.cnnc.backend.java;
