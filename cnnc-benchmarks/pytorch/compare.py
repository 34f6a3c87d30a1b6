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
import networks  # noqa: E402  (PyTorch twins of cnnc-benchmarks/models)

M = "cnnc-benchmarks/models/"

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
    # Whole networks: the interpreter is left out (seconds per call), the fresh-JVM figures are in.
    "resnet18_b1": (M + "resnet18.cnn", 1, False, networks.resnet18, (1, 3, 224, 224)),
    "resnet18_b8": (M + "resnet18.cnn", 8, False, networks.resnet18, (8, 3, 224, 224)),
    "resnet18_train_b8": (M + "resnet18.cnn", 8, True, networks.resnet18, (8, 3, 224, 224)),
    "resnet50_b1": (M + "resnet50.cnn", 1, False, networks.resnet50, (1, 3, 224, 224)),
    "vgg11_b1": (M + "vgg11.cnn", 1, False, networks.vgg11, (1, 3, 224, 224)),
    "mobilenet_v1_b1": (M + "mobilenet_v1.cnn", 1, False, networks.mobilenet_v1, (1, 3, 224, 224)),
    "unet256_b1": (M + "unet256.cnn", 1, False, networks.UNet256, (1, 3, 256, 256)),
    "dcgan_b1": (M + "dcgan_generator.cnn", 1, False, networks.dcgan_generator, (1, 100, 1, 1)),
    "dcgan_b8": (M + "dcgan_generator.cnn", 8, False, networks.dcgan_generator, (8, 100, 1, 1)),
}

WHOLE_NETWORKS = {name for name, case in CASES.items() if case[0].startswith(M) and "/resnet" in case[0] or name.startswith(
    ("vgg", "mobilenet", "unet", "dcgan"))}


def cnnc(model, batch, backward, threads, whole):
    command = ["./cnnc", "bench", model, "--batch", str(batch), "--threads", str(threads), "--format", "json",
               "--backend", "bytecode"]
    if not whole:
        command += ["--backend", "interpreter", "--no-first-call"]
    if backward:
        command.append("--backward")
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    return {row["backend"]: row for row in map(json.loads, lines)}


def pytorch(factory, shape, backward, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    return bench_layers.timed(bench_layers.make_call(factory(), shape, backward))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cases", nargs="+", default=list(CASES))
    args = parser.parse_args()
    print("| case | threads | cnnc us | PyTorch us | PyTorch / cnnc | interpreter / cnnc | cnnc first call ms |"
          " cnnc steady after s |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.cases:
        model, batch, backward, factory, shape = CASES[name]
        for threads in args.threads:
            ours = cnnc(model, batch, backward, threads, name in WHOLE_NETWORKS)
            theirs = pytorch(factory, shape, backward, threads)
            code = ours["bytecode"]
            us = code["us_per_call"] if code["steady"] else f"{code['us_per_call']:.1f} (not steady)"
            interp = f"{ours['interpreter']['us_per_call'] / code['us_per_call']:.1f}" if "interpreter" in ours else "-"
            fresh = code.get("fresh_jvm", {})
            first = f"{fresh['first_call_ms']:.0f}" if fresh else "-"
            steady = (f"{fresh['steady_after_s']:.1f}" + ("" if fresh.get("steady") else " (not reached)")) if fresh else "-"
            print(f"| {name} | {threads} | {us} | {theirs:.1f} | {theirs / code['us_per_call']:.2f} | {interp} | {first} |"
                  f" {steady} |", flush=True)


if __name__ == "__main__":
    main()
