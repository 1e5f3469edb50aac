"""PyTorch's side of the training benchmarks in bench/Descent.Bench.

Run by the harness as a subprocess with Debian's PyTorch:

    /usr/bin/python3 bench/peer/training_peer.py spam --threads 1 --runs 5 --epochs 40
    /usr/bin/python3 bench/peer/training_peer.py mlp --threads 2 --reps 7 --warmup 2 --steps 10

spam: the chapter's experiment, the same loop as tools/reference/spam_mlp.py (57-100-2 MLP with ReLU and dropout
0.1, Adam at lr 0.01, batch 32, shuffled, the train log loss of each epoch from its forward passes), timed per run
over seeds 1, 2, ... after one untimed one-epoch run. The data is the copy that ships inside Descent.Training.
mlp: a 784-512-512-10 ReLU MLP on synthetic data, batch 256, Adam, cross-entropy; each sample times --steps
training steps over pre-built batches. Prints one JSON object on stdout.
"""

import argparse
import csv
import gzip
import io
import json
import pathlib
import statistics
import time

import torch

REPO = pathlib.Path(__file__).resolve().parents[2]
SPAM = REPO / "src" / "Descent.Training" / "Data" / "spam.csv.gz"
BATCH = 32


def load_spam():
    with gzip.open(SPAM, "rt") as f:
        rows = list(csv.reader(io.StringIO(f.read())))
    header, rows = rows[0], rows[1:]
    target = header.index("type")
    x = torch.tensor([[float(v) for i, v in enumerate(r) if i != target] for r in rows])
    classes = sorted({r[target] for r in rows})
    y = torch.tensor([classes.index(r[target]) for r in rows])
    return x, y


def spam_run(x, y, seed, epochs):
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Linear(57, 100), torch.nn.ReLU(), torch.nn.Dropout(0.1), torch.nn.Linear(100, 2))
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    steps = 0
    for _ in range(epochs):
        net.train()
        perm = torch.randperm(len(x))
        total, count = 0.0, 0
        for start in range(0, len(x), BATCH):
            idx = perm[start:start + BATCH]
            opt.zero_grad()
            out = net(x[idx])
            loss = loss_fn(out, y[idx])
            loss.backward()
            opt.step()
            steps += 1
            with torch.no_grad():
                p = torch.softmax(out, dim=1)[torch.arange(len(idx)), y[idx]]
                total += float(-torch.log(torch.clamp(p, min=1e-15)).sum())
                count += len(idx)
    return steps


def spam(args):
    x, y = load_spam()
    spam_run(x, y, 0, 1)
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
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    result = spam(args) if args.what == "spam" else mlp(args)
    result.update({"torch_version": torch.__version__, "threads": torch.get_num_threads()})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
