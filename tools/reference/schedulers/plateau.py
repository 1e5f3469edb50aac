"""ReduceLROnPlateau reference fixture.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/schedulers/plateau.py

Each case is fed a fixed metric sequence, stored in the fixture: a loss that drops to a new level every 50
steps and wobbles within each level (min mode), or the matching accuracy (max mode), so that every case
reduces its rates several times.
"""

import math

import torch.optim.lr_scheduler as S
from common import write_fixture

NOTE = (
    "PyTorch 1.13 vs current: current PyTorch derives ReduceLROnPlateau from LRScheduler (without calling its "
    "constructor: no initial_lr, no initial step, last_epoch starts at 0 and _last_lr is set at construction) and "
    "keeps default_min_lr so that a scalar min_lr extends to param groups added later (a per-group list then "
    "raises a RuntimeError); 1.13 is a plain object with a `verbose` flag. The reduction rule and every recorded "
    "value are the same. Descent follows current PyTorch; its state dict also holds the base's base_lrs (the rates "
    "at construction) and _step_count."
)

STEPS = 300
LOSS = [round((1.0 / (1 + t // 50)) * (1 + 0.02 * math.sin(1.7 * t)), 12) for t in range(STEPS)]
ACCURACY = [round(1.0 - 0.5 * x, 12) for x in LOSS]


def case(name, options, metrics):
    return {
        "name": name,
        "options": options,
        "steps": STEPS,
        "metrics": metrics,
        "make": lambda o: S.ReduceLROnPlateau(o, **options),
    }


if __name__ == "__main__":
    write_fixture("ReduceLROnPlateau", [
        case("defaults (min, rel, patience 10, factor 0.1)", {}, LOSS),
        case("min, abs 0.005, patience 5, factor 0.5, cooldown 3, per-group min_lr",
             {"mode": "min", "threshold_mode": "abs", "threshold": 0.005, "patience": 5, "factor": 0.5,
              "cooldown": 3, "min_lr": [0.002, 0.0005]}, LOSS),
        case("max, rel 0.001, patience 4, factor 0.5, eps 1e-3",
             {"mode": "max", "threshold": 0.001, "patience": 4, "factor": 0.5, "eps": 1e-3}, ACCURACY),
        case("max, abs 0.002, patience 2, factor 0.3, cooldown 10, min_lr 1e-3",
             {"mode": "max", "threshold_mode": "abs", "threshold": 0.002, "patience": 2, "factor": 0.3,
              "cooldown": 10, "min_lr": 1e-3}, ACCURACY),
    ], NOTE)
