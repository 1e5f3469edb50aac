"""Gradient accumulation reference fixture: tests/Fixtures/accumulation.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/accumulation.py

A small tanh network (3 -> 4 -> 2) with a mean squared error loss, trained for three steps in two ways:

* full_batch: one optimizer step per batch of k*b rows;
* multi_steps: k mini-batches of b rows per step, their gradients averaged as optax's MultiSteps does it
  (optax/transforms/_accumulation.py at commit 2edbcbe, August 2026: use_grad_mean=True, the Welford form
  acc <- acc + (grad - acc) / (n_acc + 1), float32), the mean handed to the optimizer at every k-th mini-step.

For a mean loss over equal batches both give the same parameters up to float32 rounding.
"""

import datetime
import json
import pathlib
import platform

import torch

REPO = pathlib.Path(__file__).resolve().parents[2]
K, B, STEPS = 4, 8, 3


def t(x):
    x = torch.as_tensor(x).detach().float()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def initial():
    g = torch.Generator().manual_seed(11)
    return [torch.randn(4, 3, generator=g) * 0.5, torch.randn(4, generator=g) * 0.1,
            torch.randn(2, 4, generator=g) * 0.5, torch.randn(2, generator=g) * 0.1]


def data():
    g = torch.Generator().manual_seed(12)
    x = torch.randn(STEPS * K * B, 3, generator=g)
    y = torch.randn(STEPS * K * B, 2, generator=g)
    return x, y


def loss_of(params, x, y):
    w1, b1, w2, b2 = params
    h = torch.tanh(x @ w1.t() + b1)
    return ((h @ w2.t() + b2 - y) ** 2).mean()


def make(name, params):
    if name == "adam":
        return torch.optim.Adam(params, lr=0.05)
    return torch.optim.SGD(params, lr=0.1, momentum=0.9)


def full_batch(name):
    params = [p.clone().requires_grad_(True) for p in initial()]
    opt = make(name, params)
    x, y = data()
    for s in range(STEPS):
        rows = slice(s * K * B, (s + 1) * K * B)
        opt.zero_grad()
        loss_of(params, x[rows], y[rows]).backward()
        opt.step()
    return params


def multi_steps(name):
    params = [p.clone().requires_grad_(True) for p in initial()]
    opt = make(name, params)
    x, y = data()
    acc = [torch.zeros_like(p) for p in params]
    for mini in range(STEPS * K):
        rows = slice(mini * B, (mini + 1) * B)
        for p in params:
            p.grad = None
        loss_of(params, x[rows], y[rows]).backward()
        n_acc = mini % K
        with torch.no_grad():
            acc = [a + (p.grad - a) / torch.tensor(n_acc + 1, dtype=torch.float32) for a, p in zip(acc, params)]
        if n_acc == K - 1:
            for p, a in zip(params, acc):
                p.grad = a.clone()
            opt.step()
            acc = [torch.zeros_like(p) for p in params]
    return params


if __name__ == "__main__":
    x, y = data()
    out = {
        "provenance": {
            "script": "tools/reference/accumulation.py",
            "torch_version": torch.__version__,
            "python_version": platform.python_version(),
            "date": datetime.date.today().isoformat(),
            "note": "multi_steps follows optax MultiSteps (optax/transforms/_accumulation.py, commit 2edbcbe, "
                    "August 2026): the Welford mean of the mini-batch gradients, handed to the torch optimizer "
                    "every k mini-steps.",
        },
        "k": K, "b": B, "steps": STEPS,
        "initial": [t(p) for p in initial()],
        "x": t(x), "y": t(y),
        "cases": [{"optimizer": name, "options": ({"lr": 0.05} if name == "adam" else {"lr": 0.1, "momentum": 0.9}),
                   "full_batch": [t(p) for p in full_batch(name)],
                   "multi_steps": [t(p) for p in multi_steps(name)]} for name in ("adam", "sgd")],
    }
    path = REPO / "tests" / "Fixtures" / "accumulation.json"
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {path.relative_to(REPO)}")
