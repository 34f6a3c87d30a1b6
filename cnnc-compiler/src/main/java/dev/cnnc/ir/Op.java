package dev.cnnc.ir;

import java.util.Objects;

/**
 * One operation of the graph IR, its attributes resolved: defaults filled in, scalars spread over
 * the spatial dimensions, so that every list has one entry per spatial dimension ({@code rank}).
 * Compact constructors reject values no checked program can produce.
 */
public sealed interface Op {

    /** The op's name as the language writes it, e.g. {@code conv2d}. */
    String name();

    /** Whether the op owns parameters (weights, biases, batch-norm statistics). */
    default boolean hasParameters() {
        return false;
    }

    record Conv(int rank, int out, Dims kernel, Dims stride, Padding padding, Dims dilation, int groups, boolean bias)
            implements Op {
        public Conv {
            Spatial.check(rank, kernel, stride, dilation);
            Spatial.checkLength(rank, padding.explicit(), "padding");
            Spatial.positive(out, "out");
            Spatial.positive(groups, "groups");
        }

        @Override
        public String name() {
            return "conv" + rank + "d";
        }

        @Override
        public boolean hasParameters() {
            return true;
        }
    }

    record ConvTranspose(
            int rank,
            int out,
            Dims kernel,
            Dims stride,
            Padding padding,
            Dims outputPadding,
            Dims dilation,
            int groups,
            boolean bias)
            implements Op {
        public ConvTranspose {
            Spatial.check(rank, kernel, stride, dilation);
            Spatial.checkLength(rank, padding.explicit(), "padding");
            Spatial.checkLength(rank, outputPadding, "output_padding");
            Spatial.positive(out, "out");
            Spatial.positive(groups, "groups");
        }

        @Override
        public String name() {
            return "conv_transpose" + rank + "d";
        }

        @Override
        public boolean hasParameters() {
            return true;
        }
    }

    record MaxPool(int rank, Dims kernel, Dims stride, Dims padding, Dims dilation, boolean ceilMode) implements Op {
        public MaxPool {
            Spatial.check(rank, kernel, stride, dilation);
            Spatial.checkLength(rank, padding, "padding");
        }

        @Override
        public String name() {
            return "maxpool" + rank + "d";
        }
    }

    record AvgPool(int rank, Dims kernel, Dims stride, Dims padding, boolean ceilMode, boolean countIncludePad)
            implements Op {
        public AvgPool {
            Spatial.check(rank, kernel, stride, Dims.filled(rank, 1));
            Spatial.checkLength(rank, padding, "padding");
        }

        @Override
        public String name() {
            return "avgpool" + rank + "d";
        }
    }

    /** Scatters each value back to where its pool took it from; {@code pool} names the node of that maxpool. */
    record MaxUnpool(int rank, String pool) implements Op {
        public MaxUnpool {
            Objects.requireNonNull(pool, "pool");
        }

        @Override
        public String name() {
            return "maxunpool" + rank + "d";
        }
    }

    /** Nearest-neighbour upsampling; a scalar {@code scale} (one entry) applies to every spatial dimension. */
    record Upsample(Dims scale, boolean scalePerDimension, String mode) implements Op {
        public Upsample {
            for (int i = 0; i < scale.size(); i++) {
                Spatial.positive(scale.get(i), "scale");
            }
            if (!scalePerDimension && scale.size() != 1) {
                throw new IllegalArgumentException("a scalar scale has one entry");
            }
        }

        public int scaleFor(int dimension) {
            return scalePerDimension ? scale.get(dimension) : scale.get(0);
        }

        @Override
        public String name() {
            return "upsample";
        }
    }

    record GlobalAvgPool() implements Op {
        @Override
        public String name() {
            return "global_avgpool";
        }
    }

    record BatchNorm(double eps, double momentum) implements Op {
        public BatchNorm {
            if (!(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("batchnorm eps " + eps + ", momentum " + momentum);
            }
        }

        @Override
        public String name() {
            return "batchnorm";
        }

        @Override
        public boolean hasParameters() {
            return true;
        }
    }

    /** An element-wise activation; {@code slope} matters for leaky ReLU only. */
    record Activation(Function function, double slope) implements Op {
        public enum Function {
            RELU("relu"),
            LEAKY_RELU("leaky_relu"),
            SIGMOID("sigmoid"),
            TANH("tanh");

            private final String name;

            Function(String name) {
                this.name = name;
            }
        }

        public Activation {
            Objects.requireNonNull(function, "function");
        }

        @Override
        public String name() {
            return function.name;
        }
    }

    /** Softmax or log-softmax over the features of a flat input, or over the channels at each position. */
    record Softmax(boolean log) implements Op {
        @Override
        public String name() {
            return log ? "log_softmax" : "softmax";
        }
    }

    record Dropout(double p) implements Op {
        public Dropout {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("dropout p " + p);
            }
        }

        @Override
        public String name() {
            return "dropout";
        }
    }

    record Flatten() implements Op {
        @Override
        public String name() {
            return "flatten";
        }
    }

    record Dense(int out, boolean bias) implements Op {
        public Dense {
            Spatial.positive(out, "out");
        }

        @Override
        public String name() {
            return "dense";
        }

        @Override
        public boolean hasParameters() {
            return true;
        }
    }

    record Add() implements Op {
        @Override
        public String name() {
            return "add";
        }
    }

    record Concat() implements Op {
        @Override
        public String name() {
            return "concat";
        }
    }

    /** Shared validation of spatial attributes. */
    final class Spatial {
        private Spatial() {}

        static void check(int rank, Dims kernel, Dims stride, Dims dilation) {
            if (rank < 1 || rank > 3) {
                throw new IllegalArgumentException("spatial rank " + rank);
            }
            for (Dims dims : new Dims[] {kernel, stride, dilation}) {
                checkLength(rank, dims, "attribute");
                for (int i = 0; i < rank; i++) {
                    positive(dims.get(i), "kernel, stride and dilation");
                }
            }
        }

        static void checkLength(int rank, Dims dims, String what) {
            if (dims.size() != rank) {
                throw new IllegalArgumentException(what + " " + dims + " for " + rank + " spatial dimensions");
            }
        }

        static void positive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, was " + value);
            }
        }
    }
}
