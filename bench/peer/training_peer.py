"""PyTorch's side of the training benchmarks in bench/Descent.Bench.

Run by the harness as a subprocess with Debian's PyTorch:

    /usr/bin/python3 bench/peer/training_peer.py spam --threads 1 --runs 5 --epochs 40
    /usr/bin/python3 bench/peer/training_peer.py mlp --threads 2 --reps 7 --warmup 2 --steps 10

spam: the chapter's experiment, the same loop as tools/reference/spam_mlp.py (57-100-2 MLP with ReLU and dropout
0.1, Adam at lr 0.01, batch 32, shuffled, the train log loss of each epoch from its forward passes), timed per run
over seeds 1, 2, ... after one untimed one-epoch run and --warmup-runs untimed whole runs. The data is the copy that ships inside Descent.Training.
mlp: a 784-512-512-10 ReLU MLP on synthetic data, batch 256, Adam, cross-entropy; each sample times --steps
training steps over pre-built batches. Prints one JSON object on stdout.
"""

import argparse
import json
import pathlib
import statistics
import sys
import time

import torch

import peer_info

REPO = pathlib.Path(__file__).resolve().parents[2]
SPAM = REPO / "src" / "Descent.Training" / "Data" / "spam.csv.gz"
BATCH = 32


# The chapter's loop is the reference script's own, run here on the copy of the data that ships with Descent.
sys.path.insert(0, str(REPO / "tools" / "reference"))
from spam_mlp import load, run  # noqa: E402


def spam_run(x, y, seed, epochs):
    run(x, y, 0.01, seed, epochs)
    return epochs * ((len(x) + BATCH - 1) // BATCH)


def spam(args):
    x, y = load(SPAM)
    spam_run(x, y, 0, 1)
    for run in range(args.warmup_runs):
        spam_run(x, y, 1000 + run, args.epochs)
    seconds, steps = [], 0
    for seed in range(1, args.runs + 1):
        start = time.perf_counter()
        steps = spam_run(x, y, seed, args.epochs)
        seconds.append(time.perf_counter() - start)
    return {"median_s": statistics.median(seconds), "samples_s": seconds, "steps_per_run": steps}


def mlp(args):
    generator = torch.Generator().manual_seed(7)
    net = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 512), torch.nn.ReLU(),
                              torch.nn.Linear(512, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    batches = [(torch.randn(256, 784, generator=generator), torch.randint(0, 10, (256,), generator=generator))
               for _ in range(8)]
    position = [0]

    def steps(n):
        for _ in range(n):
            x, y = batches[position[0] % len(batches)]
            position[0] += 1
            opt.zero_grad()
            loss_fn(net(x), y).backward()
            opt.step()

    steps(args.warmup * args.steps)
    seconds = []
    for _ in range(args.reps):
        start = time.perf_counter()
        steps(args.steps)
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    return {"median_s": median, "samples_s": seconds, "steps": args.steps, "samples_per_s": 256 * args.steps / median}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["spam", "mlp"])
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup-runs", type=int, default=0, help="spam: untimed whole runs after the one-epoch run")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    result = spam(args) if args.what == "spam" else mlp(args)
    result.update(peer_info.describe(torch))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
