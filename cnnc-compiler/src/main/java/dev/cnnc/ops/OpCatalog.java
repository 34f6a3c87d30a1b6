package dev.cnnc.ops;

import static dev.cnnc.ops.AttributeKind.CONV_PADDING;
import static dev.cnnc.ops.AttributeKind.INT;
import static dev.cnnc.ops.AttributeKind.SCALE;
import static dev.cnnc.ops.AttributeKind.SPATIAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every op of the language version 0 with its signature: the table of the spec's "Operations"
 * section. Defaults are PyTorch's.
 */
public final class OpCatalog {

    private static final Map<String, OpSignature> OPS = build();

    /** PyTorch's and Keras' names for attributes the language spells otherwise. */
    private static final Map<String, String> FOREIGN_ATTRIBUTES = Map.ofEntries(
            Map.entry("kernel_size", "kernel"),
            Map.entry("pool_size", "kernel"),
            Map.entry("strides", "stride"),
            Map.entry("out_channels", "out"),
            Map.entry("out_features", "out"),
            Map.entry("filters", "out"),
            Map.entry("units", "out"),
            Map.entry("dilation_rate", "dilation"),
            Map.entry("negative_slope", "slope"),
            Map.entry("alpha", "slope"),
            Map.entry("scale_factor", "scale"),
            Map.entry("size", "scale"),
            Map.entry("rate", "p"),
            Map.entry("use_bias", "bias"));

    private OpCatalog() {}

    public static Optional<OpSignature> lookup(String name) {
        return Optional.ofNullable(OPS.get(name));
    }

    /** Every op name, in the order of the spec's table. */
    public static List<String> names() {
        return List.copyOf(OPS.keySet());
    }

    /** The language's attribute name for a name another framework uses, if there is one. */
    public static Optional<String> nativeAttributeName(String foreign) {
        return Optional.ofNullable(FOREIGN_ATTRIBUTES.get(foreign.toLowerCase(Locale.ROOT)));
    }

    private static Map<String, OpSignature> build() {
        Map<String, OpSignature> ops = new LinkedHashMap<>();
        for (int rank = 1; rank <= 3; rank++) {
            add(ops, "conv" + rank + "d", OpFamily.CONV, rank, 1, 1, convAttributes(false));
        }
        for (int rank = 1; rank <= 3; rank++) {
            add(ops, "conv_transpose" + rank + "d", OpFamily.CONV_TRANSPOSE, rank, 1, 1, convAttributes(true));
        }
        for (int rank = 1; rank <= 3; rank++) {
            add(ops, "maxpool" + rank + "d", OpFamily.MAXPOOL, rank, 1, 1, List.of(
                    AttributeSpec.required("kernel", SPATIAL, 1),
                    AttributeSpec.optional("stride", SPATIAL, null, 1),
                    AttributeSpec.optional("padding", SPATIAL, "0", 0),
                    AttributeSpec.optional("dilation", SPATIAL, "1", 1),
                    AttributeSpec.bool("ceil_mode", "false")));
        }
        for (int rank = 1; rank <= 3; rank++) {
            add(ops, "avgpool" + rank + "d", OpFamily.AVGPOOL, rank, 1, 1, List.of(
                    AttributeSpec.required("kernel", SPATIAL, 1),
                    AttributeSpec.optional("stride", SPATIAL, null, 1),
                    AttributeSpec.optional("padding", SPATIAL, "0", 0),
                    AttributeSpec.bool("ceil_mode", "false"),
                    AttributeSpec.bool("count_include_pad", "true")));
        }
        for (int rank = 1; rank <= 3; rank++) {
            add(ops, "maxunpool" + rank + "d", OpFamily.MAXUNPOOL, rank, 1, 1, List.of(AttributeSpec.statement("indices")));
        }
        add(ops, "upsample", OpFamily.UPSAMPLE, 0, 1, 1, List.of(
                AttributeSpec.required("scale", SCALE, 1),
                AttributeSpec.word("mode", "nearest", List.of("nearest"))));
        add(ops, "global_avgpool", OpFamily.GLOBAL_AVGPOOL, 0, 1, 1, List.of());
        add(ops, "batchnorm", OpFamily.BATCHNORM, 0, 1, 1, List.of(
                AttributeSpec.real("eps", "1e-5", Double.MIN_NORMAL, Double.POSITIVE_INFINITY),
                AttributeSpec.real("momentum", "0.1", 0, 1)));
        add(ops, "relu", OpFamily.RELU, 0, 1, 1, List.of());
        add(ops, "sigmoid", OpFamily.SIGMOID, 0, 1, 1, List.of());
        add(ops, "tanh", OpFamily.TANH, 0, 1, 1, List.of());
        add(ops, "leaky_relu", OpFamily.LEAKY_RELU, 0, 1, 1, List.of(
                AttributeSpec.real("slope", "0.01", -Double.MAX_VALUE, Double.MAX_VALUE)));
        add(ops, "softmax", OpFamily.SOFTMAX, 0, 1, 1, List.of());
        add(ops, "log_softmax", OpFamily.LOG_SOFTMAX, 0, 1, 1, List.of());
        add(ops, "dropout", OpFamily.DROPOUT, 0, 1, 1, List.of(AttributeSpec.real("p", "0.5", 0, 1)));
        add(ops, "flatten", OpFamily.FLATTEN, 0, 1, 1, List.of());
        add(ops, "dense", OpFamily.DENSE, 0, 1, 1, List.of(
                AttributeSpec.required("out", INT, 1),
                AttributeSpec.bool("bias", "true")));
        add(ops, "add", OpFamily.ADD, 0, 2, Integer.MAX_VALUE, List.of());
        add(ops, "concat", OpFamily.CONCAT, 0, 2, Integer.MAX_VALUE, List.of());
        return Collections.unmodifiableMap(ops);
    }

    private static List<AttributeSpec> convAttributes(boolean transposed) {
        List<AttributeSpec> attributes = new ArrayList<>(List.of(
                AttributeSpec.required("out", INT, 1),
                AttributeSpec.required("kernel", SPATIAL, 1),
                AttributeSpec.optional("stride", SPATIAL, "1", 1),
                AttributeSpec.optional("padding", CONV_PADDING, "0", 0)));
        if (transposed) {
            attributes.add(AttributeSpec.optional("output_padding", SPATIAL, "0", 0));
        }
        attributes.addAll(List.of(
                AttributeSpec.optional("dilation", SPATIAL, "1", 1),
                AttributeSpec.optional("groups", INT, "1", 1),
                AttributeSpec.bool("bias", "true")));
        return attributes;
    }

    private static void add(
            Map<String, OpSignature> ops, String name, OpFamily family, int rank, int min, int max, List<AttributeSpec> attributes) {
        ops.put(name, new OpSignature(name, family, rank, min, max, attributes));
    }
}
