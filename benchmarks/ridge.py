"""Fit time of skreg's Ridge solvers against scikit-learn's Ridge (solver='auto').

Run: ``python benchmarks/ridge.py`` (add ``--quick`` to skip the slow
iterative candidates on the large shapes, ``--gcv`` to also time RidgeCV's
leave-one-out modes). Prints, per shape, the best of a few runs of each
candidate and its ratio to scikit-learn's 'auto' (below 1 is faster), and the
relative distance of its coefficients to scikit-learn's.

These measurements set the rule of ``Ridge(solver='auto')`` (see its
docstring): 'cholesky' on dense data, and on sparse data 'cholesky' when the
Gram matrix is small next to the number of nonzeros, 'sparse_cg' otherwise.
"""

import argparse
import time
import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Ridge as SkRidge
from sklearn.linear_model import RidgeCV as SkRidgeCV

from skreg import Ridge, RidgeCV


def best_time(fit, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fit()
        times.append(time.perf_counter() - start)
    return min(times)


def make_dense(rng, n, p):
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 2.0, p) + rng.normal(size=p)
    y = X[:, : min(p, 10)] @ rng.normal(size=min(p, 10)) + rng.normal(size=n)
    return X, y


def make_sparse(rng, n, p, density):
    X = sp.random(n, p, density=density, format="csc", random_state=rng.integers(2**31))
    y = X @ rng.normal(size=p) + rng.normal(size=n)
    return X, y


def repeats(X):
    size = X.nnz if sp.issparse(X) else X.size
    return 30 if size < 1e5 else 5


def run_case(name, X, y, candidates):
    """Time scikit-learn and each candidate, interleaved (robust to load)."""
    repeat = repeats(X)
    fits = {"sklearn": lambda: SkRidge().fit(X, y)}
    for solver in candidates:
        fits[solver] = (lambda model: lambda: model.fit(X, y))(Ridge(solver=solver))
    times = {key: [] for key in fits}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for _ in range(repeat):
            for key, fit in fits.items():
                times[key].append(best_time(fit, 1))
        models = {key: fit() for key, fit in fits.items()}
    ref, ref_time = models["sklearn"], min(times["sklearn"])
    print(f"{name}: sklearn auto ({ref.solver_}) {ref_time * 1e3:.2f} ms")
    for solver in candidates:
        model, elapsed = models[solver], min(times[solver])
        dist = np.linalg.norm(model.coef_ - ref.coef_) / np.linalg.norm(ref.coef_)
        print(
            f"    skreg {solver:9s} ({model.solver_:9s}) {elapsed * 1e3:9.2f} ms  "
            f"ratio {elapsed / ref_time:5.2f}  coef rel. dist. {dist:.1e}"
        )


def run_gcv(name, X, y):
    repeat = repeats(X)
    ref_time = best_time(lambda: SkRidgeCV().fit(X, y), repeat)
    line = f"{name}: sklearn RidgeCV {ref_time * 1e3:.2f} ms;"
    for mode in ["auto", "svd"] if not sp.issparse(X) else ["auto"]:
        elapsed = best_time(lambda: RidgeCV(gcv_mode=mode).fit(X, y), repeat)
        line += f" skreg {mode} {elapsed * 1e3:.2f} ms (ratio {elapsed / ref_time:.2f})"
    print(line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--gcv", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    everything = ["auto", "cholesky", "svd", "sparse_cg", "cd", "fista"]
    fast = ["auto", "cholesky", "sparse_cg"]
    cases = [
        ("dense 442x10", make_dense(rng, 442, 10), everything),
        ("dense 200x3000", make_dense(rng, 200, 3000), everything),
        ("dense 2000x5000", make_dense(rng, 2000, 5000), fast if args.quick else everything),
        ("dense 200000x100", make_dense(rng, 200_000, 100), fast if args.quick else everything),
        ("dense 200000x100 float32", tuple(a.astype(np.float32) for a in make_dense(rng, 200_000, 100)), fast),
        ("sparse 20000x5000 CSC (1%)", make_sparse(rng, 20_000, 5000, 0.01), ["auto", "cholesky", "sparse_cg", "cd"]),
        ("sparse 20000x500 CSC (1%)", make_sparse(rng, 20_000, 500, 0.01), ["auto", "cholesky", "sparse_cg", "cd"]),
        ("sparse 500x20000 CSR (1%)", make_sparse(rng, 500, 20_000, 0.01), ["auto", "cholesky", "sparse_cg", "cd"]),
    ]
    # Warm the numba kernels so compilation is not timed.
    Ridge(solver="cd").fit(*make_dense(rng, 20, 5))
    Ridge(solver="fista").fit(*make_dense(rng, 20, 5))
    Ridge(solver="cd").fit(*make_sparse(rng, 50, 20, 0.3))
    for name, (X, y), candidates in cases:
        run_case(name, X, y, candidates)
    if args.gcv:
        for name, (X, y), _ in cases[:4] + cases[5:6]:
            run_gcv(name, X, y)


if __name__ == "__main__":
    main()
