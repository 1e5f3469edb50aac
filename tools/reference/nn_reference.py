#!/usr/bin/python3
"""Generate PyTorch reference values for Descent's neural-network tests.

What it writes
--------------
``tests/Fixtures/nn_reference.json`` (resolved relative to the repository root,
which is found from this file's location, so the current directory does not
matter). The file holds forward values and gradients computed by PyTorch in
``torch.float32`` for:

* ``mlp``         -- a small ``nn.Sequential`` MLP (Linear/Tanh/Linear/ReLU/Linear)
                     with PyTorch's default initialisation, its logits, its mean
                     cross-entropy loss and the gradients of every parameter;
* ``activations`` -- element-wise and softmax-style activations: ``y = f(x)``
                     and ``dx = d(sum(y * upstream)) / dx``;
* ``losses``      -- ``torch.nn.functional`` losses for every reduction
                     (``mean``, ``sum``, ``none``): the loss and
                     ``grad_input = d(sum(output * upstream)) / d input``.

Format
------
Every tensor is stored as ``{"shape": [...], "data": [...]}`` with ``data`` the
flat row-major list of values (integer class targets are stored as floats
too). Each float is the exact float32 value, written through Python's
``repr`` of the equivalent double, so parsing it as a double and narrowing to
float32 recovers the PyTorch value bit for bit.

Top level keys::

    provenance  {"script", "torch_version", "python_version", "date", "note"}
    mlp         {"layers": [[in, out], ...], "activations": [...],
                 "params": {"0.weight": T, "0.bias": T, ...},   # weights are out x in
                 "x": T, "target": T, "output": T, "loss": T, "grads": {...}}
    activations [{"name", "options", "x", "upstream", "y", "dx"}, ...]
    losses      [{"name", "reduction", "options", "input", "target",
                  "upstream", "output", "grad_input"}, ...]

``options`` uses PyTorch's own keyword-argument names (for example
``{"negative_slope": 0.2}`` or ``{"weight": T, "label_smoothing": 0.2}``).
For ``mean``/``sum`` reductions ``upstream`` is a scalar one; for ``none`` it is
random with the shape of the unreduced loss.

How to run
----------
From anywhere (the interpreter must have PyTorch installed)::

    /usr/bin/python3 tools/reference/nn_reference.py

The output is deterministic: every random tensor comes from a fixed seed and
everything is computed in float32 on the CPU with a single thread. Only the
``provenance.date`` field changes between runs.
"""

import datetime
import json
import os
import platform
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

DTYPE = torch.float32

SCRIPT_PATH = "tools/reference/nn_reference.py"
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUTPUT_PATH = os.path.join(REPO_ROOT, "tests", "Fixtures", "nn_reference.json")

REDUCTIONS = ("mean", "sum", "none")

NOTE = (
    "Generated with PyTorch {version} on the CPU in float32. "
    "Known difference from current PyTorch 2.x for these functions: "
    "binary_cross_entropy_with_logits in 1.13 evaluates the loss as "
    "(1 - t) * x + w_log * (log(exp(-m) + exp(-x - m)) + m) with m = max(-x, 0) "
    "(see torch/_decomp/decompositions.py of the installed 1.13), whereas newer "
    "releases evaluate the same quantity as (1 - t) * x - w_log * log_sigmoid(x); "
    "the two are mathematically identical but float32 results may differ in the "
    "last bits, so compare with a small relative tolerance. No other behavioural "
    "difference is known for the functions in this file. Semantics worth knowing "
    "(identical in 1.13 and 2.x): cross_entropy with both weight and "
    "label_smoothing weights the smoothing term by the class weights as well, and "
    "its 'mean' divides the summed loss by the sum of the target classes' weights; "
    "binary_cross_entropy clamps each log term at -100."
)


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def tensor_json(t):
    """Serialise a tensor as {"shape": [...], "data": [flat row-major floats]}."""
    t = t.detach().to(DTYPE).contiguous()
    data = [float(v) for v in t.reshape(-1).tolist()]
    return {"shape": list(t.shape), "data": data}


