"""SWALR reference fixtures.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/schedulers/swa.py
"""

from torch.optim.swa_utils import SWALR
from common import write_fixture

NOTE = (
    "SWALR.get_lr is the same in PyTorch 1.13 and current PyTorch: it anneals by _step_count (not last_epoch), "
    "recovering the starting rate each step as (lr - alpha_prev * swa_lr) / (1 - alpha_prev). Current PyTorch "
    "keeps the strategy name in the state dict (_anneal_strategy) instead of the function, and formats swa_lr with "
    "the shared _format_param; Descent follows current PyTorch, keeps the strategy as an enum, and refuses a "
    "negative or NaN swa_lr (the optimizer would refuse the rate). Inside a SequentialLR current PyTorch does not "
    "count the milestone as a step (see SequentialLR's fixture)."
)

if __name__ == "__main__":
    write_fixture("SWALR", [
        {"name": "swa_lr 0.05 (defaults: 10 epochs, cos)", "options": {"swa_lr": 0.05},
         "make": lambda o: SWALR(o, swa_lr=0.05)},
        {"name": "per-group swa_lr, 25 epochs, linear, Adam", "options": {"swa_lr": [0.02, 0.005], "anneal_epochs": 25, "anneal_strategy": "linear"},
         "optimizer": "Adam", "make": lambda o: SWALR(o, swa_lr=[0.02, 0.005], anneal_epochs=25, anneal_strategy="linear")},
        {"name": "anneal_epochs 0: straight to swa_lr", "options": {"swa_lr": 0.03, "anneal_epochs": 0, "anneal_strategy": "cos"},
         "make": lambda o: SWALR(o, swa_lr=0.03, anneal_epochs=0, anneal_strategy="cos")},
        {"name": "annealing up to swa_lr 0.5 over 5 epochs, linear", "options": {"swa_lr": 0.5, "anneal_epochs": 5, "anneal_strategy": "linear"},
         "make": lambda o: SWALR(o, swa_lr=0.5, anneal_epochs=5, anneal_strategy="linear")},
        {"name": "anneal_epochs 1, cos", "options": {"swa_lr": 0.001, "anneal_epochs": 1, "anneal_strategy": "cos"},
         "make": lambda o: SWALR(o, swa_lr=0.001, anneal_epochs=1, anneal_strategy="cos")},
    ], NOTE)
