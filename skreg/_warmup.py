"""``python -m skreg warmup``: compile every kernel before the first fit.

A fresh machine compiles skreg's numba kernels at the first fit of each kind
(seconds each, then cached on disk). ``warmup`` pays that once, up front, in
parallel worker processes that share the cache: for instance while building
a container image, or on every new worker of a cluster before it takes work.
Each task runs the first fit of one entry point on small data of one dtype.
"""

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context

import numpy as np
import scipy.sparse as sp

from . import ElasticNetCV, Lasso, Ridge, lasso_path

# The first fit of each entry point a user meets, on small data (X, y).
ENTRY_POINTS = {
    "dense Lasso": lambda X, y: Lasso(alpha=0.1).fit(X, y),
    "sparse Lasso": lambda X, y: Lasso(alpha=0.1).fit(sp.csc_matrix(X), y),
    "Gram route": lambda X, y: Lasso(alpha=0.1, precompute=True).fit(X, y),
    "FISTA": lambda X, y: Lasso(alpha=0.1, solver="fista").fit(X, y),
    "sparse FISTA": lambda X, y: Lasso(alpha=0.1, solver="fista").fit(sp.csc_matrix(X), y),
    "ElasticNetCV": lambda X, y: ElasticNetCV(cv=3).fit(X, y),
    "lasso_path": lambda X, y: lasso_path(X, y),
    "Ridge 'cd'": lambda X, y: Ridge(solver="cd").fit(X, y),
}


def small_problem(dtype=np.float64):
    """The data every entry point is first fitted on: 100 x 20, three true features."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 20))
    y = X[:, :3] @ [1.0, 2.0, 3.0] + rng.normal(size=100)
    return X.astype(dtype), y


def _run(name, dtype):
    """One task: the first fit of ``name`` on ``dtype`` data; returns its seconds."""
    start = time.perf_counter()
    ENTRY_POINTS[name](*small_problem(np.dtype(dtype)))
    return time.perf_counter() - start


def warmup(jobs=None, out=sys.stdout):
    """Compile the kernels of every entry point for float64 and float32.

    Parameters
    ----------
    jobs : int, default=None
        Worker processes (all CPUs by default).
    out : file-like, default=sys.stdout
        Where progress is printed, one line per task.

    Returns
    -------
    seconds : float
        Wall time of the whole warmup.
    """
    tasks = [(name, dtype) for dtype in ("float64", "float32") for name in ENTRY_POINTS]
    jobs = jobs or os.cpu_count() or 1
    start = time.perf_counter()
    # 'spawn': fresh interpreters, as a user's processes are; forking a
    # parent that has loaded numba is not safe.
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(_run, *task): task for task in tasks}
        for done, future in enumerate(as_completed(futures), start=1):
            name, dtype = futures[future]
            print(f"[{done:2d}/{len(tasks)}] {name} ({dtype}): {future.result():.1f} s",
                  file=out, flush=True)  # fmt: skip
    seconds = time.perf_counter() - start
    print(f"compiled and cached in {seconds:.1f} s with {jobs} processes", file=out)
    return seconds


def main(argv=None):
    """Command-line entry: ``python -m skreg warmup [--jobs N]``."""
    parser = argparse.ArgumentParser(prog="python -m skreg warmup", description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all CPUs)")
    args = parser.parse_args(argv)
    warmup(args.jobs)
