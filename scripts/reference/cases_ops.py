"""The one-op reference cases: (id, input shape of one sample, statements). The network's input is
`x`, its output `y`. Ids say what a case pins down; `_train` cases run in training mode."""

X = "x"


def conv_cases():
    cases = []
    for rank, shape in ((1, [3, 17]), (2, [3, 9, 11]), (3, [2, 6, 7, 5])):
        op = f"conv{rank}d"
        cases += [
            (f"{op}_k3", shape, f"y = {op}(x, out: 4, kernel: 3)"),
            (f"{op}_k1_pointwise", shape, f"y = {op}(x, out: 5, kernel: 1)"),
            (f"{op}_nobias", shape, f"y = {op}(x, out: 3, kernel: 2, bias: false)"),
            (f"{op}_valid", shape, f"y = {op}(x, out: 3, kernel: 3, padding: valid)"),
            (f"{op}_same_k3", shape, f"y = {op}(x, out: 3, kernel: 3, padding: same)"),
            (f"{op}_same_even_kernel", shape, f"y = {op}(x, out: 2, kernel: 2, padding: same)"),
            (f"{op}_same_stride2", shape, f"y = {op}(x, out: 3, kernel: 3, stride: 2, padding: same)"),
            (f"{op}_stride2_pad1", shape, f"y = {op}(x, out: 3, kernel: 3, stride: 2, padding: 1)"),
            (f"{op}_dilation2", shape, f"y = {op}(x, out: 2, kernel: 2, dilation: 2)"),
            (f"{op}_groups2", [4] + shape[1:], f"y = {op}(x, out: 6, kernel: 3, padding: 1, groups: 2)"),
            (f"{op}_depthwise", [4] + shape[1:], f"y = {op}(x, out: 4, kernel: 3, padding: 1, groups: 4)"),
        ]
    cases += [
        ("conv1d_k5_stride2_pad2", [3, 20], "y = conv1d(x, out: 4, kernel: 5, stride: 2, padding: 2)"),
        ("conv1d_k7_pad3", [2, 16], "y = conv1d(x, out: 3, kernel: 7, padding: 3)"),
        ("conv1d_same_odd_kernel", [2, 13], "y = conv1d(x, out: 3, kernel: 5, padding: same)"),
        ("conv1d_same_stride3", [2, 14], "y = conv1d(x, out: 3, kernel: 4, stride: 3, padding: same)"),
        ("conv1d_dilation3_same", [2, 15], "y = conv1d(x, out: 3, kernel: 3, dilation: 3, padding: same)"),
        ("conv1d_stride3_drops_tail", [2, 14], "y = conv1d(x, out: 3, kernel: 3, stride: 3)"),
        ("conv1d_one_element_lists", [2, 12], "y = conv1d(x, out: 3, kernel: [3], stride: [2], padding: [1], dilation: [1])"),
        ("conv1d_depthwise_same", [3, 12], "y = conv1d(x, out: 6, kernel: 3, groups: 3, padding: same)"),
        ("conv1d_then_dropout_eval", [2, 12], "y = conv1d(x, out: 3, kernel: 3) -> dropout(p: 0.3)"),
        ("conv2d_all_attrs", [2, 10, 9], "y = conv2d(x, out: 2, kernel: [3, 2], stride: [2, 1], padding: [1, 0], dilation: [1, 2], groups: 2, bias: false)"),
        ("conv2d_k5_pad2", [2, 9, 9], "y = conv2d(x, out: 3, kernel: 5, padding: 2)"),
        ("conv2d_k7_stride2_pad3", [3, 13, 12], "y = conv2d(x, out: 4, kernel: 7, stride: 2, padding: 3)"),
        ("conv2d_kernel_1x3", [2, 7, 8], "y = conv2d(x, out: 3, kernel: [1, 3])"),
        ("conv2d_kernel_3x1_stride_2x1", [2, 9, 6], "y = conv2d(x, out: 3, kernel: [3, 1], stride: [2, 1])"),
        ("conv2d_kernel_2x5_pad_1x2", [2, 7, 9], "y = conv2d(x, out: 3, kernel: [2, 5], padding: [1, 2])"),
        ("conv2d_padding_list", [2, 8, 7], "y = conv2d(x, out: 3, kernel: 3, padding: [0, 2])"),
        ("conv2d_dilation_list", [2, 11, 10], "y = conv2d(x, out: 3, kernel: 3, dilation: [2, 3])"),
        ("conv2d_dilation3_pad3", [2, 10, 10], "y = conv2d(x, out: 3, kernel: 3, dilation: 3, padding: 3)"),
        ("conv2d_same_stride2_asym", [2, 8, 9], "y = conv2d(x, out: 3, kernel: 4, stride: 2, padding: same)"),
        ("conv2d_same_stride2_k4", [2, 10, 10], "y = conv2d(x, out: 3, kernel: 4, stride: 2, padding: same)"),
        ("conv2d_same_stride3", [2, 10, 11], "y = conv2d(x, out: 3, kernel: 3, stride: 3, padding: same)"),
        ("conv2d_same_stride_list", [2, 9, 10], "y = conv2d(x, out: 3, kernel: 3, stride: [1, 2], padding: same)"),
        ("conv2d_same_dilation2", [2, 9, 9], "y = conv2d(x, out: 3, kernel: 3, dilation: 2, padding: same)"),
        ("conv2d_stride2_drops_rows", [2, 10, 10], "y = conv2d(x, out: 3, kernel: 3, stride: 2)"),
        ("conv2d_stride3_pad1", [2, 10, 10], "y = conv2d(x, out: 3, kernel: 3, stride: 3, padding: 1)"),
        ("conv2d_groups3_stride2", [6, 9, 9], "y = conv2d(x, out: 9, kernel: 3, stride: 2, groups: 3)"),
        ("conv2d_depthwise_multiplier2_same_stride2", [3, 9, 8], "y = conv2d(x, out: 6, kernel: 3, stride: 2, groups: 3, padding: same)"),
        ("conv2d_then_relu", [3, 8, 8], "y = conv2d(x, out: 4, kernel: 3, padding: 1) -> relu"),
        ("conv2d_wide_channels", [20, 6, 6], "y = conv2d(x, out: 24, kernel: 3, padding: 1)"),
        ("conv3d_kernel_1x3x3", [2, 4, 6, 6], "y = conv3d(x, out: 3, kernel: [1, 3, 3])"),
        ("conv3d_kernel_3x1x1", [2, 5, 4, 4], "y = conv3d(x, out: 3, kernel: [3, 1, 1])"),
        ("conv3d_k3_pad1", [2, 5, 5, 5], "y = conv3d(x, out: 3, kernel: 3, padding: 1)"),
        ("conv3d_stride_list", [2, 6, 7, 8], "y = conv3d(x, out: 3, kernel: 2, stride: [1, 2, 3])"),
    ]
    return cases


