"""SGD reference fixture: tests/Fixtures/optim/sgd.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/sgd.py
"""

import torch
from common import write_fixture

CASES = [
    {"name": "plain", "options": {"lr": 0.01}, "problems": ["linreg", "mlp"]},
    {"name": "momentum+dampening+wd", "options": {"lr": 0.01, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01},
     "problems": ["linreg", "mlp"]},
    {"name": "nesterov", "options": {"lr": 1e-4, "momentum": 0.9, "nesterov": True}, "problems": ["rosenbrock", "mlp"]},
    {"name": "maximize+momentum", "options": {"lr": 0.01, "momentum": 0.5, "maximize": True}, "problems": ["linreg"]},
    {"name": "groups", "options": {"lr": 0.01, "momentum": 0.9},
     "groups": [([0, 1], {"lr": 0.05}), ([2, 3], {"momentum": 0.0})], "problems": ["mlp"]},
]

NOTE = ("PyTorch 1.13 requires lr for SGD; current PyTorch defaults it to 1e-3, which Descent follows "
        "(the fixture's defaults record lr = 1e-3 for that reason). 1.13 stores momentum_buffer = None in the "
        "state when momentum is 0; current PyTorch stores nothing, as Descent does; such None entries are "
        "left out of this fixture.")

if __name__ == "__main__":
    write_fixture("SGD", torch.optim.SGD, CASES, NOTE, defaults_overrides={"lr": 1e-3})
