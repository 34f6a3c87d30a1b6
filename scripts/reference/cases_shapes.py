"""The shape cases: small networks with input `x` and output `y`, each with the output shape of
one sample (computed by running PyTorch, see generate.py) or the reason the language rejects it.

The reasons are a fixed vocabulary that the compiler's tests map to its error codes."""
import random

ERRORS = {
    "kernel larger than the padded input",
    "output size below 1",
    "pooling padding above half the kernel",
    "output_padding not smaller than stride or dilation",
    "channels not divisible by groups",
    "rank does not match the op's form",
    "list of the wrong length",
    "dense on a non-flat input",
    "add on mismatched shapes",
    "concat on mismatched shapes",
    "undefined name",
    "redefined name",
    "unknown op",
    "unknown attribute",
    "missing required attribute",
    "indices must name a maxpool statement",
}


def model(shape, body):
    dims = ", ".join(str(d) for d in shape)
    lines = "\n".join("    " + line for line in body.split("\n"))
    return f"network Shape {{\n    input x: [{dims}]\n\n{lines}\n\n    output y\n}}\n"


def attr_text(name, value):
    if isinstance(value, list):
        return f"{name}: [{', '.join(str(v) for v in value)}]"
    return f"{name}: {value}"


def call(op, attrs):
    return f"y = {op}(x{''.join(', ' + attr_text(k, v) for k, v in attrs.items())})"


