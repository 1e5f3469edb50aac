"""Adafactor reference fixture: tests/Fixtures/optim/adafactor.json.

Upstream: torch.optim.Adafactor, PyTorch 2.5+ (torch/optim/_adafactor.py, the single-tensor path; read at PyTorch
main, 2026). Debian's torch 1.13 lacks it, so the update is written here from that source, operation by operation on
float32 tensors (the ops it uses all exist in 1.13).

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/adafactor.py
"""

import torch

import longrun  # noqa: F401  (200 steps, more problems)
from common import write_fixture


class Adafactor(torch.optim.Optimizer):
    def __init__(self, params, lr=1e-2, beta2_decay=-0.8, eps=(None, 1e-3), d=1.0, weight_decay=0.0, maximize=False):
        if not 0.0 <= lr:
            raise ValueError(f"Learning rate should be >= 0 but is: {lr}")
        if not 0.0 >= beta2_decay:
            raise ValueError(f"beta2_decay should be <= 0 but is: {beta2_decay}")
        if eps[0] is not None and not 0.0 <= eps[0]:
            raise ValueError(f"epsilon1 should be >= 0 but is: {eps[0]}")
        if not 0.0 <= eps[1]:
            raise ValueError(f"epsilon2 should be >= 0 but is: {eps[1]}")
        if not 1.0 <= d:
            raise ValueError(f"Clipping threshold d should be >= 1 but is: {d}")
        if not 0.0 <= weight_decay:
            raise ValueError(f"weight_decay should be >= 0 but is: {weight_decay}")
        super().__init__(params, dict(lr=lr, beta2_decay=beta2_decay, eps=eps, d=d, weight_decay=weight_decay,
                                      maximize=maximize))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, tau, d, wd = group["lr"], group["beta2_decay"], group["d"], group["weight_decay"]
            eps1, eps2 = group["eps"]
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = -p.grad if group["maximize"] else p.grad
                state = self.state[p]
                if len(state) == 0:
                    state["step"] = torch.tensor(0.0)
                    if g.dim() > 1:
                        state["row_var"] = g.new_zeros(g.shape[:-1] + (1,))
                        state["col_var"] = g.new_zeros(g.shape[:-2] + (1, g.shape[-1]))
                    else:
                        state["variance"] = torch.zeros_like(g)
                e1 = torch.finfo(p.dtype).eps if eps1 is None else eps1
                state["step"] += 1
                t = state["step"].item()
                weight = t ** tau                      # 1 - beta2_t
                rho = min(lr, 1 / t ** 0.5)
                alpha = max(eps2, p.norm(2).item() / p.numel() ** 0.5) * rho
                if wd != 0:
                    p.mul_(1 - lr * wd)
                if g.dim() > 1:
                    row_var, col_var = state["row_var"], state["col_var"]
                    row_var.lerp_(torch.linalg.vector_norm(g, dim=-1, keepdim=True).square_().div_(g.size(-1)), weight)
                    col_var.lerp_(torch.linalg.vector_norm(g, dim=-2, keepdim=True).square_().div_(g.size(-2)), weight)
                    estimate = row_var @ col_var
                    estimate.div_(row_var.mean(dim=-2, keepdim=True).clamp_(min=e1))
                else:
                    state["variance"].lerp_(g * g, weight)
                    estimate = state["variance"].clone()
                update = estimate.clamp_(min=e1 * e1).rsqrt_().mul_(g)
                denom = max(1.0, update.norm(2).item() / (update.numel() ** 0.5 * d))
                p.add_(update, alpha=-alpha / denom)


CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp", "batched"]},
    {"name": "lr+decay+d", "options": {"lr": 0.05, "beta2_decay": -0.5, "d": 2.0}, "problems": ["rosenbrock", "mlp"]},
    {"name": "eps+weight decay", "options": {"lr": 0.02, "eps": (1e-6, 1e-2), "weight_decay": 0.1}, "problems": ["linreg", "batched"]},
    {"name": "maximize", "options": {"lr": 0.005, "maximize": True}, "problems": ["linreg", "mlp"]},
    {"name": "groups+missing grad", "options": {"lr": 0.02},
     "groups": [([0, 1], {"weight_decay": 0.05}), ([2, 3], {"eps": (1e-5, 1e-3)})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Reference update written from PyTorch 2.5+'s torch/optim/_adafactor.py (single-tensor path), op by op on "
        "float32 tensors under torch 1.13; 200 steps. eps = (None, 1e-3): None stands for the parameter dtype's "
        "machine epsilon, torch.finfo(float32).eps.")

if __name__ == "__main__":
    write_fixture("Adafactor", Adafactor, CASES, NOTE)
