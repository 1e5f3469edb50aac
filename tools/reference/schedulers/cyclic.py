"""CyclicLR reference fixture.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/schedulers/cyclic.py

Custom scale functions cannot be stored; a case names its function in options["scale_fn"], and the C# catalogue
defines the same function under that name.
"""

import math

import torch.optim.lr_scheduler as S
from common import write_fixture

NOTE = (
    "PyTorch 1.13 vs current: (1) 1.13 cycles only `momentum` and raises for an optimizer without it (Adam); "
    "current PyTorch cycles Adam's beta1 in `betas` (use_beta1). The Adam cases run CyclicLRBeta1, a subclass in "
    "this script that adds exactly current PyTorch's beta1 handling to 1.13's CyclicLR; Descent follows current "
    "PyTorch. (2) 1.13 starts each group's momentum at base_momentum before its initial step, current PyTorch at "
    "max_momentum, and current PyTorch also writes max_momentum/base_momentum into the groups; the initial step "
    "overwrites the momentum in both, so the recorded values agree. (3) The message for a per-group list of the "
    "wrong length differs; Descent uses current PyTorch's wording."
)

SCALE_FNS = {
    "0.9^x": lambda x: 0.9 ** x,
    "1/(1+x/100)": lambda x: 1.0 / (1.0 + x / 100.0),
}


class CyclicLRBeta1(S.CyclicLR):
    """1.13's CyclicLR with current PyTorch's beta1 cycling for optimizers that have `betas` but no `momentum`.

    As current PyTorch: each group's beta1 starts at max_momentum, max_momentum/base_momentum are written into the
    groups, and every get_lr sets beta1 = max_momentum - (max_momentum - base_momentum) * scale_factor * scale.
    """

    def __init__(self, optimizer, *args, cycle_momentum=True, base_momentum=0.8, max_momentum=0.9, **kwargs):
        self._beta1 = cycle_momentum and "betas" in optimizer.defaults and "momentum" not in optimizer.defaults
        if self._beta1:
            n = len(optimizer.param_groups)
            self._base_b1 = list(base_momentum) if isinstance(base_momentum, (list, tuple)) else [base_momentum] * n
            self._max_b1 = list(max_momentum) if isinstance(max_momentum, (list, tuple)) else [max_momentum] * n
            for m, b, group in zip(self._max_b1, self._base_b1, optimizer.param_groups):
                group["betas"] = (m, *group["betas"][1:])
                group["max_momentum"] = m
                group["base_momentum"] = b
        super().__init__(optimizer, *args, cycle_momentum=cycle_momentum and not self._beta1,
                         base_momentum=base_momentum, max_momentum=max_momentum, **kwargs)

    def get_lr(self):
        lrs = super().get_lr()
        if self._beta1:
            cycle = math.floor(1 + self.last_epoch / self.total_size)
            x = 1.0 + self.last_epoch / self.total_size - cycle
            scale_factor = x / self.step_ratio if x <= self.step_ratio else (x - 1) / (self.step_ratio - 1)
            for b, m, group in zip(self._base_b1, self._max_b1, self.optimizer.param_groups):
                base_height = (m - b) * scale_factor
                scale = self.scale_fn(cycle) if self.scale_mode == "cycle" else self.scale_fn(self.last_epoch)
                group["betas"] = (m - base_height * scale, *group["betas"][1:])
        return lrs


def case(name, options, optimizer="SGD", optimizer_options=None, steps=300):
    kwargs = {k: v for k, v in options.items() if k != "scale_fn"}
    if "scale_fn" in options:
        kwargs["scale_fn"] = SCALE_FNS[options["scale_fn"]]
    return {
        "name": name,
        "options": options,
        "optimizer": optimizer,
        "optimizer_options": optimizer_options or {},
        "steps": steps,
        "record_momentum": options.get("cycle_momentum", True),
        "make": lambda o: CyclicLRBeta1(o, **kwargs),
    }


if __name__ == "__main__":
    write_fixture("CyclicLR", [
        # Only the required arguments: step_size_up 2000, triangular, momentum 0.8..0.9 are PyTorch's defaults.
        case("defaults, SGD momentum", {"base_lr": 0.001, "max_lr": 0.1}, "SGD", {"momentum": 0.9}),
        case("exp_range with the default gamma 1", {"base_lr": 0.001, "max_lr": 0.01, "step_size_up": 33,
                                                    "mode": "exp_range"}, "SGD", {"momentum": 0.9}),
        case("triangular, per-group rates, SGD momentum",
             {"base_lr": [0.01, 0.001], "max_lr": [0.1, 0.02], "step_size_up": 20}, "SGD", {"momentum": 0.9}),
        case("triangular2, up 15 down 35, SGD momentum 0.85..0.95",
             {"base_lr": 0.001, "max_lr": 0.05, "step_size_up": 15, "step_size_down": 35, "mode": "triangular2",
              "base_momentum": 0.85, "max_momentum": 0.95}, "SGD", {"momentum": 0.9}),
        case("exp_range gamma 0.995, Adam beta1",
             {"base_lr": 0.0005, "max_lr": 0.005, "step_size_up": 25, "mode": "exp_range", "gamma": 0.995},
             "Adam"),
        case("triangular, Adam beta1 per group, up 40 down 10",
             {"base_lr": [0.001, 0.0001], "max_lr": [0.01, 0.002], "step_size_up": 40, "step_size_down": 10,
              "base_momentum": [0.8, 0.85], "max_momentum": [0.9, 0.95]}, "Adam"),
        case("triangular, no momentum cycling, Adam",
             {"base_lr": 0.001, "max_lr": 0.006, "step_size_up": 30, "cycle_momentum": False}, "Adam"),
        case("custom scale 0.9^cycle (default scale_mode), SGD momentum",
             {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 10, "scale_fn": "0.9^x"},
             "SGD", {"momentum": 0.5}),
        case("custom scale 1/(1+t/100) on iterations, sawtooth (step_size_down 0)",
             {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 12, "step_size_down": 0, "scale_fn": "1/(1+x/100)",
              "scale_mode": "iterations"}, "SGD", {"momentum": 0.9}),
    ], NOTE)
