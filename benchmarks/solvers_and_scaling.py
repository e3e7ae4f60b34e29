"""FISTA against coordinate descent, with and without standardized inputs.

For each problem of the shared benchmark (``../shared/bench``) and
``alpha = alpha_max / 10`` and ``/ 100``, fits ``skreg.Lasso`` with
``solver='cd'`` and ``solver='fista'`` at the same ``tol`` and prints the
time ratio and the iteration counts (epochs for CD, gradient steps for
FISTA). Then the same fits on the columns standardized to variance one (dense
problems), which is where the claim "standardizing balances the gradients and
shortens descent" is measured. Both solvers size their steps per column
(FISTA scales each coordinate's step by its column's squared norm), so for
them rescaling the columns changes the problem's penalty, not the
conditioning of their steps.

A second table compares FISTA on ``X`` (``precompute=False``) with FISTA on
the Gram matrix (``precompute=True``, what 'auto' picks for dense data with
more samples than features and at most 1000 features) on those problems.

Run: ``python benchmarks/solvers_and_scaling.py [--problems diabetes,meats]``.
"""

import argparse
import pathlib
import sys
import time

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench"))
import problems as bench_problems  # noqa: E402

from skreg import Lasso  # noqa: E402


def alpha_max(X, y):
    yc = y - y.mean()
    if sp.issparse(X):
        mu = np.asarray(X.mean(axis=0)).ravel()
        return np.max(np.abs(X.T @ yc - mu * yc.sum())) / X.shape[0]
    return np.max(np.abs((X - X.mean(axis=0)).T @ yc)) / X.shape[0]


def timed(solver, X, y, alpha, tol, precompute="auto"):
    model = Lasso(alpha=alpha, tol=tol, max_iter=200_000, solver=solver, precompute=precompute)
    start = time.perf_counter()
    model.fit(X, y)
    return time.perf_counter() - start, model.n_iter_


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", default="diabetes,meats,wide-small,dense-corr,tall-dense")
    parser.add_argument("--tol", type=float, default=1e-6)
    args = parser.parse_args()
    print(f"tol={args.tol}; times are one run each, ratios within a row")
    print("| problem | alpha | scaling | CD time | CD epochs | FISTA time | FISTA iters | FISTA/CD |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.problems.split(","):
        X, y = bench_problems.load(name)
        variants = [("raw", X)]
        if not sp.issparse(X):
            std = X.std(axis=0)
            variants.append(("standardized", np.asfortranarray(X / np.where(std > 0, std, 1.0))))
        for label, data in variants:
            Lasso(alpha=1.0, solver="fista").fit(data[:120], y[:120])  # compile outside timing
            for divisor in (10, 100):
                alpha = alpha_max(data, y) / divisor
                t_cd, it_cd = timed("cd", data, y, alpha, args.tol)
                t_fi, it_fi = timed("fista", data, y, alpha, args.tol)
                print(f"| {name} | amax/{divisor} | {label} | {t_cd * 1e3:.1f} ms | {it_cd} | "
                      f"{t_fi * 1e3:.1f} ms | {it_fi} | {t_fi / t_cd:.2f} |")
    print()
    print("| problem | alpha | FISTA on X | iters | FISTA on Gram | iters | Gram/X |")
    print("|---|---|---|---|---|---|---|")
    for name in args.problems.split(","):
        X, y = bench_problems.load(name)
        if sp.issparse(X) or X.shape[0] <= X.shape[1] or X.shape[1] > 1000:
            continue
        for precompute in (False, True):  # load each layout's kernel outside timing
            Lasso(alpha=1.0, solver="fista", precompute=precompute).fit(X[:120], y[:120])
        for divisor in (10, 100):
            alpha = alpha_max(X, y) / divisor
            t_x, it_x = timed("fista", X, y, alpha, args.tol, precompute=False)
            t_g, it_g = timed("fista", X, y, alpha, args.tol, precompute=True)
            print(f"| {name} | amax/{divisor} | {t_x * 1e3:.1f} ms | {it_x} | "
                  f"{t_g * 1e3:.1f} ms | {it_g} | {t_g / t_x:.2f} |")


if __name__ == "__main__":
    main()
