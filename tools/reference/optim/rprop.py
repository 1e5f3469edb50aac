"""Rprop reference fixture: tests/Fixtures/optim/rprop.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/rprop.py

Rprop acts on signs of g * prev, so a rounding difference on a product near zero could flip a decision. The
fixture replays PyTorch's own gradients, so every product is the same float32 number in Descent; this script
also prints the smallest nonzero |g * prev| each case met, to show how far the decisions stayed from zero.
"""

import torch
from common import write_fixture

CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "etas+step_sizes", "options": {"lr": 1e-3, "etas": (0.3, 1.5), "step_sizes": (1e-5, 0.1)},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "tight step sizes", "options": {"lr": 0.05, "step_sizes": (0.01, 0.02)}, "problems": ["linreg", "mlp"]},
    {"name": "maximize", "options": {"lr": 0.005, "maximize": True}, "problems": ["linreg"]},
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0, 1], {"lr": 0.02, "etas": (0.4, 1.1)}), ([2, 3], {"step_sizes": (1e-4, 1.0)})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Current PyTorch's single-tensor Rprop (the default on CPU) computes what 1.13's does: sign(g * prev) "
        "mapped to etaplus, etaminus or 1 in a float32 tensor, step_size multiplied by it and clamped to step_sizes, "
        "g zeroed where the sign flipped, param moved by -sign(g) * step_size and prev set to g. 1.13 keeps step as "
        "a Python int; current PyTorch keeps it as a float32 scalar tensor; both are recorded as a tensor here. "
        "Current PyTorch adds differentiable and capturable flags (internal, not recorded). No default differs.")


class ProbedRprop(torch.optim.Rprop):
    """1.13's Rprop, recording the smallest nonzero |g * prev| (after maximize) before each step."""

    smallest = float("inf")

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None or "prev" not in self.state[p]:
                    continue
                g = -p.grad if group["maximize"] else p.grad
                product = (g * self.state[p]["prev"]).abs()
                nonzero = product[product > 0]
                if nonzero.numel():
                    ProbedRprop.smallest = min(ProbedRprop.smallest, float(nonzero.min()))
        return super().step(closure)


if __name__ == "__main__":
    write_fixture("Rprop", ProbedRprop, CASES, NOTE)
    print(f"smallest nonzero |g * prev| over all cases: {ProbedRprop.smallest:.3e}")
