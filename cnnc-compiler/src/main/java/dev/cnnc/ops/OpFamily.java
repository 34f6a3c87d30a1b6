package dev.cnnc.ops;

/** The kinds of op the language has; an op's form ({@code 1d}, {@code 2d}, {@code 3d}) is its rank. */
public enum OpFamily {
    CONV,
    CONV_TRANSPOSE,
    MAXPOOL,
    AVGPOOL,
    MAXUNPOOL,
    UPSAMPLE,
    GLOBAL_AVGPOOL,
    BATCHNORM,
    RELU,
    LEAKY_RELU,
    SIGMOID,
    TANH,
    SOFTMAX,
    LOG_SOFTMAX,
    DROPOUT,
    FLATTEN,
    DENSE,
    ADD,
    CONCAT
}
