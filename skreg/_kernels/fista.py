"""Proximal gradient (FISTA with adaptive restart) for the elastic-net family.

Minimizes the objective of :mod:`enet_math` (kernel units) by accelerated
proximal gradient on the smooth part ``f(w) = 1/2 sum_i s_i r_i^2``, whose
gradient is ``-X^T S r``. The proximal step is the one-dimensional update of
coordinate descent applied to every coordinate at once (soft-threshold,
divide by ``1 + step * l2``, clip to the bounds): one penalty, two solvers.

* Steps in the metric ``D = diag(||x_j||^2)`` (centred, weighted columns):
  coordinate ``j`` moves by ``1 / (L d_j)`` times its gradient, i.e. FISTA
  on the problem with unit-norm columns. With one step for all coordinates,
  set by the largest eigenvalue, coordinates of small columns hardly move;
  on power-law sparse data (column norms over decades) that made FISTA
  5 to 19 times slower at alpha_max/10 to /100 (sparse-rcv1like).
* ``L`` starts from a few power iterations on the working set's
  ``D_F^-1/2 X_F^T S X_F D_F^-1/2``, often far below the full matrix's
  largest eigenvalue, which they approach from below, so every step is
  checked by backtracking (the quadratic upper bound of ``f`` in the metric
  must hold at the new point; otherwise ``L`` grows by half and the step is
  redone). On the Gram matrix the estimate is of all of it and is returned,
  so solves on the same data (a path's alphas, the targets of a
  multi-output fit) compute it once.
* Adaptive restart (O'Donoghue and Candes, 2015): the momentum is reset when
  it points against the last step, ``(y_k - x_{k+1})^T (x_{k+1} - x_k) > 0``,
  which keeps FISTA from ever oscillating far slower than plain ISTA.
* The intercept is exact: the data are centred (implicitly for sparse data),
  and the caller recovers it from the means.
* Working sets and gap-safe screening, as in coordinate descent (the
  helpers of :mod:`enet_math`): each round computes the duality gap of the
  full problem and stops when it is at most ``tol_gap``; otherwise it
  screens, and FISTA runs on the support plus the features whose dual
  constraints have the least slack, until that sub-problem's gap (checked
  every ``_GAP_EVERY`` iterations) is below ``_INNER_RATIO`` times the full
  one. The answer is certified on the full problem.

Each iteration costs the products ``x_j^T r`` of the working set's columns
at the extrapolated point and the residual of the new iterate, which touches
only its non-zero coefficients. On the Gram matrix (``n_samples >>
n_features``) both cost ``O(n_features * support)`` instead, whatever the
number of samples, and the whole problem is solved in one round.

References: A. Beck and M. Teboulle, "A fast iterative shrinkage-thresholding
algorithm for linear inverse problems", SIAM J. Imaging Sciences, 2009;
working sets and gap-safe screening as in :mod:`cd`.
"""

import numpy as np
from numba import njit

from .enet_math import (
    REDUCTION_MATH,
    WS_START,
    all_correlations,
    build_working_set,
    column_span,
    coordinate_minimizer,
    copy_into,
    dense_residual_into,
    dot_column,
    enet_duality_gap,
    epochs_allowed,
    epochs_of,
    gram_move,
    gram_residual_norms,
    next_ws_size,
    screen_and_score,
    sparse_column_stats,
    sparse_move,
    visit_budget,
)


# Duality gap of a working set's sub-problem checked every this many iterations.
_GAP_EVERY = 10
# Sub-problems are solved to this fraction of the full problem's gap.
_INNER_RATIO = 0.3
# Power iterations for the first Lipschitz estimate (backtracking corrects it).
_POWER_ITERATIONS = 12
# Growth of L when the quadratic upper bound fails.
_BACKTRACK = 1.5
# Data layouts.
_DENSE = 0
_SPARSE = 1
_GRAM = 2


@njit(cache=True, nogil=True)
def _prox_step(v, grad_neg, lipschitz, metric, l1, l2, lo, hi, feats, n_sel, out):
    """Proximal step in the metric ``D``: for ``j = feats[k]``, with
    ``c_j = lipschitz * metric[j]``, ``out_j`` minimizes
    ``c_j/2 (t - v_j - grad_neg[k] / c_j)^2 + penalty_j(t)``.

    That is coordinate descent's update with curvature ``c_j`` and linear
    term ``c_j v_j + grad_neg[k]``.
    """
    full = n_sel == out.shape[0]
    for k in range(n_sel):
        j = k if full else feats[k]
        c = lipschitz * metric[j]
        out[j] = coordinate_minimizer(v[j] * c + grad_neg[k], c, l1[j], l2[j], lo[j], hi[j])


