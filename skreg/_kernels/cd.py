"""Coordinate descent for the elastic-net family, dense, sparse and Gram.

Every kernel here minimizes, in "kernel units",

.. math::

    P(w) = \\frac12 \\sum_i s_i r_i^2
           + \\sum_j \\Big( l1_j |w_j| + \\frac{l2_j}{2} w_j^2 \\Big),
    \\qquad r = y - X w, \\quad lo_j \\le w_j \\le hi_j,

with per-feature penalties ``l1`` and ``l2`` and bounds ``lo <= 0 <= hi``
(``positive=True`` is ``lo = 0``). The estimators map their ``alpha`` to these
units (``l1 = n * alpha * l1_ratio`` with sample weights summing to ``n``) and
centre or weight the data before calling; the dense and Gram kernels see data
with the weights already folded in (``s = 1``), the sparse kernel gets ``s``
and the column means and centres implicitly.

Algorithm: working sets with gap-safe screening, on one certified stopping
rule. Each outer iteration computes the duality gap of the full problem and
stops when it is at most ``tol_gap`` (the caller passes ``tol * ||y||^2``)
and the last epoch settled (its largest change at most ``tol_rel`` times
the largest coefficient): scikit-learn's two conditions, so that at the same
``tol`` the answer is at least as converged as scikit-learn's. A certified
but unsettled fit runs more epochs without screening. Otherwise it

1. screens: a feature whose dual constraint is farther than ``sqrt(2 gap)``
   from the dual point is zero at the optimum (gap-safe rule) and is removed
   for good;
2. ranks the remaining features by that distance (negative when the
   optimality conditions are violated) and forms a working set of the
   current support plus the best-ranked features, at least twice the support;
3. runs coordinate descent on the working set until the gap of that
   sub-problem is below ``0.3`` times the outer gap. Inside, the sub-problem
   gap is computed after an epoch whose largest change is at most ``tol_rel``
   times the largest coefficient (scikit-learn's trigger) or every
   ``_INNER_GAP_EVERY`` epochs.

Every ``_ANDERSON_STEPS + 1`` epochs on a working set, the last iterates are
combined by Anderson extrapolation; the extrapolated point (clipped to the
bounds) replaces the current one only if it lowers the objective, so it can
never slow convergence by more than its cost.

On the Gram matrix, after ``_NEWTON_AFTER`` epochs, active-set Newton phases
(a feature-sign search) solve the quadratic of the current signs exactly,
one linear system per step; see :func:`_gram_newton_phase`. Each step counts
as a whole epoch.

``max_iter`` bounds the epochs, counted over all coordinates (see below). The
final answer is always certified on the full problem, never on the working set.

References: gap-safe screening, Ndiaye, Fercoq, Gramfort, Salmon, JMLR 2017;
working sets ranked by dual distances, Massias, Gramfort, Salmon, ICML 2018;
Anderson extrapolation of coordinate descent, Bertrand and Massias, AISTATS
2021; feature-sign search, Lee, Battle, Raina, Ng, NIPS 2006.

The one-dimensional update, the duality gap, the column products, the
screening and the working sets come from :mod:`enet_math`, shared with the
proximal-gradient kernel.

Kernels never warn or raise; they update ``w`` in place and return
``(gap, n_epochs)`` for the Python layer to report. Epochs are counted as
scikit-learn counts them, in passes over all the coordinates: an epoch on a
working set of ``k`` of ``p`` features counts ``k / p`` of one, so that
``max_iter`` bounds the same work as in scikit-learn (which has no working
sets), and a fit scikit-learn finishes within ``max_iter`` epochs is not cut
short here because its cheap working-set epochs are more numerous.
"""

import numpy as np
from numba import njit

from .enet_math import (
    REDUCTION_MATH,
    WS_SPARSE_SHARE,
    WS_START,
    all_correlations,
    axpy_column,
    axpy_pair,
    build_working_set,
    column_mean,
    column_span,
    column_stats_and_correlations,
    coordinate_minimizer,
    copy_into,
    dense_residual_into,
    dot_column,
    enet_duality_gap,
    epochs_allowed,
    epochs_of,
    gram_gap,
    gram_move,
    moved_pair_products,
    next_ws_size,
    pair_products,
    screen_and_score,
    sparse_dot,
    sparse_dot_weighted,
    sparse_column_stats,
    sparse_move,
    visit_budget,
)


# Sub-problems are solved to this fraction of the outer duality gap.
_INNER_RATIO = 0.3
# Sub-problem gap checked at least this often (in epochs).
_INNER_GAP_EVERY = 10
# Anderson extrapolation combines this many successive epoch-to-epoch steps.
_ANDERSON_STEPS = 5
# Gram kernel: epochs of coordinate descent before the first active-set
# Newton phase (and after a phase that did not converge, twice as many as
# before), and the largest active set it factorizes.
_NEWTON_AFTER = 20
_NEWTON_MAX_ACTIVE = 256


# ---------------------------------------------------------------------------
# Epoch order and extrapolation, shared by the three layouts.
# ---------------------------------------------------------------------------


@njit(cache=True, nogil=True, inline="always")
def _next_random(state):
    """xorshift64 step; returns the new state (a non-zero uint64)."""
    state ^= state << np.uint64(13)
    state ^= state >> np.uint64(7)
    state ^= state << np.uint64(17)
    return state


@njit(cache=True, nogil=True)
def _epoch_order(n_features, random, state, order):
    """Fill ``order`` with the positions visited in one epoch.

    Cyclic: ``0, 1, ..., n-1``. Random: ``n`` draws with replacement, as
    scikit-learn's ``selection='random'`` does. Returns the new random state.
    """
    if random:
        n = np.uint64(n_features)
        for k in range(n_features):
            state = _next_random(state)
            order[k] = np.int64(state % n)
    else:
        for k in range(n_features):
            order[k] = k
    return state


@njit(cache=True, nogil=True)
def _record_iterate(w, ws, n_ws, history, fill):
    """Append the working-set coefficients to ``history``; returns its new fill."""
    for k in range(n_ws):
        history[fill, k] = w[ws[k]]
    return fill + 1


