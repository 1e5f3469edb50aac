"""Tensor printing reference fixture: tests/Fixtures/tensor_format.json.

Run with Debian's PyTorch: /usr/bin/python3 tools/reference/tensor_format.py

Records str(t) for float32 tensors of rank 0 to 4 with values drawn to exercise every branch of
torch._tensor_str: fixed, integer and scientific notation, nan/inf and signed zeros, line wrapping,
summarization past 1000 elements and the requires_grad suffix. Values are stored as float32 bit patterns
so that they round-trip exactly (JSON has no nan or inf).
"""

import datetime
import json
import pathlib
import platform
import struct

import torch

REPO = pathlib.Path(__file__).resolve().parents[2]


def bits(x):
    return [struct.unpack("<I", struct.pack("<f", v))[0] for v in x.reshape(-1).tolist()]


def values(kind, shape, g):
    n = torch.Size(shape).numel()
    if kind == "normal":
        return torch.randn(shape, generator=g)
    if kind == "scaled":
        scale = 10.0 ** torch.randint(-9, 12, (1,), generator=g).item()
        return torch.randn(shape, generator=g) * scale
    if kind == "integers":
        return torch.randint(-200, 200, shape, generator=g).float()
    if kind == "big_integers":
        return torch.randint(-10**9, 10**9, shape, generator=g).float()
    if kind == "wide":
        return torch.exp(torch.randn(shape, generator=g) * 6)
    if kind == "special":
        x = torch.randn(shape, generator=g)
        flat = x.reshape(-1)
        pick = torch.randint(0, 6, (n,), generator=g)
        for i in range(n):
            flat[i] = [flat[i].item(), float("nan"), float("inf"), float("-inf"), 0.0, -0.0][pick[i]]
        return x
    if kind == "rounding":
        # Multiples of 1/64: many are exact ties at four decimals.
        return torch.randint(-640, 640, shape, generator=g).float() / 64
    if kind == "zeros":
        return torch.zeros(shape) * (-1 if torch.rand(1, generator=g).item() < 0.5 else 1)
    raise ValueError(kind)


def cases():
    g = torch.Generator().manual_seed(2024)
    kinds = ["normal", "scaled", "integers", "big_integers", "wide", "special", "rounding", "zeros"]
    shapes = [[], [1], [3], [7], [25], [2, 3], [4, 9], [1, 17], [3, 1, 5], [2, 2, 2, 3], [0], [2, 0]]
    out = []
    for i in range(160):
        kind = kinds[i % len(kinds)]
        shape = shapes[(i // len(kinds)) % len(shapes)]
        x = values(kind, shape, g)
        requires_grad = i % 3 == 0
        if requires_grad:
            x.requires_grad_()
        out.append({"shape": shape, "bits": bits(x.detach()), "requires_grad": requires_grad, "text": str(x)})
    # Summarized: more than 1000 elements, with dims above and below the 2·3 edge items.
    for shape, kind in [([1001], "normal"), ([40, 30], "integers"), ([3, 20, 20], "scaled"), ([2, 7, 8, 10], "special")]:
        x = values(kind, shape, g)
        out.append({"shape": shape, "bits": bits(x), "requires_grad": False, "text": str(x)})
    return out


if __name__ == "__main__":
    out = {
        "provenance": {
            "script": "tools/reference/tensor_format.py",
            "torch_version": torch.__version__,
            "python_version": platform.python_version(),
            "date": datetime.date.today().isoformat(),
        },
        "cases": cases(),
    }
    path = REPO / "tests" / "Fixtures" / "tensor_format.json"
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {path.relative_to(REPO)}")
