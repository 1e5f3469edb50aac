"""ConstantLR and LinearLR reference fixtures.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/schedulers/warmup.py
"""

import torch.optim.lr_scheduler as S
from common import write_fixture

CONSTANT_NOTE = (
    "PyTorch 1.13 and current PyTorch give the same rates for a new schedule. Their get_lr differs only in "
    "form (1.13 also tested last_epoch > total_iters, which cannot change the result). Descent follows current "
    "PyTorch, and also refuses a NaN factor (PyTorch's range check lets NaN through)."
)

LINEAR_NOTE = (
    "PyTorch 1.13 accepts start_factor = 0 (then divides by zero on the next step); current PyTorch requires "
    "0 < start_factor <= 1, which Descent follows. Current PyTorch keeps the rates on the initial step also when "
    "resuming (last_epoch >= 0), where 1.13 applied the linear factor; for a new schedule, as recorded here, "
    "both give the same rates. Descent also refuses total_iters <= 0, for which PyTorch's closed form (used at a "
    "SequentialLR milestone) divides by zero."
)

if __name__ == "__main__":
    write_fixture("ConstantLR", [
        {"name": "defaults (factor 1/3, 5 iters)", "options": {}, "make": lambda o: S.ConstantLR(o)},
        {"name": "factor 0.5 for 40 iters, Adam", "options": {"factor": 0.5, "total_iters": 40},
         "optimizer": "Adam", "make": lambda o: S.ConstantLR(o, factor=0.5, total_iters=40)},
        {"name": "factor 0.1 for 150 iters", "options": {"factor": 0.1, "total_iters": 150},
         "group_lrs": [0.3, 0.003], "make": lambda o: S.ConstantLR(o, factor=0.1, total_iters=150)},
    ], CONSTANT_NOTE)
    write_fixture("LinearLR", [
        {"name": "defaults (1/3 to 1 over 5 iters)", "options": {}, "make": lambda o: S.LinearLR(o)},
        {"name": "warm-up 0.05 to 1 over 40 iters", "options": {"start_factor": 0.05, "end_factor": 1.0, "total_iters": 40},
         "make": lambda o: S.LinearLR(o, start_factor=0.05, end_factor=1.0, total_iters=40)},
        {"name": "decay 1 to 0.1 over 100 iters, Adam", "options": {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 100},
         "optimizer": "Adam", "make": lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=100)},
        {"name": "decay 1 to 0 over 250 iters", "options": {"start_factor": 1.0, "end_factor": 0.0, "total_iters": 250},
         "make": lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.0, total_iters=250)},
    ], LINEAR_NOTE)