@njit(cache=True, nogil=True)
def _cholesky_solve(A, b, n, x):
    """Solve ``A[:n, :n] x = b[:n]`` for symmetric positive definite ``A``.

    ``A`` is overwritten by its Cholesky factor. Returns False, leaving
    ``x`` undefined, when a pivot is not clearly positive (a singular or
    numerically indefinite system).
    """
    largest = 0.0
    for i in range(n):
        largest = max(largest, A[i, i])
    for j in range(n):
        acc = A[j, j]
        for k in range(j):
            acc -= A[j, k] * A[j, k]
        if not acc > 1e-13 * largest:
            return False
        A[j, j] = np.sqrt(acc)
        for i in range(j + 1, n):
            acc = A[i, j]
            for k in range(j):
                acc -= A[i, k] * A[j, k]
            A[i, j] = acc / A[j, j]
    for i in range(n):
        acc = b[i]
        for k in range(i):
            acc -= A[i, k] * x[k]
        x[i] = acc / A[i, i]
    for i in range(n - 1, -1, -1):
        acc = x[i]
        for k in range(i + 1, n):
            acc -= A[k, i] * x[k]
        x[i] = acc / A[i, i]
    return True


@njit(cache=True, nogil=True)
def _anderson_extrapolate(history, n_ws, w_acc):
    """Anderson extrapolation of the iterates in ``history``.

    With ``U`` the matrix of the successive differences of the stored
    iterates, the weights ``c`` minimize ``||U^T c||`` subject to
    ``sum(c) = 1``: they solve ``(U U^T) x = 1`` and ``c = x / sum(x)``.
    The small system, with a ridge of 1e-10 of its largest diagonal entry,
    is symmetric positive definite and solved by :func:`_cholesky_solve`; a
    singular one returns False instead of raising.
    """
    n_steps = history.shape[0] - 1
    C = np.empty((n_steps, n_steps))
    for a in range(n_steps):
        for b in range(a, n_steps):
            acc = 0.0
            for k in range(n_ws):
                acc += (history[a + 1, k] - history[a, k]) * (history[b + 1, k] - history[b, k])
            C[a, b] = acc
            C[b, a] = acc
    scale = 0.0
    for a in range(n_steps):
        scale = max(scale, abs(C[a, a]))
    if scale == 0.0 or not np.isfinite(scale):
        return False
    # With fewer working-set features than steps, U U^T is singular; a tiny
    # ridge keeps the system solvable (the minimum-norm-like weights).
    for a in range(n_steps):
        C[a, a] += 1e-10 * scale
    x = np.empty(n_steps)
    if not _cholesky_solve(C, np.ones(n_steps), n_steps, x):
        return False
    total = x.sum()
    if total == 0.0 or not np.isfinite(total):
        return False
    for k in range(n_ws):
        acc = 0.0
        for a in range(n_steps):
            acc += x[a] * history[a + 1, k]
        w_acc[k] = acc / total
    return True


@njit(cache=True, nogil=True)
def _clip_and_penalties(w, w_acc, ws, n_ws, l1, l2, lo, hi):
    """Clip the extrapolated point to the bounds; penalties of both points.

    Only the working set is summed: every non-zero coefficient is in it.
    """
    pen = 0.0
    pen_acc = 0.0
    for k in range(n_ws):
        j = ws[k]
        w_acc[k] = min(max(w_acc[k], lo[j]), hi[j])
        pen += l1[j] * abs(w[j]) + 0.5 * l2[j] * w[j] * w[j]
        pen_acc += l1[j] * abs(w_acc[k]) + 0.5 * l2[j] * w_acc[k] * w_acc[k]
    return pen, pen_acc


@njit(cache=True, nogil=True, inline="always")
def _settled(w_max, dw_max, tol_rel):
    """scikit-learn's trigger: the epoch's largest change is at most ``tol_rel``
    times the largest coefficient. The fit stops only after such an epoch (or
    before the first), so that at the same ``tol`` its coefficients are at
    least as settled as scikit-learn's."""
    return w_max == 0.0 or dw_max <= tol_rel * w_max


@njit(cache=True, nogil=True, inline="always")
def _inner_tol(gap, tol_gap):
    """The gap a working set's sub-problem is solved to.

    A fraction of the outer gap; once that is certified (below ``tol_gap``)
    the sub-problem only needs a settled epoch, and a fraction of a gap at
    the level of rounding could never be reached.
    """
    return _INNER_RATIO * gap if gap > tol_gap else np.inf


@njit(cache=True, nogil=True, inline="always")
def _screening_gap(gap, gap_a, tol_gap):
    """The gap that gap-safe screening may use: none once the fit is certified.

    A fit that goes on only to settle has a gap at the level of rounding,
    which can even come out negative; a radius computed from it would screen
    out features that are not zero at the optimum.
    """
    return gap_a if gap > tol_gap else np.inf


@njit(cache=True, nogil=True, inline="always")
def _inner_should_check(n_done, settled):
    """When a sub-problem's gap is worth its cost (one pass over the set)."""
    return settled or n_done % _INNER_GAP_EVERY == 0


# ---------------------------------------------------------------------------
# Dense X (Fortran-ordered; centred and weighted by the caller).
# ---------------------------------------------------------------------------


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _residual_sums(r, y):
    """``(||r||^2, r^T y)``, what the gap needs of the residual besides ``z``."""
    r_norm2 = 0.0
    r_dot_y = 0.0
    for i in range(r.shape[0]):
        r_norm2 += r[i] * r[i]
        r_dot_y += r[i] * y[i]
    return r_norm2, r_dot_y


