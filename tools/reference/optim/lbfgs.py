"""LBFGS reference fixture: tests/Fixtures/optim/lbfgs.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/lbfgs.py

LBFGS cannot be checked by replaying gradients: each step calls a closure several times, at points its line
search and its iterations choose. So this fixture records the problem instead of the gradients: the initial
parameters and any data the loss reads (``data``, by name, e.g. linreg's ``x`` and ``y``), and after every step
the loss the step returned, the parameters and the whole state. Descent's test builds the same loss in C# and runs
its own LBFGS on it. Its loss and gradient are computed by Descent's float32 ops, which round differently from
PyTorch's, and L-BFGS amplifies that over iterations (more so on Rosenbrock and with the line search), so the
cases run few iterations each, and stop short of convergence, where the curvature pairs would hold only
rounding noise.
"""

import datetime
import inspect
import json
import pathlib
import platform
import sys

import torch
from common import OUT, PROBLEMS, REPO, hyper_json, tensor_json, value_json

WOLFE = "strong_wolfe"

# (name, options, {problem: steps})
CASES = [
    ("fixed steps", {"max_iter": 4}, {"rosenbrock": 3, "linreg": 1}),
    ("fixed steps, short history", {"lr": 0.5, "max_iter": 3, "history_size": 2}, {"rosenbrock": 3, "linreg": 3}),
    ("fixed steps, two iterations", {"max_iter": 2}, {"linreg": 3}),
    ("strong wolfe", {"line_search_fn": WOLFE, "max_iter": 4}, {"rosenbrock": 2, "linreg": 1}),
    ("strong wolfe, short history", {"line_search_fn": WOLFE, "max_iter": 6, "history_size": 3, "lr": 0.8},
     {"rosenbrock": 3}),
    ("strong wolfe, max_eval", {"line_search_fn": WOLFE, "max_iter": 10, "max_eval": 4, "history_size": 3},
     {"rosenbrock": 3, "linreg": 1}),
    ("strong wolfe, two iterations", {"line_search_fn": WOLFE, "max_iter": 2}, {"linreg": 3}),
    # A small lr makes the search extrapolate (several bracketing evaluations), a large one makes it zoom.
    ("strong wolfe, small lr", {"line_search_fn": WOLFE, "max_iter": 3, "lr": 0.01}, {"rosenbrock": 2, "linreg": 2}),
    ("strong wolfe, large lr", {"line_search_fn": WOLFE, "max_iter": 3, "lr": 10.0}, {"rosenbrock": 2, "linreg": 2}),
]

NOTE = ("Current PyTorch's LBFGS computes what 1.13's does; it adds complex parameters (viewed as real pairs) and "
        "checks lr >= 0 in its constructor ('Invalid learning rate'), which 1.13 does not, and Descent follows current "
        "PyTorch. Both raise for an unknown line_search_fn only inside step and fail inside step for history_size < 1; "
        "Descent refuses both in the constructor. Descent leaves out the state entry 'al', which both versions keep: "
        "it is scratch space of the two-loop recursion, written before it is read in every iteration, and Descent "
        "ignores it when loading a PyTorch state dict. 1.13's docstring says tolerance_grad defaults to 1e-5; its "
        "code, like current PyTorch, uses 1e-7. No default differs.")


def run_case(options, problem, steps):
    initial, loss_fn = PROBLEMS[problem]()
    data = inspect.getclosurevars(loss_fn).nonlocals
    params = [p.clone().requires_grad_(True) for p in initial]
    opt = torch.optim.LBFGS(params, **options)

    def closure():
        opt.zero_grad()
        loss = loss_fn(params)
        loss.backward()
        return loss

    checkpoints = []
    for step in range(1, steps + 1):
        loss = opt.step(closure)
        sd = opt.state_dict()
        checkpoints.append({
            "step": step,
            "loss": float(loss),
            "params": [tensor_json(p) for p in params],
            # 'al' is left out (see the note).
            "state": {str(k): {key: value_json(v) for key, v in s.items() if key != "al" and v is not None}
                      for k, s in sd["state"].items()},
        })
    return {
        "problem": problem,
        "options": {k: hyper_json(v) for k, v in options.items()},
        "hyperparameters": {k: hyper_json(v) for k, v in sd["param_groups"][0].items() if k != "params"},
        "data": {k: tensor_json(v) for k, v in data.items()},
        "initial": [tensor_json(p) for p in initial],
        "grads": [],
        "checkpoints": checkpoints,
    }


def main():
    defaults = torch.optim.LBFGS([torch.zeros(1, requires_grad=True)]).defaults
    out = {
        "provenance": {
            "script": f"tools/reference/optim/{pathlib.Path(sys.argv[0]).name}",
            "torch_version": torch.__version__,
            "python_version": platform.python_version(),
            "date": datetime.date.today().isoformat(),
            "note": NOTE,
        },
        "optimizer": "LBFGS",
        "defaults": {k: hyper_json(v) for k, v in defaults.items()},
        "cases": [],
    }
    for name, options, problems in CASES:
        for problem, steps in problems.items():
            entry = run_case(options, problem, steps)
            entry["name"] = f"{name} on {problem}"
            out["cases"].append(entry)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "lbfgs.json"
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path.relative_to(REPO)}: {len(out['cases'])} cases, {path.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
