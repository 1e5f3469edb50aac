"""RMSprop reference fixture: tests/Fixtures/optim/rmsprop.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/rmsprop.py
"""

import torch
from common import write_fixture

# Weight decay stays small where momentum meets the mlp: with 0.1, its g + weight_decay * p nears zero by step
# 100; PyTorch's vectorized add(alpha=...) rounds that as one fused multiply-add where Descent multiplies, then
# adds, and the momentum buffer, a sum of terms that nearly cancel there, carries the difference past 1e-5.
CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "momentum+alpha+eps", "options": {"lr": 1e-3, "momentum": 0.9, "alpha": 0.9, "eps": 1e-6},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "centered+momentum+wd", "options": {"lr": 0.005, "momentum": 0.5, "centered": True, "weight_decay": 0.01},
     "problems": ["linreg", "mlp"]},
    {"name": "centered+maximize", "options": {"lr": 0.005, "centered": True, "alpha": 0.995, "maximize": True},
     "problems": ["linreg", "mlp"]},
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0, 1], {"momentum": 0.9, "alpha": 0.95}), ([2, 3], {"centered": True, "weight_decay": 0.01})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Current PyTorch updates the centered grad_avg with lerp_(grad, 1 - alpha) where 1.13 used "
        "mul_(alpha).add_(grad, alpha=1 - alpha); Descent follows current PyTorch (including lerp's other formula "
        "for weights of 0.5 or more). The two agree to float32 rounding. Current PyTorch keeps step as a float "
        "tensor where 1.13 keeps a Python int; both are written here as scalar tensors, as Descent writes its step "
        "count. Current PyTorch also has a capturable key (and both have foreach and differentiable): device and "
        "autograd switches that Descent does not have, left out of the defaults here. Defaults and argument checks "
        "are the same in both.")

if __name__ == "__main__":
    write_fixture("RMSprop", torch.optim.RMSprop, CASES, NOTE)
