"""LAMB reference fixture: tests/Fixtures/optim/lamb.json.

Upstream: optax.lamb (optax/_src/alias.py, optax main, August 2026): the chain scale_by_adam, add_decayed_weights,
scale_by_trust_ratio, scale_by_learning_rate, with optax's argument names and defaults (b1 = 0.9, b2 = 0.999,
eps = 1e-6, eps_root = 0, weight_decay = 0, mask). optax has no default learning rate; the fixture's 1e-3 is Adam's.
optax's mask is a tree over the parameters; here it is a flag of a param group. Written op by op on float32 tensors.
The bias corrections 1 - b^t are computed in double and rounded to float32 once (optax computes them in float32;
the two differ by at most an ulp).

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/lamb.py
"""

import torch

import longrun  # noqa: F401  (200 steps, more problems)
from common import write_fixture
from trust import trust_ratio


class Lamb(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-3, b1=0.9, b2=0.999, eps=1e-6, eps_root=0.0, weight_decay=0.0, mask=True):
        super().__init__(params, dict(lr=lr, b1=b1, b2=b2, eps=eps, eps_root=eps_root, weight_decay=weight_decay, mask=mask))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, b1, b2, wd = group["lr"], group["b1"], group["b2"], group["weight_decay"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad
                state = self.state[p]
                if len(state) == 0:
                    state["count"] = torch.tensor(0.0)
                    state["mu"] = torch.zeros_like(p)
                    state["nu"] = torch.zeros_like(p)
                state["count"] += 1
                t = int(state["count"].item())
                mu, nu = state["mu"], state["nu"]
                mu.copy_((1 - b1) * g + b1 * mu)
                nu.copy_((1 - b2) * (g * g) + b2 * nu)
                bc1 = torch.tensor(1 - b1 ** t, dtype=torch.float32)
                bc2 = torch.tensor(1 - b2 ** t, dtype=torch.float32)
                u = (mu / bc1) / (torch.sqrt(nu / bc2 + group["eps_root"]) + group["eps"])
                if wd != 0 and group["mask"]:
                    u = u + wd * p
                u = u * trust_ratio(p, u)
                p.add_(u * -lr)


CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr+betas+eps", "options": {"lr": 0.01, "b1": 0.8, "b2": 0.99, "eps": 1e-8, "eps_root": 1e-10},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "weight decay", "options": {"lr": 0.01, "weight_decay": 0.1}, "problems": ["linreg", "mlp"]},
    {"name": "matrices", "options": {"lr": 0.005, "weight_decay": 0.01}, "problems": ["factorization"]},
    {"name": "groups+mask+missing grad", "options": {"lr": 0.01, "weight_decay": 0.05},
     "groups": [([0, 2], {}), ([1, 3], {"mask": False})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Reference update written from optax.lamb (optax main, 2026), op by op on float32 tensors under torch 1.13; "
        "200 steps. State keys as optax's ScaleByAdamState (count, mu, nu).")

if __name__ == "__main__":
    write_fixture("Lamb", Lamb, CASES, NOTE)