def conv_transpose_cases():
    cases = []
    for rank, shape in ((1, [3, 7]), (2, [3, 5, 6]), (3, [2, 3, 4, 3])):
        op = f"conv_transpose{rank}d"
        cases += [
            (f"{op}_k3", shape, f"y = {op}(x, out: 4, kernel: 3)"),
            (f"{op}_stride2_k2", shape, f"y = {op}(x, out: 3, kernel: 2, stride: 2)"),
            (f"{op}_stride2_k3_pad1_outpad1", shape, f"y = {op}(x, out: 3, kernel: 3, stride: 2, padding: 1, output_padding: 1)"),
            (f"{op}_nobias", shape, f"y = {op}(x, out: 3, kernel: 3, bias: false)"),
            (f"{op}_dilation2", shape, f"y = {op}(x, out: 2, kernel: 2, dilation: 2)"),
            (f"{op}_groups2", [4] + shape[1:], f"y = {op}(x, out: 6, kernel: 3, stride: 2, groups: 2)"),
            (f"{op}_same_stride2", shape, f"y = {op}(x, out: 3, kernel: 3, stride: 2, padding: same)"),
            (f"{op}_valid_stride2", shape, f"y = {op}(x, out: 3, kernel: 3, stride: 2, padding: valid)"),
        ]
    cases += [
        ("conv_transpose1d_same_stride1", [2, 9], "y = conv_transpose1d(x, out: 3, kernel: 3, padding: same)"),
        ("conv_transpose1d_stride3_outpad2", [2, 5], "y = conv_transpose1d(x, out: 3, kernel: 3, stride: 3, output_padding: 2)"),
        ("conv_transpose2d_same_k3", [2, 5, 5], "y = conv_transpose2d(x, out: 3, kernel: 3, padding: same)"),
        ("conv_transpose2d_same_stride2_k4", [2, 4, 5], "y = conv_transpose2d(x, out: 3, kernel: 4, stride: 2, padding: same)"),
        ("conv_transpose2d_same_stride2_k5", [2, 4, 4], "y = conv_transpose2d(x, out: 3, kernel: 5, stride: 2, padding: same)"),
        ("conv_transpose2d_same_stride3", [2, 4, 3], "y = conv_transpose2d(x, out: 3, kernel: 3, stride: 3, padding: same)"),
        ("conv_transpose2d_same_kernel_lt_stride", [2, 4, 4], "y = conv_transpose2d(x, out: 3, kernel: 2, stride: 3, padding: same)"),
        ("conv_transpose2d_same_nonsquare", [2, 4, 5], "y = conv_transpose2d(x, out: 3, kernel: [3, 4], stride: [1, 2], padding: same)"),
        ("conv_transpose2d_same_dilation2", [2, 4, 4], "y = conv_transpose2d(x, out: 3, kernel: 3, stride: 2, dilation: 2, padding: same)"),
        ("conv_transpose2d_stride2_k4_pad1", [2, 4, 4], "y = conv_transpose2d(x, out: 3, kernel: 4, stride: 2, padding: 1)"),
        ("conv_transpose2d_kernel_2x3_stride_1x2", [2, 4, 5], "y = conv_transpose2d(x, out: 3, kernel: [2, 3], stride: [1, 2])"),
        ("conv_transpose2d_outpad_list", [2, 4, 4], "y = conv_transpose2d(x, out: 3, kernel: 3, stride: [2, 3], output_padding: [1, 2])"),
        ("conv_transpose2d_outpad_below_dilation", [2, 4, 4], "y = conv_transpose2d(x, out: 3, kernel: 3, stride: 2, dilation: 3, output_padding: 2)"),
        ("conv_transpose2d_depthwise", [4, 4, 4], "y = conv_transpose2d(x, out: 4, kernel: 3, stride: 2, groups: 4)"),
        ("conv_transpose3d_nobias_dilation2", [2, 3, 3, 3], "y = conv_transpose3d(x, out: 2, kernel: 2, stride: 2, dilation: 2, bias: false)"),
        ("conv_transpose3d_kernel_1x2x2_stride_1x2x2", [2, 3, 3, 3], "y = conv_transpose3d(x, out: 3, kernel: [1, 2, 2], stride: [1, 2, 2])"),
        ("conv_transpose3d_lists", [2, 3, 3, 4], "y = conv_transpose3d(x, out: 2, kernel: [2, 3, 2], stride: [2, 1, 2], padding: [0, 1, 1], output_padding: [1, 0, 1])"),
    ]
    return cases


