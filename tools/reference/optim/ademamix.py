"""AdEMAMix reference fixture: tests/Fixtures/optim/ademamix.json.

Upstream: the paper's PyTorch version, apple/ml-ademamix (commit c3d73c09f1287e5c33b95189bb0aa7de0a5a7667),
pytorch/ademamix.py, class AdEMAMix with linear_warmup_scheduler (alpha) and linear_hl_warmup_scheduler (beta3).
optax's contrib ademamix (optax/contrib/_ademamix.py) is the same update with the warmups passed as schedules; the
PyTorch version is followed for its keyword names (betas as a triple, alpha, beta3_warmup, alpha_warmup). Written
here operation by operation on float32 tensors in Debian's PyTorch 1.13.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/ademamix.py
"""

import math

import torch

import common
from common import write_fixture

common.STEPS = 200
common.CHECKPOINTS = (1, 2, 3, 10, 50, 100, 200)


def linear_warmup_scheduler(step, alpha_end, alpha_start=0, warmup=1):
    if step < warmup:
        a = step / float(warmup)
        return (1.0 - a) * alpha_start + a * alpha_end
    return alpha_end


def linear_hl_warmup_scheduler(step, beta_end, beta_start=0, warmup=1):
    def half_life(beta, eps=1e-8):
        return math.log(0.5) / math.log(beta + eps) - 1

    def inverse(t):
        return math.pow(0.5, 1 / (t + 1))

    if step < warmup:
        a = step / float(warmup)
        return inverse((1.0 - a) * half_life(beta_start) + a * half_life(beta_end))
    return beta_end


class AdEMAMix(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999, 0.9999), alpha=2.0, beta3_warmup=None, alpha_warmup=None,
                 eps=1e-8, weight_decay=0):
        for i in range(3):
            if not 0.0 <= betas[i] < 1.0:
                raise ValueError("Invalid beta parameter at index {}: {}".format(i, betas[i]))
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, alpha=alpha, beta3_warmup=beta3_warmup,
                                      alpha_warmup=alpha_warmup, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is None
        for group in self.param_groups:
            lr, lmbda, eps = group["lr"], group["weight_decay"], group["eps"]
            beta1, beta2, beta3_final = group["betas"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = p.grad
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = 0
                    state["exp_avg_fast"] = torch.zeros_like(p) if beta1 != 0.0 else None
                    state["exp_avg_slow"] = torch.zeros_like(p)
                    state["exp_avg_sq"] = torch.zeros_like(p)
                exp_avg_fast, exp_avg_slow, exp_avg_sq = state["exp_avg_fast"], state["exp_avg_slow"], state["exp_avg_sq"]
                state["step"] += 1
                bias_correction1 = 1 - beta1 ** state["step"]
                bias_correction2 = 1 - beta2 ** state["step"]
                if group["alpha_warmup"] is not None:
                    alpha = linear_warmup_scheduler(state["step"], alpha_end=group["alpha"], alpha_start=0,
                                                    warmup=group["alpha_warmup"])
                else:
                    alpha = group["alpha"]
                if group["beta3_warmup"] is not None:
                    beta3 = linear_hl_warmup_scheduler(state["step"], beta_end=beta3_final, beta_start=beta1,
                                                       warmup=group["beta3_warmup"])
                else:
                    beta3 = beta3_final
                if beta1 != 0.0:
                    exp_avg_fast.mul_(beta1).add_(grad, alpha=1 - beta1)
                else:
                    exp_avg_fast = grad
                exp_avg_slow.mul_(beta3).add_(grad, alpha=1 - beta3)
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = (exp_avg_sq.sqrt() / math.sqrt(bias_correction2)).add_(eps)
                update = (exp_avg_fast.div(bias_correction1) + alpha * exp_avg_slow) / denom
                update.add_(p, alpha=lmbda)
                p.add_(-lr * update)


CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr+betas+alpha", "options": {"lr": 0.01, "betas": (0.8, 0.99, 0.999), "alpha": 5.0, "eps": 1e-6},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "warmups+decay", "options": {"lr": 0.01, "alpha": 4.0, "beta3_warmup": 50, "alpha_warmup": 80,
                                          "weight_decay": 0.1}, "problems": ["linreg", "mlp"]},
    {"name": "no fast average", "options": {"lr": 0.005, "betas": (0.0, 0.999, 0.99), "alpha_warmup": 20},
     "problems": ["linreg", "mlp"]},
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0, 1], {"lr": 0.02, "betas": (0.5, 0.9, 0.999)}), ([2, 3], {"beta3_warmup": 30, "alpha": 1.0})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Written from apple/ml-ademamix (commit c3d73c0), pytorch/ademamix.py, operation by operation in PyTorch 1.13 "
        "float32; optax's contrib ademamix is the same update. With beta1 = 0 the reference keeps exp_avg_fast = None; "
        "such entries are left out of this fixture. 200 steps.")

if __name__ == "__main__":
    write_fixture("AdEMAMix", AdEMAMix, CASES, NOTE)