@njit(cache=True, nogil=True)
def _momentum(x, x_prev, beta, out):
    """``out = x + beta (x - x_prev)``, for residuals (affine in the iterate)."""
    for i in range(x.shape[0]):
        out[i] = x[i] + beta * (x[i] - x_prev[i])


@njit(cache=True, nogil=True)
def _momentum_on(x, x_prev, beta, feats, n_sel, out):
    """:func:`_momentum` on the coordinates ``feats[:n_sel]`` only."""
    full = n_sel == out.shape[0]
    for k in range(n_sel):
        j = k if full else feats[k]
        out[j] = x[j] + beta * (x[j] - x_prev[j])


@njit(cache=True, nogil=True)
def _advance(x_prev, x, x_new, feats, n_sel):
    """``x_prev, x = x, x_new`` on the coordinates ``feats[:n_sel]``."""
    full = n_sel == x.shape[0]
    for k in range(n_sel):
        j = k if full else feats[k]
        x_prev[j] = x[j]
        x[j] = x_new[j]


@njit(cache=True, nogil=True)
def _step_checks(x_new, x, y_k, grad_neg, metric, feats, n_sel):
    """Quantities of the backtracking and restart tests, on ``feats[:n_sel]``.

    Returns ``g^T d`` (with ``g = -grad_neg`` the gradient at ``y_k``,
    ``grad_neg[k]`` for feature ``feats[k]``, and ``d = x_new - y_k``),
    ``d^T D d`` and the restart indicator ``(y_k - x_new)^T D (x_new - x)``,
    with ``D = diag(metric)``.
    """
    g_dot_d = 0.0
    d_norm2 = 0.0
    restart = 0.0
    full = n_sel == x.shape[0]
    for k in range(n_sel):
        j = k if full else feats[k]
        d = x_new[j] - y_k[j]
        g_dot_d -= grad_neg[k] * d
        d_norm2 += metric[j] * d * d
        restart -= metric[j] * d * (x_new[j] - x[j])
    return g_dot_d, d_norm2, restart


@njit(cache=True, nogil=True)
def _weighted_norms(r, y, s):
    """``r^T S r`` and ``r^T S y``."""
    r_norm2 = 0.0
    r_dot_y = 0.0
    for i in range(r.shape[0]):
        r_norm2 += s[i] * r[i] * r[i]
        r_dot_y += s[i] * r[i] * y[i]
    return r_norm2, r_dot_y


# ---------------------------------------------------------------------------
# Layout-specific products: residual of a point and correlations X^T S r.
# Dense data arrive centred and weighted (s = 1); sparse data are centred
# implicitly with the column means mu and weighted by s. On the Gram layout
# (X holds G = Xc^T S Xc, y holds Xc^T S y) the n-vector residual is replaced
# by h = G w, which is affine in w like the residual (so momentum applies to
# it alike): the correlations are Xy - h and the squared norms come from
# y^T S y, w^T Xy and w^T h.
# ---------------------------------------------------------------------------


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _sparse_residual(data, indices, indptr, mu, y, w, r):
    """``r = y - (X - 1 mu^T) w`` without forming the centred matrix."""
    copy_into(r, y)
    offset = 0.0
    for j in range(w.shape[0]):
        if w[j] != 0.0:
            sparse_move(w[j], data, indices, indptr, j, r)
            offset += mu[j] * w[j]
    for i in range(r.shape[0]):
        r[i] += offset


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _sparse_correlations(data, indices, indptr, mu, s, r, feats, n_sel, sr, z):
    """``z[k] = (x_j - mu_j)^T S r`` for ``j = feats[k]``; ``sr`` is scratch
    of length n_samples."""
    total = 0.0
    for i in range(r.shape[0]):
        sr[i] = s[i] * r[i]
        total += sr[i]
    for k in range(n_sel):
        j = feats[k]
        acc = 0.0
        start, stop = column_span(indptr, j)
        for q in range(start, stop):
            acc += data[q] * sr[np.uint64(indices[q])]
        z[k] = acc - mu[j] * total