def pool_cases():
    cases = []
    for rank, shape in ((1, [3, 16]), (2, [3, 8, 10]), (3, [2, 6, 6, 8])):
        mp, ap = f"maxpool{rank}d", f"avgpool{rank}d"
        cases += [
            (f"{mp}_k2", shape, f"y = {mp}(x, kernel: 2)"),
            (f"{mp}_k3_stride2", shape, f"y = {mp}(x, kernel: 3, stride: 2)"),
            (f"{mp}_k3_stride1_pad1", shape, f"y = {mp}(x, kernel: 3, stride: 1, padding: 1)"),
            (f"{mp}_k3_stride2_pad1", shape, f"y = {mp}(x, kernel: 3, stride: 2, padding: 1)"),
            (f"{mp}_dilation2", shape, f"y = {mp}(x, kernel: 2, stride: 1, dilation: 2)"),
            (f"{mp}_ceil_mode", [shape[0]] + [s - 1 for s in shape[1:]], f"y = {mp}(x, kernel: 2, ceil_mode: true)"),
            (f"{mp}_ceil_last_window_dropped", [shape[0]] + [5] * rank, f"y = {mp}(x, kernel: 2, stride: 2, padding: 1, ceil_mode: true)"),
            (f"{ap}_k2", shape, f"y = {ap}(x, kernel: 2)"),
            (f"{ap}_k3_stride2_pad1", shape, f"y = {ap}(x, kernel: 3, stride: 2, padding: 1)"),
            (f"{ap}_exclude_pad", shape, f"y = {ap}(x, kernel: 3, stride: 2, padding: 1, count_include_pad: false)"),
            (f"{ap}_ceil_mode", [shape[0]] + [s - 1 for s in shape[1:]], f"y = {ap}(x, kernel: 2, ceil_mode: true)"),
            (f"{ap}_ceil_pad_include_overhang", [shape[0]] + [6] * rank, f"y = {ap}(x, kernel: 3, stride: 2, padding: 1, ceil_mode: true)"),
            (f"{ap}_ceil_pad_exclude_pad", [shape[0]] + [6] * rank, f"y = {ap}(x, kernel: 3, stride: 2, padding: 1, ceil_mode: true, count_include_pad: false)"),
        ]
    cases += [
        ("maxpool2d_kernel_2x3_stride_1x2", [2, 7, 9], "y = maxpool2d(x, kernel: [2, 3], stride: [1, 2])"),
        ("maxpool2d_padding_list", [2, 7, 8], "y = maxpool2d(x, kernel: 3, stride: 2, padding: [0, 1])"),
        ("maxpool2d_stride_gt_kernel", [2, 9, 9], "y = maxpool2d(x, kernel: 2, stride: 3)"),
        ("maxpool2d_ceil_pad_last_window_dropped", [2, 6, 6], "y = maxpool2d(x, kernel: 3, stride: 3, padding: 1, ceil_mode: true)"),
        ("maxpool3d_kernel_1x2x2", [2, 3, 6, 6], "y = maxpool3d(x, kernel: [1, 2, 2])"),
        ("maxpool3d_padding_list", [2, 5, 6, 6], "y = maxpool3d(x, kernel: 3, stride: 2, padding: [1, 0, 1])"),
        ("avgpool2d_kernel_3x2_stride_list", [2, 9, 8], "y = avgpool2d(x, kernel: [3, 2], stride: [2, 1])"),
        ("avgpool2d_padding_list", [2, 7, 8], "y = avgpool2d(x, kernel: 3, stride: 2, padding: [1, 0])"),
        ("avgpool2d_stride_gt_kernel", [2, 9, 9], "y = avgpool2d(x, kernel: 2, stride: 3)"),
        ("avgpool2d_ceil_last_window_dropped", [2, 5, 5], "y = avgpool2d(x, kernel: 2, stride: 2, padding: 1, ceil_mode: true)"),
        ("avgpool3d_kernel_1x2x2", [2, 3, 6, 6], "y = avgpool3d(x, kernel: [1, 2, 2])"),
        ("avgpool3d_padding_list", [2, 5, 6, 6], "y = avgpool3d(x, kernel: 3, stride: 2, padding: [1, 0, 1])"),
        ("maxunpool1d_k2", [3, 12], "p = maxpool1d(x, kernel: 2)\n    y = maxunpool1d(p, indices: p)"),
        ("maxunpool2d_k2", [3, 8, 10], "p = maxpool2d(x, kernel: 2)\n    y = maxunpool2d(p, indices: p)"),
        ("maxunpool2d_odd_size", [2, 7, 9], "p = maxpool2d(x, kernel: 2)\n    y = maxunpool2d(p, indices: p)"),
        ("maxunpool2d_k3_stride3_pad1", [2, 7, 7], "p = maxpool2d(x, kernel: 3, stride: 3, padding: 1)\n    y = maxunpool2d(p, indices: p)"),
        ("maxunpool2d_kernel_2x3", [2, 6, 9], "p = maxpool2d(x, kernel: [2, 3])\n    y = maxunpool2d(p, indices: p)"),
        ("maxunpool2d_after_tanh", [2, 6, 6], "p = tanh(x) -> maxpool2d(kernel: 2)\n    y = maxunpool2d(p, indices: p)"),
        ("maxunpool2d_conv_between", [2, 8, 8], "p = maxpool2d(x, kernel: 2)\n    c = conv2d(p, out: 2, kernel: 3, padding: 1)\n    y = maxunpool2d(c, indices: p)"),
        ("maxunpool3d_k2", [2, 4, 4, 6], "p = maxpool3d(x, kernel: 2)\n    y = maxunpool3d(p, indices: p)"),
        ("global_avgpool1d", [3, 10], "y = global_avgpool(x) -> flatten"),
        ("global_avgpool2d", [3, 5, 6], "y = global_avgpool(x) -> flatten"),
        ("global_avgpool3d", [3, 3, 4, 5], "y = global_avgpool(x) -> flatten"),
        ("upsample1d_scale2", [2, 6], "y = upsample(x, scale: 2)"),
        ("upsample1d_scale3", [2, 5], "y = upsample(x, scale: 3)"),
        ("upsample2d_scale2", [2, 4, 5], "y = upsample(x, scale: 2)"),
        ("upsample2d_scale3_mode_nearest", [2, 3, 4], "y = upsample(x, scale: 3, mode: nearest)"),
        ("upsample2d_scale_list", [2, 4, 3], "y = upsample(x, scale: [2, 3])"),
        ("upsample3d_scale2", [2, 3, 3, 2], "y = upsample(x, scale: 2)"),
        ("upsample3d_scale_list", [2, 2, 3, 3], "y = upsample(x, scale: [1, 2, 3])"),
    ]
    return cases