@njit(cache=True, nogil=True)
def _dense_gap(X, mu, y, w, r, l1, l2, lo, hi, features, n_sel, z):
    r_norm2, r_dot_y = _residual_sums(r, y)
    if n_sel == X.shape[1]:
        # All features (selections are sorted and unique).
        all_correlations(X, mu, r, z)
    else:
        for k in range(n_sel):
            j = features[k]
            z[k] = dot_column(X, j, mu[j], r)
    return enet_duality_gap(z, w, l1, l2, lo, hi, features, n_sel, r_norm2, r_dot_y)


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _dense_extrapolate(X, mu, w, r, r_acc, ws, n_ws, w_acc, l1, l2, lo, hi):
    """Replace ``w`` (and ``r``) by the extrapolated point if it is better."""
    pen, pen_acc = _clip_and_penalties(w, w_acc, ws, n_ws, l1, l2, lo, hi)
    copy_into(r_acc, r)
    for k in range(n_ws):
        j = ws[k]
        if w_acc[k] != w[j]:
            axpy_column(np.float64(w[j]) - np.float64(w_acc[k]), X, j, mu[j], r_acc)
    loss = 0.0
    loss_acc = 0.0
    for i in range(r.shape[0]):
        loss += r[i] * r[i]
        loss_acc += r_acc[i] * r_acc[i]
    if 0.5 * loss_acc + pen_acc < 0.5 * loss + pen:
        for k in range(n_ws):
            w[ws[k]] = w_acc[k]
        copy_into(r, r_acc)


@njit(cache=True, nogil=True, inline="always")
def _coordinate_move(w, j, xr, a, l1, l2, lo, hi):
    """Minimize over ``w_j`` given ``xr = (x_j - mu_j)^T r`` and ``a = ||x_j - mu_j||^2``.

    Returns ``w_old - w_new``, the multiple of ``x_j - mu_j`` the residual
    gains. ``w_j`` is stored first and read back, so that the residual moves
    by the change actually stored (rounded to ``w``'s dtype, float32
    included). The caller skips columns with ``a + l2_j == 0`` (nothing to
    fit); testing that in here made epochs on short columns 2.5x slower.
    """
    w_old = w[j]
    w[j] = coordinate_minimizer(xr + a * w_old, a, l1[j], l2[j], lo[j], hi[j])
    return np.float64(w_old) - np.float64(w[j])


@njit(cache=True, nogil=True)
def _dense_inner(
    X, mu, y, w, r, col_norm2, l1, l2, lo, hi, ws, n_ws, z, order,
    history, w_acc, r_acc, max_epochs, tol_inner, tol_rel, random, state,
):  # fmt: skip
    """Coordinate descent on the working set.

    Returns (epochs, rng state, whether the last epoch settled).
    """
    n_done = 0
    fill = 0
    settled = False
    for epoch in range(max_epochs):
        state = _epoch_order(n_ws, random, state, order)
        w_max = 0.0
        dw_max = 0.0
        # Coordinates go two at a time: one pass over r serves both products
        # (and their cross product, which corrects the second for the first's
        # move). A pair that moved updates r in the same pass as the next
        # pair's products; the last move is applied after the loop.
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
                    d = _coordinate_move(w, j, xr_j, col_norm2[j], l1, l2, lo, hi)
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
                d_j = _coordinate_move(w, j, xr_j, col_norm2[j], l1, l2, lo, hi)
            d_i = 0.0
            if col_norm2[i] + l2[i] != 0.0:
                d_i = _coordinate_move(w, i, xr_i + d_j * cross, col_norm2[i], l1, l2, lo, hi)
            if d_j != 0.0 or d_i != 0.0:
                a, d_a, b, d_b = j, d_j, i, d_i
            dw_max = max(dw_max, max(abs(d_j), abs(d_i)))
            w_max = max(w_max, max(abs(w[j]), abs(w[i])))
            k += 2
        if a >= 0:
            axpy_pair(d_a, X, a, mu[a], d_b, b, mu[b], r)
        n_done = epoch + 1
        fill = _record_iterate(w, ws, n_ws, history, fill)
        if fill == history.shape[0]:
            fill = 0
            if _anderson_extrapolate(history, n_ws, w_acc):
                _dense_extrapolate(X, mu, w, r, r_acc, ws, n_ws, w_acc, l1, l2, lo, hi)
        settled = _settled(w_max, dw_max, tol_rel)
        if _inner_should_check(n_done, settled):
            if _dense_gap(X, mu, y, w, r, l1, l2, lo, hi, ws, n_ws, z)[0] <= tol_inner:
                break
    return n_done, state, settled


@njit(cache=True, nogil=True)
def cd_enet_dense(X, mu, col_norm2, y, w, l1, l2, lo, hi, max_iter, tol_gap, tol_rel, random, seed):
    """Coordinate descent with working sets on dense, Fortran-ordered ``X``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), Fortran order
        Design matrix, weighted by ``sqrt(s)``; centred, or not when ``mu``
        holds the column means.
    mu : ndarray of shape (n_features,), float64
        Column means to centre with on the fly (zeros when ``X`` is already
        centred or no intercept is fitted): the kernel works with
        ``x_j - mu_j`` without a centred copy of ``X``.
    col_norm2 : ndarray of shape (n_features,), float64
        ``||x_j - mu_j||^2`` (see ``centred_column_norms``), passed in so
        that the fits along a path compute them once.
    y : ndarray of shape (n_samples,)
        Target, transformed like ``X``.
    w : ndarray of shape (n_features,)
        Initial coefficients (within the bounds); updated in place.
    l1, l2, lo, hi : ndarray of shape (n_features,), float64
        Per-feature penalties (kernel units) and bounds.
    max_iter : int
        Maximum number of epochs, counted over all features (an epoch on a
        working set of ``k`` features counts ``k / n_features``).
    tol_gap : float
        Stop when the duality gap of the full problem is at most this.
    tol_rel : float
        Inside a working set, the sub-problem gap is computed after an epoch
        whose largest update is at most ``tol_rel`` times the largest
        coefficient.
    random : bool
        Draw coordinates at random (with replacement) instead of cyclically.
    seed : uint64
        Non-zero seed of the random draws.

    Returns
    -------
    gap : float
        The duality gap of the full problem at exit (kernel units).
    n_epochs : int
        Epochs run, counted as ``max_iter`` is (rounded up).
    """
    r = _dense_residual(X, mu, y, w)
    z = np.empty(X.shape[1])
    return _cd_dense_from(
        X, mu, col_norm2, y, w, r, z, False, l1, l2, lo, hi, max_iter, tol_gap, tol_rel, random, seed
    )


