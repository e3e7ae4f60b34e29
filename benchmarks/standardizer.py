"""Fit + transform time of skreg's StandardScaler against scikit-learn's.

Run: ``python benchmarks/standardizer.py``. Prints the median of 5 runs and
the ratio skreg / scikit-learn for a tall dense matrix (200000 x 100) and a
large sparse one (200000 x 10000, density 1e-3, scaling only).
"""

import statistics
import time

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import StandardScaler as SkStandardScaler

from skreg import StandardScaler


def median_time(make, X, repeat=5):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        make().fit(X).transform(X)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    rng = np.random.default_rng(0)
    cases = {
        "dense 200000x100": (np.asarray(rng.normal(size=(200_000, 100)) * 3 + 7), {}),
        "sparse 200000x10000 (1e-3)": (
            sp.random(200_000, 10_000, density=1e-3, format="csr", random_state=0),
            {"with_mean": False},
        ),
    }
    for name, (X, params) in cases.items():
        ours = median_time(lambda: StandardScaler(**params), X)
        ref = median_time(lambda: SkStandardScaler(**params), X)
        print(f"{name}: skreg {ours * 1e3:.1f} ms, sklearn {ref * 1e3:.1f} ms, ratio {ours / ref:.2f}")


if __name__ == "__main__":
    main()
