"""PyTorch .pt fixtures for Descent's restricted .pt reader and writer (tests/Fixtures/pt/).

    /usr/bin/python3 tools/reference/pt_files.py write
        Writes, with torch.save of Debian's python3-torch 1.13:
        - torch_kinds.pt / torch_kinds.json: an OrderedDict of tensors of every dtype Descent reads (float32,
          float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool), a scalar, an empty tensor, a
          transposed (non-contiguous) view and two slices sharing one storage, with their values as JSON.
        - adamw_initial_model.pt, adamw_model_k3.pt, adamw_optim_k3.pt, adamw_checkpoint_k3.pt (both in one dict
          under "model" and "optimizer"), adamw_continuation.json: a small MLP
          (Linear(4,8), Tanh, Linear(8,1)) trained with AdamW on fixed data for K=3 steps, the model and optimizer
          state dicts saved there, and PyTorch's own continuation for 5 more steps (losses and parameters).
        - hostile/*.pt: files that torch.load(weights_only=True) refuses or cannot read, each listed in
          hostile/README.md with what it tries (os.system, __reduce__ payloads that would create a file, truncated
          zips, wrong storage sizes, a zip bomb).

    /usr/bin/python3 tools/reference/pt_files.py check
        Reads the files Descent wrote (tests/Fixtures/pt/descent/, written by Descent's test
        PtRoundTripTests with DESCENT_WRITE_PT_FIXTURES=1) with torch.load(weights_only=True), continues the
        AdamW run from Descent's k=3 files in PyTorch for 5 steps and writes descent/descent_read_by_torch.json.
        torch 1.13's weights-only unpickler has no BINFLOAT opcode, so it refuses every optimizer state dict with
        a float in it, torch's own included; for the optimizer file the check therefore verifies that every opcode is
        one that 1.13's weights-only unpickler accepts or BINFLOAT, and every global one it allows, and only then loads
        it with weights_only=False.
"""

import collections
import datetime
import io
import json
import os
import pathlib
import pickle
import pickletools
import platform
import sys
import zipfile

import torch
import torch._weights_only_unpickler as wou

REPO = pathlib.Path(__file__).resolve().parents[2]
OUT = REPO / "tests" / "Fixtures" / "pt"
HOSTILE = OUT / "hostile"
DESCENT = OUT / "descent"
K = 3
CONTINUE = 5
MARKER = "/tmp/descent-pt-hostile-marker"


def provenance(extra=None):
    p = {
        "script": "tools/reference/pt_files.py",
        "torch": torch.__version__,
        "python": platform.python_version(),
        "date": datetime.date.today().isoformat(),
    }
    if extra:
        p.update(extra)
    return p


def values(t):
    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
            "data": [float(x) for x in t.detach().reshape(-1).to(torch.float64).tolist()]}


def write_json(path, obj):
    path.write_text(json.dumps(obj, indent=1) + "\n")


def kinds():
    g = torch.Generator().manual_seed(1)
    base = torch.randn(4, 5, generator=g)
    shared = torch.arange(12, dtype=torch.float32)
    d = collections.OrderedDict()
    d["float32"] = torch.randn(2, 3, generator=g)
    d["float64"] = torch.randn(3, generator=g, dtype=torch.float64)
    d["float16"] = torch.randn(2, 2, generator=g).half()
    d["bfloat16"] = torch.randn(2, 2, generator=g).bfloat16()
    d["int64"] = torch.tensor([-3, 0, 2**40], dtype=torch.int64)
    d["int32"] = torch.tensor([-7, 5], dtype=torch.int32)
    d["int16"] = torch.tensor([-300, 300], dtype=torch.int16)
    d["int8"] = torch.tensor([-5, 6], dtype=torch.int8)
    d["uint8"] = torch.tensor([0, 255], dtype=torch.uint8)
    d["bool"] = torch.tensor([True, False, True])
    d["scalar"] = torch.tensor(2.5)
    d["empty"] = torch.zeros(0, 3)
    d["transposed"] = base.t()
    d["slice_a"] = shared[2:6]
    d["slice_b"] = shared.view(3, 4)[1:, 1:3]
    torch.save(d, OUT / "torch_kinds.pt")
    write_json(OUT / "torch_kinds.json", {"provenance": provenance(), "tensors": {k: values(v) for k, v in d.items()}})


