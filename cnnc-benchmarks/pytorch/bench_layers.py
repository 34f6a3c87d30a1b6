#!/usr/bin/env python3
"""Times PyTorch (Debian's python3-torch, oneDNN) on the layers and models cnnc-benchmarks times.

Usage: python3 cnnc-benchmarks/pytorch/bench_layers.py [--threads 1 2] [--format json]
Prints one line per case: the case, threads and microseconds per call (median of 5 rounds after
warm-up), the same measurement `cnnc bench` makes, so the two can be compared in one run.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def cases():
    yield "conv3x3", "forward", nn.Conv2d(64, 64, 3, padding=1), (1, 64, 56, 56)
    yield "conv3x3", "backward", nn.Conv2d(64, 64, 3, padding=1), (1, 64, 56, 56)
    yield "conv_transpose2d", "forward", nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), (8, 32, 32, 32)
    yield "conv1d", "forward", nn.Conv1d(16, 32, 7, padding=3), (8, 16, 1024)
    yield "conv3d", "forward", nn.Conv3d(4, 8, 3, padding=1), (2, 4, 16, 32, 32)
    yield "lenet5", "forward", LeNet5(), (1, 1, 28, 28)
    yield "lenet5", "forward", LeNet5(), (64, 1, 28, 28)
    yield "lenet5", "backward", LeNet5(), (64, 1, 28, 28)


def make_call(module, shape, backward):
    """One call on a random input: an eval-mode forward pass without gradients, or a training-mode
    forward pass plus the backward pass of a fixed random upstream gradient into the parameters."""
    x = torch.rand(shape) * 2 - 1
    if not backward:
        module.eval()

        def call():
            with torch.no_grad():
                module(x)
        return call
    module.train()
    x.requires_grad_(True)
    grad = torch.rand(module(x).shape) * 2 - 1

    def call():
        module.zero_grad(set_to_none=False)
        module(x).backward(grad)
    return call


def timed(call, round_seconds=0.2, rounds=5, warmup_seconds=2.0):
    end = time.perf_counter() + warmup_seconds
    while time.perf_counter() < end:
        call()
    per_call = []
    for _ in range(rounds):
        calls = 0
        start = time.perf_counter()
        while True:
            call()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= round_seconds:
                break
        per_call.append(elapsed / calls * 1e6)
    return statistics.median(per_call)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args()
    torch.manual_seed(0)
    for threads in args.threads:
        torch.set_num_threads(threads)
        for name, mode, module, shape in cases():
            call = make_call(module, shape, mode == "backward")
            us = timed(call)
            if args.format == "json":
                print(json.dumps({"model": name, "backend": "pytorch", "batch": shape[0], "threads": threads,
                                  "mode": mode, "us_per_call": round(us, 3)}))
            else:
                print(f"{name:18s} {mode:9s} batch {shape[0]:3d} threads {threads}: {us:10.1f} us")


if __name__ == "__main__":
    main()
