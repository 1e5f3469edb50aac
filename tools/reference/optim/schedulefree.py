"""Schedule-Free AdamW and SGD reference fixtures: tests/Fixtures/optim/adamwschedulefree.json and sgdschedulefree.json.

Upstream: facebookresearch/schedule_free 1.4.1 (commit 70785b53e778d0e872c0bbb75ff4ee54ee10c291),
schedulefree/adamw_schedulefree.py (AdamWScheduleFree) and schedulefree/sgd_schedulefree.py (SGDScheduleFree).
Debian's PyTorch 1.13 does not ship them, so the update is written here from that source, operation by operation
on float32 tensors, with the group counters (k, lr_max, weight_sum, scheduled_lr, train_mode) kept in the param
group as upstream keeps them. The per-parameter (non-foreach) branch is followed; the foreach branch does the same
operations. The optimizer is switched to train mode before the first step, as upstream requires.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/optim/schedulefree.py
"""

import torch

import common
from common import write_fixture

common.STEPS = 200
common.CHECKPOINTS = (1, 2, 3, 10, 50, 100, 200)


def _schedule(group):
    """Upstream's per-group scalars: the warmed-up lr and the averaging coefficient ckp1; updates the counters."""
    k = group["k"]
    sched = (k + 1) / group["warmup_steps"] if k < group["warmup_steps"] else 1.0
    lr = group["lr"] * sched
    group["scheduled_lr"] = lr
    lr_max = group["lr_max"] = max(lr, group["lr_max"])
    weight = ((k + 1) ** group["r"]) * (lr_max ** group["weight_lr_power"])
    weight_sum = group["weight_sum"] = group["weight_sum"] + weight
    try:
        ckp1 = weight / weight_sum
    except ZeroDivisionError:
        ckp1 = 0
    return k, lr, ckp1


class _ScheduleFree(torch.optim.Optimizer):
    """train()/eval() as upstream: p.lerp_(z, 1 - beta) into train mode, p.lerp_(z, 1 - 1/beta) into eval mode."""

    def _beta(self, group):
        raise NotImplementedError

    @torch.no_grad()
    def eval(self):
        for group in self.param_groups:
            if group["train_mode"]:
                for p in group["params"]:
                    if "z" in self.state[p]:
                        p.lerp_(end=self.state[p]["z"], weight=1 - 1 / self._beta(group))
                group["train_mode"] = False

    @torch.no_grad()
    def train(self):
        for group in self.param_groups:
            if not group["train_mode"]:
                for p in group["params"]:
                    if "z" in self.state[p]:
                        p.lerp_(end=self.state[p]["z"], weight=1 - self._beta(group))
                group["train_mode"] = True


class AdamWScheduleFree(_ScheduleFree):
    def __init__(self, params, lr=0.0025, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, warmup_steps=0, r=0.0,
                 weight_lr_power=2.0, inner_momentum=0.0):
        defaults = dict(lr=lr, betas=betas, eps=eps, r=r, k=0, warmup_steps=warmup_steps, train_mode=False,
                        weight_sum=0.0, lr_max=-1.0, scheduled_lr=0.0, weight_lr_power=weight_lr_power,
                        weight_decay=weight_decay, inner_momentum=inner_momentum)
        super().__init__(params, defaults)

    def _beta(self, group):
        return group["betas"][0]

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is None and self.param_groups[0]["train_mode"]
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            inner = group["inner_momentum"]
            k, lr, ckp1 = _schedule(group)
            bias_correction2 = 1 - beta2 ** (k + 1)
            bias_correction1 = 1 - inner ** (k + 1)
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if "z" not in state:
                    state["z"] = p.detach().clone()
                    state["exp_avg_sq"] = torch.zeros_like(p)
                    if inner != 0:
                        state["exp_avg"] = torch.zeros_like(p)
                y, z, grad, exp_avg_sq = p, state["z"], p.grad, state["exp_avg_sq"]
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = exp_avg_sq.div(bias_correction2).sqrt_().add_(group["eps"])
                if inner != 0:
                    exp_avg = state["exp_avg"]
                    exp_avg.mul_(inner).add_(grad, alpha=1 - inner)
                    normalized = exp_avg.div(bias_correction1).div_(denom)
                else:
                    normalized = grad.div(denom)
                if group["weight_decay"] != 0:
                    normalized.add_(y, alpha=group["weight_decay"])
                y.lerp_(end=z, weight=ckp1)
                y.add_(normalized, alpha=lr * (beta1 * (1 - ckp1) - 1))
                z.sub_(normalized, alpha=lr)
            group["k"] = k + 1


