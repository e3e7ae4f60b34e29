"""The guard on start-up: how many numba compilations each first fit costs.

A fresh process with an empty numba cache runs the first fit of every entry
point in turn (``benchmarks/compile_profile.py``), counting the function x
signature compilations each one adds. Every compilation is start-up time a
user pays on a new machine, so each count is held under a ceiling; a change
that needs more must raise the ceiling here on purpose and say why. Nothing
is timed, so the test holds on any machine.

Ceilings as measured on 2026-12-03 after the kernel-layer rework of issue
21 (148 compilations in all before it, 113 after; the dense fits' two small
kernels that centre the targets and form the intercepts are 4 of them: they
replace numpy calls that cost more than a small solve with cold caches; the
Newton phase's violation test, compiled once instead of typed again at three
inlined call sites, is 2 more for the Gram route and 0.2-0.3 s less; the sparse column
products shared by the sparse gap and sparse FISTA are 1 more for the
sparse Lasso). Two entries rose while the
total fell: the Gram route (13 to 17) and sparse FISTA (8 to 13) no longer
find compiled helpers left by the first fits, because each layout's kernel
now compiles only its own operations (before, every FISTA kernel compiled
all three layouts' code, and the one-call dense fit shared the Gram route's
helpers at float32 and float64 signatures alike).
"""

import os
import pathlib
import subprocess
import sys
import tempfile

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parents[1] / "benchmarks"))
from compile_profile import ENTRY_POINTS, run_fresh  # noqa: E402

# Compilations each entry point adds after the ones above it ran.
CEILINGS = {
    "dense Lasso": 29,
    "sparse Lasso": 11,
    "Gram route": 19,
    "FISTA": 26,
    "float32 Lasso": 15,
    "ElasticNetCV": 0,
    "lasso_path": 0,
    "Ridge 'cd'": 0,
    "sparse FISTA": 13,
}


only_plain_jit = pytest.mark.skipif(
    os.environ.get("NUMBA_BOUNDSCHECK") == "1" or os.environ.get("NUMBA_DISABLE_JIT") == "1",
    reason="the count does not depend on bounds checking; measured in the plain run",
)


@only_plain_jit
def test_first_fits_compile_no_more_than_their_ceiling():
    assert list(CEILINGS) == list(ENTRY_POINTS)
    marks = run_fresh(list(ENTRY_POINTS.values()))["marks"]
    added = dict(zip(ENTRY_POINTS, [marks[0]] + [b - a for a, b in zip(marks, marks[1:])]))
    over = {name: (added[name], CEILINGS[name]) for name in added if added[name] > CEILINGS[name]}
    assert not over, f"compilations (added, ceiling) above the ceiling: {over}; all: {added}"


@only_plain_jit
def test_warmup_leaves_nothing_to_compile():
    # `python -m skreg warmup` in its worker processes, then every entry
    # point's first fit, both dtypes, in a new process on the same cache.
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        done = subprocess.run(
            [sys.executable, "-m", "skreg", "warmup", "--jobs", "2"],
            env=env, check=True, capture_output=True, text=True,
        )  # fmt: skip
        assert "compiled and cached" in done.stdout
        statements = [*ENTRY_POINTS.values(), "X = X.astype(np.float32)", *ENTRY_POINTS.values()]
        marks = run_fresh(statements, cache_dir=cache)["marks"]
    assert marks[-1] == 0, f"compilations after warmup, per entry point: {marks}"
