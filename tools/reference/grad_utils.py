"""Gradient clipping and weight averaging reference fixture: tests/Fixtures/grad_utils.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/grad_utils.py

Records clip_grad_norm_ (several norm types and max norms, over three gradients of different shapes),
clip_grad_value_, and AveragedModel with its default (SWA) and EMA averaging over five updates.
"""

import datetime
import json
import math
import pathlib
import platform

import torch
from torch.optim.swa_utils import AveragedModel

REPO = pathlib.Path(__file__).resolve().parents[2]


def t(x):
    x = torch.as_tensor(x).detach().float()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def grads():
    g = torch.Generator().manual_seed(3)
    return [torch.randn(4, 3, generator=g) * 2, torch.randn(5, generator=g), torch.randn(2, 2, generator=g) * 0.1]


def clip_norm_cases():
    cases = []
    for norm_type in (1.0, 2.0, 3.0, math.inf):
        for max_norm in (0.5, 1.0, 100.0):
            params = [torch.zeros_like(x, requires_grad=True) for x in grads()]
            for p, x in zip(params, grads()):
                p.grad = x.clone()
            total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type)
            cases.append({"norm_type": "inf" if math.isinf(norm_type) else norm_type, "max_norm": max_norm,
                          "grads": [t(x) for x in grads()], "total_norm": float(total),
                          "clipped": [t(p.grad) for p in params]})
    return cases


def clip_value_cases():
    params = [torch.zeros_like(x, requires_grad=True) for x in grads()]
    for p, x in zip(params, grads()):
        p.grad = x.clone()
    torch.nn.utils.clip_grad_value_(params, 0.7)
    return [{"clip_value": 0.7, "grads": [t(x) for x in grads()], "clipped": [t(p.grad) for p in params]}]


def averaging_cases():
    cases = []
    for kind in ("swa", "ema"):
        model = torch.nn.Linear(3, 2)
        torch.nn.init.constant_(model.weight, 0.0)
        torch.nn.init.constant_(model.bias, 0.0)
        if kind == "swa":
            avg = AveragedModel(model)
        else:
            decay = 0.9
            avg = AveragedModel(model, avg_fn=lambda a, x, n: decay * a + (1 - decay) * x)
        g = torch.Generator().manual_seed(5)
        updates, averages = [], []
        for _ in range(5):
            with torch.no_grad():
                model.weight.copy_(torch.randn(2, 3, generator=g))
                model.bias.copy_(torch.randn(2, generator=g))
            avg.update_parameters(model)
            updates.append([t(model.weight), t(model.bias)])
            averages.append([t(avg.module.weight), t(avg.module.bias)])
        cases.append({"kind": kind, "decay": 0.9 if kind == "ema" else None, "updates": updates, "averages": averages})
    return cases


if __name__ == "__main__":
    out = {
        "provenance": {
            "script": "tools/reference/grad_utils.py",
            "torch_version": torch.__version__,
            "python_version": platform.python_version(),
            "date": datetime.date.today().isoformat(),
            "note": "EMA here is avg_fn = decay*a + (1-decay)*x; current PyTorch's get_ema_multi_avg_fn computes the "
                    "same average as lerp(a, x, 1-decay), which Descent uses; both agree to float32 rounding.",
        },
        "clip_grad_norm": clip_norm_cases(),
        "clip_grad_value": clip_value_cases(),
        "averaged_model": averaging_cases(),
    }
    path = REPO / "tests" / "Fixtures" / "grad_utils.json"
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {path.relative_to(REPO)}")