@njit(cache=True, nogil=True)
def _dense_residual(X, mu, y, w):
    """``y - (X - mu) w``, from the columns of the non-zero coefficients.

    Always float64: a float32 residual updated over many epochs drifts away
    from ``y - X w`` (rounding piles up), and the gap computed from it with it.
    """
    r = np.empty(y.shape[0])
    dense_residual_into(X, mu, y, w, r)
    return r


@njit(cache=True, nogil=True)
def _cd_dense_from(
    X, mu, col_norm2, y, w, r, z, z_ready, l1, l2, lo, hi, max_iter, tol_gap, tol_rel, random, seed
):  # fmt: skip
    """:func:`cd_enet_dense` from the residual ``r`` of ``w``; when
    ``z_ready``, ``z`` already holds every column's correlation with ``r``
    and the first gap takes no pass over ``X``."""
    n_features = X.shape[1]
    all_features = np.arange(n_features)
    scores = np.empty(n_features)
    excluded = np.zeros(n_features, dtype=np.bool_)
    ws = np.empty(n_features, dtype=np.int64)
    order = np.empty(n_features, dtype=np.int64)
    history = np.empty((_ANDERSON_STEPS + 1, n_features), dtype=w.dtype)
    w_acc = np.empty_like(w)
    r_acc = np.empty_like(r)
    state = np.uint64(seed)
    ws_size = WS_START
    budget = visit_budget(max_iter, n_features)
    visits = 0
    # Checked before the first epoch, as scikit-learn does: a warm start at
    # a certified point runs none.
    settled = True
    while True:
        if z_ready:
            z_ready = False
            r_norm2, r_dot_y = _residual_sums(r, y)
            gap, scale, gap_a = enet_duality_gap(
                z, w, l1, l2, lo, hi, all_features, n_features, r_norm2, r_dot_y
            )
        else:
            gap, scale, gap_a = _dense_gap(X, mu, y, w, r, l1, l2, lo, hi, all_features, n_features, z)
        if (gap <= tol_gap and settled) or visits >= budget:
            break
        screen_and_score(
            z, w, l1, l2, lo, hi, col_norm2, scale, _screening_gap(gap, gap_a, tol_gap),
            excluded, scores,
        )  # fmt: skip
        for j in range(n_features):
            if excluded[j] and w[j] != 0.0:
                axpy_column(w[j], X, j, mu[j], r)
                w[j] = 0.0
        ws_size = next_ws_size(w, ws_size, False)
        n_ws = build_working_set(scores, w, ws_size, ws)
        allowed = epochs_allowed(budget, visits, n_ws)
        if allowed == 0:
            break
        n_done, state, settled = _dense_inner(
            X, mu, y, w, r, col_norm2, l1, l2, lo, hi, ws, n_ws, z, order,
            history, w_acc, r_acc, allowed, _inner_tol(gap, tol_gap), tol_rel, random, state,
        )  # fmt: skip
        visits += n_done * n_ws
    return gap, epochs_of(visits, n_features)


@njit(cache=True, nogil=True)
def fit_dense_unweighted(X, y, w, fit_intercept, alpha, l1_ratio, positive, max_iter, tol, random, seed):
    """One whole unweighted elastic-net fit on dense ``X`` in a single call.

    Does in compiled code what the Python layer does around
    :func:`cd_enet_dense` for this, the commonest case: the finiteness check,
    the column means and norms, the centring of ``y``, the penalties in
    kernel units and the intercept. On small problems fitted many times (a
    path of alphas, a grid search) those steps, as separate numpy calls,
    cost several times the solve itself.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), Fortran order
        The data, unchanged (the kernel centres on the fly).
    y : ndarray of shape (n_samples,)
        The target, in X's dtype.
    w : ndarray of shape (n_features,)
        Initial coefficients (within the bounds), X's dtype; updated in place.
    fit_intercept : bool
        Centre ``X`` and ``y``.
    alpha, l1_ratio : float
        scikit-learn's penalty parameters.
    positive : bool
        Constrain the coefficients to be non-negative.
    max_iter : int
        Maximum number of epochs, counted over all features (see
        :func:`cd_enet_dense`).
    tol : float
        scikit-learn's ``tol``: the gap must fall below ``tol * ||yc||^2``.
    random : bool
        Random coordinate selection.
    seed : uint64
        Non-zero seed of the random draws.

    Returns
    -------
    finite : bool
        False when ``X`` or ``y`` holds a NaN or an infinite value (or
        overflowed); nothing else is computed then.
    gap, tol_gap : float
        Final duality gap and its threshold, in kernel units.
    n_epochs : int
        Epochs run, counted as ``max_iter`` is.
    intercept : float
        ``mean(y) - mean(X) @ w`` (0.0 without intercept).
    solution_finite : bool
        Whether ``w`` and ``intercept`` are finite (False if the solve
        overflowed).
    """
    n_samples, n_features = X.shape
    y_mean = 0.0
    for i in range(n_samples):
        y_mean += y[i]
    if not np.isfinite(y_mean):
        return False, 0.0, 0.0, 0, 0.0, False
    y_mean = y_mean / n_samples if fit_intercept else 0.0
    yc = np.empty_like(y)
    y_norm2 = 0.0
    for i in range(n_samples):
        yc[i] = y[i] - y_mean
        y_norm2 += np.float64(yc[i]) * np.float64(yc[i])
    # The residual needs the means of the non-zero coefficients' columns
    # only; then one read of X gives every column's mean, norm and first
    # correlation (the first gap needs no pass of its own).
    mu = np.zeros(n_features)
    known_means = np.full(n_features, not fit_intercept)
    if fit_intercept:
        for j in range(n_features):
            if w[j] != 0.0:
                mu[j] = column_mean(X[:, j])
                known_means[j] = True
    r = _dense_residual(X, mu, yc, w)
    col_norm2 = np.empty(n_features)
    z = np.empty(n_features)
    column_stats_and_correlations(X, r, known_means, mu, col_norm2, z)
    for j in range(n_features):
        if not np.isfinite(col_norm2[j]):
            return False, 0.0, 0.0, 0, 0.0, False
    # Penalties in kernel units, as enet_penalty_arrays computes them.
    scale = n_samples * alpha
    l1 = np.full(n_features, scale * l1_ratio)
    l2 = np.full(n_features, scale * (1.0 - l1_ratio))
    lo = np.full(n_features, 0.0 if positive else -np.inf)
    hi = np.full(n_features, np.inf)
    tol_gap = tol * y_norm2
    gap, n_epochs = _cd_dense_from(
        X, mu, col_norm2, yc, w, r, z, True, l1, l2, lo, hi, max_iter, tol_gap, tol, random, seed
    )
    intercept = 0.0
    if fit_intercept:
        intercept = y_mean
        for j in range(n_features):
            intercept -= mu[j] * np.float64(w[j])
    # Checked here: numpy's isfinite on the results cost more than the
    # whole solve of a warm-started refit on small data.
    solution_finite = np.isfinite(intercept)
    for j in range(n_features):
        solution_finite = solution_finite and np.isfinite(w[j])
    return True, gap, tol_gap, n_epochs, intercept, solution_finite


