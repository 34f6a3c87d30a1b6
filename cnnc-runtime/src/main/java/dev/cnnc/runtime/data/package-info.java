/**
 * Training data: IDX files (the MNIST family), folders of them, and {@link dev.cnnc.runtime.data.Dataset},
 * samples with their labels or targets.
 */
package dev.cnnc.runtime.data;
