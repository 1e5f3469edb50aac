"""Shared machinery for the learning-rate scheduler reference fixtures.

Each family script beside this file lists configurations and calls :func:`write_fixture`, which writes
``tests/Fixtures/schedulers/<name>.json``. Every case builds an optimizer with two param groups (learning
rates ``group_lrs``), attaches the scheduler, and records ``get_last_lr()`` after construction and after
each of ``steps`` steps, plus the momentum (or Adam's beta1) of every group where a scheduler cycles it.
Cases with ``metrics`` pass its values to ``step`` one by one: ReduceLROnPlateau's metric, or the epoch that
CosineAnnealingWarmRestarts's ``step(epoch)`` takes (cosine.py).
"""

import datetime
import json
import pathlib
import platform
import sys

import torch

REPO = pathlib.Path(__file__).resolve().parents[3]
OUT = REPO / "tests" / "Fixtures" / "schedulers"

OPTIMIZERS = {"SGD": torch.optim.SGD, "Adam": torch.optim.Adam}


def momentum_of(group):
    if "momentum" in group:
        return group["momentum"]
    if "betas" in group:
        return group["betas"][0]
    return None


def run_case(make_scheduler, group_lrs, steps, optimizer="SGD", optimizer_options=None, metrics=None, record_momentum=False):
    params = [torch.zeros(2, requires_grad=True) for _ in group_lrs]
    opt = OPTIMIZERS[optimizer]([{"params": [p], "lr": lr} for p, lr in zip(params, group_lrs)], **(optimizer_options or {}))
    sched = make_scheduler(opt)
    lrs = [list(sched.get_last_lr()) if hasattr(sched, "get_last_lr") else [g["lr"] for g in opt.param_groups]]
    momenta = [[momentum_of(g) for g in opt.param_groups]]
    for t in range(steps):
        opt.step()
        if metrics is not None:
            sched.step(metrics[t])
        else:
            sched.step()
        lrs.append([g["lr"] for g in opt.param_groups])
        momenta.append([momentum_of(g) for g in opt.param_groups])
    entry = {"lrs": lrs}
    if record_momentum:
        entry["momenta"] = momenta
    return entry


def write_fixture(name, cases, note):
    """cases: dicts with name, options (scheduler kwargs as PyTorch names), make (optimizer -> scheduler),
    and optionally group_lrs, steps, optimizer, optimizer_options, metrics, record_momentum."""
    out = {
        "provenance": {
            "script": f"tools/reference/schedulers/{pathlib.Path(sys.argv[0]).name}",
            "torch_version": torch.__version__,
            "python_version": platform.python_version(),
            "date": datetime.date.today().isoformat(),
            "note": note,
        },
        "scheduler": name,
        "cases": [],
    }
    for case in cases:
        group_lrs = case.get("group_lrs", [0.1, 0.01])
        steps = case.get("steps", 300)
        entry = {
            "name": case["name"],
            "options": case["options"],
            "group_lrs": group_lrs,
            "optimizer": case.get("optimizer", "SGD"),
            "optimizer_options": case.get("optimizer_options", {}),
            "steps": steps,
        }
        if "metrics" in case:
            entry["metrics"] = case["metrics"]
        entry.update(run_case(case["make"], group_lrs, steps, entry["optimizer"], entry["optimizer_options"],
                              case.get("metrics"), case.get("record_momentum", False)))
        out["cases"].append(entry)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name.lower()}.json"
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {path.relative_to(REPO)}: {len(out['cases'])} cases")
