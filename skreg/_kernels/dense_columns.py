"""Column operations on dense, Fortran-ordered ``X``, centred on the fly.

Every operation takes the column means ``mu`` (zeros when ``X`` is already
centred or no intercept is fitted) and works with ``x_j - mu_j``, so that no
centred copy of ``X`` is made. Columns are taken as contiguous 1-D views:
LLVM vectorizes those loops better than 2-D indexing (measured 1.5x against
1.8x the time of BLAS). Reductions are compiled with :data:`REDUCTION_MATH`
and are not inlined at numba's level (``inline='always'``): the inlined body
would be compiled with the caller's flags and lose the reassociation that
vectorizes it; LLVM still inlines the compiled call.
"""

import numpy as np
from numba import njit

from .squared_loss import REDUCTION_MATH


@njit(cache=True, nogil=True, inline="always")
def copy_into(target, source):
    """``target[:] = source`` as a plain loop (slice assignment compiles numba's
    general broadcasting code, seconds of first-run time)."""
    for i in range(source.shape[0]):
        target[i] = source[i]


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def dot_column(X, j, shift, r):
    """``(x_j - shift)^T r``: centring on the fly spares a centred copy of X."""
    col = X[:, j]
    acc = 0.0
    for i in range(col.shape[0]):
        acc += (col[i] - shift) * r[i]
    return acc


@njit(cache=True, nogil=True, inline="always")
def axpy_column(delta, X, j, shift, r):
    """``r += delta * (x_j - shift)``."""
    col = X[:, j]
    for i in range(col.shape[0]):
        r[i] += delta * (col[i] - shift)


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def pair_products(X, j, shift_j, k, shift_k, r):
    """``(u^T r, v^T r, u^T v)`` with ``u = x_j - shift_j``, ``v = x_k - shift_k``.

    Two coordinates' products in one pass over ``r``, and their cross
    product: if the first coordinate moves, the second's product with the
    moved residual is corrected from it (coordinate descent taken two
    coordinates at a time, exactly as one at a time).
    """
    col_j = X[:, j]
    col_k = X[:, k]
    uv = 0.0
    ur = 0.0
    vr = 0.0
    for i in range(col_j.shape[0]):
        u = col_j[i] - shift_j
        v = col_k[i] - shift_k
        ri = r[i]
        ur += u * ri
        vr += v * ri
        uv += u * v
    return ur, vr, uv


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def moved_pair_products(d_a, X, a, shift_a, d_b, b, shift_b, j, shift_j, k, shift_k, r):
    """Apply a pair's move to ``r``, then :func:`pair_products` of the next pair.

    ``r += d_a (x_a - shift_a) + d_b (x_b - shift_b)`` and the products of
    ``u = x_j - shift_j``, ``v = x_k - shift_k`` with the moved ``r``, in one
    pass: the moved pair's columns are still in cache while the next pair's
    stream in, and ``r`` is read and written once instead of twice (an epoch
    with every coefficient moving went from 1.6-2.6 to 1.3-2.1 times the cost
    of ``X.T @ r``; ``benchmarks/epoch_cost.py``).
    """
    col_a = X[:, a]
    col_b = X[:, b]
    col_j = X[:, j]
    col_k = X[:, k]
    uv = 0.0
    ur = 0.0
    vr = 0.0
    for i in range(col_j.shape[0]):
        ri = r[i] + (d_a * (col_a[i] - shift_a) + d_b * (col_b[i] - shift_b))
        r[i] = ri
        u = col_j[i] - shift_j
        v = col_k[i] - shift_k
        ur += u * ri
        vr += v * ri
        uv += u * v
    return ur, vr, uv


@njit(cache=True, nogil=True, inline="always")
def axpy_pair(delta_j, X, j, shift_j, delta_k, k, shift_k, r):
    """``r += delta_j * (x_j - shift_j) + delta_k * (x_k - shift_k)`` in one pass."""
    col_j = X[:, j]
    col_k = X[:, k]
    for i in range(col_j.shape[0]):
        r[i] += delta_j * (col_j[i] - shift_j) + delta_k * (col_k[i] - shift_k)


