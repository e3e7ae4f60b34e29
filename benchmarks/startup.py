"""Start-up cost of skreg in a fresh process, cold and warm numba cache.

Each measurement is a new ``python -c`` process that imports the package and
fits a 100x20 Lasso once; the wall time of the whole process is reported with
scikit-learn's as the baseline. "cold" uses a new empty ``NUMBA_CACHE_DIR``
(every kernel is compiled), "warm" reuses the directory a previous run filled.

Run: ``python benchmarks/startup.py [--repeat 5]``.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

FIT = """
import numpy as np
rng = np.random.default_rng(0)
X = rng.normal(size=(100, 20)); y = X[:, :3] @ [1.0, 2.0, 3.0] + rng.normal(size=100)
{imports}
Lasso(alpha=0.1).fit(X, y)
"""

PACKAGES = {
    "sklearn": "from sklearn.linear_model import Lasso",
    "skreg": "from skreg import Lasso",
}


def run_once(package, cache_dir):
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
    code = FIT.format(imports=PACKAGES[package])
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as shared:
        run_once("sklearn", shared)  # warm the OS file cache and .pyc files
        times = {"sklearn": [], "skreg cold": [], "skreg warm": []}
        for _ in range(args.repeat):
            times["sklearn"].append(run_once("sklearn", shared))
            with tempfile.TemporaryDirectory() as empty:
                times["skreg cold"].append(run_once("skreg", empty))
                run_once("skreg", empty)
                times["skreg warm"].append(run_once("skreg", empty))
    base = statistics.median(times["sklearn"])
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:>11s}: median {med:6.2f} s  ({med - base:+.2f} s vs sklearn)")


if __name__ == "__main__":
    main()
