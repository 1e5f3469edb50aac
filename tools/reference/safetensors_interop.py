"""safetensors interchange check, written from the format description with numpy and json only.

It deliberately does not use the `safetensors` package, so that Descent's reader and writer are checked
against a second, independent implementation of the format.

    /usr/bin/python3 tools/reference/safetensors_interop.py write
        writes tests/Fixtures/safetensors/python_written.safetensors: F32 tensors of several shapes (a
        scalar, an empty [0,3], special values), F64 and I64 tensors and metadata, laid out as the
        reference library lays out a file (entries sorted by descending alignment, then by name; the
        header padded with spaces to a multiple of 8 bytes).

    /usr/bin/python3 tools/reference/safetensors_interop.py read PATH
        reads a safetensors file, checks it strictly (the same rules as Descent's loader) and prints its
        header layout, metadata and tensors. Exits with status 1 and a message if the file is invalid.
"""

import json
import pathlib
import struct
import sys

import numpy as np

REPO = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "Fixtures" / "safetensors" / "python_written.safetensors"
MAX_HEADER = 100_000_000

# dtype code -> (numpy little-endian dtype or None, element size, write rank: larger alignment first)
DTYPES = {
    "I64": ("<i8", 8, 0),
    "F64": ("<f8", 8, 1),
    "U64": ("<u8", 8, 0),
    "F32": ("<f4", 4, 2),
    "I32": ("<i4", 4, 2),
    "U32": ("<u4", 4, 2),
    "F16": ("<f2", 2, 3),
    "BF16": (None, 2, 3),
    "I16": ("<i2", 2, 3),
    "U16": ("<u2", 2, 3),
    "I8": ("<i1", 1, 4),
    "U8": ("<u1", 1, 4),
    "BOOL": ("?", 1, 4),
    "F8_E5M2": (None, 1, 4),
    "F8_E4M3": (None, 1, 4),
}
CODES = {np.dtype("<f4"): "F32", np.dtype("<f8"): "F64", np.dtype("<i8"): "I64"}


def fixture_tensors():
    """The tensors of python_written.safetensors; Descent's tests hold the same values."""
    f32 = np.float32
    return {
        "weight": np.array([[0.1, -2.5, 3.0], [1e30, -0.0, 7.25]], dtype=f32),
        "special": np.array([np.inf, -np.inf, np.nan, np.finfo(f32).max, np.finfo(f32).smallest_subnormal,
                             -np.finfo(f32).tiny], dtype=f32),
        "scalar": np.array(42.5, dtype=f32),
        "empty": np.zeros((0, 3), dtype=f32),
        "cube": np.arange(8, dtype=f32).reshape(2, 2, 2),
        "ema": np.array([[0.1, -1e300], [5e-324, np.pi]], dtype=np.float64),
        "f64_scalar": np.array(-0.5, dtype=np.float64),
        "step": np.array(12345678901234, dtype=np.int64),
        "ids": np.array([np.iinfo(np.int64).min, -1, 0, 1, np.iinfo(np.int64).max], dtype=np.int64),
    }


def fixture_metadata():
    return {"format": "descent-test", "producer": "tools/reference/safetensors_interop.py", "note": "ünïcödé ✓"}


