"""StepLR, ExponentialLR and LambdaLR reference fixtures.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/schedulers/basic.py

LambdaLR's functions cannot be stored; each case names its function in options["lambda"], and the C#
catalogue defines the same function under that name.
"""

import torch.optim.lr_scheduler as S
from common import write_fixture

NOTE = "No difference between PyTorch 1.13 and current PyTorch is known for these schedulers."

LAMBDAS = {
    "0.97^t": lambda t: 0.97 ** t,
    "1/(1+t/10)": lambda t: 1.0 / (1.0 + t / 10.0),
}

if __name__ == "__main__":
    write_fixture("StepLR", [
        {"name": "step 30 gamma 0.1", "options": {"step_size": 30, "gamma": 0.1}, "make": lambda o: S.StepLR(o, 30, 0.1)},
        {"name": "step 7 gamma 0.5", "options": {"step_size": 7, "gamma": 0.5}, "make": lambda o: S.StepLR(o, 7, 0.5)},
    ], NOTE)
    write_fixture("ExponentialLR", [
        {"name": "gamma 0.99", "options": {"gamma": 0.99}, "make": lambda o: S.ExponentialLR(o, 0.99)},
        {"name": "gamma 0.9", "options": {"gamma": 0.9}, "make": lambda o: S.ExponentialLR(o, 0.9)},
    ], NOTE)
    write_fixture("LambdaLR", [
        {"name": name, "options": {"lambda": name}, "make": (lambda f: lambda o: S.LambdaLR(o, f))(f)}
        for name, f in LAMBDAS.items()
    ], NOTE)
