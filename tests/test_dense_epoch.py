"""One coordinate-descent epoch of the dense kernel against a plain reference.

The kernel takes coordinates two at a time (both products in one pass, the
second corrected for the first's move by their cross product); the epoch
must still be the sequential one: every coordinate sees the residual after
all earlier moves, and the residual it leaves is ``y - (X - mu) w``. Random
order draws with replacement, so a pair can be one coordinate twice.
"""

import numpy as np
import pytest

from skreg._kernels.cd_dense import dense_epoch
from skreg._kernels.penalty import Penalty
from skreg._kernels.working_set import epoch_order


def _reference_epoch(Xc, y, w, l1, l2, lo, hi, order):
    """Cyclic coordinate descent, one coordinate at a time, on centred ``Xc``."""
    w = w.copy()
    for j in order:
        a = Xc[:, j] @ Xc[:, j]
        if a + l2[j] == 0.0:
            continue
        b = Xc[:, j] @ (y - Xc @ w) + a * w[j]
        t = np.sign(b) * max(abs(b) - l1[j], 0.0) / (a + l2[j])
        w[j] = min(max(t, lo[j]), hi[j])
    return w


@pytest.mark.parametrize("share_moving", [0.0, 0.3, 1.0])
@pytest.mark.parametrize("with_constant_column", [False, True])
@pytest.mark.parametrize("n_features", [23, 24])
@pytest.mark.parametrize("random", [False, True])
def test_paired_epoch_is_the_sequential_epoch(share_moving, with_constant_column, n_features, random):
    rng = np.random.default_rng(int(10 * share_moving) + with_constant_column)
    n_samples = 37
    X = np.asfortranarray(rng.normal(size=(n_samples, n_features)) + 2.0)
    if with_constant_column:
        X[:, 5] = 3.0  # zero centred norm: skipped, with a move pending before it
    mu = X.mean(axis=0)
    Xc = X - mu
    y = rng.normal(size=n_samples)
    moving = rng.random(n_features) < share_moving
    w0 = np.where(moving, rng.normal(size=n_features), 0.0)
    l1 = np.where(moving, 1e-3, 10.0 * np.abs(Xc.T @ y).max())
    l2 = np.full(n_features, 0.1)
    lo, hi = np.full(n_features, -np.inf), np.full(n_features, np.inf)
    hi[3] = 0.05  # a bound stops one coordinate
    w0 = np.minimum(w0, hi)
    col_norm2 = (Xc**2).sum(axis=0)
    ws = rng.permutation(n_features).astype(np.int64)
    w, r = w0.copy(), y - Xc @ w0
    order = np.empty(n_features, dtype=np.int64)
    epoch_order(n_features, random, np.uint64(2), order)
    dw_max, w_max = dense_epoch(X, mu, col_norm2, w, r, Penalty(l1, l2, lo, hi), ws, n_features, order)
    visited = ws[order] if random else ws
    if random:
        # Seed 2 draws one coordinate twice in a row, inside a pair.
        pairs = visited[: n_features - n_features % 2].reshape(-1, 2)
        assert np.any(pairs[:, 0] == pairs[:, 1])
    expected = _reference_epoch(Xc, y, w0, l1, l2, lo, hi, visited)
    np.testing.assert_allclose(w, expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(r, y - Xc @ w, rtol=1e-10, atol=1e-12)
    if not random:  # each coordinate visited once: its one move is its change
        assert w_max == np.abs(w).max() and dw_max == np.abs(w - w0).max()
    if share_moving > 0:
        assert np.any(w != w0)
