#!/usr/bin/python3
"""Trains examples/lenet5.cnn's network in PyTorch, the same recipe as `cnnc train`, and prints
one JSON line per epoch: {"epoch", "train_loss", "test_loss", "test_accuracy", "seconds"}.

`seconds` is the training loop alone (no evaluation), as in cnnc's --metrics. Needs PyTorch
(Debian, as root: apt-get update && apt-get install python3-torch) and an MNIST-format folder (Debian: dataset-fashion-mnist).
Run by scripts/compare-with-pytorch; also usable alone:
    python3 scripts/pytorch_lenet5.py --epochs 1 --threads 2
With --save P.npz it writes the state_dict in the archive cnnc reads (np.savez of each tensor).
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
from torch import nn


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def load(folder, prefix):
    def find(name):
        for candidate in (name, name + ".gz"):
            if os.path.exists(os.path.join(folder, candidate)):
                return os.path.join(folder, candidate)
        raise SystemExit(f"{folder}: no {name}")
    images = idx(find(f"{prefix}-images-idx3-ubyte")).astype(np.float32) / 255
    labels = idx(find(f"{prefix}-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy(images).unsqueeze(1), torch.from_numpy(labels)


class LeNet5(nn.Module):
    """examples/lenet5.cnn; the attribute names give the same state_dict keys as cnnc's."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)
        x = torch.relu(self.fc1(torch.flatten(x, 1)))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_x, train_y = load(args.data, "train")
    test_x, test_y = load(args.data, "t10k")
    model = LeNet5()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(args.seed)
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(train_x), generator=generator)
        total = 0.0
        start = time.perf_counter()
        for begin in range(0, len(train_x), args.batch):
            chosen = order[begin:begin + args.batch]
            optimizer.zero_grad()
            loss = loss_fn(model(train_x[chosen]), train_y[chosen])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(chosen)
        seconds = time.perf_counter() - start
        model.eval()
        with torch.no_grad():
            test_loss, correct = 0.0, 0
            for begin in range(0, len(test_x), args.batch):
                logits = model(test_x[begin:begin + args.batch])
                labels = test_y[begin:begin + args.batch]
                test_loss += loss_fn(logits, labels).item() * len(labels)
                correct += (logits.argmax(1) == labels).sum().item()
        print(json.dumps({"epoch": epoch, "train_loss": total / len(train_x), "test_loss": test_loss / len(test_x),
                          "test_accuracy": correct / len(test_x), "seconds": seconds}), flush=True)
    if args.save:
        np.savez(args.save, **{k: v.numpy() for k, v in model.state_dict().items()})


if __name__ == "__main__":
    main()
