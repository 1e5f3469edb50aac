"""NAdam reference fixture: tests/Fixtures/optim/nadam.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/nadam.py

PyTorch 1.13's NAdam differs from current PyTorch in two respects, and this script makes it behave as current
PyTorch before recording anything:
  * it lacks ``maximize`` and ``decoupled_weight_decay``: added by :class:`emulate.CurrentFlags`;
  * it divides the momentum term by ``1 - mu_product * mu * mu_next``, counting mu twice because mu_product
    already includes it (fixed in PyTorch 2.0, pytorch/pytorch#92699): :func:`_single_tensor_nadam` below is
    1.13's function with that one line changed to current PyTorch's ``mu_product.item() * mu_next``, and is
    installed in place of 1.13's.
"""

import importlib

import torch
from common import write_fixture
from emulate import CurrentFlags


def _single_tensor_nadam(params, grads, exp_avgs, exp_avg_sqs, mu_products, state_steps, *,
                         beta1, beta2, lr, weight_decay, momentum_decay, eps):
    for i, param in enumerate(params):
        grad = grads[i]
        exp_avg = exp_avgs[i]
        exp_avg_sq = exp_avg_sqs[i]
        mu_product = mu_products[i]
        step_t = state_steps[i]
        step_t += 1
        step = step_t.item()

        bias_correction2 = 1 - beta2 ** step

        if weight_decay != 0:
            grad = grad.add(param, alpha=weight_decay)

        mu = beta1 * (1. - 0.5 * (0.96 ** (step * momentum_decay)))
        mu_next = beta1 * (1. - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))

        mu_product *= mu
        mu_product_next = mu_product.item() * mu_next  # current PyTorch; 1.13: mu_product * mu * mu_next

        exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)

        denom = exp_avg_sq.div(bias_correction2).sqrt().add_(eps)
        param.addcdiv_(grad, denom, value=-lr * (1. - mu) / (1. - mu_product.item()))
        param.addcdiv_(exp_avg, denom, value=-lr * mu_next / (1. - mu_product_next))


# torch.optim deletes its submodule names, so reach the module through the import system.
importlib.import_module("torch.optim.nadam")._single_tensor_nadam = _single_tensor_nadam


class NAdam(CurrentFlags, torch.optim.NAdam):
    """1.13's NAdam with current PyTorch's maximize and decoupled_weight_decay."""


CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr+betas+eps+momentum_decay", "options": {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "momentum_decay": 0.01},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "l2", "options": {"lr": 0.01, "weight_decay": 0.1}, "problems": ["linreg", "mlp"]},
    {"name": "decoupled", "options": {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True}, "problems": ["linreg", "mlp"]},
    {"name": "maximize+l2", "options": {"lr": 0.005, "maximize": True, "weight_decay": 0.05}, "problems": ["linreg"]},
    # beta1 = 0.5 puts current PyTorch's lerp weight 1 - beta1 on its other branch (weight >= 0.5).
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0, 1], {"lr": 0.02, "betas": (0.5, 0.9)}), ([2, 3], {"weight_decay": 0.1, "decoupled_weight_decay": True})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("PyTorch 1.13's NAdam divides the momentum term by 1 - mu_product * mu * mu_next, counting mu twice; "
        "PyTorch 2.0 fixed this to 1 - mu_product * mu_next (pytorch/pytorch#92699). 1.13 also lacks maximize "
        "(added in 2.0) and decoupled_weight_decay (added in 2.1). Descent follows current PyTorch, and so does "
        "this fixture: nadam.py replaces 1.13's _single_tensor_nadam by a copy with the fixed line, and "
        "emulate.CurrentFlags adds the two flags around 1.13's step exactly as current PyTorch applies them "
        "(negate the gradient; then multiply the parameter by 1 - lr * weight_decay, or add weight_decay * param "
        "to the gradient); the defaults record maximize = False and decoupled_weight_decay = False for that "
        "reason. Current PyTorch updates exp_avg with lerp_(grad, 1 - beta1) where 1.13 used mul_(beta1).add_("
        "grad, alpha=1 - beta1); Descent follows current PyTorch, and the two agree to float32 rounding. "
        "mu_product is a float32 scalar tensor in both, and a float32 number in Descent.")

if __name__ == "__main__":
    write_fixture("NAdam", NAdam, CASES, NOTE)
