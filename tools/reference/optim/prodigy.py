"""Prodigy reference fixture: tests/Fixtures/optim/prodigy.json.

Upstream: the authors' PyTorch version, konstmish/prodigy (prodigyopt 1.1.2, commit
3efb213ee8af5a6bf76f28726398433a847b38e9), prodigyopt/prodigy.py, class Prodigy; optax's contrib prodigy
(optax/contrib/_prodigy.py) ports it. Written here operation by operation on float32 tensors in Debian's PyTorch
1.13, with the estimate (d, d_max, d_numerator, k, and d_denom, d_hat after a step) kept in the param groups as
upstream keeps them. Sharded parameters (fsdp_in_use) are left out: nothing here is distributed.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/prodigy.py
"""

import math

import torch

import common
from common import write_fixture

common.STEPS = 200
common.CHECKPOINTS = (1, 2, 3, 10, 50, 100, 200)


class Prodigy(torch.optim.Optimizer):
    def __init__(self, params, lr=1.0, betas=(0.9, 0.999), beta3=None, eps=1e-8, weight_decay=0, decouple=True,
                 use_bias_correction=False, safeguard_warmup=False, d0=1e-6, d_coef=1.0, growth_rate=float("inf"),
                 fsdp_in_use=False, slice_p=1):
        if not 0.0 < d0:
            raise ValueError("Invalid d0 value: {}".format(d0))
        if not 0.0 < lr:
            raise ValueError("Invalid learning rate: {}".format(lr))
        if not 0.0 < eps:
            raise ValueError("Invalid epsilon value: {}".format(eps))
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError("Invalid beta parameter at index 0: {}".format(betas[0]))
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError("Invalid beta parameter at index 1: {}".format(betas[1]))
        defaults = dict(lr=lr, betas=betas, beta3=beta3, eps=eps, weight_decay=weight_decay, d=d0, d0=d0, d_max=d0,
                        d_numerator=0.0, d_coef=d_coef, k=0, growth_rate=growth_rate,
                        use_bias_correction=use_bias_correction, decouple=decouple,
                        safeguard_warmup=safeguard_warmup, fsdp_in_use=fsdp_in_use, slice_p=slice_p)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is None
        d_denom = 0.0
        group = self.param_groups[0]
        beta1, beta2 = group["betas"]
        beta3 = group["beta3"] if group["beta3"] is not None else math.sqrt(beta2)
        k, d, d_max, d_coef = group["k"], group["d"], group["d_max"], group["d_coef"]
        lr = max(g["lr"] for g in self.param_groups)
        if group["use_bias_correction"]:
            bias_correction = ((1 - beta2 ** (k + 1)) ** 0.5) / (1 - beta1 ** (k + 1))
        else:
            bias_correction = 1
        dlr = d * lr * bias_correction
        growth_rate, decouple = group["growth_rate"], group["decouple"]
        d_numerator = group["d_numerator"] * beta3
        delta_numerator = 0.0
        grads = {}
        for group in self.param_groups:
            decay, group_lr, d0, slice_p = group["weight_decay"], group["lr"], group["d0"], group["slice_p"]
            if group_lr not in [lr, 0.0]:
                raise RuntimeError("Setting different lr values in different parameter groups is only supported for values of 0")
            for p in group["params"]:
                if p.grad is None:
                    continue
                # Upstream adds the coupled decay to p.grad in place; a copy leaves the recorded gradient as fed.
                grad = p.grad.clone()
                if decay != 0 and not decouple:
                    grad.add_(p, alpha=decay)
                grads[p] = grad
                state = self.state[p]
                if "step" not in state:
                    state["step"] = 0
                    state["s"] = torch.zeros_like(p.flatten()[::slice_p])
                    if p.any():
                        state["p0"] = p.flatten()[::slice_p].clone()
                    else:
                        state["p0"] = torch.tensor(0, dtype=p.dtype)
                    if beta1 > 0:
                        state["exp_avg"] = torch.zeros_like(p)
                    state["exp_avg_sq"] = torch.zeros_like(p)
                exp_avg_sq, s, p0 = state["exp_avg_sq"], state["s"], state["p0"]
                if group_lr > 0.0:
                    sliced_grad = grad.flatten()[::slice_p]
                    delta_numerator += (d / d0) * dlr * torch.dot(sliced_grad, p0 - p.flatten()[::slice_p]).item()
                    if beta1 > 0:
                        state["exp_avg"].mul_(beta1).add_(grad, alpha=d * (1 - beta1))
                    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=d * d * (1 - beta2))
                    if group["safeguard_warmup"]:
                        s.mul_(beta3).add_(sliced_grad, alpha=((d / d0) * d))
                    else:
                        s.mul_(beta3).add_(sliced_grad, alpha=((d / d0) * dlr))
                    d_denom += s.abs().sum().item()
        d_hat = d
        if d_denom == 0:
            return None
        global_d_numerator = d_numerator + delta_numerator
        global_d_denom = d_denom
        d_hat = d_coef * global_d_numerator / global_d_denom
        if d == group["d0"]:
            d = max(d, d_hat)
        d_max = max(d_max, d_hat)
        d = min(d_max, d * growth_rate)
        for group in self.param_groups:
            group["d_numerator"] = global_d_numerator
            group["d_denom"] = global_d_denom
            group["d"] = d
            group["d_max"] = d_max
            group["d_hat"] = d_hat
            decay, eps = group["weight_decay"], group["eps"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                state["step"] += 1
                denom = state["exp_avg_sq"].sqrt().add_(d * eps)
                if decay != 0 and decouple:
                    p.add_(p, alpha=-decay * dlr)
                if beta1 > 0:
                    p.addcdiv_(state["exp_avg"], denom, value=-dlr)
                else:
                    p.addcdiv_(grads[p], denom, value=-dlr * d)
            group["k"] = group["k"] + 1
        return None


CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "betas+beta3+coef+growth", "options": {"betas": (0.8, 0.99), "beta3": 0.95, "d_coef": 0.5, "growth_rate": 1.05},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "coupled decay+bias correction", "options": {"weight_decay": 0.1, "decouple": False, "use_bias_correction": True},
     "problems": ["linreg", "mlp"]},
    {"name": "decoupled+safeguard+d0", "options": {"lr": 0.5, "weight_decay": 0.05, "safeguard_warmup": True, "d0": 1e-4},
     "problems": ["linreg", "mlp"]},
    {"name": "no momentum+slice", "options": {"betas": (0.0, 0.999), "slice_p": 2, "weight_decay": 0.01, "decouple": False},
     "problems": ["linreg", "mlp"]},
    {"name": "groups+missing grad", "options": {},
     "groups": [([0, 1], {"eps": 1e-6}), ([2, 3], {"weight_decay": 0.01})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Written from konstmish/prodigy (prodigyopt 1.1.2, commit 3efb213), prodigyopt/prodigy.py, operation by "
        "operation in PyTorch 1.13 float32. p0 is a single zero for a parameter that starts all zeros, s and p0 hold "
        "every slice_p-th element of the flattened parameter, as upstream. 200 steps.")

if __name__ == "__main__":
    write_fixture("Prodigy", Prodigy, CASES, NOTE)
