"""ASGD reference fixture: tests/Fixtures/optim/asgd.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/asgd.py

The default t0 = 1e6 never starts averaging, so most configurations set a small t0: mu becomes 1 / (t - t0)
after step t0 + 1 and ax then averages the iterates instead of copying them.
"""

import torch
from common import write_fixture

CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "t0+lambd+alpha", "options": {"lr": 0.02, "lambd": 1e-3, "alpha": 0.5, "t0": 10},
     "problems": ["linreg", "mlp"]},
    {"name": "weight decay+t0=0", "options": {"lr": 1e-4, "lambd": 0.01, "weight_decay": 0.05, "t0": 0},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "maximize", "options": {"lr": 0.005, "maximize": True, "t0": 5}, "problems": ["linreg"]},
    {"name": "groups+missing grad", "options": {"lr": 0.01, "t0": 20},
     "groups": [([0, 1], {"lr": 0.02, "t0": 3, "alpha": 1.0}), ([2, 3], {"weight_decay": 0.01})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Current PyTorch's single-tensor ASGD (the default on CPU) computes what 1.13's does: weight decay is "
        "added to the gradient from the parameter before the decay term, param is scaled by 1 - lambd * eta and "
        "moved by -eta * grad with eta read from its float32 state tensor, ax copies param while mu == 1 and is "
        "otherwise moved by mu * (param - ax), and afterwards eta = lr / (1 + lambd * lr * step) ** alpha and "
        "mu = 1 / max(1, step - t0) are computed in double and stored in float32 scalar tensors; current PyTorch "
        "creates those tensors with its default scalar dtype (float32) where 1.13 used torch.tensor, the same dtype. "
        "Current PyTorch adds differentiable and capturable flags (internal, not recorded) and a capturable path; "
        "its foreach path (the default only for CUDA tensors) folds lambd * param into the gradient before "
        "scaling by eta, where 1.13's foreach path took every parameter's eta from the first one and some "
        "intermediate versions computed eta there as lr / (1 + lambd * lr * step ** alpha). Descent follows the "
        "single-tensor path. "
        "No default differs.")

if __name__ == "__main__":
    write_fixture("ASGD", torch.optim.ASGD, CASES, NOTE)