def generator(seed):
    """A CPU generator with a fixed seed, so each case is independent of the others."""
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def randn(shape, seed, scale=1.0):
    return torch.randn(shape, generator=generator(seed), dtype=DTYPE) * scale


def rand(shape, seed, low=0.0, high=1.0):
    return low + (high - low) * torch.rand(shape, generator=generator(seed), dtype=DTYPE)


def options_json(options):
    """Keyword arguments with tensors converted to the tensor format."""
    return {k: (tensor_json(v) if isinstance(v, torch.Tensor) else v) for k, v in options.items()}


# --------------------------------------------------------------------------
# MLP
# --------------------------------------------------------------------------

def build_mlp_case():
    """Sequential(Linear(4,8), Tanh, Linear(8,8), ReLU, Linear(8,3)) with default init."""
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Linear(4, 8),
        nn.Tanh(),
        nn.Linear(8, 8),
        nn.ReLU(),
        nn.Linear(8, 3),
    ).to(DTYPE)
    x = torch.randn(5, 4, dtype=DTYPE)
    target = torch.randint(0, 3, (5,))

    output = model(x)
    loss = nn.CrossEntropyLoss()(output, target)
    model.zero_grad()
    loss.backward()

    params = {name: tensor_json(p) for name, p in model.named_parameters()}
    grads = {name: tensor_json(p.grad) for name, p in model.named_parameters()}
    return {
        "layers": [[4, 8], [8, 8], [8, 3]],
        "activations": ["tanh", "relu"],
        "params": params,
        "x": tensor_json(x),
        "target": tensor_json(target.to(DTYPE)),
        "output": tensor_json(output),
        "loss": tensor_json(loss),
        "grads": grads,
    }


# --------------------------------------------------------------------------
# Activations
# --------------------------------------------------------------------------

def general_input():
    """A [3, 5] input with negatives, values near 0, values around the
    softplus(beta=2, threshold=5) switch at 2.5 and values with |x| > 20."""
    return torch.tensor(
        [
            [-25.0, -3.5, -1.2, -0.4, -1e-3],
            [1e-3, 0.3, 0.9, 2.4, 2.6],
            [4.0, -0.05, 21.0, -7.0, 0.05],
        ],
        dtype=DTYPE,
    )


def positive_input():
    """A strictly positive [3, 5] input for log and sqrt, including small and large values."""
    return torch.tensor(
        [
            [1e-3, 0.01, 0.1, 0.25, 0.5],
            [0.9, 1.0, 1.5, 2.0, 3.7],
            [5.0, 9.0, 16.5, 22.0, 30.0],
        ],
        dtype=DTYPE,
    )


# (name, options, function of (x, **options), input builder)
ACTIVATION_CASES = [
    ("relu", {}, F.relu, general_input),
    ("tanh", {}, torch.tanh, general_input),
    ("sigmoid", {}, torch.sigmoid, general_input),
    ("gelu", {"approximate": "none"}, F.gelu, general_input),
    ("elu", {"alpha": 1.0}, F.elu, general_input),
    ("elu", {"alpha": 0.5}, F.elu, general_input),
    ("leaky_relu", {"negative_slope": 0.01}, F.leaky_relu, general_input),
    ("leaky_relu", {"negative_slope": 0.2}, F.leaky_relu, general_input),
    ("softplus", {"beta": 1, "threshold": 20}, F.softplus, general_input),
    ("softplus", {"beta": 2, "threshold": 5}, F.softplus, general_input),
    ("softmax", {"dim": 0}, F.softmax, general_input),
    ("softmax", {"dim": 1}, F.softmax, general_input),
    ("log_softmax", {"dim": 0}, F.log_softmax, general_input),
    ("log_softmax", {"dim": 1}, F.log_softmax, general_input),
    ("exp", {}, torch.exp, general_input),
    ("log", {}, torch.log, positive_input),
    ("sqrt", {}, torch.sqrt, positive_input),
    ("abs", {}, torch.abs, general_input),  # general_input has no exact zero
    ("square", {}, torch.square, general_input),
]