@njit(cache=True, nogil=True)
def _gram_product(G, point, out):
    """``out = G point``, from the rows of the non-zero coefficients."""
    out[:] = 0.0
    for j in range(point.shape[0]):
        if point[j] != 0.0:
            gram_move(point[j], G, j, out)


@njit(cache=True, nogil=True)
def _residual(layout, X, data, indices, indptr, mu, y, point, out):
    """``out = y - (centred X) point``; on the Gram layout ``out = G point``."""
    if layout == _DENSE:
        dense_residual_into(X, mu, y, point, out)  # mu is zeros: X comes centred
    elif layout == _SPARSE:
        _sparse_residual(data, indices, indptr, mu, y, point, out)
    else:
        _gram_product(X, point, out)


@njit(cache=True, nogil=True)
def _correlations(layout, X, data, indices, indptr, mu, s, y, res, feats, n_sel, scratch, out):
    """``out[k] = (centred x_j)^T S res`` for ``j = feats[k]``; on the Gram
    layout ``Xy_j - h_j``. ``feats`` is sorted; all features when
    ``n_sel == n_features``."""
    if layout == _DENSE:
        # mu is zeros: dense X comes centred.
        if n_sel == X.shape[1]:
            all_correlations(X, mu, res, out)
        else:
            for k in range(n_sel):
                out[k] = dot_column(X, feats[k], 0.0, res)
    elif layout == _SPARSE:
        _sparse_correlations(data, indices, indptr, mu, s, res, feats, n_sel, scratch, out)
    else:
        for k in range(n_sel):
            j = feats[k]
            out[k] = y[j] - res[j]


@njit(cache=True, nogil=True)
def _norms(layout, r, y, s, point, y_norm2):
    """``r^T S r`` and ``r^T S y`` of ``point``'s residual ``r`` (``h`` on Gram)."""
    if layout == _GRAM:
        return gram_residual_norms(y, y_norm2, point, r)
    return _weighted_norms(r, y, s)


@njit(cache=True, nogil=True)
def _lipschitz_estimate(layout, X, data, indices, indptr, mu, s, metric, n_samples, feats, n_sel):
    """Largest eigenvalue of ``D^-1/2 X_F^T S X_F D^-1/2`` (centred),
    ``F = feats[:n_sel]``, ``D = diag(metric)``, by a few power iterations."""
    n_features = mu.shape[0]
    v = np.zeros(n_features)
    point = np.zeros(n_features)
    for k in range(n_sel):
        # A fixed, non-degenerate start: deterministic results.
        j = feats[k]
        v[j] = 1.0 + 0.5 * ((j * 7919) % 13) / 13.0
    u = np.zeros(n_samples)
    zeros = np.zeros(n_samples)
    sr = np.empty(n_samples)
    product = np.empty(n_sel)
    estimate = 0.0
    for _ in range(_POWER_ITERATIONS):
        norm = 0.0
        for k in range(n_sel):
            norm += v[feats[k]] ** 2
        norm = np.sqrt(norm)
        if norm == 0.0:
            return 0.0
        for k in range(n_sel):
            j = feats[k]
            v[j] /= norm
            point[j] = v[j] / np.sqrt(metric[j])
        if layout == _GRAM:
            _gram_product(X, point, u)
            for k in range(n_sel):
                product[k] = u[feats[k]]
        else:
            # u = -(centred X) point, then X_F^T S X_F point = -X_F^T S u.
            _residual(layout, X, data, indices, indptr, mu, zeros, point, u)
            _correlations(
                layout, X, data, indices, indptr, mu, s, zeros, u, feats, n_sel, sr, product
            )
            for k in range(n_sel):
                product[k] = -product[k]
        for k in range(n_sel):
            product[k] /= np.sqrt(metric[feats[k]])
        estimate = 0.0
        for k in range(n_sel):
            v[feats[k]] = product[k]
            estimate += product[k] ** 2
        estimate = np.sqrt(estimate)
    return estimate


