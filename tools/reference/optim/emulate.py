"""Current PyTorch's ``maximize`` and ``decoupled_weight_decay`` on top of a PyTorch 1.13 optimizer.

Debian's PyTorch 1.13 has neither flag on NAdam or RAdam (NAdam and RAdam got ``maximize`` in 2.0 and
``decoupled_weight_decay`` in 2.1). Current PyTorch applies both at the start of each parameter's update, before
anything else touches the gradient:

    grad = -grad if maximize
    if weight_decay != 0:
        if decoupled_weight_decay: param.mul_(1 - lr * weight_decay)
        else:                      grad = grad.add(param, alpha=weight_decay)

:class:`CurrentFlags` does exactly that around 1.13's own ``step``: it negates each gradient in place, and for
decoupled decay multiplies each parameter by ``1 - lr * weight_decay`` and runs 1.13's step with
``weight_decay = 0``; afterwards it restores the gradients and ``weight_decay``. The rest of the arithmetic is
1.13's. Parameters are independent, so decaying all of a group's parameters before its update is the same as
decaying each one just before its own.
"""

import torch


class CurrentFlags:
    """Mixin: ``class NAdam(CurrentFlags, torch.optim.NAdam)`` accepts and applies the two current flags."""

    def __init__(self, params, *args, maximize=False, decoupled_weight_decay=False, **kwargs):
        super().__init__(params, *args, **kwargs)
        self.defaults.update(maximize=maximize, decoupled_weight_decay=decoupled_weight_decay)
        for group in self.param_groups:
            group.setdefault("maximize", maximize)
            group.setdefault("decoupled_weight_decay", decoupled_weight_decay)

    @torch.no_grad()
    def step(self, closure=None):
        assert closure is None, "the fixtures never pass a closure"
        held = []
        for group in self.param_groups:
            live = [p for p in group["params"] if p.grad is not None]
            if group["maximize"]:
                for p in live:
                    p.grad.neg_()
            if group["decoupled_weight_decay"] and group["weight_decay"] != 0:
                for p in live:
                    p.mul_(1 - group["lr"] * group["weight_decay"])
                held.append((group, group["weight_decay"]))
                group["weight_decay"] = 0
        super().step()
        for group, weight_decay in held:
            group["weight_decay"] = weight_decay
        for group in self.param_groups:
            if group["maximize"]:
                for p in group["params"]:
                    if p.grad is not None:
                        p.grad.neg_()
