"""Writes the reference data the tests compare every backend with (testdata/ by default).

    scripts/make-reference-data            # or: python3 scripts/reference/generate.py --out testdata

Each case runs in float64 with PyTorch's own functions on float32 inputs and parameters; the
results are rounded to float32 when stored. The output is deterministic: the same PyTorch and
NumPy give the same bytes, so a regenerated folder shows in `git diff` only where a case changed.
See testdata/README.md (written by this script) for the format and the comparison rule.
"""
import argparse
import io
import json
import math
import os
import re
import shutil
import sys
import zipfile
import zlib

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases_ops  # noqa: E402
import cases_shapes  # noqa: E402
import cnnlang  # noqa: E402
from torchnet import Net, window_margins  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RTOL, ATOL = 1e-4, 1e-5
SOURCE = f"PyTorch {torch.__version__} float64 reference"
# Non-smooth points (ReLU at 0, max-pool ties) stay this far away, times the tensor's largest
# magnitude: far beyond float32 rounding. Whole networks hold 10^5 ReLU inputs, so no draw keeps
# them all 2e-5 away; they get 1e-6, still ten times what float32 sums of their size drift.
OP_MARGIN, NET_MARGIN = 2e-5, 1e-6
ATTEMPTS = 60


# -- files ------------------------------------------------------------------------------------
def npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(array, dtype="<f4"), allow_pickle=False)
    return buffer.getvalue()


def write_npy(path, array):
    with open(path, "wb") as f:
        f.write(npy_bytes(array))


