"""Cost of one coordinate-descent epoch on dense X, next to one ``X.T @ r``.

An epoch visits every column once: a dot product with the residual and, when
the coefficient moves, an update of the residual. The kernel takes columns two
at a time, so one pass over the residual serves two products (their cross
product corrects the second for the first's move), and a pair that moved
updates the residual in the same pass as the next pair's products. The memory-bound limit is
about one read of ``X``, the cost of the BLAS product ``X.T @ r``. The kernel's epoch
(``dense_epoch``) is called directly on all features, from a point where a
given share of the coefficients is non-zero and moves, on uncentred data
(the kernel centres on the fly) and on centred data.

Run: ``OPENBLAS_NUM_THREADS=1 python benchmarks/epoch_cost.py``.
"""

import time

import numpy as np

from skreg._kernels.cd_dense import dense_epoch

SHAPES = [(1000, 10000), (200000, 100), (10000, 1000)]


def median_time(run, repeat=15):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def one_epoch_runner(X, mu, y, share_moving, seed=0):
    """A closure running one epoch over every feature from a fixed start."""
    rng = np.random.default_rng(seed)
    n_samples, n_features = X.shape
    w0 = np.zeros(n_features)
    moving = rng.random(n_features) < share_moving
    w0[moving] = rng.normal(size=moving.sum())
    r0 = y - (X - mu) @ w0
    col_norm2 = ((X - mu) ** 2).sum(axis=0)
    # A tiny L1 keeps the moving coefficients moving; the others stay at zero.
    l1 = np.where(moving, 1e-3, np.inf)
    l2 = np.zeros(n_features)
    lo, hi = np.full(n_features, -np.inf), np.full(n_features, np.inf)
    ws = np.arange(n_features)
    order = np.arange(n_features)
    pen = (l1, l2, lo, hi)

    def run():
        w, r = w0.copy(), r0.copy()
        dense_epoch(X, mu, col_norm2, w, r, pen, ws, n_features, order)

    def copies():
        w0.copy(), r0.copy()

    return run, copies


def main():
    print("| shape | centring | share moving | epoch | X.T @ r | ratio |")
    print("|---|---|---|---|---|---|")
    for n_samples, n_features in SHAPES:
        rng = np.random.default_rng(1)
        X = np.asfortranarray(rng.normal(size=(n_samples, n_features)) + 3.0)
        y = rng.normal(size=n_samples)
        r = y.copy()
        blas = median_time(lambda: X.T @ r)
        for centring, mu in (("on the fly", X.mean(axis=0)), ("none", np.zeros(n_features))):
            for share in (0.01, 0.1, 1.0):
                run, copies = one_epoch_runner(X, mu, y, share)
                run()  # load the compiled kernel outside the timing
                epoch = median_time(run) - median_time(copies)
                print(
                    f"| {n_samples}x{n_features} | {centring} | {share:.0%} | "
                    f"{epoch * 1e3:.2f} ms | {blas * 1e3:.2f} ms | {epoch / blas:.2f} |"
                )


if __name__ == "__main__":
    main()