def grid_cases(rng):
    """Sampled combinations of every op's attributes; generate.py keeps those PyTorch and the
    spec's formula agree on, and drops the rest (they are errors, covered below)."""
    out = []
    for rank in (1, 2, 3):
        sizes = {1: (5, 33), 2: (3, 14), 3: (2, 9)}[rank]

        def sample():
            return [rng.randint(*sizes) for _ in range(rank)]

        def per_dim(choices):
            value = [rng.choice(choices) for _ in range(rank)]
            return value if rng.random() < 0.3 and rank > 1 else value[0]

        for op, count in ((f"conv{rank}d", 22), (f"conv_transpose{rank}d", 16), (f"maxpool{rank}d", 16),
                          (f"avgpool{rank}d", 14)):
            for n in range(count):
                channels = rng.choice([1, 2, 3, 4, 6])
                attrs = {}
                if op.startswith("conv"):
                    groups = rng.choice([1, 1, 1, 2]) if channels % 2 == 0 else 1
                    attrs["out"] = groups * rng.choice([1, 2, 3])
                    attrs["kernel"] = per_dim([1, 2, 3, 4, 5])
                    if rng.random() < 0.6:
                        attrs["stride"] = per_dim([1, 2, 3])
                    padding = rng.choice([0, 1, 2, "same", "valid", "list"])
                    if padding == "list" and rank > 1:
                        attrs["padding"] = [rng.randint(0, 2) for _ in range(rank)]
                    elif padding != "list":
                        attrs["padding"] = padding
                    if rng.random() < 0.35:
                        attrs["dilation"] = per_dim([1, 2, 3])
                    if groups > 1:
                        attrs["groups"] = groups
                    if op.startswith("conv_transpose") and rng.random() < 0.4 and attrs.get("padding") != "same":
                        stride = attrs.get("stride", 1)
                        top = max(stride if isinstance(stride, int) else min(stride), 1)
                        if top > 1:
                            attrs["output_padding"] = rng.randint(1, top - 1)
                    if rng.random() < 0.2:
                        attrs["bias"] = "false"
                else:
                    kernel = per_dim([1, 2, 3, 4])
                    attrs["kernel"] = kernel
                    if rng.random() < 0.6:
                        attrs["stride"] = per_dim([1, 2, 3])
                    smallest = kernel if isinstance(kernel, int) else min(kernel)
                    if rng.random() < 0.5 and smallest >= 2:
                        attrs["padding"] = rng.randint(1, smallest // 2)
                    if op.startswith("maxpool") and rng.random() < 0.3:
                        attrs["dilation"] = per_dim([1, 2])
                    if rng.random() < 0.4:
                        attrs["ceil_mode"] = "true"
                    if op.startswith("avgpool") and rng.random() < 0.3:
                        attrs["count_include_pad"] = "false"
                out.append((f"{op}_{n:02d}", [channels] + sample(), call(op, attrs)))
        for n in range(4):
            scale = per_dim([1, 2, 3])
            out.append((f"upsample{rank}d_{n:02d}", [2] + sample(), call("upsample", {"scale": scale})))
    return out


def named_cases():
    return [
        ("conv2d_same_stride_any", [4, 13, 13], "y = conv2d(x, out: 4, kernel: 3, stride: 2, padding: same)"),
        ("conv1d_same_even_kernel_stride3", [2, 10], "y = conv1d(x, out: 2, kernel: 4, stride: 3, padding: same)"),
        ("conv2d_same_kernel_larger_than_input", [2, 3, 3], "y = conv2d(x, out: 2, kernel: 5, padding: same)"),
        ("conv2d_valid_equals_zero_padding", [2, 7, 9], "y = conv2d(x, out: 2, kernel: 3, padding: valid)"),
        ("conv2d_stride_leaves_rows_unread", [1, 10, 10], "y = conv2d(x, out: 1, kernel: 3, stride: 4)"),
        ("conv_transpose1d_same_stride_any", [2, 5], "y = conv_transpose1d(x, out: 3, kernel: 4, stride: 2, padding: same)"),
        ("conv_transpose2d_same_kernel_lt_stride", [2, 4, 4], "y = conv_transpose2d(x, out: 2, kernel: 2, stride: 3, padding: same)"),
        ("conv_transpose2d_outpad_below_dilation", [2, 4, 4], "y = conv_transpose2d(x, out: 2, kernel: 3, stride: 2, dilation: 3, output_padding: 2)"),
        ("maxpool1d_ceil_adds_window", [2, 7], "y = maxpool1d(x, kernel: 2, ceil_mode: true)"),
        ("maxpool1d_ceil_drops_window_in_padding", [2, 5], "y = maxpool1d(x, kernel: 2, stride: 2, padding: 1, ceil_mode: true)"),
        ("maxpool2d_ceil_drops_window_in_padding", [2, 6, 6], "y = maxpool2d(x, kernel: 3, stride: 3, padding: 1, ceil_mode: true)"),
        ("avgpool2d_ceil_adds_window", [2, 7, 5], "y = avgpool2d(x, kernel: 2, ceil_mode: true)"),
        ("maxpool2d_stride_default_is_kernel", [2, 9, 8], "y = maxpool2d(x, kernel: [3, 2])"),
        ("maxunpool2d_restores_pool_input", [3, 9, 7], "p = maxpool2d(x, kernel: 2)\ny = maxunpool2d(p, indices: p)"),
        ("maxunpool1d_restores_pool_input", [3, 11], "p = maxpool1d(x, kernel: 3, stride: 2, padding: 1)\ny = maxunpool1d(p, indices: p)"),
        ("maxunpool3d_restores_pool_input", [2, 5, 4, 6], "p = maxpool3d(x, kernel: 2)\ny = maxunpool3d(p, indices: p)"),
        ("global_avgpool2d_flat", [5, 6, 7], "y = global_avgpool(x)"),
        ("global_avgpool1d_flat", [5, 9], "y = global_avgpool(x)"),
        ("global_avgpool3d_flat", [5, 3, 4, 2], "y = global_avgpool(x)"),
        ("flatten2d", [3, 4, 5], "y = flatten(x)"),
        ("flatten3d", [2, 2, 3, 4], "y = flatten(x)"),
        ("flatten_flat_stays", [12], "y = flatten(x)"),
        ("dense_flat", [12], "y = dense(x, out: 7)"),
        ("dense_after_flatten", [3, 4, 4], "y = dense(flatten(x), out: 10)"),
        ("batchnorm2d_keeps_shape", [3, 5, 6], "y = batchnorm(x)"),
        ("batchnorm_flat_keeps_shape", [8], "y = batchnorm(x)"),
        ("relu_keeps_shape", [3, 5], "y = relu(x)"),
        ("leaky_relu_keeps_shape", [3, 5, 2, 2], "y = leaky_relu(x, slope: 0.1)"),
        ("sigmoid_keeps_shape", [6], "y = sigmoid(x)"),
        ("tanh_keeps_shape", [2, 3, 3], "y = tanh(x)"),
        ("softmax_keeps_shape", [4, 3, 3], "y = softmax(x)"),
        ("log_softmax_keeps_shape", [10], "y = log_softmax(x)"),
        ("dropout_keeps_shape", [3, 4, 4], "y = dropout(x, p: 0.1)"),
        ("add_three", [3, 4, 4], "a = relu(x)\ny = add(x, a, x)"),
        ("concat_channels", [3, 4, 4], "a = conv2d(x, out: 5, kernel: 1)\ny = concat(x, a)"),
        ("concat_flat", [4], "a = dense(x, out: 3)\ny = concat(a, x)"),
        ("chain_with_steps", [3, 16, 16], "y = conv2d(x, out: 8, kernel: 3, padding: 1) -> relu -> maxpool2d(kernel: 2) -> conv2d(out: 4, kernel: 3)"),
        ("upsample2d_scale_list", [2, 3, 4], "y = upsample(x, scale: [2, 3])"),
    ]


def error_cases():
    e = []

    def add(ident, reason, shape, body):
        assert reason in ERRORS, reason
        e.append((ident, shape, body, reason))

    big = "kernel larger than the padded input"
    add("error_conv1d_kernel_larger_than_input", big, [2, 4], "y = conv1d(x, out: 2, kernel: 5)")
    add("error_conv2d_kernel_larger_than_input", big, [2, 4, 6], "y = conv2d(x, out: 2, kernel: 5)")
    add("error_conv3d_kernel_larger_than_input", big, [2, 3, 5, 5], "y = conv3d(x, out: 2, kernel: 4)")
    add("error_conv2d_dilated_kernel_larger_than_input", big, [2, 4, 4], "y = conv2d(x, out: 2, kernel: 3, dilation: 2)")
    add("error_conv2d_one_dim_larger", big, [1, 8, 2], "y = conv2d(x, out: 1, kernel: [2, 5], padding: [0, 1])")
    add("error_maxpool1d_kernel_larger_than_input", big, [2, 2], "y = maxpool1d(x, kernel: 3)")
    add("error_maxpool2d_kernel_larger_than_input", big, [2, 3, 2], "y = maxpool2d(x, kernel: 3)")
    add("error_maxpool3d_kernel_larger_than_input", big, [1, 2, 4, 4], "y = maxpool3d(x, kernel: 3)")
    add("error_avgpool1d_kernel_larger_than_input", big, [2, 3], "y = avgpool1d(x, kernel: 5)")
    add("error_avgpool2d_kernel_larger_than_input", big, [2, 4, 4], "y = avgpool2d(x, kernel: 5)")
    add("error_avgpool3d_kernel_larger_than_input", big, [2, 4, 4, 4], "y = avgpool3d(x, kernel: 5)")
    add("error_maxpool2d_dilated_kernel_larger_than_input", big, [2, 4, 4], "y = maxpool2d(x, kernel: 3, dilation: 2)")
    add("error_maxpool1d_ceil_mode_kernel_larger_than_input", big, [2, 2], "y = maxpool1d(x, kernel: 3, stride: 2, ceil_mode: true)")
    add("error_avgpool2d_ceil_mode_kernel_larger_than_input", big, [2, 3, 3], "y = avgpool2d(x, kernel: 4, stride: 3, ceil_mode: true)")

    below = "output size below 1"
    add("error_conv_transpose1d_output_below_1", below, [2, 1], "y = conv_transpose1d(x, out: 2, kernel: 1, padding: 1)")
    add("error_conv_transpose2d_output_below_1", below, [2, 1, 2], "y = conv_transpose2d(x, out: 2, kernel: 2, padding: 2)")
    add("error_conv_transpose3d_output_below_1", below, [1, 1, 1, 1], "y = conv_transpose3d(x, out: 1, kernel: 1, padding: 1)")
    add("error_conv_transpose1d_padding_eats_output", below, [1, 3], "y = conv_transpose1d(x, out: 1, kernel: 3, padding: 3)")

    half = "pooling padding above half the kernel"
    add("error_maxpool1d_padding_above_half_kernel", half, [2, 8], "y = maxpool1d(x, kernel: 2, stride: 1, padding: 2)")
    add("error_maxpool2d_padding_above_half_kernel", half, [2, 7, 7], "y = maxpool2d(x, kernel: 3, padding: 2)")
    add("error_maxpool3d_padding_above_half_kernel", half, [2, 6, 6, 6], "y = maxpool3d(x, kernel: 2, padding: 2)")
    add("error_avgpool1d_padding_above_half_kernel", half, [2, 8], "y = avgpool1d(x, kernel: 3, stride: 1, padding: 2)")
    add("error_avgpool2d_padding_above_half_kernel", half, [2, 8, 8], "y = avgpool2d(x, kernel: 5, padding: 3)")
    add("error_avgpool3d_padding_above_half_kernel", half, [2, 6, 6, 6], "y = avgpool3d(x, kernel: 3, padding: 2)")
    add("error_maxpool2d_padding_list_above_half", half, [2, 7, 7], "y = maxpool2d(x, kernel: [4, 2], padding: [1, 2])")
    add("error_maxpool2d_padding_above_half_dilated", half, [2, 9, 9], "y = maxpool2d(x, kernel: 2, dilation: 3, padding: 2)")

    outpad = "output_padding not smaller than stride or dilation"
    add("error_conv_transpose2d_output_padding_equals_stride", outpad, [2, 4, 4], "y = conv_transpose2d(x, out: 2, kernel: 3, stride: 2, output_padding: 2)")
    add("error_conv_transpose1d_output_padding_with_stride1", outpad, [2, 6], "y = conv_transpose1d(x, out: 2, kernel: 3, output_padding: 1)")
    add("error_conv_transpose2d_output_padding_equals_dilation", outpad, [2, 4, 4], "y = conv_transpose2d(x, out: 2, kernel: 3, dilation: 2, output_padding: 2)")
    add("error_conv_transpose3d_output_padding_list", outpad, [2, 3, 3, 3], "y = conv_transpose3d(x, out: 2, kernel: 2, stride: [2, 1, 2], output_padding: [1, 1, 1])")

    groups = "channels not divisible by groups"
    add("error_conv2d_in_channels_not_divisible", groups, [5, 6, 6], "y = conv2d(x, out: 4, kernel: 3, groups: 2)")
    add("error_conv1d_out_channels_not_divisible", groups, [4, 6], "y = conv1d(x, out: 3, kernel: 3, groups: 2)")
    add("error_conv3d_depthwise_not_divisible", groups, [3, 3, 3, 3], "y = conv3d(x, out: 6, kernel: 1, groups: 6)")
    add("error_conv_transpose2d_in_channels_not_divisible", groups, [3, 4, 4], "y = conv_transpose2d(x, out: 4, kernel: 2, groups: 2)")
    add("error_conv_transpose1d_out_channels_not_divisible", groups, [6, 4], "y = conv_transpose1d(x, out: 4, kernel: 2, groups: 3)")

    rank = "rank does not match the op's form"
    add("error_conv2d_on_rank2_sample", rank, [2, 9], "y = conv2d(x, out: 2, kernel: 3)")
    add("error_conv1d_on_rank3_sample", rank, [2, 6, 6], "y = conv1d(x, out: 2, kernel: 3)")
    add("error_conv3d_on_rank3_sample", rank, [2, 6, 6], "y = conv3d(x, out: 2, kernel: 1)")
    add("error_maxpool3d_on_rank3_sample", rank, [2, 6, 6], "y = maxpool3d(x, kernel: 2)")
    add("error_avgpool1d_on_rank4_sample", rank, [2, 4, 4, 4], "y = avgpool1d(x, kernel: 2)")
    add("error_maxpool2d_on_flat_sample", rank, [16], "y = maxpool2d(x, kernel: 2)")
    add("error_conv_transpose1d_on_rank3_sample", rank, [2, 4, 4], "y = conv_transpose1d(x, out: 2, kernel: 2)")
    add("error_maxunpool1d_of_a_2d_pool", rank, [2, 4, 4], "p = maxpool2d(x, kernel: 2)\ny = maxunpool1d(p, indices: p)")

    length = "list of the wrong length"
    add("error_conv1d_kernel_list_length", length, [2, 8], "y = conv1d(x, out: 2, kernel: [3, 3])")
    add("error_conv2d_stride_list_length", length, [2, 8, 8], "y = conv2d(x, out: 2, kernel: 3, stride: [1, 1, 1])")
    add("error_conv3d_padding_list_length", length, [2, 6, 6, 6], "y = conv3d(x, out: 2, kernel: 3, padding: [1, 1])")
    add("error_conv2d_dilation_list_length", length, [2, 8, 8], "y = conv2d(x, out: 2, kernel: 3, dilation: [2])")
    add("error_maxpool2d_kernel_list_length", length, [2, 6, 6], "y = maxpool2d(x, kernel: [2, 2, 2])")
    add("error_avgpool3d_stride_list_length", length, [2, 6, 6, 6], "y = avgpool3d(x, kernel: 2, stride: [2, 2])")
    add("error_conv_transpose2d_output_padding_list_length", length, [2, 4, 4], "y = conv_transpose2d(x, out: 2, kernel: 3, stride: 2, output_padding: [1])")
    add("error_upsample_scale_list_length", length, [2, 8], "y = upsample(x, scale: [2, 2])")

    dense = "dense on a non-flat input"
    add("error_dense_on_rank3_sample", dense, [3, 4, 4], "y = dense(x, out: 4)")
    add("error_dense_on_rank2_sample", dense, [3, 7], "y = dense(x, out: 4)")
    add("error_dense_after_pool_without_flatten", dense, [2, 4, 4, 4], "p = maxpool3d(x, kernel: 2)\ny = dense(p, out: 3)")

    addm = "add on mismatched shapes"
    add("error_add_channel_mismatch", addm, [3, 5, 5], "a = conv2d(x, out: 2, kernel: 1)\ny = add(x, a)")
    add("error_add_spatial_mismatch", addm, [3, 6, 6], "a = conv2d(x, out: 3, kernel: 3)\ny = add(x, a)")
    add("error_add_would_broadcast", addm, [3, 5, 5], "a = conv2d(x, out: 3, kernel: 5)\ny = add(x, a)")
    add("error_add_1d_length_mismatch", addm, [2, 8], "a = maxpool1d(x, kernel: 2)\ny = add(x, a)")

    cat = "concat on mismatched shapes"
    add("error_concat_spatial_mismatch", cat, [2, 6, 6], "a = maxpool2d(x, kernel: 2)\ny = concat(x, a)")
    add("error_concat_rank_mismatch", cat, [2, 5], "a = flatten(x)\ny = concat(x, a)")
    add("error_concat_third_mismatched", cat, [2, 5, 5], "a = conv2d(x, out: 2, kernel: 1)\nb = conv2d(x, out: 2, kernel: [1, 2])\ny = concat(x, a, b)")

    undefined = "undefined name"
    add("error_undefined_name", undefined, [2, 6, 6], "y = relu(z)")
    add("error_name_used_before_definition", undefined, [2, 6, 6], "a = relu(b)\nb = relu(x)\ny = add(a, b)")
    add("error_undefined_output", undefined, [2, 6, 6], "y = relu(x)\noutput z")
    add("error_undefined_indices_pool", undefined, [2, 6, 6], "p = maxpool2d(x, kernel: 2)\ny = maxunpool2d(p, indices: q)")

    redefined = "redefined name"
    add("error_redefined_name", redefined, [2, 6, 6], "y = relu(x)\ny = tanh(x)")
    add("error_redefined_input_name", redefined, [2, 6, 6], "x = relu(x)\ny = tanh(x)")

    unknown = "unknown op"
    add("error_unknown_op_conv4d", unknown, [2, 3, 3, 3, 3], "y = conv4d(x, out: 2, kernel: 1)")
    add("error_unknown_op_maxpool_without_form", unknown, [2, 6, 6], "y = maxpool(x, kernel: 2)")
    add("error_unknown_op_capitalized", unknown, [2, 6, 6], "y = Conv2d(x, out: 2, kernel: 1)")
    add("error_unknown_op_name", unknown, [2, 6, 6], "y = squish(x)")

    attr = "unknown attribute"
    add("error_unknown_attribute_strides", attr, [2, 8, 8], "y = conv2d(x, out: 2, kernel: 3, strides: 2)")
    add("error_unknown_attribute_kernel_size", attr, [2, 8], "y = conv1d(x, out: 2, kernel_size: 3)")
    add("error_unknown_attribute_avgpool_dilation", attr, [2, 6, 6], "y = avgpool2d(x, kernel: 2, dilation: 2)")
    add("error_unknown_attribute_maxpool_groups", attr, [2, 6, 6], "y = maxpool2d(x, kernel: 2, groups: 2)")
    add("error_unknown_attribute_relu_slope", attr, [2, 6, 6], "y = relu(x, slope: 0.1)")

    missing = "missing required attribute"
    add("error_missing_conv2d_out", missing, [2, 8, 8], "y = conv2d(x, kernel: 3)")
    add("error_missing_conv2d_kernel", missing, [2, 8, 8], "y = conv2d(x, out: 3)")
    add("error_missing_conv_transpose1d_kernel", missing, [2, 8], "y = conv_transpose1d(x, out: 3)")
    add("error_missing_conv3d_out", missing, [2, 4, 4, 4], "y = conv3d(x, kernel: 1)")
    add("error_missing_maxpool2d_kernel", missing, [2, 6, 6], "y = maxpool2d(x, stride: 2)")
    add("error_missing_avgpool1d_kernel", missing, [2, 8], "y = avgpool1d(x)")
    add("error_missing_upsample_scale", missing, [2, 6, 6], "y = upsample(x, mode: nearest)")
    add("error_missing_dense_out", missing, [2, 6], "y = dense(flatten(x))")
    add("error_missing_maxunpool2d_indices", missing, [2, 6, 6], "p = maxpool2d(x, kernel: 2)\ny = maxunpool2d(p)")

    add("error_maxunpool2d_indices_of_avgpool", "indices must name a maxpool statement", [2, 6, 6],
        "p = avgpool2d(x, kernel: 2)\ny = maxunpool2d(p, indices: p)")
    return e


def all_cases():
    rng = random.Random(20261207)
    valid = [(i, s, b, None) for (i, s, b) in grid_cases(rng) + named_cases()]
    return valid + error_cases()
