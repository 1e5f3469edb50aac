"""MultiplicativeLR, MultiStepLR and PolynomialLR reference fixtures.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/schedulers/decay.py

MultiplicativeLR's functions cannot be stored; each case names its functions in options["lambda"] (one for
every group) or options["lambdas"] (one per group), and the C# catalogue defines the same functions under
those names.
"""

import torch.optim.lr_scheduler as S
from common import write_fixture

LAMBDAS = {
    "0.97": lambda t: 0.97,
    "1/(1+0.001*t)": lambda t: 1.0 / (1.0 + 0.001 * t),
    "0.9 every 10th": lambda t: 0.9 if t % 10 == 0 else 1.0,
}

MULTIPLICATIVE_NOTE = (
    "For a new schedule PyTorch 1.13 and current PyTorch give the same rates. 1.13 keeps the rates while "
    "last_epoch == 0; current PyTorch keeps them on the initial step only, so it multiplies by lambda(0) when a "
    "SequentialLR milestone restarts it at epoch 0, and keeps the rates on the initial step when resuming "
    "(last_epoch >= 0). Descent follows current PyTorch; no case here reaches the difference. Current PyTorch "
    "also refuses a non-callable lr_lambda (TypeError); Descent refuses null."
)

MULTISTEP_NOTE = (
    "No difference between PyTorch 1.13 and current PyTorch is known for MultiStepLR. PyTorch keeps the milestones "
    "as a multiset and does not check their order; Descent requires them strictly increasing."
)

POLYNOMIAL_NOTE = (
    "For a new schedule PyTorch 1.13 and current PyTorch give the same rates; current PyTorch keeps the rates on "
    "the initial step also when resuming (1.13 tested last_epoch == 0). Descent follows current PyTorch, and also "
    "refuses total_iters <= 0 (PyTorch's closed form divides by it) and a negative or NaN power (PyTorch fails at "
    "total_iters raising 0 to a negative power)."
)


def multiplicative(names):
    fns = [LAMBDAS[n] for n in names]
    return lambda o: S.MultiplicativeLR(o, fns if len(fns) > 1 else fns[0])


if __name__ == "__main__":
    write_fixture("MultiplicativeLR", [
        {"name": "0.97 every epoch", "options": {"lambda": "0.97"}, "make": multiplicative(["0.97"])},
        {"name": "one function per group", "options": {"lambdas": ["1/(1+0.001*t)", "0.9 every 10th"]},
         "optimizer": "Adam", "make": multiplicative(["1/(1+0.001*t)", "0.9 every 10th"])},
    ], MULTIPLICATIVE_NOTE)
    write_fixture("MultiStepLR", [
        {"name": "milestones 30, 80, default gamma", "options": {"milestones": [30, 80]},
         "make": lambda o: S.MultiStepLR(o, [30, 80])},
        {"name": "milestones 10, 50, 120, 200, gamma 0.5, Adam", "options": {"milestones": [10, 50, 120, 200], "gamma": 0.5},
         "optimizer": "Adam", "make": lambda o: S.MultiStepLR(o, [10, 50, 120, 200], gamma=0.5)},
        {"name": "milestone at 0 and 1, gamma 0.7", "options": {"milestones": [0, 1, 299], "gamma": 0.7},
         "make": lambda o: S.MultiStepLR(o, [0, 1, 299], gamma=0.7)},
    ], MULTISTEP_NOTE)
    write_fixture("PolynomialLR", [
        {"name": "defaults (5 iters, power 1)", "options": {}, "make": lambda o: S.PolynomialLR(o)},
        {"name": "250 iters, power 0.9", "options": {"total_iters": 250, "power": 0.9},
         "make": lambda o: S.PolynomialLR(o, total_iters=250, power=0.9)},
        {"name": "100 iters, power 2, Adam", "options": {"total_iters": 100, "power": 2.0},
         "optimizer": "Adam", "make": lambda o: S.PolynomialLR(o, total_iters=100, power=2.0)},
    ], POLYNOMIAL_NOTE)
