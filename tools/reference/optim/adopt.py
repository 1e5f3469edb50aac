"""ADOPT reference fixture: tests/Fixtures/optim/adopt.json.

Upstream: the ADOPT authors' implementation, iShohei220/adopt (commit 6468572b4b3688a2f056b796b071da540568520e),
src/adopt/adopt.py, class ADOPT and its single-tensor branch _single_tensor_adopt. Debian's PyTorch 1.13 lacks the
torch.optim helpers it imports, so the update is written here from that source, operation by operation on float32
tensors: the first step only fills exp_avg_sq, and later steps normalize by the previous second moment, clip to
clip_lambda(step) = step ** 0.25 (step is the count before the increment, as a Python float), then average.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/adopt.py
"""

import torch

import common
from common import write_fixture

common.STEPS = 200
common.CHECKPOINTS = (1, 2, 3, 10, 50, 100, 200)


class ADOPT(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.9999), eps=1e-6, clip_lambda=lambda step: step ** 0.25,
                 weight_decay=0.0, decouple=False, *, maximize=False):
        if not 0.0 <= lr:
            raise ValueError(f"Invalid learning rate: {lr}")
        if not 0.0 <= eps:
            raise ValueError(f"Invalid epsilon value: {eps}")
        if not 0.0 <= betas[0] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
        if not 0.0 <= betas[1] < 1.0:
            raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        self.clip_lambda = clip_lambda
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, decouple=decouple,
                                      maximize=maximize))

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is None
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, wd, eps = group["lr"], group["weight_decay"], group["eps"]
            for param in group["params"]:
                if param.grad is None:
                    continue
                state = self.state[param]
                if len(state) == 0:
                    state["step"] = torch.tensor(0.0)
                    state["exp_avg"] = torch.zeros_like(param)
                    state["exp_avg_sq"] = torch.zeros_like(param)
                grad = param.grad if not group["maximize"] else -param.grad
                exp_avg, exp_avg_sq, step_t = state["exp_avg"], state["exp_avg_sq"], state["step"]
                step = step_t.item()
                if wd != 0 and not group["decouple"]:
                    grad = grad.add(param, alpha=wd)
                if step == 0:
                    exp_avg_sq.addcmul_(grad, grad)
                    step_t += 1
                    continue
                if wd != 0 and group["decouple"]:
                    param.add_(param, alpha=-lr * wd)
                denom = torch.clamp(exp_avg_sq.sqrt(), eps)
                normed_grad = grad.div(denom)
                if self.clip_lambda is not None:
                    clip = self.clip_lambda(step)
                    normed_grad.clamp_(-clip, clip)
                exp_avg.lerp_(normed_grad, 1 - beta1)
                param.add_(exp_avg, alpha=-lr)
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                step_t += 1


CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr+betas+eps", "options": {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-4}, "problems": ["rosenbrock", "mlp"]},
    {"name": "l2", "options": {"lr": 0.01, "weight_decay": 0.1}, "problems": ["linreg", "mlp"]},
    {"name": "decoupled+maximize", "options": {"lr": 0.005, "weight_decay": 0.1, "decouple": True, "maximize": True},
     "problems": ["linreg"]},
    {"name": "decoupled", "options": {"lr": 0.02, "weight_decay": 0.05, "decouple": True}, "problems": ["mlp"]},
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0, 1], {"lr": 0.02, "betas": (0.5, 0.9)}), ([2, 3], {"weight_decay": 0.01, "decouple": True})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Written from iShohei220/adopt (commit 6468572), src/adopt/adopt.py, single-tensor branch, operation by "
        "operation in PyTorch 1.13 float32, which lacks ADOPT. clip_lambda is upstream's default, step ** 0.25; it is "
        "an attribute, not a group key. 200 steps.")

if __name__ == "__main__":
    write_fixture("ADOPT", ADOPT, CASES, NOTE)
