"""When does coordinate descent on the Gram matrix beat it on X? (solver='auto')

For dense data, ``skreg.Lasso(solver='cd')`` is timed with ``precompute=False``
(coordinate descent on ``X``) and ``precompute=True`` (on ``X^T X``, formed
block by block) on synthetic problems of several shapes with correlated
columns, at ``alpha_max / 10`` and ``/ 100`` and ``tol=1e-6``. The printed
ratio is Gram time over plain time: below 1 the Gram matrix wins. The rule of
``precompute='auto'`` comes from this table: the Gram matrix from the start
when ``n_samples >= 500 * n_features`` and ``n_features <= 300``; otherwise,
when ``n_features <= 1000``, a switch to it after
``max(50, n_features // 2) * ceil(n_features / n_samples)**2`` unconverged epochs
on ``X``. A second table times that switch ('auto' over ``precompute=False``)
on wide and very collinear problems, where coordinate descent on ``X`` alone
can need tens of thousands of epochs and the Gram matrix's active-set Newton
steps finish in a few dozen.

Run: ``OPENBLAS_NUM_THREADS=1 python benchmarks/gram_choice.py``.
"""

import time

import numpy as np

from skreg import Lasso

SHAPES = [(442, 10), (2000, 100), (20000, 100), (1000, 300), (5000, 300),
          (2000, 600), (10000, 600), (4000, 1500)]  # fmt: skip
# (n_samples, n_features, rho) for the switch table; rho = 0.999 is about as
# collinear as neighbouring wavelengths of NIR spectra.
SWITCH_SHAPES = [(50, 100, 0.999), (100, 100, 0.999), (100, 1000, 0.6),
                 (200, 800, 0.9), (300, 500, 0.95), (500, 900, 0.6)]  # fmt: skip


def problem(n_samples, n_features, seed=0, rho=0.6):
    rng = np.random.default_rng(seed)
    # Columns correlated like a Toeplitz design (rho = 0.6 in the shared bench).
    X = rng.normal(size=(n_samples, n_features))
    for j in range(1, n_features):
        X[:, j] = rho * X[:, j - 1] + np.sqrt(1 - rho**2) * X[:, j]
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


def compare(shapes, settings, header, divisors):
    """Print the time of each ``precompute`` setting and their ratio (second / first)."""
    print(f"{'shape':>16} {'alpha':>10} {header[0]:>10} {header[1]:>10} {'ratio':>6}")
    for n_samples, n_features, rho in shapes:
        X, y = problem(n_samples, n_features, rho=rho)
        yc = y - y.mean()
        alpha_max = np.max(np.abs((X - X.mean(axis=0)).T @ yc)) / n_samples
        for divisor in divisors:
            times = []
            for precompute in settings:
                model = Lasso(alpha=alpha_max / divisor, tol=1e-6, max_iter=100_000,
                              solver="cd", precompute=precompute)  # fmt: skip
                model.fit(X[:50], y[:50])  # compile outside the timing
                times.append(best_time(model, X, y))
            print(
                f"{n_samples:>6}x{n_features:<5} {rho:<4} amax/{divisor:<5} "
                f"{times[0] * 1e3:9.1f}ms {times[1] * 1e3:9.1f}ms {times[1] / times[0]:6.2f}",
                flush=True,
            )


def main():
    compare([(n, p, 0.6) for n, p in SHAPES], (False, True), ("on X", "on Gram"), (10, 100))
    print()
    compare(SWITCH_SHAPES, (False, "auto"), ("on X", "'auto'"), (10, 100, 1000))


if __name__ == "__main__":
    main()