def build_activation_cases():
    cases = []
    for index, (name, options, fn, make_input) in enumerate(ACTIVATION_CASES):
        x = make_input().clone().requires_grad_(True)
        upstream = randn((3, 5), seed=1000 + index)
        y = fn(x, **options)
        (y * upstream).sum().backward()
        cases.append({
            "name": name,
            "options": options_json(options),
            "x": tensor_json(x),
            "upstream": tensor_json(upstream),
            "y": tensor_json(y),
            "dx": tensor_json(x.grad),
        })
    return cases


# --------------------------------------------------------------------------
# Losses
# --------------------------------------------------------------------------

def regression_pair(seed):
    """Input/target [3, 4] whose differences straddle 0.5 and 1 (Huber / smooth-L1
    switch points) and are never exactly 0 (L1 subgradient)."""
    inp = randn((3, 4), seed)
    diff = torch.tensor(
        [
            [-2.3, -1.1, -0.7, -0.45],
            [-0.2, -0.02, 0.03, 0.15],
            [0.4, 0.6, 0.95, 1.8],
        ],
        dtype=DTYPE,
    )
    target = inp - diff
    return inp, target


def class_targets(n, classes, seed):
    return torch.randint(0, classes, (n,), generator=generator(seed))


def loss_variants():
    """Yield (name, options, input_leaf, target) for every loss variant."""
    # Regression losses.
    inp, target = regression_pair(2000)
    yield "mse_loss", {}, inp, target
    yield "l1_loss", {}, inp, target
    yield "huber_loss", {"delta": 1.0}, inp, target
    yield "huber_loss", {"delta": 0.5}, inp, target
    yield "smooth_l1_loss", {"beta": 1.0}, inp, target
    yield "smooth_l1_loss", {"beta": 0.5}, inp, target

    # Cross entropy on [6, 4] logits with class-index targets.
    logits = randn((6, 4), 2100, scale=1.5)
    classes = class_targets(6, 4, 2101)
    class_weight = torch.tensor([0.5, 2.0, 1.0, 1.5], dtype=DTYPE)
    yield "cross_entropy", {}, logits, classes
    yield "cross_entropy", {"weight": class_weight}, logits, classes
    yield "cross_entropy", {"label_smoothing": 0.1}, logits, classes
    yield "cross_entropy", {"weight": class_weight, "label_smoothing": 0.2}, logits, classes

    # NLL on log-probabilities (the log-probabilities themselves are the leaf input).
    log_probs = F.log_softmax(randn((6, 4), 2200, scale=1.5), dim=1)
    nll_classes = class_targets(6, 4, 2201)
    nll_weight = torch.tensor([1.0, 0.25, 3.0, 0.75], dtype=DTYPE)
    yield "nll_loss", {}, log_probs, nll_classes
    yield "nll_loss", {"weight": nll_weight}, log_probs, nll_classes

    # Binary cross entropy on probabilities, hard and soft targets.
    probs = torch.sigmoid(randn((6, 3), 2300, scale=2.0))
    hard = torch.bernoulli(torch.full((6, 3), 0.5, dtype=DTYPE), generator=generator(2301))
    soft = rand((6, 3), 2302, low=0.05, high=0.95)
    bce_weight = rand((6, 3), 2303, low=0.2, high=2.0)
    yield "binary_cross_entropy", {}, probs, hard
    yield "binary_cross_entropy", {"weight": bce_weight}, probs, hard
    yield "binary_cross_entropy", {}, probs, soft
    yield "binary_cross_entropy", {"weight": bce_weight}, probs, soft

    # Binary cross entropy with logits on [6, 3].
    bl_logits = randn((6, 3), 2400, scale=2.0)
    bl_target = torch.bernoulli(torch.full((6, 3), 0.5, dtype=DTYPE), generator=generator(2401))
    pos_weight = torch.tensor([0.5, 1.0, 3.0], dtype=DTYPE)
    bl_weight = rand((6, 3), 2402, low=0.2, high=2.0)
    yield "binary_cross_entropy_with_logits", {}, bl_logits, bl_target
    yield "binary_cross_entropy_with_logits", {"pos_weight": pos_weight}, bl_logits, bl_target
    yield "binary_cross_entropy_with_logits", {"weight": bl_weight}, bl_logits, bl_target
    # Large-magnitude logits: both agreeing and disagreeing with the target.
    big_logits = torch.tensor(
        [
            [50.0, -50.0, 30.0],
            [-30.0, 100.0, -100.0],
            [50.0, -50.0, 0.5],
            [-80.0, 80.0, -0.5],
            [20.0, -20.0, 60.0],
            [-60.0, 45.0, -45.0],
        ],
        dtype=DTYPE,
    )
    big_target = torch.tensor(
        [
            [1.0, 0.0, 1.0],
            [0.0, 1.0, 0.0],
            [0.0, 1.0, 1.0],
            [1.0, 0.0, 0.0],
            [0.3, 0.7, 1.0],
            [1.0, 0.0, 0.0],
        ],
        dtype=DTYPE,
    )
    yield "binary_cross_entropy_with_logits", {}, big_logits, big_target


