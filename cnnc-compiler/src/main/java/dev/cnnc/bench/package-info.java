/**
 * Timing networks the way {@code cnnc bench} reports them: a workload (one forward pass, or a
 * training-mode forward and backward), warmed up until its time per call is steady, then measured
 * in rounds whose median is the result.
 */
package dev.cnnc.bench;
