"""Settings shared by the fixtures of the optimizers newer than Debian's torch 1.13 (Adafactor, Muon, Lion, LAMB,
LARS): 200-step trajectories, and problems with matrices of more shapes than common.py's.

Each such script writes the reference update itself as a torch.optim.Optimizer subclass, operation by operation in
float32 from the upstream source it names, and runs it through common.write_fixture.
"""

import torch

import common

common.STEPS = 200
common.CHECKPOINTS = (1, 2, 3, 10, 50, 100, 200)


def mlp_nobias():
    """A 3-4-4-1 tanh network without biases: a tall (4x3), a square (4x4) and a wide (1x4) matrix."""
    g = torch.Generator().manual_seed(13)
    x = torch.randn(16, 3, generator=g)
    y = torch.sin(x.sum(dim=1, keepdim=True))
    params = [torch.randn(4, 3, generator=g) * 0.5, torch.randn(4, 4, generator=g) * 0.5, torch.randn(1, 4, generator=g) * 0.5]

    def loss(p):
        h = torch.tanh(torch.tanh(x @ p[0].T) @ p[1].T)
        return ((h @ p[2].T - y) ** 2).mean()

    return params, loss


def factorization():
    """Low-rank matrix factorization, M ~ U V with U 6x2 and V 2x5."""
    g = torch.Generator().manual_seed(14)
    m = torch.randn(6, 2, generator=g) @ torch.randn(2, 5, generator=g)
    params = [torch.randn(6, 2, generator=g) * 0.3, torch.randn(2, 5, generator=g) * 0.3]

    def loss(p):
        return ((p[0] @ p[1] - m) ** 2).mean()

    return params, loss


def batched():
    """A 3-D parameter (2 matrices of 3x4, as Adafactor factors over the last two dimensions) and a bias."""
    g = torch.Generator().manual_seed(15)
    x = torch.randn(2, 8, 3, generator=g)
    y = torch.randn(2, 8, 4, generator=g)
    params = [torch.randn(2, 3, 4, generator=g) * 0.5, torch.zeros(4)]

    def loss(p):
        return ((torch.bmm(x, p[0]) + p[1] - y) ** 2).mean()

    return params, loss


common.PROBLEMS.update({"mlp_nobias": mlp_nobias, "factorization": factorization, "batched": batched})