# ---------------------------------------------------------------------------
# Sparse CSC X, weighted, centred implicitly.
#
# With column means mu, the centred column is x_j - mu_j * 1. The kernel keeps
# the residual of the *uncentred* data, q = y - X w, and the scalar
# m = mu^T w, so that the true residual is r = q + m * 1 without ever forming
# a dense centred column. The correlation needed by coordinate j is then
#     x_j^T S r - mu_j 1^T S r
#   = sum_nz s_i x_ij q_i + m * colsum_j - mu_j * (1^T S q + m * sum(s)),
# with colsum_j = sum_i s_i x_ij precomputed and 1^T S q kept up to date.
# ---------------------------------------------------------------------------


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _sparse_gap(
    data, indices, indptr, y, s, mu, w, q, m, colsum, s_sum,
    l1, l2, lo, hi, features, n_sel, z,
):  # fmt: skip
    """Gap on ``features[:n_sel]``; also returns ``1^T S q`` recomputed."""
    s_dot_q = 0.0
    r_norm2 = 0.0
    r_dot_y = 0.0
    # S q once, so that each column costs a single gather per stored entry.
    sq = np.empty(q.shape[0])
    for i in range(q.shape[0]):
        ri = q[i] + m
        sq[i] = s[i] * q[i]
        s_dot_q += sq[i]
        r_norm2 += s[i] * ri * ri
        r_dot_y += s[i] * ri * y[i]
    centring = s_dot_q + m * s_sum
    for k in range(n_sel):
        j = features[k]
        # Written out rather than calling sparse_dot: columns hold few
        # entries, so a call per column costs as much as the loop itself.
        acc = 0.0
        start, stop = column_span(indptr, j)
        for kk in range(start, stop):
            acc += data[kk] * sq[np.uint64(indices[kk])]
        z[k] = acc + m * colsum[j] - mu[j] * centring
    gap, scale, gap_a = enet_duality_gap(z, w, l1, l2, lo, hi, features, n_sel, r_norm2, r_dot_y)
    return gap, scale, gap_a, s_dot_q


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _sparse_extrapolate(
    data, indices, indptr, s, mu, w, q, q_acc, m, s_dot_q, ws, n_ws, w_acc, l1, l2, lo, hi,
):  # fmt: skip
    """Replace ``w`` (and ``q``) by the extrapolated point if it is better.

    Returns the centring scalars ``m = mu^T w`` and ``1^T S q`` of the point
    kept.
    """
    pen, pen_acc = _clip_and_penalties(w, w_acc, ws, n_ws, l1, l2, lo, hi)
    copy_into(q_acc, q)
    m_acc = m
    for k in range(n_ws):
        j = ws[k]
        delta = np.float64(w_acc[k]) - np.float64(w[j])
        if delta != 0.0:
            sparse_move(delta, data, indices, indptr, j, q_acc)
            m_acc += mu[j] * delta
    loss = 0.0
    loss_acc = 0.0
    s_dot_q_acc = 0.0
    for i in range(q.shape[0]):
        loss += s[i] * (q[i] + m) ** 2
        loss_acc += s[i] * (q_acc[i] + m_acc) ** 2
        s_dot_q_acc += s[i] * q_acc[i]
    if 0.5 * loss_acc + pen_acc < 0.5 * loss + pen:
        for k in range(n_ws):
            w[ws[k]] = w_acc[k]
        copy_into(q, q_acc)
        return m_acc, s_dot_q_acc
    return m, s_dot_q


@njit(cache=True, nogil=True)
def _sparse_inner(
    data, indices, indptr, y, s, weighted, mu, w, q, m, s_dot_q, colsum, s_sum, col_norm2,
    l1, l2, lo, hi, ws, n_ws, z, order, history, w_acc, q_acc,
    max_epochs, tol_inner, tol_rel, random, state,
):  # fmt: skip
    """Coordinate descent on the working set.

    Returns (epochs, rng state, m, 1^T S q, whether the last epoch settled):
    ``m`` and ``1^T S q``, the two scalars of the implicit centring, move with
    the coefficients.
    """
    n_done = 0
    fill = 0
    settled = False
    for epoch in range(max_epochs):
        state = _epoch_order(n_ws, random, state, order)
        w_max = 0.0
        dw_max = 0.0
        for k in range(n_ws):
            j = ws[order[k]]
            a = col_norm2[j]
            if a + l2[j] == 0.0:
                continue
            w_old = w[j]
            if weighted:
                xsq = sparse_dot_weighted(data, indices, indptr, j, s, q)
            else:
                xsq = sparse_dot(data, indices, indptr, j, q)
            grad = (
                xsq
                + m * colsum[j]
                - mu[j] * (s_dot_q + m * s_sum)
            )
            w[j] = coordinate_minimizer(grad + a * w_old, a, l1[j], l2[j], lo[j], hi[j])
            w_new = w[j]
            if w_new != w_old:
                delta = np.float64(w_new) - np.float64(w_old)
                sparse_move(delta, data, indices, indptr, j, q)
                s_dot_q -= delta * colsum[j]
                m += mu[j] * delta
            dw_max = max(dw_max, abs(w_new - w_old))
            w_max = max(w_max, abs(w_new))
        n_done = epoch + 1
        fill = _record_iterate(w, ws, n_ws, history, fill)
        if fill == history.shape[0]:
            fill = 0
            if _anderson_extrapolate(history, n_ws, w_acc):
                m, s_dot_q = _sparse_extrapolate(
                    data, indices, indptr, s, mu, w, q, q_acc, m, s_dot_q, ws, n_ws, w_acc,
                    l1, l2, lo, hi,
                )  # fmt: skip
        settled = _settled(w_max, dw_max, tol_rel)
        if _inner_should_check(n_done, settled):
            # The gap recomputes 1^T S q from scratch, removing drift.
            gap, _, _, s_dot_q = _sparse_gap(
                data, indices, indptr, y, s, mu, w, q, m, colsum, s_sum,
                l1, l2, lo, hi, ws, n_ws, z,
            )  # fmt: skip
            if gap <= tol_inner:
                break
    return n_done, state, m, s_dot_q, settled