def serialize(tensors, metadata):
    order = sorted(tensors, key=lambda n: (DTYPES[CODES[tensors[n].dtype]][2], n.encode("utf-8")))
    header = {}
    if metadata:
        header["__metadata__"] = {k: metadata[k] for k in sorted(metadata)}
    offset = 0
    chunks = []
    for name in order:
        a = np.asarray(tensors[name])
        data = a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes(order="C")
        header[name] = {"dtype": CODES[a.dtype], "shape": list(a.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        chunks.append(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


class Invalid(Exception):
    pass


def _no_duplicates(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise Invalid(f"duplicate key {k!r}")
        d[k] = v
    return d


def _refuse_constant(name):
    raise Invalid(f"non-standard JSON constant {name}")


def _uint(value, what):
    if type(value) is not int or value < 0:
        raise Invalid(f"{what} {value!r} is not a non-negative integer")
    return value


def parse(blob):
    """Checks `blob` strictly and returns (header length, metadata, [(name, code, shape, begin, end, values)])."""
    if len(blob) < 8:
        raise Invalid(f"file of {len(blob)} bytes is shorter than the 8-byte header length")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > MAX_HEADER:
        raise Invalid(f"header length {n} above {MAX_HEADER}")
    if 8 + n > len(blob):
        raise Invalid(f"header length {n} runs past the end of the file")
    raw = blob[8:8 + n]
    if not raw.startswith(b"{"):
        raise Invalid("header does not start with '{'")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Invalid(f"header is not UTF-8: {e}")
    try:
        header = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as e:
        raise Invalid(f"header is not JSON: {e}")
    data = blob[8 + n:]
    metadata = header.pop("__metadata__", {})
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise Invalid("__metadata__ is not an object of strings")
    entries = []
    for name, info in header.items():
        if not isinstance(info, dict) or set(info) != {"dtype", "shape", "data_offsets"}:
            raise Invalid(f"entry {name!r} is not an object with exactly dtype, shape and data_offsets")
        code = info["dtype"]
        if code not in DTYPES:
            raise Invalid(f"entry {name!r} has unknown dtype {code!r}")
        shape = info["shape"]
        if not isinstance(shape, list):
            raise Invalid(f"entry {name!r} has a shape that is not a list")
        shape = [_uint(d, f"entry {name!r} shape entry") for d in shape]
        offsets = info["data_offsets"]
        if not isinstance(offsets, list) or len(offsets) != 2:
            raise Invalid(f"entry {name!r} data_offsets is not [begin, end]")
        begin, end = (_uint(o, f"entry {name!r} offset") for o in offsets)
        if begin > end or end > len(data):
            raise Invalid(f"entry {name!r} data_offsets [{begin}, {end}] out of range for {len(data)} data bytes")
        count = 1
        for d in shape:
            count *= d
        if count * DTYPES[code][1] != end - begin:
            raise Invalid(f"entry {name!r}: {code} {shape} needs {count * DTYPES[code][1]} bytes, offsets give {end - begin}")
        entries.append((name, code, shape, begin, end))
    entries.sort(key=lambda e: (e[3], e[4]))
    covered = 0
    for name, code, shape, begin, end in entries:
        if begin != covered:
            raise Invalid(f"entry {name!r} begins at {begin}, expected {covered} (gap or overlap)")
        covered = end
    if covered != len(data):
        raise Invalid(f"entries cover {covered} bytes of a {len(data)}-byte data section")
    out = []
    for name, code, shape, begin, end in entries:
        np_dtype = DTYPES[code][0]
        values = None if np_dtype is None else np.frombuffer(data[begin:end], dtype=np_dtype).reshape(shape)
        out.append((name, code, shape, begin, end, values))
    return n, metadata, out


def read(path):
    blob = pathlib.Path(path).read_bytes()
    try:
        n, metadata, entries = parse(blob)
    except Invalid as e:
        print(f"INVALID {path}: {e}")
        sys.exit(1)
    raw = blob[8:8 + n]
    padding = len(raw) - len(raw.rstrip(b" "))
    print(f"file: {pathlib.Path(path).name} ({len(blob)} bytes)")
    print(f"header: {n} bytes (multiple of 8: {n % 8 == 0}), {padding} bytes of space padding, "
          f"data: {len(blob) - 8 - n} bytes")
    print(f"metadata: {json.dumps(metadata, ensure_ascii=False, sort_keys=True)}")
    for name, code, shape, begin, end, values in entries:
        # str() of a numpy scalar is the shortest text that reads back to the same value of its own width.
        shown = "(not decoded)" if values is None else "[" + ", ".join(str(v) for v in values.reshape(-1)) + "]"
        print(f"{name}: {code} {shape} [{begin}, {end}) aligned: {(8 + n + begin) % DTYPES[code][1] == 0} = {shown}")
    print("valid: yes")


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "write":
        FIXTURE.parent.mkdir(parents=True, exist_ok=True)
        blob = serialize(fixture_tensors(), fixture_metadata())
        FIXTURE.write_bytes(blob)
        parse(blob)  # the writer's own output must pass the strict reader
        print(f"wrote {FIXTURE.relative_to(REPO)} ({len(blob)} bytes)")
    elif len(sys.argv) == 3 and sys.argv[1] == "read":
        read(sys.argv[2])
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
