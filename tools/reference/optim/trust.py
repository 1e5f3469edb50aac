"""optax's scale_by_trust_ratio (optax/_src/transform.py, optax main, August 2026) on float32 tensors, for lamb.py and lars.py."""

import torch


def trust_ratio(param, update, trust_coefficient=1.0, eps=0.0):
    param_norm = torch.linalg.norm(param.reshape(-1))
    update_norm = torch.linalg.norm(update.reshape(-1))
    if param_norm.item() == 0.0 or update_norm.item() == 0.0:
        return torch.tensor(1.0)
    return trust_coefficient * param_norm / (update_norm + eps)
