"""Adagrad reference fixture: tests/Fixtures/optim/adagrad.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/adagrad.py
"""

import torch
from common import write_fixture

CASES = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr_decay+initial_accumulator_value", "options": {"lr": 0.1, "lr_decay": 0.01, "initial_accumulator_value": 0.1},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "wd+eps", "options": {"lr": 0.05, "weight_decay": 0.1, "eps": 1e-6}, "problems": ["linreg", "mlp"]},
    {"name": "maximize+lr_decay", "options": {"lr": 0.01, "maximize": True, "lr_decay": 0.001, "initial_accumulator_value": 0.5},
     "problems": ["linreg", "mlp"]},
    # Parameter 2 has no gradient at step 1: its state is still listed at that checkpoint (step 0, sum at the
    # initial value), since Adagrad creates every state in its constructor.
    {"name": "groups+missing grad", "options": {"lr": 0.05, "initial_accumulator_value": 0.2},
     "groups": [([0, 1], {"lr_decay": 0.05}), ([2, 3], {"weight_decay": 0.01, "lr": 0.02})],
     "drop_grad": (1, 2), "problems": ["mlp"]},
]

NOTE = ("Both 1.13 and current PyTorch create Adagrad's state (step = 0 as a float tensor, sum filled with "
        "initial_accumulator_value) for every parameter in the constructor, so it appears in the state dict before "
        "any step and for parameters that never had a gradient; Descent does the same. Both fill sum from the "
        "constructor's initial_accumulator_value even for a param group that sets its own; Descent uses each group's "
        "own value (the same unless a group overrides it, which no case here does). A param group added after "
        "construction gets no state in 1.13 (nor in the current source consulted), and step then fails with "
        "KeyError 'sum'; Descent creates that state at the parameter's first step. Current PyTorch adds the keys "
        "differentiable and fused (and both have foreach): switches Descent does not have, left out of the defaults "
        "here. The update, defaults and argument checks are the same in both.")

if __name__ == "__main__":
    write_fixture("Adagrad", torch.optim.Adagrad, CASES, NOTE)
