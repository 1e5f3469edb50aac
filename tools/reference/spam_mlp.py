"""The chapter's spam experiment as a plain PyTorch loop: tests/Fixtures/training/spam_mlp.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/spam_mlp.py

Mirrors mlr3torch's classif.mlp with neurons = 100, p = 0.1 (dropout after the ReLU), batch_size = 32,
epochs = 40, Adam, cross-entropy on two output logits, shuffled batches, no feature scaling, and the train
log loss of an epoch computed from that epoch's training forward passes (as mlr3torch's history does).
It records the final-epoch train log loss for five seeds at lr = 0.01 and lr = 0.001, and the seconds
per run, which bench/ compares against.
"""

import csv
import gzip
import datetime
import json
import math
import pathlib
import platform
import time

import torch

REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "spam.csv"
SEEDS = [1, 2, 3, 4, 5]
EPOCHS = 40
BATCH = 32


def load(path=DATA):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    target = header.index("type")
    x = torch.tensor([[float(v) for i, v in enumerate(r) if i != target] for r in rows])
    classes = sorted({r[target] for r in rows})
    y = torch.tensor([classes.index(r[target]) for r in rows])
    return x, y


def run(x, y, lr, seed, epochs=EPOCHS):
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Linear(57, 100), torch.nn.ReLU(), torch.nn.Dropout(0.1), torch.nn.Linear(100, 2))
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    history = []
    for epoch in range(epochs):
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
            with torch.no_grad():
                p = torch.softmax(out, dim=1)[torch.arange(len(idx)), y[idx]]
                total += float(-torch.log(torch.clamp(p, min=1e-15)).sum())
                count += len(idx)
        history.append(total / count)
    return history


if __name__ == "__main__":
    torch.set_num_threads(1)
    x, y = load()
    results = {}
    for lr in (0.01, 0.001):
        runs = []
        for seed in SEEDS:
            start = time.perf_counter()
            history = run(x, y, lr, seed)
            runs.append({"seed": seed, "final_train_logloss": history[-1], "history": history,
                         "seconds": time.perf_counter() - start})
            print(f"lr {lr} seed {seed}: final train logloss {history[-1]:.4f} ({runs[-1]['seconds']:.1f} s)")
        finals = [r["final_train_logloss"] for r in runs]
        results[str(lr)] = {"runs": runs, "min": min(finals), "max": max(finals)}
    out = {
        "provenance": {
            "script": "tools/reference/spam_mlp.py",
            "torch_version": torch.__version__,
            "python_version": platform.python_version(),
            "date": datetime.date.today().isoformat(),
            "threads": 1,
            "note": "Same network, optimizer, batches and measure as Descent's MlpClassifier with neurons [100], "
                    "P 0.1, BatchSize 32, Epochs 40, Adam; random streams differ, so runs agree in distribution only.",
        },
        "epochs": EPOCHS,
        "batch_size": BATCH,
        "lr": results,
    }
    path = REPO / "tests" / "Fixtures" / "training" / "spam_mlp.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path.relative_to(REPO)}")
