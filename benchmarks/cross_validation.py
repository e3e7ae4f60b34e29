"""Cross-validation speed: skreg against scikit-learn on the shared problems.

Two measurements per problem of ``../shared/bench``, with the same alphas,
folds and ``tol`` for both libraries:

* ``LassoCV`` (5 folds, a 50-alpha grid down to ``alpha_max / 100``), timed
  in this process, interleaved repeats, median; the chosen ``alpha_`` of both
  is printed.
* ``GridSearchCV(Lasso(), 20 alphas, cv=5, n_jobs=2)``, each run in a fresh
  Python process, so the time includes starting the two joblib workers and
  what each worker pays to get the estimator going (for skreg: importing
  numba and loading the compiled kernels from the disk cache, never
  compiling them again once the cache is warm).

Run: ``python benchmarks/cross_validation.py [--problems diabetes,meats] [--repeat 3]``.
The ratio column is skreg's time over scikit-learn's (below 1: skreg faster).
"""

import argparse
import json
import pathlib
import subprocess
import sys
import time

import numpy as np

BENCH = pathlib.Path(__file__).resolve().parents[2] / "shared" / "bench"
sys.path.insert(0, str(BENCH))
import problems as bench_problems  # noqa: E402

ALPHA_RATIO = 1e-2


def _alpha_grid(X, y, n_alphas):
    from skreg.linear_model._path import alpha_grid

    return alpha_grid(X, y, n_alphas=n_alphas, eps=ALPHA_RATIO)


def _lasso_cv(library, X, y, alphas, tol):
    from sklearn.model_selection import KFold

    if library == "skreg":
        from skreg import LassoCV
    else:
        from sklearn.linear_model import LassoCV
    model = LassoCV(alphas=alphas, cv=KFold(5), tol=tol, max_iter=100_000)
    start = time.perf_counter()
    model.fit(X, y)
    return time.perf_counter() - start, model.alpha_


def grid_search_worker(library, problem, tol):
    """One GridSearchCV(n_jobs=2) in this (fresh) process; prints JSON."""
    from sklearn.model_selection import GridSearchCV, KFold

    if library == "skreg":
        from skreg import Lasso
    else:
        from sklearn.linear_model import Lasso
    X, y = bench_problems.load(problem)
    grid = {"alpha": _alpha_grid(X, y, 20)}
    search = GridSearchCV(Lasso(tol=tol, max_iter=100_000), grid, cv=KFold(5), n_jobs=2)
    start = time.perf_counter()
    search.fit(X, y)
    elapsed = time.perf_counter() - start
    print(json.dumps({"time": elapsed, "alpha": search.best_params_["alpha"]}))


def _grid_search_in_fresh_process(library, problem, tol):
    out = subprocess.run(
        [sys.executable, __file__, "--grid-worker", library, problem, str(tol)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--problems", default="diabetes,meats,wide-small,tall-dense")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("--grid-worker", nargs=3, metavar=("LIBRARY", "PROBLEM", "TOL"))
    args = parser.parse_args()
    if args.grid_worker:
        library, problem, tol = args.grid_worker
        grid_search_worker(library, problem, float(tol))
        return

    print(f"{'problem':<12} {'task':<22} {'sklearn':>10} {'skreg':>10} {'ratio':>7}  alpha_ (sklearn / skreg)")
    for problem in args.problems.split(","):
        X, y = bench_problems.load(problem)
        alphas = _alpha_grid(X, y, 50)
        _lasso_cv("skreg", X[:200], y[:200], alphas, args.tol)  # compile outside the timing
        times = {"sklearn": [], "skreg": []}
        chosen = {}
        for r in range(args.repeat):
            for library in (("sklearn", "skreg") if r % 2 == 0 else ("skreg", "sklearn")):
                elapsed, chosen[library] = _lasso_cv(library, X, y, alphas, args.tol)
                times[library].append(elapsed)
        _report(problem, "LassoCV (50 alphas)", times, chosen)

        times = {"sklearn": [], "skreg": []}
        for r in range(args.repeat):
            for library in (("sklearn", "skreg") if r % 2 == 0 else ("skreg", "sklearn")):
                result = _grid_search_in_fresh_process(library, problem, args.tol)
                times[library].append(result["time"])
                chosen[library] = result["alpha"]
        _report(problem, "GridSearchCV n_jobs=2", times, chosen)


def _report(problem, task, times, chosen):
    sk, ours = np.median(times["sklearn"]), np.median(times["skreg"])
    print(
        f"{problem:<12} {task:<22} {sk:>9.3f}s {ours:>9.3f}s {ours / sk:>6.2f}x  "
        f"{chosen['sklearn']:.4g} / {chosen['skreg']:.4g}",
        flush=True,
    )


if __name__ == "__main__":
    main()