def build_loss_cases():
    cases = []
    for variant_index, (name, options, inp, target) in enumerate(loss_variants()):
        fn = getattr(F, name)
        for reduction_index, reduction in enumerate(REDUCTIONS):
            x = inp.detach().clone().requires_grad_(True)
            output = fn(x, target, reduction=reduction, **options)
            if reduction == "none":
                upstream = randn(tuple(output.shape), seed=3000 + 10 * variant_index + reduction_index)
            else:
                upstream = torch.ones((), dtype=DTYPE)
            (output * upstream).sum().backward()
            cases.append({
                "name": name,
                "reduction": reduction,
                "options": options_json(options),
                "input": tensor_json(x),
                "target": tensor_json(target.to(DTYPE)),
                "upstream": tensor_json(upstream),
                "output": tensor_json(output),
                "grad_input": tensor_json(x.grad),
            })
    return cases


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def dumps(obj):
    return json.dumps(obj, allow_nan=False, separators=(", ", ": "))


def write_json(document, path):
    """Write the document with one mapping entry / list element per line."""
    lines = ["{"]
    sections = list(document.items())
    for s_index, (key, value) in enumerate(sections):
        trailer = "," if s_index < len(sections) - 1 else ""
        if isinstance(value, list):
            lines.append("  %s: [" % dumps(key))
            for i, item in enumerate(value):
                lines.append("    %s%s" % (dumps(item), "," if i < len(value) - 1 else ""))
            lines.append("  ]" + trailer)
        elif isinstance(value, dict):
            lines.append("  %s: {" % dumps(key))
            items = list(value.items())
            for i, (k, v) in enumerate(items):
                lines.append("    %s: %s%s" % (dumps(k), dumps(v), "," if i < len(items) - 1 else ""))
            lines.append("  }" + trailer)
        else:
            lines.append("  %s: %s%s" % (dumps(key), dumps(value), trailer))
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)  # sanity check: the hand-assembled layout is valid JSON
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    torch.set_num_threads(1)
    torch.set_default_dtype(DTYPE)

    document = {
        "provenance": {
            "script": SCRIPT_PATH,
            "torch_version": torch.__version__,
            "python_version": platform.python_version(),
            "date": datetime.date.today().isoformat(),
            "note": NOTE.format(version=torch.__version__),
        },
        "mlp": build_mlp_case(),
        "activations": build_activation_cases(),
        "losses": build_loss_cases(),
    }
    write_json(document, OUTPUT_PATH)
    print("wrote %s (%d activation cases, %d loss cases)" % (
        os.path.relpath(OUTPUT_PATH, REPO_ROOT), len(document["activations"]), len(document["losses"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
