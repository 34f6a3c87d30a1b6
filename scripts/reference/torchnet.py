"""Runs a parsed .cnn network with PyTorch's own functions, in any dtype (float64 for references).

Parameters are created on first use with PyTorch-like initialization from a numpy generator,
named by the language's rule (PyTorch state_dict names). Every ReLU input and every max-pool
window is recorded so that the generator can keep data away from points where the function is
not smooth (a float32 implementation could take the other branch there).
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

from cnnlang import Call, Name

PARAM_OPS = ("conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
             "dense", "batchnorm")


def ops_in_order(statement):
    """The statement's ops in the order the naming rule counts them: nested arguments first."""
    order = []

    def visit(expr):
        if isinstance(expr, Call):
            for arg in expr.positional:
                visit(arg)
            order.append(expr)

    visit(statement.first)
    for step in statement.steps:
        for arg in step.positional:
            visit(arg)
        order.append(step)
    return order


def param_prefixes(statement):
    """id(call) -> the prefix of its parameter names, for the ops of the statement that have any."""
    order = ops_in_order(statement)
    with_params = [(i, call) for i, call in enumerate(order) if call.op in PARAM_OPS]
    if len(with_params) == 1:
        return {id(with_params[0][1]): statement.name}
    return {id(call): f"{statement.name}.{i}" for i, call in with_params}


def spatial(value, rank):
    return list(value) if isinstance(value, list) else [value] * rank


