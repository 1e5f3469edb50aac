"""LARS reference fixture: tests/Fixtures/optim/lars.json.

Upstream: optax.lars (optax/_src/alias.py, optax main, August 2026): the chain add_decayed_weights (masked by
weight_decay_mask), scale_by_trust_ratio (masked by trust_ratio_mask), scale_by_learning_rate, trace, with optax's
argument names and defaults (weight_decay = 0, trust_coefficient = 0.001, eps = 0, momentum = 0.9, nesterov = False).
optax has no default learning rate; the fixture's 0.1 is a large-batch SGD's. optax's masks are trees over the
parameters; here each is a flag of a param group (biases and other vectors excluded in the last case, as optax's
examples mask them). Written op by op on float32 tensors.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/lars.py
"""

import torch

import longrun  # noqa: F401  (200 steps, more problems)
from common import write_fixture
from trust import trust_ratio


class Lars(torch.optim.Optimizer):
    def __init__(self, params, lr=0.1, weight_decay=0.0, weight_decay_mask=True, trust_coefficient=0.001, eps=0.0,
                 trust_ratio_mask=True, momentum=0.9, nesterov=False):
        super().__init__(params, dict(lr=lr, weight_decay=weight_decay, weight_decay_mask=weight_decay_mask,
                                      trust_coefficient=trust_coefficient, eps=eps, trust_ratio_mask=trust_ratio_mask,
                                      momentum=momentum, nesterov=nesterov))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, wd, mu = group["lr"], group["weight_decay"], group["momentum"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if len(state) == 0:
                    state["trace"] = torch.zeros_like(p)
                u = p.grad
                if wd != 0 and group["weight_decay_mask"]:
                    u = u + wd * p
                if group["trust_ratio_mask"]:
                    u = u * trust_ratio(p, u, group["trust_coefficient"], group["eps"])
                s = u * -lr
                trace = state["trace"]
                trace.copy_(s + mu * trace)
                p.add_(s + mu * trace if group["nesterov"] else trace)


CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "trust+eps+momentum", "options": {"lr": 0.5, "trust_coefficient": 0.01, "eps": 1e-3, "momentum": 0.8},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "weight decay+nesterov", "options": {"lr": 0.2, "weight_decay": 0.01, "nesterov": True},
     "problems": ["linreg", "mlp"]},
    {"name": "matrices", "options": {"lr": 1.0, "trust_coefficient": 0.02, "weight_decay": 1e-3}, "problems": ["factorization"]},
    {"name": "biases excluded+missing grad", "options": {"lr": 0.3, "weight_decay": 0.01},
     "groups": [([0, 2], {}), ([1, 3], {"weight_decay_mask": False, "trust_ratio_mask": False})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Reference update written from optax.lars (optax main, 2026), op by op on float32 tensors under torch 1.13; "
        "200 steps. State key as optax's TraceState (trace).")

if __name__ == "__main__":
    write_fixture("Lars", Lars, CASES, NOTE)
