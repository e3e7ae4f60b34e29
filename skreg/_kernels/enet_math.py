"""The mathematics every elastic-net kernel shares: the one-dimensional
update, the duality gap, the column products of dense and sparse data, and
the working sets with gap-safe screening that coordinate descent and
proximal gradient both solve on.

Objective, in "kernel units",

.. math::

    P(w) = \\frac12 \\sum_i s_i r_i^2
           + \\sum_j \\Big( l1_j |w_j| + \\frac{l2_j}{2} w_j^2 \\Big),
    \\qquad r = y - X w, \\quad lo_j \\le w_j \\le hi_j.
"""

import numpy as np
from numba import njit

# LLVM may reorder the sums in dot products (as BLAS does), which lets it
# vectorize them; no assumption about NaN or inf is made.
REDUCTION_MATH = {"reassoc", "contract"}


@njit(cache=True, nogil=True, inline="always")
def coordinate_minimizer(b, a, l1, l2, lo, hi):
    """Minimizer of ``a/2 t^2 - b t + l1 |t| + l2/2 t^2`` over ``[lo, hi]``.

    Soft-threshold ``b`` at ``l1``, divide by the curvature ``a + l2``, clip to
    the bounds. ``a + l2 > 0`` is required (callers skip empty columns).
    """
    if b > l1:
        t = (b - l1) / (a + l2)
    elif b < -l1:
        t = (b + l1) / (a + l2)
    else:
        t = 0.0
    if t < lo:
        t = lo
    elif t > hi:
        t = hi
    return t


@njit(cache=True, nogil=True, inline="always")
def _side_conjugate(z, l1, l2, bound):
    """Conjugate of ``l1 t + l2/2 t^2`` on ``0 <= t <= bound`` at ``z``."""
    excess = z - l1
    if excess <= 0.0 or bound <= 0.0:
        return 0.0
    if l2 > 0.0:
        t = min(excess / l2, bound)
        return excess * t - 0.5 * l2 * t * t
    if bound == np.inf:
        return np.inf
    return excess * bound


@njit(cache=True, nogil=True)
def enet_duality_gap(z, w, l1, l2, lo, hi, features, n_sel, r_norm2, r_dot_y):
    """Duality gap of the elastic-net family on a set of features.

    The problem is restricted to ``features[:n_sel]`` (all features for the
    full problem, a working set for a sub-problem); ``z[k]`` is the
    correlation ``x_j^T S r`` of feature ``j = features[k]``.

    Two dual points are tried and the smaller gap is returned; both are
    valid certificates for the same primal.

    * Formulation A treats the L2 term as extra rows of data (a Lasso on
      ``[X; diag(sqrt(l2))]``), so the dual point is the augmented residual
      scaled by ``c <= 1`` until every coordinate with an infinite bound is
      dual feasible. Screening uses this point.
    * Formulation B keeps the L2 term in the penalty and takes the residual
      itself as dual point, with the exact conjugate of each coordinate's
      penalty. It is the tight one for Ridge-like problems (``l1 = 0``),
      where formulation A degenerates.

    Parameters
    ----------
    z : ndarray of shape (>= n_sel,)
        Correlations of the selected features with the residual.
    w : ndarray of shape (n_features,)
        Current coefficients, within the bounds.
    l1, l2, lo, hi : ndarray of shape (n_features,)
        Per-feature penalties and bounds.
    features : ndarray of int of shape (>= n_sel,)
        Indices of the selected features.
    n_sel : int
        Number of selected features.
    r_norm2 : float
        ``r^T S r``.
    r_dot_y : float
        ``r^T S y``.

    Returns
    -------
    gap : float
        Primal minus dual objective, ``>= 0`` up to rounding.
    scale : float
        The scaling ``c`` of formulation A's dual point.
    gap_a : float
        The gap of formulation A alone (the one gap-safe radii derive from).
    """
    l1_norm = 0.0
    l2_norm2 = 0.0
    for k in range(n_sel):
        j = features[k]
        l1_norm += l1[j] * abs(w[j])
        l2_norm2 += l2[j] * w[j] * w[j]
    primal = 0.5 * r_norm2 + 0.5 * l2_norm2 + l1_norm

    # Formulation A: the largest c <= 1 keeping c * (z - l2 w) feasible
    # where a bound is infinite (there the conjugate would be +inf).
    scale = 1.0
    for k in range(n_sel):
        j = features[k]
        za = z[k] - l2[j] * w[j]
        if (za > 0.0 and hi[j] == np.inf) or (za < 0.0 and lo[j] == -np.inf):
            if abs(za) * scale > l1[j]:
                scale = l1[j] / abs(za)
    conj_a = 0.0
    conj_b = 0.0
    for k in range(n_sel):
        j = features[k]
        if l2[j] == 0.0 and lo[j] == -np.inf and hi[j] == np.inf:
            # The Lasso case, in short: A's point is feasible by the choice
            # of scale, B's only if |z| <= l1.
            if abs(z[k]) > l1[j]:
                conj_b = np.inf
            continue
        za = scale * (z[k] - l2[j] * w[j])
        conj_a += _side_conjugate(za, l1[j], 0.0, hi[j])
        conj_a += _side_conjugate(-za, l1[j], 0.0, -lo[j])
        # Formulation B: dual point r, exact per-coordinate conjugates.
        conj_b += max(
            _side_conjugate(z[k], l1[j], l2[j], hi[j]),
            _side_conjugate(-z[k], l1[j], l2[j], -lo[j]),
        )
    dual_a = scale * r_dot_y - 0.5 * scale * scale * (r_norm2 + l2_norm2) - conj_a
    dual_b = r_dot_y - 0.5 * r_norm2 - conj_b
    gap_a = primal - dual_a
    return min(gap_a, primal - dual_b), scale, gap_a