def write_npz(path, arrays):
    """Like np.savez (stored, one NAME.npy member each) with fixed timestamps, so bytes repeat."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, npy_bytes(array))


def camel(ident):
    return "".join(part[:1].upper() + part[1:] for part in ident.split("_"))


# -- checks -----------------------------------------------------------------------------------
def margins_hold(record, margin):
    for entry in record:
        if entry[0] == "relu":
            x = entry[1].detach()
            if x.numel() and x.abs().min() < margin * x.abs().max():
                return False
        else:
            _, x, attrs, indices, feeds_unpool = entry
            top = window_margins(x, attrs)
            if top.shape[-1] < 2:
                continue
            gap = top[..., 0] - top[..., 1]
            tied = gap < margin * x.detach().abs().max()
            if not feeds_unpool:
                tied &= top[..., 0] != 0          # windows of ReLU zeros: the gradient there is 0 anyway
            if bool(tied.any()):
                return False
            if feeds_unpool:
                flat = indices.reshape(indices.shape[0], indices.shape[1], -1)
                for plane in flat.reshape(-1, flat.shape[-1]):
                    if plane.unique().numel() != plane.numel():
                        return False
    return True


def tolerance_ratio(expected, actual):
    """The worst |A - E| / (atol * max|E| + rtol * |E|) of an array (> 1 fails)."""
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    if expected.shape != actual.shape:
        return math.inf
    if expected.size == 0:
        return 0.0
    scale = np.abs(expected).max()
    allowance = (ATOL * scale if scale > 0 else ATOL) + RTOL * np.abs(expected)
    return float((np.abs(actual - expected) / allowance).max())


# -- one case ---------------------------------------------------------------------------------
class Case:
    def __init__(self, kind, ident, text, batch, mode, fixed=None):
        self.kind, self.ident, self.text, self.batch, self.mode, self.fixed = kind, ident, text, batch, mode, fixed
        self.network = cnnlang.parse(text)[0]
        self.train = mode == "train"

    def forward(self, net, dtype, x, params=None, buffers=None, record=None):
        name = self.network.inputs[0][0]
        inputs = {name: x}
        return net.run(inputs, dtype, self.train, params, buffers, record)[0]

    def draw(self, seed):
        rng = np.random.default_rng(seed)
        net = Net(self.network, rng)
        shape = [self.batch] + self.network.inputs[0][1]
        x32 = rng.standard_normal(shape).astype(np.float32)
        with torch.no_grad():
            self.forward(net, torch.float64, torch.tensor(x32, dtype=torch.float64))   # creates the parameters
        if self.fixed:
            x32 = self.fixed(net)
        return rng, net, x32

    def make(self):
        seed0 = zlib.crc32(self.ident.encode())
        for attempt in range(ATTEMPTS):
            rng, net, x32 = self.draw(seed0 + attempt)
            record = []
            with torch.no_grad():
                self.forward(net, torch.float64, torch.tensor(x32, dtype=torch.float64), record=record)
            if margins_hold(record, OP_MARGIN if self.kind == "ops" else NET_MARGIN):
                break
        else:
            raise RuntimeError(f"{self.ident}: no draw kept its data away from non-smooth points")

        x = torch.tensor(x32, dtype=torch.float64, requires_grad=True)
        params, buffers = {}, {}
        y = self.forward(net, torch.float64, x, params, buffers)
        g32 = rng.standard_normal(list(y.shape)).astype(np.float32)
        loss = (y * torch.tensor(g32, dtype=torch.float64)).sum()
        trained = [n for n in net.state_names() if n in net.params]
        grads = torch.autograd.grad(loss, [x] + [params[n] for n in trained])
        self.files = dict(
            input=x32,
            output=y.detach().numpy().astype(np.float32),
            grad_output=g32,
            params={n: (net.params.get(n) if n in net.params else net.buffers[n]) for n in net.state_names()},
            grads={"input": grads[0].numpy().astype(np.float32),
                   **{n: grads[i + 1].numpy().astype(np.float32) for i, n in enumerate(trained)}},
            state_after={n: buffers[n].numpy().astype(np.float32) for n in net.state_names() if n in net.buffers}
            if self.train else {},
        )
        self.check_finite_difference(net, x32, g32, trained, rng)
        self.worst32 = self.check_float32(net, x32, g32, trained)
        return self

    def loss64(self, net, x, g, trained, shift=None, h=0.0):
        params = {}
        for name in trained:
            value = torch.tensor(net.params[name], dtype=torch.float64)
            params[name] = value + h * shift[name] if shift else value
        buffers = {n: torch.tensor(v, dtype=torch.float64) for n, v in net.buffers.items()}
        xv = torch.tensor(x, dtype=torch.float64) + (h * shift["input"] if shift else 0)
        with torch.no_grad():
            return float((self.forward(net, torch.float64, xv, params, buffers) * torch.tensor(g, dtype=torch.float64)).sum())

    def check_finite_difference(self, net, x32, g32, trained, rng):
        shift = {"input": torch.tensor(rng.standard_normal(x32.shape))}
        for name in trained:
            shift[name] = torch.tensor(rng.standard_normal(net.params[name].shape))
        h = 1e-7
        numeric = (self.loss64(net, x32, g32, trained, shift, h) - self.loss64(net, x32, g32, trained, shift, -h)) / (2 * h)
        # the same directional derivative from the stored float32 gradients would carry their rounding;
        # recompute it in float64
        x = torch.tensor(x32, dtype=torch.float64, requires_grad=True)
        params, buffers = {}, {}
        y = self.forward(net, torch.float64, x, params, buffers)
        loss = (y * torch.tensor(g32, dtype=torch.float64)).sum()
        grads = torch.autograd.grad(loss, [x] + [params[n] for n in trained])
        analytic = float(sum((grad * shift[name]).sum() for grad, name in zip(grads, ["input"] + trained)))
        error = abs(numeric - analytic) / max(abs(analytic), 1e-12)
        if error > 1e-5:
            raise RuntimeError(f"{self.ident}: finite difference {numeric} vs gradient {analytic} (relative {error:.2e})")

    def check_float32(self, net, x32, g32, trained):
        x = torch.tensor(x32, dtype=torch.float32, requires_grad=True)
        params, buffers = {}, {}
        y = self.forward(net, torch.float32, x, params, buffers)
        loss = (y * torch.tensor(g32)).sum()
        grads = torch.autograd.grad(loss, [x] + [params[n] for n in trained])
        worst = tolerance_ratio(self.files["output"], y.detach().numpy())
        for grad, name in zip(grads, ["input"] + trained):
            worst = max(worst, tolerance_ratio(self.files["grads"][name], grad.numpy()))
        for name, value in self.files["state_after"].items():
            worst = max(worst, tolerance_ratio(value, buffers[name].numpy()))
        if worst > 0.5:
            raise RuntimeError(f"{self.ident}: PyTorch's float32 run uses {100 * worst:.0f}% of the allowance")
        return worst

    def write(self, folder, meta):
        os.makedirs(folder)
        with open(os.path.join(folder, "model.cnn"), "w") as f:
            f.write(self.text)
        write_npz(os.path.join(folder, "params.npz"), self.files["params"])
        write_npy(os.path.join(folder, "input.npy"), self.files["input"])
        write_npy(os.path.join(folder, "output.npy"), self.files["output"])
        write_npy(os.path.join(folder, "grad_output.npy"), self.files["grad_output"])
        write_npz(os.path.join(folder, "grads.npz"), self.files["grads"])
        if self.files["state_after"]:
            write_npz(os.path.join(folder, "state_after.npz"), self.files["state_after"])
        meta = dict(meta, mode=self.mode, source=SOURCE, rtol=RTOL, atol=ATOL)
        with open(os.path.join(folder, "meta.json"), "w") as f:
            json.dump(meta, f, indent=1)
            f.write("\n")


# -- the case sets ----------------------------------------------------------------------------
def op_model(ident, shape, body):
    dims = ", ".join(str(d) for d in shape)
    return (f"// cnnc reference case ops/{ident}\n// expected values: {SOURCE} (see ../../README.md)\n"
            f"network {camel(ident)} {{\n    input x: [{dims}]\n\n    {body}\n\n    output y\n}}\n")


def tf_worked_example(net):
    """TensorFlow's documented Conv2DTranspose example: a 2x2 input, an all-ones 3x3 kernel."""
    net.params["y.weight"][...] = 1
    return np.array([[[[1, 2], [3, 4]]]], dtype=np.float32)


