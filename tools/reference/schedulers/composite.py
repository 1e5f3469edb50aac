"""SequentialLR and ChainedScheduler reference fixtures.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/schedulers/composite.py

Each case lists its inner schedulers in options["schedulers"] as {"type": <class name>, <PyTorch kwargs>...};
the script builds them from that list with build() and the C# catalogue builds them from the same list.

SequentialLR: PyTorch 1.13 starts a later scheduler at its milestone with step(0); current PyTorch calls
_update_lr(0) instead, which jumps to epoch 0 through the closed form where the scheduler has one (else its
get_lr) and, unlike step(0), does not count a step in _step_count. The rates are the same wherever the scheduler
has a closed form or does not read _step_count (CosineAnnealingWarmRestarts reads T_cur, left at 0 by its own
initial step), but SWALR anneals by _step_count, so with 1.13's step(0) it starts annealing one step early.
The script therefore runs CurrentSequentialLR, a subclass of 1.13's SequentialLR whose step() is current
PyTorch's (the constructors agree except for nested SequentialLR/ChainedScheduler, which no case uses).
"""

from bisect import bisect_right

import torch.optim.lr_scheduler as S
from torch.optim.swa_utils import SWALR
from common import write_fixture

SEQUENTIAL_NOTE = (
    "Generated with CurrentSequentialLR (composite.py): 1.13's SequentialLR with current PyTorch's step(), which "
    "starts the next scheduler at its milestone with _update_lr(0) (closed form where there is one, no step "
    "counted) instead of 1.13's step(0). This changes the rates of the SWALR case (1.13 anneals one step early) "
    "and none of the others. Current PyTorch also undoes the initial steps recursively through nested "
    "SequentialLR/ChainedScheduler (1.13: direct schedulers only), refuses an empty list and ReduceLROnPlateau; "
    "no case here depends on those. Descent follows current PyTorch."
)

CHAINED_NOTE = (
    "No difference in rates between PyTorch 1.13 and current PyTorch is known for ChainedScheduler: both step the "
    "schedulers in order on the same optimizer. Current PyTorch also takes an optional optimizer argument and "
    "refuses an empty list and ReduceLROnPlateau; Descent follows current PyTorch. The cases with "
    "CosineAnnealingLR check its recursive form under rates changed by the other schedulers; they use eta_min = 0 "
    "because with eta_min > 0 and rates pushed below eta_min from outside, PyTorch's recursive form can produce "
    "negative rates, which Descent's optimizers refuse."
)

LAMBDAS = {"0.99": lambda t: 0.99}


def build(opt, spec):
    kwargs = {k: v for k, v in spec.items() if k != "type"}
    if spec["type"] == "SWALR":
        return SWALR(opt, **kwargs)
    if spec["type"] == "MultiplicativeLR":
        return S.MultiplicativeLR(opt, LAMBDAS[kwargs["lambda"]])
    return getattr(S, spec["type"])(opt, **kwargs)


def update_lr(scheduler, epoch):
    """Current PyTorch's LRScheduler._update_lr(epoch) for an explicit epoch, on 1.13's schedulers."""
    scheduler._get_lr_called_within_step = True
    scheduler.last_epoch = epoch
    if hasattr(scheduler, "_get_closed_form_lr"):
        values = scheduler._get_closed_form_lr()
    else:
        values = scheduler.get_lr()
    scheduler._get_lr_called_within_step = False
    for group, lr in zip(scheduler.optimizer.param_groups, values):
        group["lr"] = lr
    scheduler._last_lr = [group["lr"] for group in scheduler.optimizer.param_groups]


class CurrentSequentialLR(S.SequentialLR):
    """1.13's SequentialLR stepped as current PyTorch steps it."""

    def step(self):
        self.last_epoch += 1
        idx = bisect_right(self._milestones, self.last_epoch)
        scheduler = self._schedulers[idx]
        if idx > 0 and self._milestones[idx - 1] == self.last_epoch:
            update_lr(scheduler, 0)
        else:
            scheduler.step()
        self._last_lr = scheduler.get_last_lr()


def sequential(specs, milestones, **case):
    return {
        "options": {"schedulers": specs, "milestones": milestones},
        "make": lambda o: CurrentSequentialLR(o, [build(o, s) for s in specs], milestones),
        **case,
    }


def chained(specs, **case):
    return {
        "options": {"schedulers": specs},
        "make": lambda o: S.ChainedScheduler([build(o, s) for s in specs]),
        **case,
    }


if __name__ == "__main__":
    write_fixture("SequentialLR", [
        sequential([{"type": "LinearLR", "start_factor": 0.1, "total_iters": 20},
                    {"type": "CosineAnnealingLR", "T_max": 280, "eta_min": 1e-4}], [20],
                   name="LinearLR warm-up, then CosineAnnealingLR"),
        sequential([{"type": "ExponentialLR", "gamma": 0.98},
                    {"type": "StepLR", "step_size": 30, "gamma": 0.5}], [100],
                   name="ExponentialLR, then StepLR", optimizer="Adam"),
        sequential([{"type": "ConstantLR", "factor": 0.5, "total_iters": 10},
                    {"type": "ExponentialLR", "gamma": 0.99},
                    {"type": "CosineAnnealingLR", "T_max": 50}], [40, 150],
                   name="ConstantLR, then ExponentialLR, then CosineAnnealingLR"),
        sequential([{"type": "CosineAnnealingLR", "T_max": 200},
                    {"type": "SWALR", "swa_lr": 0.02, "anneal_epochs": 10, "anneal_strategy": "linear"}], [200],
                   name="CosineAnnealingLR, then SWALR (the SWA recipe)"),
        sequential([{"type": "LinearLR", "start_factor": 0.25, "total_iters": 10},
                    {"type": "CosineAnnealingWarmRestarts", "T_0": 20, "T_mult": 2, "eta_min": 1e-4}], [10],
                   name="LinearLR warm-up, then CosineAnnealingWarmRestarts"),
    ], SEQUENTIAL_NOTE)
    write_fixture("ChainedScheduler", [
        chained([{"type": "ConstantLR", "factor": 0.1, "total_iters": 20},
                 {"type": "ExponentialLR", "gamma": 0.99}],
                name="ConstantLR and ExponentialLR"),
        chained([{"type": "CosineAnnealingLR", "T_max": 50},
                 {"type": "ExponentialLR", "gamma": 0.995}],
                name="CosineAnnealingLR and ExponentialLR (recursive cosine)", optimizer="Adam"),
        chained([{"type": "LinearLR", "start_factor": 0.2, "total_iters": 30},
                 {"type": "CosineAnnealingLR", "T_max": 300},
                 {"type": "MultiStepLR", "milestones": [100, 200], "gamma": 0.5}],
                name="LinearLR, CosineAnnealingLR and MultiStepLR"),
        chained([{"type": "MultiplicativeLR", "lambda": "0.99"},
                 {"type": "CosineAnnealingWarmRestarts", "T_0": 25}],
                name="MultiplicativeLR then CosineAnnealingWarmRestarts (which overrides it)"),
    ], CHAINED_NOTE)