@njit(cache=True, nogil=True, inline="always")
def copy_into(target, source):
    """``target[:] = source`` as a plain loop (slice assignment compiles numba's
    general broadcasting code, seconds of first-run time)."""
    for i in range(source.shape[0]):
        target[i] = source[i]


# Columns are taken as contiguous 1-D views: LLVM vectorizes those loops
# better than 2-D indexing (measured 1.5x against 1.8x the time of BLAS).
# Reductions are not inlined at numba's level ("inline='always'"): the
# inlined body would be compiled with the caller's flags and lose the
# reassociation that vectorizes it. LLVM still inlines the compiled call.
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


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _centred_norm2_and_dot(col, shift, r):
    """``(||col - shift||^2, (col - shift)^T r)`` in one pass."""
    norm2 = 0.0
    dot = 0.0
    for i in range(col.shape[0]):
        d = col[i] - shift
        norm2 += d * d
        dot += d * r[i]
    return norm2, dot


@njit(cache=True, nogil=True)
def column_stats_and_correlations(X, r, known_means, means, norm2, z):
    """Column means, centred squared norms and correlations with ``r``.

    ``means_j`` is computed unless ``known_means_j`` (the caller computed it
    to form ``r``); then ``norm2_j = ||x_j - means_j||^2`` and
    ``z_j = (x_j - means_j)^T r``. One read of ``X`` from memory does what
    :func:`column_means_and_norms` and :func:`all_correlations` do in two;
    as there, a NaN or infinite entry makes its column's norm NaN.
    """
    for j in range(X.shape[1]):
        col = X[:, j]
        if not known_means[j]:
            means[j] = column_mean(col)
        norm2[j], z[j] = _centred_norm2_and_dot(col, means[j], r)


@njit(cache=True, nogil=True, inline="always")
def column_span(indptr, j):
    """The range of column ``j``'s stored entries, as unsigned integers.

    Sparse loops index with these and with unsigned row indices
    (``np.uint64(indices[k])``): a signed index makes numba handle negative
    values (Python's wraparound) at every access, which cost about a third
    of a full pass ``X^T v`` on the benchmark's sparse data. CSC indices
    are non-negative (scipy's format), as scikit-learn's Cython code assumes.
    """
    return np.uint64(indptr[j]), np.uint64(indptr[j + 1])


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def sparse_dot(data, indices, indptr, j, v):
    """``x_j^T v`` over the stored entries of column ``j``."""
    acc = 0.0
    start, stop = column_span(indptr, j)
    for k in range(start, stop):
        acc += data[k] * v[np.uint64(indices[k])]
    return acc


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def sparse_dot_weighted(data, indices, indptr, j, s, q):
    """``x_j^T S q``."""
    acc = 0.0
    start, stop = column_span(indptr, j)
    for k in range(start, stop):
        i = np.uint64(indices[k])
        acc += data[k] * s[i] * q[i]
    return acc


@njit(cache=True, nogil=True)
def sparse_column_stats(data, indices, indptr, s, s_sum, mu, colsum, norm2):
    """Weighted column sums ``sum_i s_i x_ij`` and squared norms of the
    centred columns, ``||x_j - mu_j||_S^2``, of CSC data (``s_sum`` is the
    sum of the weights)."""
    for j in range(colsum.shape[0]):
        acc_s = 0.0
        acc_2 = 0.0
        start, stop = column_span(indptr, j)
        for k in range(start, stop):
            i = np.uint64(indices[k])
            acc_s += s[i] * data[k]
            acc_2 += s[i] * data[k] * data[k]
        colsum[j] = acc_s
        # The centred norm expanded; clipped since it is a difference.
        norm2[j] = max(acc_2 - 2.0 * mu[j] * acc_s + mu[j] * mu[j] * s_sum, 0.0)


