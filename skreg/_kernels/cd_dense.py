"""Coordinate descent with working sets on dense, Fortran-ordered ``X``.

Minimizes, in kernel units, ``1/2 ||y - (X - mu) w||^2 + penalty(w)``: the
caller weights ``X`` and ``y`` by ``sqrt(s)`` and either centres ``X`` or
passes its column means ``mu`` for the kernel to centre on the fly (without
a centred copy of ``X``). The algorithm (working sets, gap-safe screening,
the stopping rule, Anderson extrapolation) is described in
:mod:`.working_set` and :mod:`.extrapolation`; this module holds what is
particular to dense columns: an epoch that takes coordinates two at a time,
and the residual kept up to date.

The kernel never warns or raises; it updates ``w`` in place and returns
``(gap, n_epochs)`` for the Python layer to report. Epochs are counted as
scikit-learn counts them, in passes over all the coordinates: an epoch on a
working set of ``k`` of ``p`` features counts ``k / p`` of one, so that
``max_iter`` bounds the same work as in scikit-learn (which has no working
sets).
"""

from collections import namedtuple

from numba import njit

from .dense_columns import (
    all_correlations,
    axpy_column,
    axpy_pair,
    copy_into,
    dense_residual_into,
    dot_column,
    moved_pair_products,
    pair_products,
)
from .extrapolation import anderson_step
from .penalty import coordinate_minimizer
from .squared_loss import REDUCTION_MATH, duality_gap, residual_sums
from .working_set import (
    WS_START,
    epoch_order,
    epochs_allowed,
    epochs_of,
    inner_should_check,
    inner_tol,
    is_settled,
    next_working_set,
    screen_and_score,
    screening_gap,
    visit_budget,
)

DenseData = namedtuple("DenseData", ["X", "mu", "col_norm2"])
DenseData.__doc__ = """Dense data for :func:`cd_dense`.

X : ndarray of shape (n_samples, n_features), Fortran order
    Weighted by ``sqrt(s)``; centred, or not when ``mu`` holds the means.
mu : ndarray of shape (n_features,), float64
    Column means to centre with on the fly (zeros when ``X`` is centred).
col_norm2 : ndarray of shape (n_features,), float64
    ``||x_j - mu_j||^2``, computed once for all the solves on ``X``.
"""


@njit(cache=True, nogil=True, inline="always")
def _coordinate_move(w, j, xr, a, pen):
    """Minimize over ``w_j`` given ``xr = (x_j - mu_j)^T r`` and ``a = ||x_j - mu_j||^2``.

    Returns ``w_old - w_new``, the multiple of ``x_j - mu_j`` the residual
    gains. The caller skips columns with ``a + l2_j == 0`` (nothing to fit);
    testing that in here made epochs on short columns 2.5x slower.
    """
    l1, l2, lo, hi = pen
    w_old = w[j]
    w[j] = coordinate_minimizer(xr + a * w_old, a, l1[j], l2[j], lo[j], hi[j])
    return w_old - w[j]


@njit(cache=True, nogil=True)
def dense_epoch(X, mu, col_norm2, w, r, pen, ws, n_ws, order):
    """One epoch of coordinate descent on ``ws[order[:n_ws]]``.

    Coordinates go two at a time: one pass over ``r`` serves both products
    (and their cross product, which corrects the second for the first's
    move), so the epoch is exactly the sequential one. A pair that moved
    updates ``r`` in the same pass as the next pair's products; the last
    move is applied at the end. Returns ``(largest change, largest |w_j|)``.
    """
    w_max = 0.0
    dw_max = 0.0
    _, l2, _, _ = pen
    a = -1
    b = -1
    d_a = 0.0
    d_b = 0.0
    k = 0
    while k < n_ws:
        j = ws[order[k]]
        fit_j = col_norm2[j] + l2[j] != 0.0
        if k + 1 == n_ws:
            if a >= 0:
                axpy_pair(d_a, X, a, mu[a], d_b, b, mu[b], r)
                a = -1
            if fit_j:
                xr_j = dot_column(X, j, mu[j], r)
                d = _coordinate_move(w, j, xr_j, col_norm2[j], pen)
                if d != 0.0:
                    axpy_column(d, X, j, mu[j], r)
                dw_max = max(dw_max, abs(d))
                w_max = max(w_max, abs(w[j]))
            break
        i = ws[order[k + 1]]
        if a >= 0:
            xr_j, xr_i, cross = moved_pair_products(
                d_a, X, a, mu[a], d_b, b, mu[b], j, mu[j], i, mu[i], r
            )
            a = -1
        else:
            xr_j, xr_i, cross = pair_products(X, j, mu[j], i, mu[i], r)
        d_j = 0.0
        if fit_j:
            d_j = _coordinate_move(w, j, xr_j, col_norm2[j], pen)
        d_i = 0.0
        if col_norm2[i] + l2[i] != 0.0:
            d_i = _coordinate_move(w, i, xr_i + d_j * cross, col_norm2[i], pen)
        if d_j != 0.0 or d_i != 0.0:
            a, d_a, b, d_b = j, d_j, i, d_i
        dw_max = max(dw_max, max(abs(d_j), abs(d_i)))
        w_max = max(w_max, max(abs(w[j]), abs(w[i])))
        k += 2
    if a >= 0:
        axpy_pair(d_a, X, a, mu[a], d_b, b, mu[b], r)
    return dw_max, w_max


