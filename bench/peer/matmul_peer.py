"""PyTorch's side of the MatMul benchmark in bench/Descent.Bench: GFLOP/s of the three products of a linear layer.

Run by the harness as a subprocess with Debian's PyTorch:

    /usr/bin/python3 bench/peer/matmul_peer.py --threads 2 --reps 7 --warmup 2 --target 0.005 --layers 32x57x100,256x784x512

A layer batch x in x out (weight W stored out x in, as torch.nn.Linear and Descent's Linear store it) has three
products: forward Y = X W^T, backward dX = dY W and dW = dY^T X. Each is computed into a preallocated output (out=),
as Descent's GEMM writes into its output, and repeated within one timed sample until the sample lasts --target
seconds. Prints one JSON object on stdout.
"""

import argparse
import json
import statistics
import time

import torch

import peer_info


def products(batch, fan_in, fan_out, generator):
    x = torch.randn(batch, fan_in, generator=generator)
    w = torch.randn(fan_out, fan_in, generator=generator)
    dy = torch.randn(batch, fan_out, generator=generator)
    y = torch.empty(batch, fan_out)
    dx = torch.empty(batch, fan_in)
    dw = torch.empty(fan_out, fan_in)
    return {
        "forward": lambda: torch.mm(x, w.t(), out=y),
        "dX": lambda: torch.mm(dy, w, out=dx),
        "dW": lambda: torch.mm(dy.t(), x, out=dw),
    }


def calibrate(fn, target):
    fn()
    iterations = 1
    while True:
        start = time.perf_counter()
        for _ in range(iterations):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= target or iterations >= 1 << 24:
            return iterations
        iterations = max(iterations * 2, int(iterations * target / max(elapsed, 1e-9) * 1.1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--target", type=float, default=0.005)
    parser.add_argument("--layers", required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(3)
    results = []
    with torch.no_grad():
        for layer in args.layers.split(","):
            batch, fan_in, fan_out = (int(v) for v in layer.split("x"))
            flops = 2.0 * batch * fan_in * fan_out
            for name, fn in products(batch, fan_in, fan_out, generator).items():
                iterations = calibrate(fn, args.target)
                for _ in range(args.warmup):
                    fn()
                samples = []
                for _ in range(args.reps):
                    start = time.perf_counter()
                    for _ in range(iterations):
                        fn()
                    samples.append((time.perf_counter() - start) / iterations)
                median = statistics.median(samples)
                results.append({"layer": layer, "product": name, "median_s": median, "gflops": flops / median / 1e9})
    print(json.dumps({**peer_info.describe(torch), "results": results}))


if __name__ == "__main__":
    main()