def other_cases():
    return [
        ("batchnorm1d_eval", [3, 12], "y = batchnorm(x)"),
        ("batchnorm2d_eval", [3, 6, 7], "y = batchnorm(x)"),
        ("batchnorm3d_eval", [3, 4, 5, 3], "y = batchnorm(x)"),
        ("batchnorm2d_eval_eps", [3, 5, 5], "y = batchnorm(x, eps: 0.01)"),
        ("batchnorm1d_train", [3, 12], "y = batchnorm(x)"),
        ("batchnorm2d_train", [3, 6, 7], "y = batchnorm(x)"),
        ("batchnorm3d_train", [3, 4, 5, 3], "y = batchnorm(x)"),
        ("batchnorm2d_train_eps_momentum", [2, 10, 6], "y = batchnorm(x, eps: 0.001, momentum: 0.2)"),
        ("batchnorm_flat_after_dense_eval", [7], "y = dense(x, out: 5) -> batchnorm"),
        ("batchnorm_flat_after_dense_train", [7], "y = dense(x, out: 5, bias: false) -> batchnorm", 5),
        ("conv_batchnorm_relu_eval", [3, 8, 8], "y = conv2d(x, out: 4, kernel: 3, padding: 1) -> batchnorm -> relu"),
        ("conv_batchnorm_relu_train", [3, 8, 8], "y = conv2d(x, out: 4, kernel: 3, padding: 1, bias: false) -> batchnorm -> relu"),
        ("conv1d_batchnorm_train", [3, 14], "y = conv1d(x, out: 4, kernel: 3, bias: false) -> batchnorm"),
        ("conv3d_batchnorm_train", [2, 4, 5, 5], "y = conv3d(x, out: 3, kernel: 3, padding: 1, bias: false) -> batchnorm"),
        ("relu1d", [3, 10], "y = relu(x)"),
        ("relu2d", [3, 5, 6], "y = relu(x)"),
        ("relu3d", [2, 3, 4, 5], "y = relu(x)"),
        ("relu_flat", [9], "y = relu(x)"),
        ("sigmoid1d", [3, 10], "y = sigmoid(x)"),
        ("sigmoid2d", [3, 5, 6], "y = sigmoid(x)"),
        ("tanh2d", [3, 5, 6], "y = tanh(x)"),
        ("tanh3d", [2, 3, 4, 5], "y = tanh(x)"),
        ("leaky_relu2d_default_slope", [3, 5, 6], "y = leaky_relu(x)"),
        ("leaky_relu1d_slope", [3, 10], "y = leaky_relu(x, slope: 0.2)"),
        ("leaky_relu_negative_slope", [3, 10], "y = leaky_relu(x, slope: -0.1)"),
        ("softmax_flat", [10], "y = softmax(x)"),
        ("softmax_channels2d", [4, 3, 5], "y = softmax(x)"),
        ("log_softmax_flat", [10], "y = log_softmax(x)"),
        ("log_softmax_channels1d", [4, 7], "y = log_softmax(x)"),
        ("dropout_eval_default_p", [3, 6, 6], "y = dropout(x)"),
        ("dropout_eval_p", [12], "y = dropout(x, p: 0.2)"),
        ("flatten2d", [3, 4, 5], "y = flatten(x)"),
        ("flatten3d", [2, 3, 4, 3], "y = flatten(x)"),
        ("flatten_flat", [7], "y = flatten(x)"),
        ("dense_flat", [12], "y = dense(x, out: 7)"),
        ("dense_nobias", [12], "y = dense(x, out: 5, bias: false)"),
        ("dense_after_flatten1d", [3, 6], "y = dense(flatten(x), out: 5)"),
        ("dense_after_flatten2d", [2, 4, 5], "y = dense(flatten(x), out: 5)"),
        ("dense_after_flatten3d", [2, 3, 3, 4], "y = dense(flatten(x), out: 5)"),
        ("dense_mlp_sequential_names", [10], "y = dense(x, out: 8) -> relu -> dropout(p: 0.5) -> dense(out: 4)"),
        ("add_residual_input", [3, 6, 6], "c = conv2d(x, out: 3, kernel: 3, padding: 1)\n    y = add(c, x)"),
        ("add_then_relu", [3, 6, 6], "c = conv2d(x, out: 3, kernel: 3, padding: 1)\n    y = add(x, c) -> relu"),
        ("add_three_inputs", [3, 6, 6], "a = conv2d(x, out: 3, kernel: 1)\n    b = tanh(x)\n    y = add(a, b, x)"),
        ("add_two_conv_branches1d", [3, 12], "a = conv1d(x, out: 4, kernel: 3, padding: 1)\n    b = conv1d(x, out: 4, kernel: 1)\n    y = add(a, b)"),
        ("add_two_conv_branches2d", [3, 6, 7], "a = conv2d(x, out: 4, kernel: 3, padding: 1)\n    b = conv2d(x, out: 4, kernel: 1)\n    y = add(a, b)"),
        ("add_two_conv_branches3d", [2, 4, 4, 5], "a = conv3d(x, out: 3, kernel: 3, padding: 1)\n    b = conv3d(x, out: 3, kernel: 1)\n    y = add(a, b)"),
        ("concat_two_conv_branches1d", [3, 12], "a = conv1d(x, out: 4, kernel: 3, padding: 1)\n    b = conv1d(x, out: 2, kernel: 1)\n    y = concat(a, b)"),
        ("concat_two_conv_branches2d", [3, 6, 7], "a = conv2d(x, out: 4, kernel: 3, padding: 1)\n    b = conv2d(x, out: 2, kernel: 1)\n    y = concat(a, b)"),
        ("concat_two_conv_branches3d", [2, 4, 4, 5], "a = conv3d(x, out: 3, kernel: 3, padding: 1)\n    b = conv3d(x, out: 2, kernel: 1)\n    y = concat(a, b)"),
        ("concat_four_inputs_with_x", [2, 8, 9], "a = conv2d(x, out: 5, kernel: 3, padding: 1)\n    b = conv2d(x, out: 2, kernel: 1)\n    c = maxpool2d(x, kernel: 3, stride: 1, padding: 1)\n    y = concat(x, a, b, c)"),
        ("concat_same_value_twice", [2, 5, 6], "a = conv2d(x, out: 3, kernel: 3, padding: 1)\n    y = concat(a, a)"),
        ("concat_flat", [6], "a = dense(x, out: 4)\n    y = concat(a, x)"),
        ("chain_sequential_names1d", [3, 16], "y = conv1d(x, out: 4, kernel: 3, padding: 1) -> relu -> maxpool1d(kernel: 2) -> conv1d(out: 3, kernel: 3) -> relu"),
        ("chain_sequential_names2d", [3, 8, 8], "y = conv2d(x, out: 3, kernel: 3, padding: 1) -> relu -> maxpool2d(kernel: 2) -> conv2d(out: 3, kernel: 3, padding: 1) -> relu"),
        ("chain_nested_flatten_counts_first", [2, 4, 4], "y = dense(flatten(x), out: 6) -> relu -> dense(out: 3)"),
    ]


def all_cases():
    out = []
    for case in conv_cases() + conv_transpose_cases() + pool_cases() + other_cases():
        ident, shape, body = case[:3]
        batch = case[3] if len(case) > 3 else (3 if "_train" in ident else 2)
        out.append(dict(id=ident, shape=shape, body=body, batch=batch, mode="train" if "_train" in ident else "eval"))
    return out
