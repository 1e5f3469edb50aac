"""CosineAnnealingLR and CosineAnnealingWarmRestarts reference fixtures.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/schedulers/cosine.py

CosineAnnealingWarmRestarts cases that call step(epoch) store the epochs in the fixture's "metrics" (the
per-step argument of step); -1 there stands for a plain step(), so one case can interleave both as PyTorch's
documentation does.
"""

import torch.optim.lr_scheduler as S
from common import write_fixture

COSINE_NOTE = (
    "PyTorch 1.13 and current PyTorch step with the same recursive form, "
    "eta_t = eta_min + (eta_{t-1} - eta_min) * (1 + cos(pi t / T)) / (1 + cos(pi (t - 1) / T)), and give the same "
    "rates for a new schedule. Current PyTorch keeps the rates on the initial step (1.13 tested last_epoch == 0), "
    "which differs only when resuming with last_epoch >= 0 (1.13 then jumped to the closed form through its "
    "_step_count == 1 branch). Descent follows current PyTorch. It also refuses T_max <= 0 (PyTorch divides by it "
    "on the first step) and a negative eta_min (the optimizer would refuse the rate). The recursive form's "
    "response to rates changed from outside is checked in the ChainedScheduler and SequentialLR fixtures."
)

WARM_RESTARTS_NOTE = (
    "PyTorch 1.13 wraps T_cur by subtracting T_i, current PyTorch by taking T_cur % T_i; they differ only when "
    "resuming with last_epoch >= 2 T_0, and Descent follows current PyTorch. Current PyTorch also checks that "
    "eta_min is a number; Descent refuses a negative eta_min (the optimizer would refuse the rate) and a negative "
    "or non-finite epoch in step(epoch), as both versions refuse a negative one. Neither version counts steps in "
    "_step_count for this scheduler, and Descent does the same."
)


class StepWith:
    """Calls step() where the recorded argument is -1, step(epoch) otherwise."""

    def __init__(self, scheduler):
        self.scheduler = scheduler

    def get_last_lr(self):
        return self.scheduler.get_last_lr()

    def step(self, epoch):
        if epoch < 0:
            self.scheduler.step()
        else:
            self.scheduler.step(epoch)


def interleaved_epochs():
    """Plain steps with jumps forward, backward below T_0 and to fractional epochs."""
    jumps = {20: 26, 60: 2.5, 100: 40.25, 150: 3, 200: 123.5, 250: 0}
    return [float(jumps[t]) if t in jumps else -1.0 for t in range(300)]


if __name__ == "__main__":
    write_fixture("CosineAnnealingLR", [
        {"name": "T_max 300 (default eta_min)", "options": {"T_max": 300},
         "make": lambda o: S.CosineAnnealingLR(o, 300)},
        {"name": "T_max 50, eta_min 1e-3: three periods", "options": {"T_max": 50, "eta_min": 1e-3},
         "make": lambda o: S.CosineAnnealingLR(o, 50, eta_min=1e-3)},
        {"name": "T_max 7, eta_min 1e-4, Adam: many periods", "options": {"T_max": 7, "eta_min": 1e-4},
         "optimizer": "Adam", "make": lambda o: S.CosineAnnealingLR(o, 7, eta_min=1e-4)},
    ], COSINE_NOTE)
    fractional = [(t + 1) / 8 for t in range(300)]
    thirds = [(t + 1) / 3 for t in range(300)]
    write_fixture("CosineAnnealingWarmRestarts", [
        {"name": "T_0 10 (defaults T_mult 1, eta_min 0)", "options": {"T_0": 10},
         "make": lambda o: S.CosineAnnealingWarmRestarts(o, 10)},
        {"name": "T_0 5, T_mult 2, eta_min 1e-3", "options": {"T_0": 5, "T_mult": 2, "eta_min": 1e-3},
         "make": lambda o: S.CosineAnnealingWarmRestarts(o, 5, T_mult=2, eta_min=1e-3)},
        {"name": "step(epoch) per batch, 8 batches an epoch, T_0 3, T_mult 2", "options": {"T_0": 3, "T_mult": 2, "eta_min": 1e-4},
         "metrics": fractional, "make": lambda o: StepWith(S.CosineAnnealingWarmRestarts(o, 3, T_mult=2, eta_min=1e-4))},
        {"name": "step(epoch) per batch, 3 batches an epoch, T_0 7, Adam", "options": {"T_0": 7},
         "optimizer": "Adam", "metrics": thirds, "make": lambda o: StepWith(S.CosineAnnealingWarmRestarts(o, 7))},
        {"name": "step() interleaved with step(epoch), T_0 4, T_mult 3", "options": {"T_0": 4, "T_mult": 3, "eta_min": 5e-4},
         "metrics": interleaved_epochs(), "make": lambda o: StepWith(S.CosineAnnealingWarmRestarts(o, 4, T_mult=3, eta_min=5e-4))},
    ], WARM_RESTARTS_NOTE)