@njit(cache=True, nogil=True)
def _fista_on(
    layout, X, data, indices, indptr, mu, s, y, y_norm2, w, r, l1, l2, lo, hi, metric, feats,
    n_sel, max_iter, tol_gap, lipschitz, slack, coef_rows, res_rows, z, sr,
):  # fmt: skip
    """FISTA in the metric ``diag(metric)`` on the sub-problem of the
    features ``feats[:n_sel]``.

    The other coefficients are zero and stay so. ``w`` and its residual
    ``r`` are updated in place; iterations stop when the sub-problem's gap
    is at most ``tol_gap`` (checked every ``_GAP_EVERY`` iterations) or
    after ``max_iter``. The momentum starts afresh. ``coef_rows`` and
    ``res_rows`` are scratch (three rows of ``w``'s and of ``r``'s length),
    like ``z`` and ``sr``.
    Returns (iterations, the Lipschitz estimate after backtracking).
    """
    x_prev = coef_rows[0]
    y_k = coef_rows[1]
    x_new = coef_rows[2]
    r_prev = res_rows[0]
    r_y = res_rows[1]
    r_new = res_rows[2]
    # Outside the selection every row equals w (zero) and is never written.
    copy_into(x_prev, w)
    copy_into(y_k, w)
    copy_into(x_new, w)
    copy_into(r_prev, r)
    t = 1.0
    n_iter = 0
    for it in range(max_iter):
        n_iter = it + 1
        t_next = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
        beta = (t - 1.0) / t_next
        _momentum_on(w, x_prev, beta, feats, n_sel, y_k)
        _momentum(r, r_prev, beta, r_y)
        _correlations(layout, X, data, indices, indptr, mu, s, y, r_y, feats, n_sel, sr, z)
        f_y = 0.5 * _norms(layout, r_y, y, s, y_k, y_norm2)[0]
        while True:
            _prox_step(y_k, z, lipschitz, metric, l1, l2, lo, hi, feats, n_sel, x_new)
            _residual(layout, X, data, indices, indptr, mu, y, x_new, r_new)
            f_new = 0.5 * _norms(layout, r_new, y, s, x_new, y_norm2)[0]
            g_dot_d, d_norm2, restart = _step_checks(x_new, w, y_k, z, metric, feats, n_sel)
            # Quadratic upper bound, with room for rounding.
            bound = f_y + g_dot_d + 0.5 * lipschitz * d_norm2
            if f_new <= bound + 1e-12 * abs(f_y) + slack or d_norm2 == 0.0:
                break
            lipschitz *= _BACKTRACK
        _advance(x_prev, w, x_new, feats, n_sel)
        copy_into(r_prev, r)
        copy_into(r, r_new)
        t = 1.0 if restart > 0.0 else t_next
        if n_iter % _GAP_EVERY == 0:
            _correlations(layout, X, data, indices, indptr, mu, s, y, r, feats, n_sel, sr, z)
            r_norm2, r_dot_y = _norms(layout, r, y, s, w, y_norm2)
            if enet_duality_gap(z, w, l1, l2, lo, hi, feats, n_sel, r_norm2, r_dot_y)[0] <= tol_gap:
                break
    return n_iter, lipschitz


@njit(cache=True, nogil=True)
def _full_gap(
    layout, X, data, indices, indptr, mu, s, y, y_norm2, w, r, l1, l2, lo, hi, all_features, sr, z
):  # fmt: skip
    """Duality gap of the full problem at ``w`` (residual ``r``); ``z`` gets
    every correlation. Returns ``enet_duality_gap``'s triple."""
    n_features = w.shape[0]
    _correlations(layout, X, data, indices, indptr, mu, s, y, r, all_features, n_features, sr, z)
    r_norm2, r_dot_y = _norms(layout, r, y, s, w, y_norm2)
    return enet_duality_gap(z, w, l1, l2, lo, hi, all_features, n_features, r_norm2, r_dot_y)


