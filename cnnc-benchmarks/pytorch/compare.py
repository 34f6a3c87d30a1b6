#!/usr/bin/env python3
"""Measures cnnc against PyTorch on the benchmark cases in one run and prints a Markdown table.

Usage (from the repository root; needs Debian's python3-torch):
    python3 cnnc-benchmarks/pytorch/compare.py [--threads 1 2] [--cases conv3x3 lenet5_b1 ...]

For each case and thread count it runs `./cnnc bench --format json` (bytecode and interpreter)
and then times PyTorch on the same call in this process, so both numbers come from the same minute
of this machine. Ratios above 1 mean cnnc is faster.
"""
import argparse
import json
import subprocess
import sys

import torch
import torch.nn as nn

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import bench_layers  # noqa: E402  (the PyTorch side: modules and the timing loop)

CASES = {
    # name: (model, batch, backward, PyTorch module factory, input shape)
    "conv3x3": ("cnnc-benchmarks/models/conv3x3.cnn", 1, False, lambda: nn.Conv2d(64, 64, 3, padding=1), (1, 64, 56, 56)),
    "conv3x3_train": ("cnnc-benchmarks/models/conv3x3.cnn", 1, True, lambda: nn.Conv2d(64, 64, 3, padding=1), (1, 64, 56, 56)),
    "conv_transpose2d": ("cnnc-benchmarks/models/conv_transpose2d.cnn", 8, False,
                         lambda: nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), (8, 32, 32, 32)),
    "conv1d": ("cnnc-benchmarks/models/conv1d.cnn", 8, False, lambda: nn.Conv1d(16, 32, 7, padding=3), (8, 16, 1024)),
    "conv3d": ("cnnc-benchmarks/models/conv3d.cnn", 2, False, lambda: nn.Conv3d(4, 8, 3, padding=1), (2, 4, 16, 32, 32)),
    "lenet5_b1": ("examples/lenet5.cnn", 1, False, bench_layers.LeNet5, (1, 1, 28, 28)),
    "lenet5_b64": ("examples/lenet5.cnn", 64, False, bench_layers.LeNet5, (64, 1, 28, 28)),
    "lenet5_train_b64": ("examples/lenet5.cnn", 64, True, bench_layers.LeNet5, (64, 1, 28, 28)),
}


def cnnc(model, batch, backward, threads):
    command = ["./cnnc", "bench", model, "--batch", str(batch), "--threads", str(threads), "--format", "json"]
    if backward:
        command.append("--backward")
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    return {row["backend"]: row["us_per_call"] for row in map(json.loads, lines)}


def pytorch(factory, shape, backward, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    return bench_layers.timed(bench_layers.make_call(factory(), shape, backward))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cases", nargs="+", default=list(CASES))
    args = parser.parse_args()
    print("| case | threads | cnnc us | PyTorch us | PyTorch / cnnc | interpreter / cnnc |")
    print("|---|---|---|---|---|---|")
    for name in args.cases:
        model, batch, backward, factory, shape = CASES[name]
        for threads in args.threads:
            ours = cnnc(model, batch, backward, threads)
            theirs = pytorch(factory, shape, backward, threads)
            print(f"| {name} | {threads} | {ours['bytecode']:.1f} | {theirs:.1f} | {theirs / ours['bytecode']:.2f} |"
                  f" {ours['interpreter'] / ours['bytecode']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
