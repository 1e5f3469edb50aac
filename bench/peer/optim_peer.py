"""PyTorch's side of the optimizer-step benchmark in bench/Descent.Bench: one optimizer.step() per sample.

Run by the harness as a subprocess with Debian's PyTorch, e.g.

    /usr/bin/python3 bench/peer/optim_peer.py --threads 2 --reps 7 --warmup 2 --layouts 1x10000000,1000x10000

For every configuration and parameter layout it times both of torch.optim's implementations: the per-parameter
for-loop (foreach=False) and the multi-tensor one (foreach=True). Gradients are set once; the step does not
consume them. Prints one JSON object on stdout: torch's version, the thread count and one median per case.
"""

import argparse
import json
import statistics
import time

import torch

import peer_info

# Name as the harness prints it -> (torch.optim class, keyword arguments). Hyperparameters are torch's defaults
# except where a name says otherwise; the harness builds the same optimizers in Descent.
CONFIGS = {
    "SGD": (torch.optim.SGD, {"lr": 0.01}),
    "SGD momentum": (torch.optim.SGD, {"lr": 0.01, "momentum": 0.9}),
    "Adam": (torch.optim.Adam, {}),
    "Adam amsgrad": (torch.optim.Adam, {"amsgrad": True}),
    "AdamW": (torch.optim.AdamW, {}),
    "AdamW amsgrad": (torch.optim.AdamW, {"amsgrad": True}),
    "RMSprop": (torch.optim.RMSprop, {}),
    "Adagrad": (torch.optim.Adagrad, {}),
}


def parse_layout(text):
    count, size = text.split("x")
    return int(count), int(size)


def time_step(opt, warmup, reps):
    for _ in range(warmup):
        opt.step()
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        opt.step()
        samples.append(time.perf_counter() - start)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--layouts", default="1x10000000,1000x10000")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(1)
    results = []
    for layout in args.layouts.split(","):
        count, size = parse_layout(layout)
        params = [torch.nn.Parameter(torch.randn(size, generator=generator)) for _ in range(count)]
        for p in params:
            p.grad = torch.randn(size, generator=generator)
        originals = [p.detach().clone() for p in params]
        for name in args.configs.split(","):
            cls, kwargs = CONFIGS[name]
            for variant, foreach in (("for-loop", False), ("foreach", True)):
                with torch.no_grad():
                    for p, o in zip(params, originals):
                        p.copy_(o)
                opt = cls(params, foreach=foreach, **kwargs)
                samples = time_step(opt, args.warmup, args.reps)
                results.append({"config": name, "layout": layout, "variant": variant,
                                "median_s": statistics.median(samples), "samples_s": samples})
                del opt
    print(json.dumps({**peer_info.describe(torch), "results": results}))


if __name__ == "__main__":
    main()