@njit(cache=True, nogil=True)
def _fista(
    layout, X, data, indices, indptr, mu, s, y, y_norm2, w, l1, l2, lo, hi, max_iter, tol_gap,
    estimate, col_norm2,
):  # fmt: skip
    """FISTA with working sets and gap-safe screening, for every layout
    (``layout`` selects the products).

    Each round computes the gap of the full problem and stops when it is at
    most ``tol_gap``; otherwise it screens, forms a working set (the support
    plus the features whose dual constraints have the least slack, as
    coordinate descent does) and runs FISTA on it until the sub-problem's
    gap is below ``_INNER_RATIO`` times the full one. An iteration on ``k``
    of ``p`` features counts ``k / p`` of ``max_iter``.

    On the Gram layout ``y`` is ``Xy``, ``y_norm2`` is ``y^T S y`` and the
    residual vectors have ``n_features`` entries; elsewhere ``y_norm2`` is
    unused. ``col_norm2`` holds the squared norms of the centred, weighted
    columns, for screening and the metric of the steps (on the Gram layout,
    the diagonal of ``G``, for the metric only).

    On the Gram layout ``estimate`` is the power-iteration estimate of the
    Lipschitz constant, or a negative number to compute it; it is returned
    with the gap and the iteration count so that later solves on the same
    data (the next alpha of a path) skip the power iterations and run exactly
    as if they had done them. Elsewhere each working set gets its own
    estimate and ``estimate`` is returned as given.
    """
    n_samples = y.shape[0]
    n_features = w.shape[0]
    all_features = np.arange(n_features)
    # The metric: steps scaled per feature by its column's squared norm, so
    # that columns of very different norms (power-law sparse data) do not
    # make one step size fit none of them. Empty columns get any positive
    # scale: their gradient is zero.
    metric = np.empty(n_features)
    for j in range(n_features):
        metric[j] = col_norm2[j] if col_norm2[j] > 0.0 else 1.0
    if layout == _GRAM and estimate < 0.0:
        estimate = _lipschitz_estimate(
            layout, X, data, indices, indptr, mu, s, metric, n_samples, all_features, n_features
        )
    lipschitz = estimate
    # Iterates in float64 whatever w's dtype: float32 rounding of each step
    # would break the backtracking test. The result is rounded once, at the
    # end, and certified as rounded.
    w_out = w
    w = np.empty(n_features)
    copy_into(w, w_out)
    r = np.empty(n_samples)
    coef_rows = np.empty((3, n_features))
    res_rows = np.empty((3, n_samples))
    z = np.empty(n_features)
    sr = np.empty(n_samples)
    scores = np.empty(n_features)
    excluded = np.zeros(n_features, dtype=np.bool_)
    ws = np.empty(n_features, dtype=np.int64)
    # Room for rounding in the backtracking test: the Gram layout's loss is
    # a difference of terms of the size of y^T S y.
    slack = 1e-12 * y_norm2 if layout == _GRAM else 0.0
    _residual(layout, X, data, indices, indptr, mu, y, w, r)
    ws_size = WS_START
    budget = visit_budget(max_iter, n_features)
    visits = 0
    while True:
        gap, scale, gap_a = _full_gap(
            layout, X, data, indices, indptr, mu, s, y, y_norm2, w, r, l1, l2, lo, hi,
            all_features, sr, z,
        )  # fmt: skip
        if gap <= tol_gap or visits >= budget:
            break
        if layout == _GRAM:
            # On the Gram matrix an iteration costs by the support, not by
            # the number of features solved for: one round on every feature,
            # since working sets would only add rounds that restart the
            # momentum (meats, 100 features: 1.5x slower at alpha_max / 100).
            feats = all_features
            n_ws = n_features
            tol_inner = tol_gap
        else:
            screen_and_score(z, w, l1, l2, lo, hi, col_norm2, scale, gap_a, excluded, scores)
            moved = False
            for j in range(n_features):
                if excluded[j] and w[j] != 0.0:
                    w[j] = 0.0
                    moved = True
            if moved:
                _residual(layout, X, data, indices, indptr, mu, y, w, r)
            ws_size = next_ws_size(w, ws_size, False)
            n_ws = build_working_set(scores, w, ws_size, ws)
            feats = ws
            tol_inner = _INNER_RATIO * gap
            # The step of the sub-problem: its own Lipschitz constant, often
            # far below the full problem's, from passes over its columns only.
            lipschitz = _lipschitz_estimate(
                layout, X, data, indices, indptr, mu, s, metric, n_samples, ws, n_ws
            )
        allowed = epochs_allowed(budget, visits, n_ws)
        if allowed == 0 or lipschitz == 0.0:
            break
        n_done, lipschitz = _fista_on(
            layout, X, data, indices, indptr, mu, s, y, y_norm2, w, r, l1, l2, lo, hi, metric, feats,
            n_ws, allowed, tol_inner, lipschitz, slack, coef_rows, res_rows, z, sr,
        )  # fmt: skip
        visits += n_done * n_ws
    # Certify what is returned: the coefficients rounded to w's dtype (one
    # more pass, which only matters for float32).
    copy_into(w_out, w)
    _residual(layout, X, data, indices, indptr, mu, y, w_out, r)
    gap = _full_gap(
        layout, X, data, indices, indptr, mu, s, y, y_norm2, w_out, r, l1, l2, lo, hi,
        all_features, sr, z,
    )[0]
    return gap, epochs_of(visits, n_features), estimate