@njit(cache=True, nogil=True)
def cd_enet_sparse(
    data, indices, indptr, y, s, mu, w, l1, l2, lo, hi,
    max_iter, tol_gap, tol_rel, random, seed,
):  # fmt: skip
    """Coordinate descent with working sets on CSC ``X``, weighted, centred implicitly.

    Parameters
    ----------
    data, indices, indptr : ndarray
        The CSC arrays of ``X`` of shape (n_samples, n_features), uncentred
        and unweighted.
    y : ndarray of shape (n_samples,)
        Target, centred with the weighted mean (not weighted).
    s : ndarray of shape (n_samples,)
        Sample weights (ones when unweighted).
    mu : ndarray of shape (n_features,)
        Weighted column means to centre with (zeros for no intercept).
    w, l1, l2, lo, hi, max_iter, tol_gap, tol_rel, random, seed
        As in :func:`cd_enet_dense`.

    Returns
    -------
    gap : float
        The duality gap of the full problem at exit (kernel units).
    n_epochs : int
        Epochs run.
    """
    n_samples = y.shape[0]
    n_features = w.shape[0]
    s_sum = 0.0
    weighted = False
    for i in range(n_samples):
        s_sum += s[i]
        weighted = weighted or s[i] != 1.0
    colsum = np.zeros(n_features)
    col_norm2 = np.zeros(n_features)
    q = np.empty(y.shape[0])  # float64, as in _dense_residual
    copy_into(q, y)
    m = 0.0
    cold = True  # no warm start: the support is still to be found
    sparse_column_stats(data, indices, indptr, s, s_sum, mu, colsum, col_norm2)
    for j in range(n_features):
        if w[j] != 0.0:
            sparse_move(w[j], data, indices, indptr, j, q)
            m += mu[j] * w[j]
            cold = False
    all_features = np.arange(n_features)
    z = np.empty(n_features)
    scores = np.empty(n_features)
    excluded = np.zeros(n_features, dtype=np.bool_)
    ws = np.empty(n_features, dtype=np.int64)
    order = np.empty(n_features, dtype=np.int64)
    history = np.empty((_ANDERSON_STEPS + 1, n_features), dtype=w.dtype)
    w_acc = np.empty_like(w)
    q_acc = np.empty_like(q)
    state = np.uint64(seed)
    ws_size = WS_START
    budget = visit_budget(max_iter, n_features)
    visits = 0
    # Checked before the first epoch, as scikit-learn does: a warm start at
    # a certified point runs none.
    settled = True
    while True:
        gap, scale, gap_a, s_dot_q = _sparse_gap(
            data, indices, indptr, y, s, mu, w, q, m, colsum, s_sum,
            l1, l2, lo, hi, all_features, n_features, z,
        )  # fmt: skip
        if (gap <= tol_gap and settled) or visits >= budget:
            break
        screen_and_score(
            z, w, l1, l2, lo, hi, col_norm2, scale, _screening_gap(gap, gap_a, tol_gap),
            excluded, scores,
        )  # fmt: skip
        for j in range(n_features):
            if excluded[j] and w[j] != 0.0:
                sparse_move(-w[j], data, indices, indptr, j, q)
                s_dot_q += w[j] * colsum[j]
                m -= mu[j] * w[j]
                w[j] = 0.0
        ws_size = next_ws_size(w, ws_size, cold)
        n_ws = build_working_set(scores, w, ws_size, ws)
        allowed = epochs_allowed(budget, visits, n_ws)
        if allowed == 0:
            break
        n_done, state, m, s_dot_q, settled = _sparse_inner(
            data, indices, indptr, y, s, weighted, mu, w, q, m, s_dot_q, colsum, s_sum, col_norm2,
            l1, l2, lo, hi, ws, n_ws, z, order, history, w_acc, q_acc,
            allowed, _inner_tol(gap, tol_gap), tol_rel, random, state,
        )  # fmt: skip
        visits += n_done * n_ws
    return gap, epochs_of(visits, n_features)


# ---------------------------------------------------------------------------
# Gram matrix: O(n_features) per update, for n_samples >> n_features.
#
# With G = X^T X, Xy = X^T y and h = G w: the correlation is Xy - h, and the
# residual norms come from  ||r||^2 = y^T y - 2 w^T Xy + w^T h  and
# r^T y = y^T y - w^T Xy.
# ---------------------------------------------------------------------------


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _gram_extrapolate(G, Xy, w, h, h_acc, ws, n_ws, w_acc, l1, l2, lo, hi):
    """Replace ``w`` (and ``h``) by the extrapolated point if it is better.

    The loss is compared without its constant ``y^T y / 2``.
    """
    pen, pen_acc = _clip_and_penalties(w, w_acc, ws, n_ws, l1, l2, lo, hi)
    copy_into(h_acc, h)
    for k in range(n_ws):
        delta = np.float64(w_acc[k]) - np.float64(w[ws[k]])
        if delta != 0.0:
            gram_move(delta, G, ws[k], h_acc)
    loss = 0.0
    loss_acc = 0.0
    for k in range(n_ws):
        j = ws[k]
        loss += w[j] * (0.5 * h[j] - Xy[j])
        loss_acc += w_acc[k] * (0.5 * h_acc[j] - Xy[j])
    if loss_acc + pen_acc < loss + pen:
        for k in range(n_ws):
            w[ws[k]] = w_acc[k]
        copy_into(h, h_acc)


