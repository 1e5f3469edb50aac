"""Shared machinery for the optimizer reference fixtures.

Each optimizer family has a script beside this file (``sgd.py``, ``adam.py``, ...) that lists its
configurations and calls :func:`write_fixture`. For every configuration and every problem the
optimizer runs ``STEPS`` steps in PyTorch; the fixture records the initial parameters, the gradient
fed at every step (so that Descent can replay exactly the same gradients and compare the update
arithmetic alone, independent of its autograd), and the parameters and full optimizer state at a
few checkpoints.

Tensors are written as ``{"shape": [...], "data": [...]}`` with the float32 values as JSON numbers.
"""

import datetime
import json
import math
import pathlib
import platform
import sys

import torch

STEPS = 100
CHECKPOINTS = (1, 2, 3, 10, 50, 100)
REPO = pathlib.Path(__file__).resolve().parents[3]
OUT = REPO / "tests" / "Fixtures" / "optim"
INTERNAL_KEYS = {"foreach", "capturable", "differentiable", "fused"}


def tensor_json(t):
    t = torch.as_tensor(t).detach().to(torch.float32)
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


def value_json(v):
    if isinstance(v, torch.Tensor):
        return tensor_json(v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return tensor_json(torch.tensor(float(v)))
    if isinstance(v, (list, tuple)) and all(isinstance(x, torch.Tensor) for x in v):
        return [tensor_json(x) for x in v]
    return v


def hyper_json(v):
    if isinstance(v, tuple):
        return list(v)
    if isinstance(v, float) and (math.isinf(v) or math.isnan(v)):
        return str(v)
    return v


# ---- problems: each returns (initial parameters, loss function of the parameter list) ----

def linreg():
    g = torch.Generator().manual_seed(11)
    x = torch.randn(32, 3, generator=g)
    y = x @ torch.tensor([1.5, -2.0, 0.5]) + 0.3 + 0.1 * torch.randn(32, generator=g)
    params = [torch.randn(3, generator=g) * 0.1, torch.zeros(1)]

    def loss(p):
        return ((x @ p[0] + p[1] - y) ** 2).mean()

    return params, loss


def rosenbrock():
    params = [torch.tensor([-1.5, 2.0])]

    def loss(p):
        a, b = p[0][0], p[0][1]
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2

    return params, loss


def mlp():
    g = torch.Generator().manual_seed(12)
    x = torch.randn(16, 3, generator=g)
    y = torch.sin(x.sum(dim=1, keepdim=True))
    params = [torch.randn(4, 3, generator=g) * 0.5, torch.randn(4, generator=g) * 0.1,
              torch.randn(1, 4, generator=g) * 0.5, torch.zeros(1)]

    def loss(p):
        h = torch.tanh(x @ p[0].T + p[1])
        return ((h @ p[2].T + p[3] - y) ** 2).mean()

    return params, loss


PROBLEMS = {"linreg": linreg, "rosenbrock": rosenbrock, "mlp": mlp}


def run_case(optimizer_class, options, problem, groups=None, drop_grad=None):
    """Runs one configuration on one problem and returns its fixture entry.

    groups: optional list of (parameter indices, overrides) to build param groups.
    drop_grad: optional (step, parameter index) whose gradient is set to None at that step.
    """
    initial, loss_fn = PROBLEMS[problem]()
    params = [p.clone().requires_grad_(True) for p in initial]
    if groups is None:
        opt = optimizer_class(params, **options)
    else:
        opt = optimizer_class([dict(params=[params[i] for i in idx], **over) for idx, over in groups], **options)
    grads, checkpoints = [], []
    for step in range(1, STEPS + 1):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(params)
        loss.backward()
        if drop_grad is not None and drop_grad[0] == step:
            params[drop_grad[1]].grad = None
        grads.append([None if p.grad is None else tensor_json(p.grad) for p in params])
        opt.step()
        if step in CHECKPOINTS:
            sd = opt.state_dict()
            checkpoints.append({
                "step": step,
                "params": [tensor_json(p) for p in params],
                # None entries (1.13's momentum_buffer without momentum) are left out, and so are
                # states that hold nothing else, as current PyTorch never creates them.
                "state": {str(k): {key: value_json(v) for key, v in s.items() if v is not None}
                          for k, s in sd["state"].items() if any(v is not None for v in s.values())},
            })
    entry = {
        "problem": problem,
        "options": {k: hyper_json(v) for k, v in options.items()},
        "initial": [tensor_json(p) for p in initial],
        "grads": grads,
        "checkpoints": checkpoints,
    }
    if groups is not None:
        entry["groups"] = [{"params": list(idx), "overrides": {k: hyper_json(v) for k, v in over.items()}}
                           for idx, over in groups]
    return entry


def write_fixture(name, optimizer_class, cases, note, defaults_overrides=None):
    """cases: list of dicts with keys name, options, problems, and optionally groups and drop_grad."""
    # 2-D, so that optimizers for matrices only (Muon) can be probed too.
    dummy = [torch.zeros(1, 1, requires_grad=True)]
    probe_args = {"lr": 0.1} if name == "SGD" else {}
    defaults = {k: hyper_json(v) for k, v in optimizer_class(dummy, **probe_args).defaults.items()
                if k not in INTERNAL_KEYS}
    if defaults_overrides:
        defaults.update(defaults_overrides)
    out = {
        "provenance": {
            "script": f"tools/reference/optim/{pathlib.Path(sys.argv[0]).name}",
            "torch_version": torch.__version__,
            "python_version": platform.python_version(),
            "date": datetime.date.today().isoformat(),
            "note": note,
        },
        "optimizer": name,
        "defaults": defaults,
        "steps": STEPS,
        "cases": [],
    }
    for case in cases:
        for problem in case["problems"]:
            entry = run_case(optimizer_class, case["options"], problem, case.get("groups"), case.get("drop_grad"))
            entry["name"] = f"{case['name']} on {problem}"
            out["cases"].append(entry)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name.lower()}.json"
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path.relative_to(REPO)}: {len(out['cases'])} cases, {path.stat().st_size // 1024} KiB")
