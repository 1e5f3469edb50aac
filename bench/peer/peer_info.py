"""What the PyTorch peer ran on, for the report: torch's version, its thread count and the BLAS it is linked to.

Debian's torch calls the BLAS behind libblas.so.3, which is the reference BLAS unless an optimized one (OpenBLAS,
`libopenblas0-pthread`) is installed; a comparison against the reference BLAS measures BLAS, not Descent. The BLAS
is read from /proc/self/maps after one product has run, so it is the library actually loaded.
"""

import os


def loaded_blas():
    """(name, path) of the BLAS library mapped into this process."""
    paths = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) >= 6 and ("blas" in fields[5] or "mkl" in fields[5]):
                paths.add(fields[5])
    for path in sorted(paths):
        if "openblas" in path:
            return "OpenBLAS", path
        if "mkl" in path:
            return "MKL", path
    for path in sorted(paths):
        if "/blas/" in path or path.endswith("libblas.so.3"):
            return "reference BLAS", path
    return "unknown", ", ".join(sorted(paths)) or "none mapped"


def describe(torch):
    """The fields every peer script adds to its JSON result."""
    a = torch.ones(64, 64)
    (a @ a).sum().item()  # loads the BLAS if nothing has yet
    name, path = loaded_blas()
    return {
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": name,
        "blas_path": path,
        "openblas_env": {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS") if k in os.environ},
    }