@njit(cache=True, nogil=True, inline="always")
def sparse_move(delta, data, indices, indptr, j, q):
    """``q -= delta * x_j`` on the stored entries of column ``j``."""
    start, stop = column_span(indptr, j)
    for k in range(start, stop):
        q[np.uint64(indices[k])] -= delta * data[k]


@njit(cache=True, nogil=True, inline="always")
def gram_move(delta, G, j, h):
    """``h += delta * G[:, j]`` (row ``j``: G is symmetric and C-ordered)."""
    for jj in range(h.shape[0]):
        h[jj] += delta * G[j, jj]


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def gram_residual_norms(Xy, y_norm2, w, h):
    """``r^T S r`` and ``r^T S y`` of ``r = y - X w`` from ``h = G w``, ``Xy``
    and ``y_norm2 = y^T S y`` (the Gram layout has no residual vector)."""
    w_dot_xy = 0.0
    w_dot_h = 0.0
    for j in range(w.shape[0]):
        w_dot_xy += w[j] * Xy[j]
        w_dot_h += w[j] * h[j]
    # A difference of large numbers: clip the rounding below zero.
    return max(y_norm2 - 2.0 * w_dot_xy + w_dot_h, 0.0), y_norm2 - w_dot_xy


@njit(cache=True, nogil=True)
def gram_gap(Xy, y_norm2, w, h, l1, l2, lo, hi, features, n_sel, z):
    """:func:`enet_duality_gap` from Gram quantities (``z = Xy - h``)."""
    for k in range(n_sel):
        z[k] = Xy[features[k]] - h[features[k]]
    r_norm2, r_dot_y = gram_residual_norms(Xy, y_norm2, w, h)
    return enet_duality_gap(z, w, l1, l2, lo, hi, features, n_sel, r_norm2, r_dot_y)


# ---------------------------------------------------------------------------
# Working sets, gap-safe screening and the epoch budget, shared by the
# coordinate-descent and proximal-gradient kernels.
# ---------------------------------------------------------------------------

# First working-set size; later ones are at least twice the support.
WS_START = 10
# Sparse data, fitted from zero: working sets of up to four times the
# support, while that is at most this share of the features. Each outer
# iteration costs a pass over all of X for the gap, and on sparse data the
# sub-problems converge in few epochs, so fewer, larger working sets pay
# while the support is being found: on the shared benchmark's sparse problem
# 25-28% less time for single fits. Warm starts (a path's next alpha) know
# their support and were 2-9% slower with it; on dense data the same rule
# made 9 of 21 random fits 10-33% slower.
WS_SPARSE_SHARE = 16

@njit(cache=True, nogil=True)
def screen_and_score(z, w, l1, l2, lo, hi, col_norm2, scale, gap_a, excluded, scores):
    """Gap-safe screening, then working-set scores of the remaining features.

    With formulation A's dual point (scaled by ``scale``) within
    ``sqrt(2 gap_a)`` of the dual optimum, a feature whose constraint
    ``|x_j^T theta| <= l1_j`` holds with a margin larger than that radius is
    zero at the optimum: it is marked in ``excluded`` for good. The score of
    the others is the slack ``l1_j - |x_j^T theta|`` of the feature's dual
    constraint, so that the smallest scores are the features most likely to
    be non-zero. (Ranking by the distance to the constraint instead, the
    slack over ``||x_j||``, favours rarely-filled sparse columns: on the
    shared benchmark's sparse problem it took three times the outer
    iterations, with no gain on dense data.)
    Features without an L1 penalty or with a finite non-zero bound are never
    screened and rank first.
    ``z`` holds the full correlations (``z[j]`` for feature ``j``).
    """
    radius = np.sqrt(max(2.0 * gap_a, 0.0))
    for j in range(w.shape[0]):
        if excluded[j]:
            scores[j] = np.inf
            continue
        norm = np.sqrt(col_norm2[j] + l2[j])
        if norm == 0.0:
            # An empty, unpenalized-in-L2 column never moves: drop it.
            excluded[j] = True
            scores[j] = np.inf
            continue
        if (
            l1[j] == 0.0
            or (hi[j] != np.inf and hi[j] != 0.0)
            or (lo[j] != -np.inf and lo[j] != 0.0)
        ):
            # No L1 penalty (a feature that is almost never zero at the
            # optimum) or a finite bound: always in the working set. Left
            # out, an unpenalized feature makes a sub-problem whose gap
            # cannot fall below the outer one (alpha = 0 ran to max_iter).
            scores[j] = -np.inf
            continue
        za = scale * (z[j] - l2[j] * w[j])
        corr = 0.0
        if hi[j] == np.inf:
            corr = max(corr, za)
        if lo[j] == -np.inf:
            corr = max(corr, -za)
        margin = (l1[j] - corr) / norm
        if margin > radius:
            excluded[j] = True
            scores[j] = np.inf
        else:
            scores[j] = margin * norm  # the slack (see the docstring)