def model():
    return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))


def data():
    g = torch.Generator().manual_seed(2)
    return torch.randn(16, 4, generator=g), torch.randn(16, 1, generator=g)


def optimizer(m):
    return torch.optim.AdamW(m.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)


def step(m, opt, x, y):
    opt.zero_grad()
    loss = torch.nn.functional.mse_loss(m(x), y)
    loss.backward()
    opt.step()
    return float(loss)


def continuation(m, opt, x, y):
    losses, params = [], []
    for _ in range(CONTINUE):
        losses.append(step(m, opt, x, y))
        params.append({k: values(v) for k, v in m.state_dict().items()})
    state = opt.state_dict()
    final_state = {str(i): {k: values(torch.as_tensor(v)) for k, v in s.items()} for i, s in state["state"].items()}
    return {"losses": losses, "params": params, "final_state": final_state}


def adamw():
    torch.manual_seed(0)
    m = model()
    x, y = data()
    torch.save(m.state_dict(), OUT / "adamw_initial_model.pt")
    opt = optimizer(m)
    first = [step(m, opt, x, y) for _ in range(K)]
    torch.save(m.state_dict(), OUT / "adamw_model_k3.pt")
    torch.save(opt.state_dict(), OUT / "adamw_optim_k3.pt")
    torch.save({"model": m.state_dict(), "optimizer": opt.state_dict(), "step": K}, OUT / "adamw_checkpoint_k3.pt")
    result = {
        "provenance": provenance({"note": "AdamW(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1) on "
                                          "Linear(4,8)-Tanh-Linear(8,1), MSE loss, full batch; saved after k steps, "
                                          "then continued"}),
        "k": K,
        "x": values(x), "y": values(y),
        "losses_before": first,
        "initial": {k: values(v) for k, v in torch.load(OUT / "adamw_initial_model.pt", weights_only=True).items()},
    }
    result.update(continuation(m, opt, x, y))
    write_json(OUT / "adamw_continuation.json", result)


class SystemCall:
    """A __reduce__ payload: unpickling it runs a shell command that creates MARKER."""

    def __reduce__(self):
        return (os.system, (f"touch {MARKER}",))


class OpenFile:
    """A __reduce__ payload through builtins: unpickling it creates MARKER with open()."""

    def __reduce__(self):
        return (open, (MARKER, "w"))


class Exec:
    def __reduce__(self):
        return (exec, (f"open({MARKER!r}, 'w').close()",))


def zip_with(path, entries, compress=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression=compress) as z:
        for name, content in entries:
            z.writestr(name, content)


def rewrite(src, dst, change):
    with zipfile.ZipFile(src) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    zip_with(dst, change(entries))