class SGDScheduleFree(_ScheduleFree):
    def __init__(self, params, lr=1.0, momentum=0.9, weight_decay=0, warmup_steps=0, r=0.0, weight_lr_power=2):
        if lr < 0.0:
            raise ValueError("Invalid learning rate: {}".format(lr))
        if weight_decay < 0.0:
            raise ValueError("Invalid weight_decay value: {}".format(weight_decay))
        if momentum <= 0 or momentum >= 1:
            raise ValueError("Momentum must be between 0 and 1 exclusive: {}".format(momentum))
        defaults = dict(lr=lr, momentum=momentum, r=r, k=0, warmup_steps=warmup_steps, train_mode=False,
                        weight_sum=0.0, lr_max=-1.0, scheduled_lr=0.0, weight_lr_power=weight_lr_power,
                        weight_decay=weight_decay)
        super().__init__(params, defaults)

    def _beta(self, group):
        return group["momentum"]

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is None and self.param_groups[0]["train_mode"]
        for group in self.param_groups:
            momentum = group["momentum"]
            k, lr, ckp1 = _schedule(group)
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if "z" not in state:
                    state["z"] = p.detach().clone()
                y, z = p, state["z"]
                # Upstream adds the decay to p.grad in place; a copy leaves the recorded gradient as it was fed.
                grad = p.grad.clone()
                if group["weight_decay"] != 0:
                    grad.add_(y, alpha=group["weight_decay"])
                y.lerp_(end=z, weight=ckp1)
                y.add_(grad, alpha=lr * (momentum * (1 - ckp1) - 1))
                z.sub_(grad, alpha=lr)
            group["k"] = k + 1


def training(cls):
    """The optimizer in train mode from the start, as upstream requires before the first step."""
    def build(params, **options):
        opt = cls(params, **options)
        opt.train()
        return opt
    build.__name__ = cls.__name__
    return build


ADAMW = [
    {"name": "defaults", "options": {}, "problems": ["linreg", "mlp"]},
    {"name": "lr+betas+decay", "options": {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "warmup+r+power", "options": {"lr": 0.02, "warmup_steps": 20, "r": 1.0, "weight_lr_power": 1.0},
     "problems": ["linreg", "mlp"]},
    {"name": "inner momentum+warmup", "options": {"lr": 0.01, "inner_momentum": 0.9, "warmup_steps": 10, "weight_decay": 0.01},
     "problems": ["linreg", "mlp"]},
    {"name": "groups+missing grad", "options": {"lr": 0.01},
     "groups": [([0, 1], {"lr": 0.02, "betas": (0.5, 0.9)}), ([2, 3], {"warmup_steps": 5})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

SGD = [
    {"name": "lr", "options": {"lr": 0.05}, "problems": ["linreg", "mlp"]},
    {"name": "momentum+decay", "options": {"lr": 0.02, "momentum": 0.5, "weight_decay": 0.05}, "problems": ["linreg", "mlp"]},
    {"name": "warmup+r+power", "options": {"lr": 1e-3, "warmup_steps": 30, "r": 2.0, "weight_lr_power": 0.0},
     "problems": ["rosenbrock", "mlp"]},
    {"name": "warmup+decay", "options": {"lr": 0.1, "warmup_steps": 10, "weight_decay": 1e-3}, "problems": ["linreg", "mlp"]},
    {"name": "groups+missing grad", "options": {"lr": 0.05},
     "groups": [([0, 1], {"momentum": 0.8}), ([2, 3], {"lr": 0.02, "warmup_steps": 5})],
     "drop_grad": (5, 2), "problems": ["mlp"]},
]

NOTE = ("Written from facebookresearch/schedule_free 1.4.1 (commit 70785b5), schedulefree/{adamw,sgd}_schedulefree.py, "
        "operation by operation in PyTorch 1.13 float32, which lacks them. Parameters are recorded in train mode "
        "(y), as after train() and step(). train_mode in the defaults is upstream's False; the script calls train() "
        "before the first step, which moves nothing then, as Descent's first step does on its own. 200 steps.")

if __name__ == "__main__":
    write_fixture("AdamWScheduleFree", training(AdamWScheduleFree), ADAMW, NOTE)
    write_fixture("SGDScheduleFree", training(SGDScheduleFree), SGD, NOTE)


def write_switch_fixture():
    """Steps with eval() and train() between them, as a learner validates each epoch: the parameters after each."""
    import datetime, json, platform
    cases = []
    for name, cls, options in [("AdamWScheduleFree", AdamWScheduleFree, {"lr": 0.01, "warmup_steps": 5, "weight_decay": 0.01}),
                               ("AdamWScheduleFree", AdamWScheduleFree, {"lr": 0.01, "betas": (0.5, 0.99)}),
                               ("SGDScheduleFree", SGDScheduleFree, {"lr": 0.05, "momentum": 0.8, "warmup_steps": 3})]:
        initial, loss_fn = common.PROBLEMS["mlp"]()
        params = [p.clone().requires_grad_(True) for p in initial]
        opt = cls(params, **options)
        opt.train()
        grads, records = [], []
        for step in range(1, 61):
            opt.zero_grad(set_to_none=True)
            loss_fn(params).backward()
            grads.append([common.tensor_json(p.grad) for p in params])
            opt.step()
            if step % 20 == 0:
                opt.eval()
                records.append({"step": step, "mode": "eval", "params": [common.tensor_json(p) for p in params]})
                opt.train()
                records.append({"step": step, "mode": "train", "params": [common.tensor_json(p) for p in params]})
        cases.append({"optimizer": name, "options": {k: common.hyper_json(v) for k, v in options.items()},
                      "initial": [common.tensor_json(p) for p in initial], "grads": grads, "records": records})
    out = {"provenance": {"script": "tools/reference/optim/schedulefree.py", "torch_version": torch.__version__,
                          "python_version": platform.python_version(), "date": datetime.date.today().isoformat(),
                          "note": "eval() then train() every 20 steps on the mlp problem; " + NOTE},
           "cases": cases}
    path = common.OUT / "schedulefree_switch.json"
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path.relative_to(common.REPO)}")


if __name__ == "__main__":
    write_switch_fixture()
