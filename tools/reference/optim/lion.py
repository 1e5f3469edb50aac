"""Lion reference fixture: tests/Fixtures/optim/lion.json.

Upstream: Chen et al., "Symbolic Discovery of Optimization Algorithms" (2023), as optax implements it
(optax/_src/transform.py scale_by_lion, optax/_src/alias.py lion; optax main, August 2026) with the paper's decoupled
weight decay theta <- theta (1 - lr wd) and the defaults of its PyTorch port (lucidrains/lion-pytorch: lr = 1e-4,
betas = (0.9, 0.99), weight_decay = 0). Written here op by op on float32 tensors.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/lion.py
"""

import torch

import longrun  # noqa: F401  (200 steps, more problems)
from common import write_fixture


class Lion(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, (b1, b2), wd = group["lr"], group["betas"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                state = self.state[p]
                if len(state) == 0:
                    state["exp_avg"] = torch.zeros_like(p)
                m = state["exp_avg"]
                p.mul_(1 - lr * wd)
                c = m * b1 + (1 - b1) * g
                p.add_(torch.sign(c) * -lr)
                m.copy_(m * b2 + (1 - b2) * g)


CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr+betas", "options": {"lr": 0.003, "betas": (0.95, 0.98)}, "problems": ["rosenbrock", "mlp"]},
    {"name": "weight decay", "options": {"lr": 0.001, "weight_decay": 1.0}, "problems": ["linreg", "mlp"]},
    {"name": "matrices", "options": {"lr": 0.002, "weight_decay": 0.1}, "problems": ["factorization"]},
    {"name": "groups+missing grad", "options": {"lr": 0.002},
     "groups": [([0, 1], {"betas": (0.5, 0.9)}), ([2, 3], {"weight_decay": 0.3})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Reference update written from optax's scale_by_lion (optax main, 2026) with the paper's decoupled weight "
        "decay and lion-pytorch's defaults, op by op on float32 tensors under torch 1.13; 200 steps.")

if __name__ == "__main__":
    write_fixture("Lion", Lion, CASES, NOTE)