@njit(cache=True, nogil=True)
def _gram_inner(
    G, Xy, y_norm2, w, h, l1, l2, lo, hi, ws, n_ws, z, order,
    history, w_acc, h_acc, max_epochs, tol_inner, tol_rel, random, state,
):  # fmt: skip
    """Coordinate descent on the working set.

    Returns (epochs, rng state, whether the last epoch settled).
    """
    n_done = 0
    fill = 0
    settled = False
    for epoch in range(max_epochs):
        state = _epoch_order(n_ws, random, state, order)
        w_max = 0.0
        dw_max = 0.0
        for k in range(n_ws):
            j = ws[order[k]]
            a = G[j, j]
            if a + l2[j] == 0.0:
                continue
            w_old = w[j]
            w[j] = coordinate_minimizer(Xy[j] - h[j] + a * w_old, a, l1[j], l2[j], lo[j], hi[j])
            w_new = w[j]
            if w_new != w_old:
                gram_move(np.float64(w_new) - np.float64(w_old), G, j, h)
            dw_max = max(dw_max, abs(w_new - w_old))
            w_max = max(w_max, abs(w_new))
        n_done = epoch + 1
        fill = _record_iterate(w, ws, n_ws, history, fill)
        if fill == history.shape[0]:
            fill = 0
            if _anderson_extrapolate(history, n_ws, w_acc):
                _gram_extrapolate(G, Xy, w, h, h_acc, ws, n_ws, w_acc, l1, l2, lo, hi)
        settled = _settled(w_max, dw_max, tol_rel)
        if _inner_should_check(n_done, settled):
            if gram_gap(Xy, y_norm2, w, h, l1, l2, lo, hi, ws, n_ws, z)[0] <= tol_inner:
                break
    return n_done, state, settled


@njit(cache=True, nogil=True, inline="always")
def _violation(j, Xy, w, h, l1, lo, hi, excluded):
    """How much zero coefficient ``j`` violates ``|x_j^T r| <= l1_j``, and the
    sign of its move; a violation of 0 when it is not zero, excluded, held
    by its bound, or within rounding of the condition."""
    if w[j] != 0.0 or excluded[j]:
        return 0.0, 0.0
    corr = Xy[j] - h[j]
    sign = 1.0 if corr > 0.0 else -1.0
    if (sign > 0.0 and hi[j] == 0.0) or (sign < 0.0 and lo[j] == 0.0):
        return 0.0, 0.0
    return max(abs(corr) - l1[j] * (1.0 + 1e-12), 0.0), sign


@njit(cache=True, nogil=True)
def _add_violating_zeros(Xy, w, h, l1, lo, hi, excluded, active, signs, n_act):
    """Add to the active set the zero coefficients that most need to move.

    Those whose violation of the optimality condition is at least half the
    largest join, with the sign of their move, as many as ``active`` has
    room for: one at a time, feature-sign search's rule, is slow when many
    coefficients must join (small L1 weights), and all at once brings in
    features that the next steps remove one by one. Returns the new size of
    the set (unchanged: none violates, or no room).
    """
    largest = 0.0
    first = -1
    for j in range(w.shape[0]):
        violation = _violation(j, Xy, w, h, l1, lo, hi, excluded)[0]
        if violation > largest:
            largest, first = violation, j
    if first < 0 or n_act == active.shape[0]:
        return n_act
    # The largest first, so that the caller can fall back to it alone.
    active[n_act] = first
    signs[n_act] = _violation(first, Xy, w, h, l1, lo, hi, excluded)[1]
    n_act += 1
    for j in range(w.shape[0]):
        if n_act == active.shape[0]:
            break
        violation, sign = _violation(j, Xy, w, h, l1, lo, hi, excluded)
        if j != first and violation >= 0.5 * largest:
            active[n_act] = j
            signs[n_act] = sign
            n_act += 1
    return n_act


@njit(cache=True, nogil=True)
def _gram_newton_phase(G, Xy, w, h, l1, l2, lo, hi, excluded, max_steps):
    """Active-set Newton steps on the Gram matrix (a feature-sign search).

    On the orthant of the current signs the objective is a quadratic, whose
    minimizer one linear solve gives: ``(G_AA + diag(l2_A)) d = -g_A`` with
    ``g`` the objective's gradient on the active set ``A``. The step goes
    toward it and stops at the first coefficient that reaches zero, which
    leaves the set; a full step is followed by adding the zero coefficients
    that violate their optimality conditions most. Each step lowers the
    objective, and once the signs are right the solve is exact: on very
    collinear data, where coordinate descent needs tens of thousands of
    epochs to settle the small-eigenvalue directions, a few dozen steps do.
    (Lee, Battle, Raina and Ng, "Efficient sparse coding algorithms",
    NIPS 2006, with the line search cut at the first sign change.)

    Only for bounds that are signs (``lo`` in ``{-inf, 0}``, ``hi`` in
    ``{0, inf}``). Updates ``w`` and ``h = G w`` in place and returns
    ``(steps, converged)``: converged when no coefficient is left to move;
    not converged when ``max_steps`` ran out, the active set outgrew
    ``_NEWTON_MAX_ACTIVE``, a system was singular, or no step was possible.
    """
    n_features = w.shape[0]
    size = min(n_features, _NEWTON_MAX_ACTIVE)
    active = np.empty(size, dtype=np.int64)
    signs = np.empty(size)
    A = np.empty((size, size))
    g = np.empty(size)
    d = np.empty(size)
    n_act = 0
    for j in range(n_features):
        if w[j] != 0.0:
            if n_act == size:
                return 0, False
            active[n_act] = j
            signs[n_act] = 1.0 if w[j] > 0.0 else -1.0
            n_act += 1
    steps = 0
    # Start of the features added by the last growth (-1: none pending).
    added_from = -1
    while steps < max_steps:
        steps += 1
        for a in range(n_act):
            j = active[a]
            g[a] = h[j] - Xy[j] + l2[j] * w[j] + l1[j] * signs[a]
            for b in range(a + 1):
                A[a, b] = G[j, active[b]]
            A[a, a] += l2[j]
        for a in range(n_act):
            g[a] = -g[a]
        if not _cholesky_solve(A, g, n_act, d):
            if added_from >= 0 and n_act - added_from > 1:
                # Too collinear together: retry with the largest violator only.
                n_act = added_from + 1
                continue
            return steps, False
        # A joining coefficient (still zero, at the end of the set) that
        # would move against its sign leaves the set again, and the system
        # is solved without it.
        kept = 0
        for a in range(n_act):
            if w[active[a]] != 0.0 or signs[a] * d[a] >= 0.0:
                active[kept] = active[a]
                signs[kept] = signs[a]
                kept += 1
        if kept < n_act:
            n_act = kept
            if n_act <= added_from:
                # None of them can join: coordinate descent takes over.
                return steps, False
            continue
        added_from = -1
        # Step length: 1, or where the first coefficient changes sign.
        t = 1.0
        hit = -1
        for a in range(n_act):
            if signs[a] * d[a] < 0.0:
                t_a = -w[active[a]] / d[a]
                if t_a < t:
                    t = t_a
                    hit = a
        if t <= 0.0:
            return steps, False
        for a in range(n_act):
            j = active[a]
            # The coefficient that reaches zero is set to zero exactly; h
            # moves by the change actually stored (rounded to w's dtype).
            w_old = w[j]
            w[j] = 0.0 if a == hit else w_old + t * d[a]
            gram_move(np.float64(w[j]) - np.float64(w_old), G, j, h)
        if hit >= 0:
            n_act -= 1
            active[hit] = active[n_act]
            signs[hit] = signs[n_act]
            continue
        grown = _add_violating_zeros(Xy, w, h, l1, lo, hi, excluded, active, signs, n_act)
        if grown == n_act:
            # No zero coefficient left to move, or no room for one.
            return steps, n_act < size
        added_from = n_act
        n_act = grown
    return steps, False


