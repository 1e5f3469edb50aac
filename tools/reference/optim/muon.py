"""Muon reference fixture: tests/Fixtures/optim/muon.json.

Upstream: torch.optim.Muon, PyTorch 2.9 (torch/optim/_muon.py, _single_tensor_muon and _zeropower_via_newtonschulz).
Debian's torch 1.13 lacks it, so the update is written here from that source, operation by operation on float32
tensors. One deliberate difference: PyTorch runs the Newton-Schulz iteration in bfloat16; this reference (and
Descent) run it in float32, the same products without bfloat16's rounding.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/muon.py
"""

import math

import torch

import longrun  # noqa: F401  (200 steps, more problems)
from common import write_fixture

NS = (3.4445, -4.7750, 2.0315)


def newton_schulz(d, coefficients, steps, eps):
    a, b, c = coefficients
    x = d.T if d.size(0) > d.size(1) else d
    x = x / x.norm().clamp(min=eps)
    for _ in range(steps):
        gram = x @ x.T
        update = b * gram + (c * gram) @ gram
        x = a * x + update @ x
    return x.T if d.size(0) > d.size(1) else x


def adjusted_lr(lr, adjust_lr_fn, shape):
    rows, cols = shape[:2]
    if adjust_lr_fn is None or adjust_lr_fn == "original":
        return lr * math.sqrt(max(1, rows / cols))
    if adjust_lr_fn == "match_rms_adamw":
        return lr * 0.2 * math.sqrt(max(rows, cols))
    return lr


class Muon(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-3, weight_decay=0.1, momentum=0.95, nesterov=True, ns_coefficients=NS,
                 eps=1e-7, ns_steps=5, adjust_lr_fn=None, use_addmm=False):
        if not 0.0 <= lr:
            raise ValueError(f"Learning rate should be >= 0 but is: {lr}")
        if not 0.0 <= momentum:
            raise ValueError(f"momentum should be >= 0 but is: {momentum}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"weight decay should be >= 0 but is: {weight_decay}")
        if adjust_lr_fn is not None and adjust_lr_fn not in ["original", "match_rms_adamw"]:
            raise ValueError(f"Adjust learning rate function {adjust_lr_fn} is not supported")
        super().__init__(params, dict(lr=lr, weight_decay=weight_decay, momentum=momentum, nesterov=nesterov,
                                      ns_coefficients=ns_coefficients, eps=eps, ns_steps=ns_steps,
                                      adjust_lr_fn=adjust_lr_fn, use_addmm=use_addmm))
        for group in self.param_groups:
            for p in group["params"]:
                if p.ndim != 2:
                    raise ValueError(f"Muon only supports 2D parameters whereas we found a parameter with size: {p.size()}")

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, wd, mu = group["lr"], group["weight_decay"], group["momentum"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                state = self.state[p]
                if "momentum_buffer" not in state:
                    state["momentum_buffer"] = torch.zeros_like(g)
                buf = state["momentum_buffer"]
                buf.lerp_(g, 1 - mu)
                d = g.lerp(buf, mu) if group["nesterov"] else buf
                o = newton_schulz(d, tuple(group["ns_coefficients"]), group["ns_steps"], group["eps"])
                p.mul_(1 - lr * wd)
                p.add_(o, alpha=-adjusted_lr(lr, group["adjust_lr_fn"], p.shape))


CASES = [
    {"name": "defaults", "options": {}, "problems": ["mlp_nobias", "factorization"]},
    {"name": "lr+momentum, no nesterov", "options": {"lr": 0.02, "momentum": 0.9, "nesterov": False, "weight_decay": 0.0},
     "problems": ["mlp_nobias", "factorization"]},
    {"name": "match_rms_adamw+coefficients", "options": {"lr": 0.01, "adjust_lr_fn": "match_rms_adamw",
     "ns_coefficients": (3.0, -3.2, 1.2), "ns_steps": 3}, "problems": ["mlp_nobias"]},
    {"name": "original+eps+decay", "options": {"lr": 0.01, "adjust_lr_fn": "original", "eps": 1e-5, "weight_decay": 0.5},
     "problems": ["factorization"]},
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0], {"momentum": 0.8}), ([1, 2], {"nesterov": False, "ns_steps": 7})],
     "drop_grad": (5, 1), "problems": ["mlp_nobias"]},
]

NOTE = ("Reference update written from PyTorch 2.9's torch/optim/_muon.py (_single_tensor_muon), op by op on float32 "
        "tensors under torch 1.13; 200 steps. Newton-Schulz runs in float32 here, where PyTorch casts to bfloat16.")

if __name__ == "__main__":
    write_fixture("Muon", Muon, CASES, NOTE)