def op_cases():
    cases = []
    for c in cases_ops.all_cases():
        cases.append(Case("ops", c["id"], op_model(c["id"], c["shape"], c["body"]), c["batch"], c["mode"]))
    cases.append(Case("ops", "conv_transpose2d_tf_same_worked_example",
                      op_model("conv_transpose2d_tf_same_worked_example", [1, 2, 2],
                               "y = conv_transpose2d(x, out: 1, kernel: 3, stride: 2, padding: same, bias: false)"),
                      1, "eval", tf_worked_example))
    return cases


EXTRA_NETS = {
    "sequential_names": """// nn.Sequential-style names: features.0.weight, features.3.weight, classifier.1.weight, ...
network SequentialNames {
    input x: [3, 16, 16]

    features = conv2d(x, out: 8, kernel: 3, padding: 1) -> relu -> maxpool2d(kernel: 2) -> conv2d(out: 8, kernel: 3, padding: 1) -> relu
    classifier = dense(flatten(features), out: 32) -> relu -> dropout(p: 0.5) -> dense(out: 10)

    output classifier
}
""",
    "conv3d_net": """// a small 3-D classifier
network Conv3dNet {
    input x: [2, 8, 12, 12]

    c1 = conv3d(x, out: 4, kernel: 3, padding: 1) -> relu
    p1 = maxpool3d(c1, kernel: 2)
    c2 = conv3d(p1, out: 8, kernel: 3, padding: 1) -> relu
    p2 = maxpool3d(c2, kernel: 2)
    fc = dense(flatten(p2), out: 4)

    output fc
}
""",
    "unpool_autoencoder": """// an encoder whose decoder puts each value back where its pool found it
network UnpoolAutoencoder {
    input x: [1, 12, 12]

    e1 = conv2d(x, out: 4, kernel: 3, padding: 1) -> tanh
    p1 = maxpool2d(e1, kernel: 2)
    e2 = conv2d(p1, out: 4, kernel: 3, padding: 1) -> tanh
    u1 = maxunpool2d(e2, indices: p1)
    y = conv2d(u1, out: 1, kernel: 3, padding: 1) -> sigmoid

    output y
}
""",
}


