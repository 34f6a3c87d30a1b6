#!/usr/bin/env python3
"""Times cnnc's generated classes and ONNX Runtime's Java package on the same networks in one JMH run.

Usage (from the repository root; needs Debian's python3-torch, python3-torchvision and python3-onnx):
    python3 cnnc-benchmarks/pytorch/onnxruntime_peer.py [--warmup-iterations 15]

PyTorch exports LeNet-5 and ResNet-18 (eval mode, batch 1) to ONNX under cnnc-benchmarks/target/onnx,
Maven builds the benchmark jar with the onnxruntime profile (which downloads ONNX Runtime, 75 MB),
and one JMH run times GeneratedBenchmark and OnnxRuntimeBenchmark on those cases, 1 and 2 threads.
Ratios above 1 mean cnnc is faster. Weights differ (random on both sides); the work does not.
"""
import argparse
import json
import os
import subprocess
import sys

import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import bench_layers  # noqa: E402
import networks  # noqa: E402

OUT = "cnnc-benchmarks/target/onnx"
CASES = {
    "LENET5_B1": (bench_layers.LeNet5, (1, 1, 28, 28)),
    "RESNET18_B1": (networks.resnet18, (1, 3, 224, 224)),
}


def export():
    os.makedirs(OUT, exist_ok=True)
    for name, (factory, shape) in CASES.items():
        torch.manual_seed(0)
        module = factory().eval()
        torch.onnx.export(module, torch.rand(shape), f"{OUT}/{name.lower()}.onnx", opset_version=13,
                          input_names=["input"], output_names=["output"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--warmup-iterations", type=int, default=15,
                        help="JMH warm-up iterations of 2 s: a ResNet's kernels take C2 tens of seconds")
    args = parser.parse_args()
    export()
    java_home = subprocess.run(["scripts/jdk-home"], check=True, capture_output=True, text=True).stdout.strip()
    env = dict(os.environ, JAVA_HOME=java_home)
    subprocess.run(["./mvnw", "-B", "-q", "-pl", "cnnc-benchmarks", "-am", "package", "-DskipTests", "-Ponnxruntime"],
                   check=True, env=env)
    result = "cnnc-benchmarks/target/onnxruntime-peer.json"
    subprocess.run([f"{java_home}/bin/java", "-jar", "cnnc-benchmarks/target/benchmarks.jar",
                    "GeneratedBenchmark|OnnxRuntimeBenchmark", "-p", "layer=" + ",".join(CASES),
                    # Replaces the benchmarks' own jvmArgsAppend, so the generated classes' module is named again.
                    "-jvmArgsAppend", f"--add-modules=jdk.incubator.vector -Dcnnc.onnx.dir={os.path.abspath(OUT)}",
                    "-wi", str(args.warmup_iterations), "-w", "2s", "-i", "5", "-r", "2s",
                    "-rf", "json", "-rff", result], check=True)
    rows = {}
    for run in json.load(open(result)):
        peer = "onnxruntime" if "OnnxRuntime" in run["benchmark"] else "cnnc"
        key = (run["params"]["layer"], int(run["params"]["threads"]))
        rows.setdefault(key, {})[peer] = run["primaryMetric"]["score"]
    print("| case | threads | cnnc us | ONNX Runtime us | ONNX Runtime / cnnc |")
    print("|---|---|---|---|---|")
    for (case, threads), times in sorted(rows.items()):
        print(f"| {case.lower()} | {threads} | {times['cnnc']:.1f} | {times['onnxruntime']:.1f} |"
              f" {times['onnxruntime'] / times['cnnc']:.2f} |")


if __name__ == "__main__":
    main()