@njit(cache=True, nogil=True)
def cd_enet_gram(
    G, Xy, y_norm2, w, l1, l2, lo, hi, max_iter, tol_gap, tol_rel, random, seed, resumed
):  # fmt: skip
    """Coordinate descent with working sets on the Gram matrix ``G = X^T X``.

    Parameters
    ----------
    G : ndarray of shape (n_features, n_features)
        Symmetric Gram matrix of the centred, weighted data (C order).
    Xy : ndarray of shape (n_features,)
        ``X^T y`` of the centred, weighted data.
    y_norm2 : float
        ``y^T y`` of the centred, weighted target.
    w, l1, l2, lo, hi, max_iter, tol_gap, tol_rel, random, seed
        As in :func:`cd_enet_dense`.
    resumed : bool
        ``w`` is where a fit on ``X`` stopped unsettled: run at least one
        epoch before stopping, instead of stopping at once if its gap is
        already small enough (as a warm start does).

    Returns
    -------
    gap : float
        The duality gap of the full problem at exit (kernel units).
    n_epochs : int
        Epochs run.
    """
    n_features = w.shape[0]
    h = np.zeros(n_features)
    col_norm2 = np.empty(n_features)
    for j in range(n_features):
        col_norm2[j] = G[j, j]
        if w[j] != 0.0:
            gram_move(w[j], G, j, h)
    all_features = np.arange(n_features)
    z = np.empty(n_features)
    scores = np.empty(n_features)
    excluded = np.zeros(n_features, dtype=np.bool_)
    ws = np.empty(n_features, dtype=np.int64)
    order = np.empty(n_features, dtype=np.int64)
    history = np.empty((_ANDERSON_STEPS + 1, n_features), dtype=w.dtype)
    w_acc = np.empty_like(w)
    h_acc = np.empty_like(h)
    state = np.uint64(seed)
    ws_size = WS_START
    budget = visit_budget(max_iter, n_features)
    visits = 0
    # Checked before the first epoch, as scikit-learn does: a warm start at
    # a certified point runs none.
    settled = not resumed
    # Active-set Newton phases need bounds that are signs; they start after
    # _NEWTON_AFTER working-set epochs and come back after as many more
    # (twice as many after a phase that did not converge).
    n_epochs = 0
    newton_at = _NEWTON_AFTER
    for j in range(n_features):
        if (lo[j] != -np.inf and lo[j] != 0.0) or (hi[j] != np.inf and hi[j] != 0.0):
            newton_at = np.iinfo(np.int64).max
    newton_wait = _NEWTON_AFTER
    while True:
        gap, scale, gap_a = gram_gap(Xy, y_norm2, w, h, l1, l2, lo, hi, all_features, n_features, z)
        if (gap <= tol_gap and settled) or visits >= budget:
            break
        screen_and_score(
            z, w, l1, l2, lo, hi, col_norm2, scale, _screening_gap(gap, gap_a, tol_gap),
            excluded, scores,
        )  # fmt: skip
        for j in range(n_features):
            if excluded[j] and w[j] != 0.0:
                gram_move(-w[j], G, j, h)
                w[j] = 0.0
        if n_epochs >= newton_at:
            # Each step counts as a whole epoch toward max_iter; either way
            # the next outer iteration certifies the result on the full problem.
            steps, converged = _gram_newton_phase(
                G, Xy, w, h, l1, l2, lo, hi, excluded, (budget - visits) // n_features
            )
            n_epochs += steps
            visits += steps * n_features
            # A converged phase solved the sign pattern's quadratic exactly.
            settled = converged
            if not converged:
                newton_wait *= 2
            newton_at = n_epochs + newton_wait
            continue
        ws_size = next_ws_size(w, ws_size, False)
        n_ws = build_working_set(scores, w, ws_size, ws)
        allowed = epochs_allowed(budget, visits, n_ws)
        if allowed == 0:
            break
        n_done, state, settled = _gram_inner(
            G, Xy, y_norm2, w, h, l1, l2, lo, hi, ws, n_ws, z, order, history, w_acc, h_acc,
            min(allowed, newton_at - n_epochs), _inner_tol(gap, tol_gap), tol_rel, random, state,
        )  # fmt: skip
        n_epochs += n_done
        visits += n_done * n_ws
    return gap, epochs_of(visits, n_features)