def net_cases():
    cases = []
    examples = os.path.join(ROOT, "examples")
    for name in sorted(os.listdir(examples)):
        if name.endswith(".cnn"):
            with open(os.path.join(examples, name)) as f:
                text = f.read()
            stem = name[:-4]
            cases.append(Case("nets", stem, text, 2 if stem in ("lenet5", "autoencoder", "temporal_cnn") else 1, "eval"))
            if "batchnorm" in text and "dropout" not in text:   # train-mode dropout is random
                cases.append(Case("nets", stem + "_train", text, 2, "train"))
    for stem, text in EXTRA_NETS.items():
        cases.append(Case("nets", stem, text, 2, "eval"))
    return cases


def spec_rejects_pool(network):
    """Pooling windows larger than the padded input: PyTorch accepts some with ceil_mode, the language does not."""
    shape = network.inputs[0][1]
    for statement in network.statements:
        call = statement.first
        if isinstance(call, cnnlang.Call) and call.op[:7] in ("maxpool", "avgpool"):
            rank = len(shape) - 1
            spread = lambda v: list(v) if isinstance(v, list) else [v] * rank  # noqa: E731
            for i, k, p, d in zip(shape[1:], spread(call.named["kernel"]), spread(call.named.get("padding", 0)),
                                  spread(call.named.get("dilation", 1))):
                if d * (k - 1) + 1 > i + 2 * p:
                    return True
    return False


def shape_entries():
    entries, dropped = [], 0
    for ident, shape, body, reason in cases_shapes.all_cases():
        text = cases_shapes.model(shape, body)
        if reason is not None:
            entries.append({"id": ident, "model": text, "expect": {"error": reason}})
            continue
        network = cnnlang.parse(text)[0]
        if spec_rejects_pool(network):
            dropped += 1
            continue
        try:
            net = Net(network, np.random.default_rng(0))
            with torch.no_grad():
                y = net.run({"x": torch.zeros([1] + shape, dtype=torch.float64)}, torch.float64, False)[0]
        except RuntimeError:
            dropped += 1          # a sampled combination PyTorch rejects: the error cases cover those
            continue
        entries.append({"id": ident, "model": text, "expect": {"shape": list(y.shape[1:])}})
    return entries, dropped


# -- main -------------------------------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(ROOT, "testdata"))
    parser.add_argument("--only", help="a regular expression: make only the cases whose id matches (for a look)")
    args = parser.parse_args()
    torch.set_num_threads(1)

    out = args.out
    scratch = out + ".new"
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    worst = (0.0, None)
    for case in op_cases() + net_cases():
        if args.only and not re.search(args.only, case.ident):
            continue
        case.make()
        if case.ident == "conv_transpose2d_tf_same_worked_example":
            expected = [[1, 1, 3, 2], [1, 1, 3, 2], [4, 4, 10, 6], [3, 3, 7, 4]]
            assert case.files["output"].reshape(4, 4).tolist() == expected, case.files["output"]
        meta = {"net": case.ident} if case.kind == "nets" else op_meta(case)
        case.write(os.path.join(scratch, case.kind, case.ident), meta)
        worst = max(worst, (case.worst32, case.ident), key=lambda w: w[0])
        print(f"{case.kind}/{case.ident}", flush=True)
    entries, dropped = shape_entries()
    with open(os.path.join(scratch, "shapes.json"), "w") as f:
        json.dump(entries, f, indent=1)
        f.write("\n")
    shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "README.md"), os.path.join(scratch, "README.md"))
    if args.only:
        print(f"partial run left in {scratch}")
        return
    shutil.rmtree(out, ignore_errors=True)
    os.rename(scratch, out)
    print(f"{len(entries)} shape entries ({dropped} sampled combinations dropped as invalid); "
          f"PyTorch's own float32 run used at most {100 * worst[0]:.1f}% of the allowance ({worst[1]})")


def op_meta(case):
    statement = next(s for s in case.network.statements if s.name == "y")
    call = statement.first if isinstance(statement.first, cnnlang.Call) else statement.steps[0]
    words = {"true": True, "false": False}
    return {"op": call.op, "attrs": {k: words.get(v, v) if isinstance(v, str) else v for k, v in call.named.items()}}


if __name__ == "__main__":
    main()
