"""When does coordinate descent on the Gram matrix beat it on X? (solver='auto')

For dense data, ``skreg.Lasso(solver='cd')`` is timed with ``precompute=False``
(coordinate descent on ``X``) and ``precompute=True`` (on ``X^T X``, formed
block by block) on synthetic problems of several shapes with correlated
columns, at ``alpha_max / 10`` and ``/ 100`` and ``tol=1e-6``. The printed
ratio is Gram time over plain time: below 1 the Gram matrix wins. The rule of
``precompute='auto'`` comes from this table: the Gram matrix from the start
when ``n_samples >= 500 * n_features`` and ``n_features <= 300``; otherwise,
when ``n_samples >= 2 * n_features`` and ``n_features <= 1000``, a switch to
it after ``max(50, n_features // 2)`` unconverged epochs on ``X``.

Run: ``OPENBLAS_NUM_THREADS=1 python benchmarks/gram_choice.py``.
"""

import time

import numpy as np

from skreg import Lasso

SHAPES = [(442, 10), (2000, 100), (20000, 100), (1000, 300), (5000, 300),
          (2000, 600), (10000, 600), (4000, 1500)]  # fmt: skip


def problem(n_samples, n_features, seed=0):
    rng = np.random.default_rng(seed)
    # Columns correlated like a Toeplitz design (rho = 0.6), as in the shared bench.
    X = rng.normal(size=(n_samples, n_features))
    for j in range(1, n_features):
        X[:, j] = 0.6 * X[:, j - 1] + 0.8 * X[:, j]
    coef = np.zeros(n_features)
    coef[rng.choice(n_features, max(1, n_features // 20), replace=False)] = 1.0
    y = X @ coef + rng.normal(size=n_samples)
    return np.asfortranarray(X), y


def best_time(model, X, y, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        model.fit(X, y)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    print(f"{'shape':>12} {'alpha':>10} {'on X':>10} {'on Gram':>10} {'ratio':>6}")
    for n_samples, n_features in SHAPES:
        X, y = problem(n_samples, n_features)
        yc = y - y.mean()
        alpha_max = np.max(np.abs((X - X.mean(axis=0)).T @ yc)) / n_samples
        for divisor in (10, 100):
            times = []
            for precompute in (False, True):
                model = Lasso(alpha=alpha_max / divisor, tol=1e-6, max_iter=100_000,
                              solver="cd", precompute=precompute)  # fmt: skip
                model.fit(X[:50], y[:50])  # compile outside the timing
                times.append(best_time(model, X, y))
            print(
                f"{n_samples:>6}x{n_features:<5} amax/{divisor:<5} {times[0] * 1e3:9.1f}ms "
                f"{times[1] * 1e3:9.1f}ms {times[1] / times[0]:6.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