@njit(cache=True, nogil=True)
def _kth_smallest(values, k, scratch):
    """The ``k``-th smallest (0-based) of ``values``, by quickselect.

    Written here rather than calling ``np.partition``, whose compilation
    costs seconds of first-run time; ``scratch`` (same length) is
    overwritten. Median-of-three pivots keep it linear on sorted input.
    """
    n = values.shape[0]
    for i in range(n):
        scratch[i] = values[i]
    left = 0
    right = n - 1
    while left < right:
        mid = (left + right) // 2
        a = scratch[left]
        b = scratch[mid]
        c = scratch[right]
        pivot = max(min(a, b), min(max(a, b), c))
        i = left
        j = right
        while i <= j:
            while scratch[i] < pivot:
                i += 1
            while scratch[j] > pivot:
                j -= 1
            if i <= j:
                scratch[i], scratch[j] = scratch[j], scratch[i]
                i += 1
                j -= 1
        if k <= j:
            right = j
        elif k >= i:
            left = i
        else:
            return scratch[k]
    return scratch[k]


@njit(cache=True, nogil=True)
def build_working_set(scores, w, ws_size, ws):
    """The support, the features ranked first, then the best-scored features.

    ``ws_size`` features at most, unless the support and the features scored
    ``-inf`` are more.

    Writes the chosen features, in increasing order, to ``ws`` and returns
    their number. Excluded features (score ``inf``) are never chosen.
    """
    n_features = w.shape[0]
    n_forced = 0
    for j in range(n_features):
        if w[j] != 0.0 and scores[j] != np.inf:
            scores[j] = -np.inf
        if scores[j] == -np.inf:
            n_forced += 1
    # Every feature ranked first belongs in the set, however many there are.
    ws_size = max(ws_size, n_forced)
    # The ws_size-th smallest score by selection, O(n_features), instead of
    # a full sort; then one pass in index order keeps the smaller scores
    # and as many ties as fit, so the set comes out sorted.
    threshold = _kth_smallest(scores, ws_size - 1, np.empty_like(scores))
    n_below = 0
    for j in range(n_features):
        if scores[j] < threshold:
            n_below += 1
    ties_left = ws_size - n_below if threshold != np.inf else 0
    n_ws = 0
    for j in range(n_features):
        if scores[j] < threshold or (scores[j] == threshold and ties_left > 0):
            if scores[j] == threshold:
                ties_left -= 1
            ws[n_ws] = j
            n_ws += 1
    return n_ws


@njit(cache=True, nogil=True)
def next_ws_size(w, ws_size, quadruple):
    """Working sets never shrink and hold at least twice the support (with
    ``quadruple``, four times, up to ``1 / WS_SPARSE_SHARE`` of the features)."""
    n_features = w.shape[0]
    n_nonzero = 0
    for j in range(n_features):
        if w[j] != 0.0:
            n_nonzero += 1
    size = max(ws_size, 2 * n_nonzero, WS_START)
    if quadruple:
        size = max(size, min(4 * n_nonzero, n_features // WS_SPARSE_SHARE))
    return min(n_features, size)


@njit(cache=True, nogil=True, inline="always")
def visit_budget(max_iter, n_features):
    """``max_iter`` epochs as coordinate visits (saturating: no overflow)."""
    cap = np.int64(2) ** 62 // max(n_features, 1)
    return min(np.int64(max_iter), cap) * n_features


@njit(cache=True, nogil=True, inline="always")
def epochs_allowed(budget, visits, n_ws):
    """Whole epochs on a working set of ``n_ws`` that fit in what is left of
    the budget (0 for an empty working set: nothing left to do)."""
    if n_ws == 0:
        return 0
    return (budget - visits) // n_ws


@njit(cache=True, nogil=True, inline="always")
def epochs_of(visits, n_features):
    """Coordinate visits as epochs over all ``n_features``, rounded up."""
    return (visits + n_features - 1) // n_features