def hostile():
    notes = []
    weight = collections.OrderedDict(weight=torch.ones(2, 3))

    def note(name, what):
        notes.append(f"| `{name}` | {what} |")

    torch.save({"weight": torch.ones(2), "payload": SystemCall()}, HOSTILE / "reduce_os_system.pt")
    note("reduce_os_system.pt", "torch.save of an object whose `__reduce__` is `(os.system, ('touch " + MARKER + "',))`: GLOBAL posix.system + REDUCE")
    torch.save({"payload": OpenFile()}, HOSTILE / "reduce_open.pt")
    note("reduce_open.pt", "`__reduce__` = `(open, ('" + MARKER + "', 'w'))`: GLOBAL builtins.open")
    torch.save({"payload": Exec()}, HOSTILE / "reduce_exec.pt")
    note("reduce_exec.pt", "`__reduce__` = `(exec, (source,))`: GLOBAL builtins.exec")
    os_system = b"\x80\x02cos\nsystem\nX" + len(f"touch {MARKER}").to_bytes(4, "little") + f"touch {MARKER}".encode() + b"\x85R."
    zip_with(HOSTILE / "global_os_system.pt", [("archive/data.pkl", os_system), ("archive/version", b"3\n")])
    note("global_os_system.pt", "a hand-written pickle: GLOBAL 'os system', the command, TUPLE1, REDUCE")
    stack_global = pickle.dumps(SystemCall(), protocol=4)
    zip_with(HOSTILE / "stack_global.pt", [("archive/data.pkl", stack_global), ("archive/version", b"3\n")])
    note("stack_global.pt", "the os.system payload pickled with protocol 4 (STACK_GLOBAL, an opcode weights_only refuses)")
    build = b"\x80\x02cbuiltins\nobject\n)R}b."
    zip_with(HOSTILE / "global_builtins_object.pt", [("archive/data.pkl", build), ("archive/version", b"3\n")])
    note("global_builtins_object.pt", "GLOBAL builtins.object then BUILD: a global outside the list")

    torch.save(weight, OUT / "_valid.pt")
    valid = (OUT / "_valid.pt").read_bytes()
    (HOSTILE / "truncated_zip.pt").write_bytes(valid[: len(valid) // 2])
    note("truncated_zip.pt", "the first half of a valid file (no central directory)")
    (HOSTILE / "empty.pt").write_bytes(b"")
    note("empty.pt", "an empty file")
    (HOSTILE / "not_a_zip.pt").write_bytes(b"this is not a torch file\n")
    note("not_a_zip.pt", "text")
    rewrite(OUT / "_valid.pt", HOSTILE / "truncated_pickle.pt",
            lambda es: [(n, c[: len(c) // 2] if n.endswith("data.pkl") else c) for n, c in es])
    note("truncated_pickle.pt", "a valid zip whose data.pkl is cut in half")
    rewrite(OUT / "_valid.pt", HOSTILE / "storage_too_small.pt",
            lambda es: [(n, c[:8] if "/data/" in n else c) for n, c in es])
    note("storage_too_small.pt", "the storage entry holds 8 bytes where the pickle says 6 floats (24 bytes)")
    rewrite(OUT / "_valid.pt", HOSTILE / "storage_missing.pt", lambda es: [(n, c) for n, c in es if "/data/" not in n])
    note("storage_missing.pt", "the storage entry is missing")

    def bigger_view(es):
        out = []
        for n, c in es:
            if n.endswith("data.pkl"):
                # size (2, 3) -> (2, 30): the view runs past the 6-element storage
                c = c.replace(b"K\x02K\x03\x86", b"K\x02K\x1e\x86", 1)
            out.append((n, c))
        return out
    rewrite(OUT / "_valid.pt", HOSTILE / "view_past_storage.pt", bigger_view)
    note("view_past_storage.pt", "size (2, 30) over a 6-element storage")
    torch.save(weight, HOSTILE / "legacy_format.pt", _use_new_zipfile_serialization=False)
    note("legacy_format.pt", "torch.save(_use_new_zipfile_serialization=False): the pre-1.6 bare pickle format")

    big = 25_000_000
    with zipfile.ZipFile(OUT / "_valid.pt") as z:
        pkl = z.read([n for n in z.namelist() if n.endswith("data.pkl")][0])
    pkl = pkl.replace(b"K\x06t", b"J" + big.to_bytes(4, "little") + b"t", 1).replace(b"K\x02K\x03\x86", b"J" + (big // 5).to_bytes(4, "little") + b"K\x05\x86", 1)
    with zipfile.ZipFile(HOSTILE / "zip_bomb.pt", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(zipfile.ZipInfo("archive/data.pkl"), pkl, compress_type=zipfile.ZIP_STORED)
        z.writestr("archive/data/0", bytes(4 * big))
        z.writestr(zipfile.ZipInfo("archive/version"), b"3\n", compress_type=zipfile.ZIP_STORED)
    note("zip_bomb.pt", f"a deflated storage entry of {4 * big:,} zero bytes in a file of {(HOSTILE / 'zip_bomb.pt').stat().st_size:,} bytes")
    (OUT / "_valid.pt").unlink()

    refusals = []
    for p in sorted(HOSTILE.glob("*.pt")):
        try:
            torch.load(p, weights_only=True)
            outcome = "read"
        except Exception as e:  # noqa: BLE001 - recording torch's own verdict
            outcome = f"{type(e).__name__}: {(str(e).splitlines() or [''])[-1][-110:]}"
        refusals.append(f"| `{p.name}` | {outcome} |")
    assert not os.path.exists(MARKER), "torch ran a payload"
    readme = ["# Hostile .pt files", "",
              f"Written by `tools/reference/pt_files.py write` with torch {torch.__version__} on {datetime.date.today().isoformat()}.",
              f"Each payload would create `{MARKER}` if it were executed; Descent's tests check that it is not created.", "",
              "| file | what it is |", "|---|---|", *notes, "",
              "torch 1.13's own `torch.load(path, weights_only=True)` on each:", "",
              "| file | torch's verdict |", "|---|---|", *refusals, ""]
    (HOSTILE / "README.md").write_text("\n".join(readme))


def check_pickle(path):
    """Every opcode one that torch 1.13's weights-only unpickler accepts (or BINFLOAT), every global one it allows."""
    accepted = {"PROTO", "GLOBAL", "NEWOBJ", "REDUCE", "BUILD", "APPEND", "APPENDS", "SETITEM", "SETITEMS", "MARK",
                "TUPLE", "TUPLE1", "TUPLE2", "TUPLE3", "NONE", "NEWFALSE", "NEWTRUE", "EMPTY_TUPLE", "EMPTY_LIST",
                "EMPTY_DICT", "EMPTY_SET", "BININT", "BININT1", "BININT2", "BINUNICODE", "SHORT_BINSTRING",
                "BINPERSID", "BINGET", "LONG_BINGET", "BINPUT", "LONG_BINPUT", "LONG1", "STOP", "BINFLOAT"}
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        assert all(i.compress_type == zipfile.ZIP_STORED for i in infos), "compressed entries"
        pkl = z.read([i.filename for i in infos if i.filename.endswith("/data.pkl")][0])
    used = set()
    for op, arg, _ in pickletools.genops(pkl):
        assert op.name in accepted, f"opcode {op.name}"
        used.add(op.name)
        if op.name == "GLOBAL":
            name = arg.replace(" ", ".")
            assert name in wou._get_allowed_globals(), f"global {name}"
    return sorted(used)


def check():
    model_pt, optim_pt = DESCENT / "descent_model_k3.pt", DESCENT / "descent_optim_k3.pt"
    state = torch.load(model_pt, weights_only=True)
    m = model()
    m.load_state_dict(state)
    model_ops = check_pickle(model_pt)
    try:
        torch.load(optim_pt, weights_only=True)
        optim_weights_only = "read"
    except Exception as e:  # noqa: BLE001
        optim_weights_only = str(e).splitlines()[-1][-80:]
    try:
        torch.load(OUT / "adamw_optim_k3.pt", weights_only=True)
        torch_own = "read"
    except Exception as e:  # noqa: BLE001
        torch_own = str(e).splitlines()[-1][-80:]
    optim_ops = check_pickle(optim_pt)
    opt = optimizer(m)
    saved = torch.load(optim_pt, weights_only=False)
    opt.load_state_dict(saved)
    x, y = data()
    result = {
        "provenance": provenance({"note": "Descent-written files read by torch; AdamW continued in PyTorch"}),
        "model_read_with_weights_only": True,
        "model_opcodes": model_ops,
        "optimizer_weights_only_in_torch_1_13": optim_weights_only,
        "torchs_own_optimizer_file_weights_only_in_torch_1_13": torch_own,
        "optimizer_opcodes": optim_ops,
        "read_model": {k: values(v) for k, v in state.items()},
        "read_param_groups": [{k: v for k, v in g.items() if k != "params"} | {"params": g["params"]} for g in saved["param_groups"]],
        "read_state": {str(i): {k: values(torch.as_tensor(v)) for k, v in s.items()} for i, s in saved["state"].items()},
    }
    result.update(continuation(m, opt, x, y))
    write_json(DESCENT / "descent_read_by_torch.json", result)
    print(json.dumps({k: result[k] for k in ("optimizer_weights_only_in_torch_1_13", "model_opcodes", "optimizer_opcodes")}, indent=1))
    print("losses", result["losses"])


if __name__ == "__main__":
    if sys.argv[1:] == ["write"]:
        OUT.mkdir(parents=True, exist_ok=True)
        HOSTILE.mkdir(parents=True, exist_ok=True)
        kinds()
        adamw()
        hostile()
    elif sys.argv[1:] == ["check"]:
        check()
    else:
        sys.exit(__doc__)
