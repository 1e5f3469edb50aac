"""Adamax reference fixture: tests/Fixtures/optim/adamax.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/adamax.py
"""

import torch
from common import write_fixture

CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr+betas+eps", "options": {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6}, "problems": ["rosenbrock", "mlp"]},
    {"name": "l2", "options": {"lr": 0.01, "weight_decay": 0.1}, "problems": ["linreg", "mlp"]},
    {"name": "maximize+l2", "options": {"lr": 0.005, "maximize": True, "weight_decay": 0.05}, "problems": ["linreg"]},
    # beta1 = 0.5 puts current PyTorch's lerp weight 1 - beta1 on its other branch (weight >= 0.5).
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0, 1], {"lr": 0.02, "betas": (0.5, 0.9)}), ([2, 3], {"weight_decay": 0.01})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Current PyTorch updates exp_avg with lerp_(grad, 1 - beta1) where 1.13 used mul_(beta1).add_(grad, "
        "alpha=1 - beta1), and computes exp_inf with torch.maximum(exp_inf.mul_(beta2), grad.abs().add_(eps)) where "
        "1.13 took torch.amax over torch.cat of the same two tensors; Descent follows current PyTorch. The maximum "
        "is the same value either way, and the lerp agrees with 1.13 to float32 rounding. Defaults, state "
        "(step, exp_avg, exp_inf) and errors are the same in both.")

if __name__ == "__main__":
    write_fixture("Adamax", torch.optim.Adamax, CASES, NOTE)