@njit(cache=True, nogil=True)
def dense_gap(X, mu, y, w, r, pen, features, n_sel, z):
    """Duality gap on ``features[:n_sel]``, their correlations left in ``z``."""
    r_norm2, r_dot_y = residual_sums(r, y)
    if n_sel == X.shape[1]:
        # All features (selections are sorted and unique).
        all_correlations(X, mu, r, z)
    else:
        for k in range(n_sel):
            j = features[k]
            z[k] = dot_column(X, j, mu[j], r)
    return duality_gap(z, w, pen, features, n_sel, r_norm2, r_dot_y)


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def dense_keep_better(X, mu, w, r, r_acc, ws, n_ws, w_acc, cost, cost_acc):
    """Replace ``w`` (and ``r``) by the extrapolated point ``w_acc`` if it is
    better (``cost`` and ``cost_acc``: the two points' penalties)."""
    copy_into(r_acc, r)
    for k in range(n_ws):
        j = ws[k]
        if w_acc[k] != w[j]:
            axpy_column(w[j] - w_acc[k], X, j, mu[j], r_acc)
    loss = 0.0
    loss_acc = 0.0
    for i in range(r.shape[0]):
        loss += r[i] * r[i]
        loss_acc += r_acc[i] * r_acc[i]
    if 0.5 * loss_acc + cost_acc < 0.5 * loss + cost:
        for k in range(n_ws):
            w[ws[k]] = w_acc[k]
        copy_into(r, r_acc)


@njit(cache=True, nogil=True)
def cd_dense(data, y, w, pen, work, settings):
    """Coordinate descent with working sets on dense ``X``.

    Parameters
    ----------
    data : DenseData
        ``X`` (Fortran order), the means to centre with, the column norms.
    y : ndarray of shape (n_samples,), float64
        Target, transformed like ``X``.
    w : ndarray of shape (n_features,), float64
        Initial coefficients (within the bounds); updated in place.
    pen : Penalty
        Per-feature penalties (kernel units) and bounds.
    work : Workspace
        Scratch space, with a state vector of length ``n_samples``.
    settings : Settings
        ``max_iter``, ``tol_gap``, ``tol_rel``, ``random``, ``seed``.

    Returns
    -------
    gap : float
        The duality gap of the full problem at exit (kernel units).
    n_epochs : int
        Epochs run, counted as ``max_iter`` is (rounded up).
    """
    X, mu, col_norm2 = data
    max_iter, tol_gap, tol_rel, random, seed = settings
    n_features = X.shape[1]
    (features, z, scores, scratch, excluded, ws, order, history, w_acc,
     small, small_vecs, vec, vec_acc) = work  # fmt: skip
    r = vec
    dense_residual_into(X, mu, y, w, r)
    for j in range(n_features):
        excluded[j] = False
    state = seed
    ws_size = WS_START
    budget = visit_budget(max_iter, n_features)
    visits = 0
    # Checked before the first epoch, as scikit-learn does: a warm start at
    # a certified point runs none.
    settled = True
    while True:
        gap, scale, gap_a = dense_gap(X, mu, y, w, r, pen, features, n_features, z)
        if (gap <= tol_gap and settled) or visits >= budget:
            break
        screen_and_score(
            z, w, pen, col_norm2, scale, screening_gap(gap, gap_a, tol_gap),
            excluded, scores,
        )  # fmt: skip
        for j in range(n_features):
            if excluded[j] and w[j] != 0.0:
                axpy_column(w[j], X, j, mu[j], r)
                w[j] = 0.0
        n_ws, ws_size = next_working_set(scores, w, ws_size, False, ws, scratch)
        allowed = epochs_allowed(budget, visits, n_ws)
        if allowed == 0:
            break
        # Coordinate descent on the working set, until its gap is a
        # fraction of the outer one (or, once that is certified, an epoch
        # settles).
        tol_inner = inner_tol(gap, tol_gap)
        fill = 0
        n_done = 0
        for epoch in range(allowed):
            state = epoch_order(n_ws, random, state, order)
            dw_max, w_max = dense_epoch(X, mu, col_norm2, w, r, pen, ws, n_ws, order)
            n_done = epoch + 1
            fill, ready, cost, cost_acc = anderson_step(
                w, ws, n_ws, pen, history, fill, small, small_vecs, w_acc
            )
            if ready:
                dense_keep_better(X, mu, w, r, vec_acc, ws, n_ws, w_acc, cost, cost_acc)
            settled = is_settled(w_max, dw_max, tol_rel)
            if inner_should_check(n_done, settled):
                if dense_gap(X, mu, y, w, r, pen, ws, n_ws, z)[0] <= tol_inner:
                    break
        visits += n_done * n_ws
    return gap, epochs_of(visits, n_features)
