"""Adadelta reference fixture: tests/Fixtures/optim/adadelta.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/adadelta.py
"""

import torch
from common import write_fixture

CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr+rho+eps", "options": {"lr": 0.5, "rho": 0.95, "eps": 1e-5}, "problems": ["rosenbrock", "mlp"]},
    {"name": "wd", "options": {"lr": 2.0, "weight_decay": 0.1}, "problems": ["linreg", "mlp"]},
    {"name": "maximize", "options": {"lr": 0.5, "rho": 0.8, "maximize": True}, "problems": ["linreg", "mlp"]},
    {"name": "groups+missing grad", "options": {"lr": 1.0},
     "groups": [([0, 1], {"rho": 0.5}), ([2, 3], {"weight_decay": 0.01, "eps": 1e-4})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Current PyTorch keeps step as a float tensor where 1.13 keeps a Python int; both are written here as "
        "scalar tensors, as Descent writes its step count. Current PyTorch adds the keys capturable and "
        "differentiable (and both have foreach): device and autograd switches that Descent does not have, left out "
        "of the defaults here. The update, defaults and argument checks are the same in both.")

if __name__ == "__main__":
    write_fixture("Adadelta", torch.optim.Adadelta, CASES, NOTE)
