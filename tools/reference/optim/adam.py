"""Adam and AdamW reference fixtures: tests/Fixtures/optim/adam.json and adamw.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/adam.py
"""

import torch
from common import write_fixture

ADAM = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr+betas+eps", "options": {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6}, "problems": ["rosenbrock", "mlp"]},
    {"name": "l2+amsgrad", "options": {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True}, "problems": ["linreg", "mlp"]},
    {"name": "maximize", "options": {"lr": 0.005, "maximize": True}, "problems": ["linreg"]},
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0, 1], {"lr": 0.02, "betas": (0.5, 0.9)}), ([2, 3], {"amsgrad": True})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

ADAMW = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "strong decay", "options": {"lr": 0.01, "weight_decay": 0.5}, "problems": ["rosenbrock", "mlp"]},
    {"name": "amsgrad", "options": {"lr": 0.01, "amsgrad": True, "betas": (0.9, 0.95)}, "problems": ["linreg", "mlp"]},
    {"name": "maximize", "options": {"lr": 0.005, "maximize": True, "weight_decay": 0.1}, "problems": ["linreg"]},
]

NOTE = ("Current PyTorch updates exp_avg with lerp_(grad, 1 - beta1) where 1.13 used mul_(beta1).add_(grad, "
        "alpha=1 - beta1); Descent follows current PyTorch. The two agree to float32 rounding. Current PyTorch "
        "also has decoupled_weight_decay on Adam (AdamW is Adam with it set); 1.13 lacks the key, so these "
        "fixtures' defaults add decoupled_weight_decay = False for Adam and True for AdamW.")

if __name__ == "__main__":
    write_fixture("Adam", torch.optim.Adam, ADAM, NOTE, defaults_overrides={"decoupled_weight_decay": False})
    write_fixture("AdamW", torch.optim.AdamW, ADAMW, NOTE, defaults_overrides={"decoupled_weight_decay": True})