@njit(cache=True, nogil=True)
def dense_residual_into(X, mu, y, w, r):
    """``r = y - (X - mu) w``, from the columns of the non-zero coefficients."""
    copy_into(r, y)
    for j in range(X.shape[1]):
        if w[j] != 0.0:
            axpy_column(-w[j], X, j, mu[j], r)


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def all_correlations(X, mu, r, z):
    """``z_j = (x_j - mu_j)^T r`` for every column, four columns per pass.

    Blocking shares each load of ``r`` between four columns and keeps four
    independent sums in flight: measured 1.2-1.3x the time of BLAS, against
    1.5x column by column. (numba's ``np.dot`` would call BLAS but costs
    seconds of first-run compilation.) Centring each entry before the
    product, rather than subtracting ``mu_j * sum(r)`` afterwards, keeps the
    correlations exact when the means are large next to the spread.
    """
    n_samples, n_features = X.shape
    n_blocked = n_features - n_features % 4
    for j in range(0, n_blocked, 4):
        c0 = X[:, j]
        c1 = X[:, j + 1]
        c2 = X[:, j + 2]
        c3 = X[:, j + 3]
        m0 = mu[j]
        m1 = mu[j + 1]
        m2 = mu[j + 2]
        m3 = mu[j + 3]
        a0 = 0.0
        a1 = 0.0
        a2 = 0.0
        a3 = 0.0
        for i in range(n_samples):
            ri = r[i]
            a0 += (c0[i] - m0) * ri
            a1 += (c1[i] - m1) * ri
            a2 += (c2[i] - m2) * ri
            a3 += (c3[i] - m3) * ri
        z[j] = a0
        z[j + 1] = a1
        z[j + 2] = a2
        z[j + 3] = a3
    for j in range(n_blocked, n_features):
        z[j] = dot_column(X, j, mu[j], r)


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _centred_norm2(col, shift):
    """``||col - shift||^2``, with reassociation so that it vectorizes (a
    plain accumulation took about four times as long as one pass of
    :func:`all_correlations`)."""
    acc = 0.0
    for i in range(col.shape[0]):
        d = col[i] - shift
        acc += d * d
    return acc


@njit(cache=True, nogil=True)
def centred_column_norms(X, mu, out):
    """``out_j = ||x_j - mu_j||^2`` for every column of Fortran-ordered ``X``."""
    for j in range(X.shape[1]):
        out[j] = _centred_norm2(X[:, j], mu[j])


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def column_mean(col):
    """The mean of ``col``."""
    acc = 0.0
    for i in range(col.shape[0]):
        acc += col[i]
    return acc / col.shape[0]


@njit(cache=True, nogil=True)
def column_means_and_norms(X, means, norm2):
    """Column means and centred squared norms of Fortran-ordered ``X``.

    One read of ``X`` from memory: each column is summed, then read again
    from cache to sum its centred squares (two passes over a column, so no
    cancellation when the mean is large next to the spread). An infinite or
    NaN entry makes its column's norm NaN, so the result doubles as a
    finiteness check.
    """
    for j in range(X.shape[1]):
        col = X[:, j]
        means[j] = column_mean(col)
        norm2[j] = _centred_norm2(col, means[j])


@njit(cache=True, nogil=True)
def centre_targets(Y, s, centre, Yc, offsets, norm2):
    """Centre the targets: weighted means, centred copy, weighted squared norms.

    ``Y`` (n_samples, n_targets) is read once per column; ``s`` holds the
    sample weights, or nothing (length 0) when unweighted. With ``centre``,
    ``offsets`` gets each column's weighted mean (zeros otherwise), ``Yc``
    the centred columns (float64) and ``norm2`` their weighted squared norms.
    Returns False, with the outputs undefined, when ``Y`` holds a NaN or an
    infinite value. One compiled call replaces half a dozen numpy calls,
    which cost more than small solves with cold caches.
    """
    n_samples, n_targets = Y.shape
    weighted = s.shape[0] > 0
    total = 0.0
    if weighted:
        for i in range(n_samples):
            total += s[i]
    for k in range(n_targets):
        col = Y[:, k]
        mean = 0.0
        if centre:
            for i in range(n_samples):
                mean += s[i] * col[i] if weighted else col[i]
            mean /= total if weighted else n_samples
        if not np.isfinite(mean):
            return False
        offsets[k] = mean
        acc = 0.0
        for i in range(n_samples):
            d = col[i] - mean
            Yc[i, k] = d
            acc += s[i] * d * d if weighted else d * d
        if not np.isfinite(acc):
            return False
        norm2[k] = acc
    return True


@njit(cache=True, nogil=True)
def intercepts_into(coef, X_offset, y_offset, out):
    """``out_k = y_offset_k - coef_k^T X_offset``, the intercepts that undo
    centring, in float64; returns whether all are finite."""
    finite = True
    for k in range(coef.shape[0]):
        acc = y_offset[k]
        for j in range(coef.shape[1]):
            acc -= coef[k, j] * X_offset[j]
        out[k] = acc
        finite = finite and np.isfinite(acc)
    return finite
