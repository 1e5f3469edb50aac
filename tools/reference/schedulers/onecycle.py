"""OneCycleLR reference fixture.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/schedulers/onecycle.py

PyTorch lets last_epoch reach total_steps (the rate it then sets follows no planned optimizer step) and raises
on the step after. The cos cases step total_steps times; the linear cases stop one step earlier, because at
last_epoch = total_steps linear annealing overshoots past min_lr to a negative rate, which Descent's param groups
refuse (Descent sets 0 there; see the note).
"""

import torch.optim.lr_scheduler as S
from common import write_fixture

NOTE = (
    "PyTorch 1.13 vs current: the schedule, the keys written into the groups (initial_lr, max_lr, min_lr, "
    "max_momentum, base_momentum) and beta1 cycling for Adam are the same. Differences that do not show in the "
    "recorded values, where Descent follows current PyTorch: (1) stepping past total_steps raises 'Tried to step "
    "{n} times. The specified number of total steps is {total}' with n = last_epoch in current PyTorch and "
    "last_epoch + 1 in 1.13 (Descent: InvalidOperationException with n = the step that was refused, i.e. "
    "last_epoch + 1 before the step, which equals current PyTorch's n); (2) epochs without steps_per_epoch is a "
    "ValueError naming both options in current PyTorch and a TypeError in 1.13; (3) the anneal function is saved "
    "as _anneal_func_type ('cos'/'linear') in current PyTorch, as a bound method in 1.13. "
    "Descent vs PyTorch (both versions): at last_epoch = total_steps the last phase is extrapolated past its end; "
    "with linear annealing the rate falls below zero, which PyTorch writes into the group and Descent's param "
    "groups refuse, so Descent sets 0 there. The linear cases therefore record total_steps - 1 steps."
)


def case(name, options, optimizer="SGD", optimizer_options=None, group_lrs=None):
    total = options.get("total_steps") or options["epochs"] * options["steps_per_epoch"]
    entry = {
        "name": name,
        "options": options,
        "optimizer": optimizer,
        "optimizer_options": optimizer_options or {},
        "steps": total if options.get("anneal_strategy", "cos") == "cos" else total - 1,
        "record_momentum": options.get("cycle_momentum", True),
        "make": lambda o: S.OneCycleLR(o, **options),
    }
    if group_lrs:
        entry["group_lrs"] = group_lrs
    return entry


if __name__ == "__main__":
    write_fixture("OneCycleLR", [
        case("cos, per-group max_lr, SGD momentum", {"max_lr": [0.1, 0.05], "total_steps": 300}, "SGD", {"momentum": 0.9}),
        case("linear, epochs 10 x 31, pct 0.25, div 10, final div 100, Adam beta1",
             {"max_lr": 0.01, "epochs": 10, "steps_per_epoch": 31, "pct_start": 0.25, "anneal_strategy": "linear",
              "div_factor": 10.0, "final_div_factor": 100.0}, "Adam"),
        case("three-phase cos, per-group momenta, SGD",
             {"max_lr": 0.2, "total_steps": 333, "three_phase": True, "base_momentum": [0.8, 0.85],
              "max_momentum": [0.9, 0.95]}, "SGD", {"momentum": 0.9}),
        case("three-phase linear, pct 0.4, Adam beta1",
             {"max_lr": [0.004, 0.002], "total_steps": 301, "three_phase": True, "pct_start": 0.4,
              "anneal_strategy": "linear"}, "Adam"),
        case("cos, no momentum cycling, pct 0.1, Adam",
             {"max_lr": 0.003, "total_steps": 320, "pct_start": 0.1, "cycle_momentum": False}, "Adam"),
    ], NOTE)