class Net:
    """One network, its parameters (float64 master copies) and buffers."""

    def __init__(self, network, rng):
        self.network = network
        self.rng = rng
        self.params = {}      # name -> np.float32 array (trainable)
        self.buffers = {}     # name -> np.float32 array (running statistics)
        self.order = []       # every name in state_dict order

    # -- parameters -------------------------------------------------------------------------
    def _param(self, name, shape, draw):
        if name not in self.params and name not in self.buffers:
            self.order.append(name)
            value = draw(shape).astype(np.float32)
            if name.endswith(".running_mean") or name.endswith(".running_var"):
                self.buffers[name] = value
            else:
                self.params[name] = value
        return name

    def _uniform(self, bound):
        return lambda shape: self.rng.uniform(-bound, bound, size=shape)

    def state_names(self):
        return list(self.order)

    # -- running -----------------------------------------------------------------------------
    def run(self, inputs, dtype, train, params=None, buffers=None, record=None):
        """Forward pass. params/buffers: name -> torch tensors to use (created from the
        float32 arrays when not given). record: a list that receives ('relu', tensor) and
        ('pool', tensor, attrs, indices, feeds_unpool) entries."""
        self.dtype, self.train, self.record = dtype, train, record
        self.tp = params if params is not None else {}
        self.tb = buffers if buffers is not None else {}
        self.values = dict(inputs)
        self.pools = {}
        unpooled = {c.named["indices"] for s in self.network.statements for c in ops_in_order(s)
                    if c.op.startswith("maxunpool")}
        for statement in self.network.statements:
            self.prefixes = param_prefixes(statement)
            self.statement = statement
            self.feeds_unpool = statement.name in unpooled
            value = self.expr(statement.first)
            for step in statement.steps:
                value = self.call(step, [value])
            self.values[statement.name] = value
        return [self.values[name] for name in self.network.outputs]

    def expr(self, expr):
        if isinstance(expr, Name):
            return self.values[expr.name]
        return self.call(expr, [])

    def call(self, call, left):
        args = left + [self.expr(a) for a in call.positional]
        op = call.op
        kind = op[:-2] if op[-2:] in ("1d", "2d", "3d") else op
        return getattr(self, "op_" + kind)(call, args)

    def tensor_param(self, name, shape, draw, grad=True):
        self._param(name, shape, draw)
        table = self.tb if name in self.buffers else self.tp
        if name not in table:
            source = self.buffers[name] if name in self.buffers else self.params[name]
            table[name] = torch.tensor(source, dtype=self.dtype, requires_grad=grad and name in self.params)
        return table[name]

    # -- ops ---------------------------------------------------------------------------------
    def _conv_parameters(self, call, x, transposed):
        """The weight and bias of a (transposed) convolution, with PyTorch's shapes and bounds."""
        a = call.named
        rank = x.dim() - 2
        c, out, groups = x.shape[1], a["out"], a.get("groups", 1)
        k = spatial(a["kernel"], rank)
        shape = [c, out // groups] + k if transposed else [out, c // groups] + k
        bound = 1 / math.sqrt(shape[1] * math.prod(k))
        prefix = self.prefixes[id(call)]
        w = self.tensor_param(prefix + ".weight", shape, self._uniform(bound))
        b = self.tensor_param(prefix + ".bias", [out], self._uniform(bound)) if a.get("bias", True) != "false" else None
        return w, b, k, spatial(a.get("stride", 1), rank), spatial(a.get("dilation", 1), rank), groups

    def op_conv(self, call, args):
        x = args[0]
        a = call.named
        rank = x.dim() - 2
        w, b, k, stride, dilation, groups = self._conv_parameters(call, x, transposed=False)
        padding = a.get("padding", 0)
        if padding == "same":
            pads = []
            for i, kk, s, d in zip(x.shape[2:], k, stride, dilation):
                e = d * (kk - 1) + 1
                o = -(-i // s)
                total = max((o - 1) * s + e - i, 0)
                pads.append((total // 2, total - total // 2))
            flat = [p for before_after in reversed(pads) for p in before_after]
            x = F.pad(x, flat)
            padding = 0
        elif padding == "valid":
            padding = 0
        conv = (F.conv1d, F.conv2d, F.conv3d)[rank - 1]
        return conv(x, w, b, stride, spatial(padding, rank), dilation, groups)

    def op_conv_transpose(self, call, args):
        x = args[0]
        a = call.named
        rank = x.dim() - 2
        w, b, k, stride, dilation, groups = self._conv_parameters(call, x, transposed=True)
        out_pad = spatial(a.get("output_padding", 0), rank)
        transpose = (F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d)[rank - 1]
        padding = a.get("padding", 0)
        if padding != "same":
            padding = 0 if padding == "valid" else padding
            return transpose(x, w, b, stride, spatial(padding, rank), out_pad, groups, dilation)
        full = transpose(x, w, None, stride, 0, 0, groups, dilation)
        for dim, (i, kk, s, d) in enumerate(zip(x.shape[2:], k, stride, dilation)):
            e = d * (kk - 1) + 1
            o = i * s
            crop = max(e - s, 0) // 2
            full = full.narrow(dim + 2, crop, min(o, full.shape[dim + 2] - crop))
            short = o - full.shape[dim + 2]
            if short > 0:
                shape = list(full.shape)
                shape[dim + 2] = short
                full = torch.cat([full, torch.zeros(shape, dtype=full.dtype)], dim=dim + 2)
        if b is not None:
            full = full + b.reshape([1, -1] + [1] * rank)
        return full

    def op_maxpool(self, call, args):
        x = args[0]
        a = call.named
        rank = x.dim() - 2
        k = spatial(a["kernel"], rank)
        attrs = dict(kernel=k, stride=spatial(a.get("stride", a["kernel"]), rank),
                     padding=spatial(a.get("padding", 0), rank), dilation=spatial(a.get("dilation", 1), rank),
                     ceil_mode=a.get("ceil_mode", "false") == "true")
        pool = (F.max_pool1d, F.max_pool2d, F.max_pool3d)[rank - 1]
        y, indices = pool(x, attrs["kernel"], attrs["stride"], attrs["padding"], attrs["dilation"],
                          attrs["ceil_mode"], return_indices=True)
        if self.record is not None:
            self.record.append(("pool", x, attrs, indices, self.feeds_unpool))
        self.pools[self.statement.name] = (attrs, indices, list(x.shape[2:]))
        return y

    def op_maxunpool(self, call, args):
        x = args[0]
        attrs, indices, size = self.pools[call.named["indices"]]
        unpool = (F.max_unpool1d, F.max_unpool2d, F.max_unpool3d)[x.dim() - 3]
        return unpool(x, indices, attrs["kernel"], attrs["stride"], attrs["padding"], output_size=size)

    def op_avgpool(self, call, args):
        x = args[0]
        a = call.named
        rank = x.dim() - 2
        pool = (F.avg_pool1d, F.avg_pool2d, F.avg_pool3d)[rank - 1]
        return pool(x, spatial(a["kernel"], rank), spatial(a.get("stride", a["kernel"]), rank),
                    spatial(a.get("padding", 0), rank), a.get("ceil_mode", "false") == "true",
                    a.get("count_include_pad", "true") == "true")

    def op_upsample(self, call, args):
        x = args[0]
        scale = call.named["scale"]
        factor = tuple(float(s) for s in spatial(scale, x.dim() - 2))
        return F.interpolate(x, scale_factor=factor, mode=call.named.get("mode", "nearest"))

    def op_global_avgpool(self, call, args):
        x = args[0]
        return x.mean(dim=tuple(range(2, x.dim())))

    def op_batchnorm(self, call, args):
        x = args[0]
        a = call.named
        c = x.shape[1]
        prefix = self.prefixes[id(call)]
        w = self.tensor_param(prefix + ".weight", [c], lambda s: self.rng.uniform(0.5, 1.5, s))
        b = self.tensor_param(prefix + ".bias", [c], lambda s: self.rng.uniform(-0.5, 0.5, s))
        mean = self.tensor_param(prefix + ".running_mean", [c], lambda s: self.rng.uniform(-0.5, 0.5, s), grad=False)
        var = self.tensor_param(prefix + ".running_var", [c], lambda s: self.rng.uniform(0.5, 1.5, s), grad=False)
        return F.batch_norm(x, mean, var, w, b, self.train, float(a.get("momentum", 0.1)), float(a.get("eps", 1e-5)))

    def _activation_input(self, x):
        if self.record is not None:
            self.record.append(("relu", x))

    def op_relu(self, call, args):
        self._activation_input(args[0])
        return F.relu(args[0])

    def op_leaky_relu(self, call, args):
        self._activation_input(args[0])
        return F.leaky_relu(args[0], float(call.named.get("slope", 0.01)))

    def op_sigmoid(self, call, args):
        return torch.sigmoid(args[0])

    def op_tanh(self, call, args):
        return torch.tanh(args[0])

    def op_softmax(self, call, args):
        return F.softmax(args[0], dim=1)

    def op_log_softmax(self, call, args):
        return F.log_softmax(args[0], dim=1)

    def op_dropout(self, call, args):
        if self.train:
            raise ValueError("reference cases run dropout in eval mode only")
        return args[0]

    def op_flatten(self, call, args):
        return torch.flatten(args[0], 1)

    def op_dense(self, call, args):
        x = args[0]
        a = call.named
        prefix = self.prefixes[id(call)]
        bound = 1 / math.sqrt(x.shape[1])
        w = self.tensor_param(prefix + ".weight", [a["out"], x.shape[1]], self._uniform(bound))
        b = self.tensor_param(prefix + ".bias", [a["out"]], self._uniform(bound)) if a.get("bias", True) != "false" else None
        return F.linear(x, w, b)

    def op_add(self, call, args):
        total = args[0]
        for other in args[1:]:
            total = total + other
        return total

    def op_concat(self, call, args):
        return torch.cat(args, dim=1)


def window_margins(x, attrs):
    """For every max-pool window, (best, runner-up), each over the window's real and padded
    (-inf) elements, as a tensor [..., 2]."""
    rank = x.dim() - 2
    pads = []
    for dim in range(rank):
        i, k, s, p, d = (x.shape[2 + dim], attrs["kernel"][dim], attrs["stride"][dim], attrs["padding"][dim],
                         attrs["dilation"][dim])
        e = d * (k - 1) + 1
        span = i + 2 * p - e
        o = (-(-span // s) if attrs["ceil_mode"] else span // s) + 1
        if attrs["ceil_mode"] and (o - 1) * s >= i + p:
            o -= 1
        pads.append((p, max((o - 1) * s + e - i - p, p), o, e, s, d))
    flat = [v for (before, after, *_rest) in reversed(pads) for v in (before, after)]
    padded = F.pad(x.detach(), flat, value=-math.inf)
    for dim, (_, _, o, e, s, d) in enumerate(pads):
        padded = padded.unfold(2 + dim, e, s).narrow(2 + dim, 0, o)
    # padded: [N, C, o1.., e1..]; keep every d-th tap of each window dimension
    for dim, (_, _, _, e, _, d) in enumerate(pads):
        axis = 2 + rank + dim
        padded = padded.index_select(axis, torch.arange(0, e, d))
    windows = padded.reshape(list(padded.shape[:2 + rank]) + [-1])
    top = torch.topk(windows, min(2, windows.shape[-1]), dim=-1).values
    return top