@njit(cache=True, nogil=True)
def fista_enet_dense(X, y, w, col_norm2, l1, l2, lo, hi, max_iter, tol_gap):
    """FISTA on dense ``X`` (centred and weighted by ``sqrt(s)`` by the caller).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), Fortran order
        Design matrix.
    y : ndarray of shape (n_samples,)
        Target, transformed like ``X``.
    w : ndarray of shape (n_features,)
        Initial coefficients (within the bounds); updated in place.
    col_norm2 : ndarray of shape (n_features,)
        Squared norms of the columns of ``X``, for screening.
    l1, l2, lo, hi : ndarray of shape (n_features,), float64
        Per-feature penalties (kernel units) and bounds.
    max_iter : int
        Maximum number of iterations.
    tol_gap : float
        Stop when the duality gap is at most this.

    Returns
    -------
    gap : float
        The duality gap of the full problem at exit (kernel units).
    n_iter : int
        Iterations run, an iteration on ``k`` of ``p`` features counting
        ``k / p`` (rounded up).
    """
    # The sparse arguments are unused placeholders on this path.
    empty_i = np.empty(1, dtype=np.int32)
    n = y.shape[0]
    gap, n_iter, _ = _fista(
        _DENSE, X, np.empty(1, dtype=X.dtype), empty_i, empty_i, np.zeros(w.shape[0]),
        np.ones(n), y, 0.0, w, l1, l2, lo, hi, max_iter, tol_gap, -1.0, col_norm2,
    )  # fmt: skip
    return gap, n_iter


@njit(cache=True, nogil=True)
def fista_enet_sparse(
    data, indices, indptr, y, s, mu, w, l1, l2, lo, hi, max_iter, tol_gap
):  # fmt: skip
    """FISTA on CSC ``X`` with sample weights and implicit centring.

    Parameters
    ----------
    data, indices, indptr : ndarray
        CSC arrays of ``X``, uncentred and unweighted.
    y : ndarray of shape (n_samples,)
        Target centred with the weighted mean (not weighted).
    s : ndarray of shape (n_samples,)
        Sample weights (ones when unweighted).
    mu : ndarray of shape (n_features,)
        Column means to centre with (zeros for no intercept).
    w, l1, l2, lo, hi, max_iter, tol_gap
        As in :func:`fista_enet_dense`.

    Returns
    -------
    gap, n_iter
        As in :func:`fista_enet_dense`.
    """
    s_sum = 0.0
    for i in range(s.shape[0]):
        s_sum += s[i]
    col_norm2 = np.empty(w.shape[0])
    sparse_column_stats(data, indices, indptr, s, s_sum, mu, np.empty(w.shape[0]), col_norm2)
    # The dense arguments are unused placeholders on this path.
    return _fista(
        _SPARSE, np.empty((1, 1), dtype=data.dtype), data, indices, indptr, mu, s, y, 0.0, w,
        l1, l2, lo, hi, max_iter, tol_gap, -1.0, col_norm2,
    )[:2]  # fmt: skip


@njit(cache=True, nogil=True)
def fista_enet_gram(G, Xy, y_norm2, w, l1, l2, lo, hi, max_iter, tol_gap, estimate):
    """FISTA on the Gram matrix: each iteration costs ``O(n_features**2)``.

    Parameters
    ----------
    G : ndarray of shape (n_features, n_features), C order
        ``Xc^T S Xc`` of the centred, weighted data (float64, symmetric).
    Xy : ndarray of shape (n_features,)
        ``Xc^T S yc``.
    y_norm2 : float
        ``yc^T S yc``.
    w, l1, l2, lo, hi, max_iter, tol_gap
        As in :func:`fista_enet_dense`.
    estimate : float
        The power-iteration estimate of the largest eigenvalue of ``G``
        returned by an earlier call on the same data, or -1 to compute it.

    Returns
    -------
    gap, n_iter
        As in :func:`fista_enet_dense`.
    estimate : float
        The estimate used (the first step size is its inverse; backtracking
        corrects it upwards where needed).
    """
    # The sparse arguments are unused placeholders on this path.
    empty_i = np.empty(1, dtype=np.int32)
    p = Xy.shape[0]
    return _fista(
        _GRAM, G, np.empty(1, dtype=G.dtype), empty_i, empty_i, np.zeros(p), np.ones(p), Xy,
        y_norm2, w, l1, l2, lo, hi, max_iter, tol_gap, estimate, np.diag(G).copy(),
    )  # fmt: skip
