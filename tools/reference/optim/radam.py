"""RAdam reference fixture: tests/Fixtures/optim/radam.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/radam.py

PyTorch 1.13's RAdam lacks current PyTorch's maximize and decoupled_weight_decay; :class:`emulate.CurrentFlags`
adds them around 1.13's own step, so every other line of arithmetic is 1.13's.

Both of RAdam's branches are covered: rho_t is about t for small t, so with beta2 = 0.999 steps 1 to 5 take the
un-rectified branch (rho_t <= 5; checkpoints 1, 2, 3) and later steps the rectified one (checkpoints 10, 50,
100); with beta2 = 0.6, rho_inf = 4 and every step is un-rectified.
"""

import torch
from common import write_fixture
from emulate import CurrentFlags


class RAdam(CurrentFlags, torch.optim.RAdam):
    """1.13's RAdam with current PyTorch's maximize and decoupled_weight_decay."""


CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "never rectified", "options": {"lr": 0.01, "betas": (0.9, 0.6)}, "problems": ["linreg", "mlp"]},
    {"name": "lr+betas+eps", "options": {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6}, "problems": ["rosenbrock", "mlp"]},
    {"name": "l2", "options": {"lr": 0.01, "weight_decay": 0.1}, "problems": ["linreg", "mlp"]},
    {"name": "decoupled", "options": {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True}, "problems": ["linreg", "mlp"]},
    {"name": "maximize+l2", "options": {"lr": 0.005, "maximize": True, "weight_decay": 0.05}, "problems": ["linreg"]},
    # beta1 = 0.5 puts current PyTorch's lerp weight 1 - beta1 on its other branch (weight >= 0.5).
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0, 1], {"lr": 0.02, "betas": (0.5, 0.6)}), ([2, 3], {"weight_decay": 0.1, "decoupled_weight_decay": True})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("PyTorch 1.13's RAdam lacks maximize (added in 2.0) and decoupled_weight_decay (added in 2.1). Descent "
        "follows current PyTorch, and so does this fixture: emulate.CurrentFlags adds the two flags around 1.13's "
        "step exactly as current PyTorch applies them (negate the gradient; then multiply the parameter by "
        "1 - lr * weight_decay, or add weight_decay * param to the gradient); the defaults record maximize = False "
        "and decoupled_weight_decay = False for that reason. Current PyTorch updates exp_avg with lerp_(grad, "
        "1 - beta1) where 1.13 used mul_(beta1).add_(grad, alpha=1 - beta1); Descent follows current PyTorch, and "
        "the two agree to float32 rounding. Current PyTorch takes the rectification term r_t as (...) ** 0.5 where "
        "1.13 used math.sqrt, the same number to double rounding; the branch on rho_t > 5 and everything else are "
        "the same.")

if __name__ == "__main__":
    write_fixture("RAdam", RAdam, CASES, NOTE)
