"""Proximal gradient (FISTA with adaptive restart) for the elastic-net family.

Minimizes the objective of :mod:`.penalty` (kernel units) by accelerated
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
  helpers of :mod:`.penalty`): each round computes the duality gap of the
  full problem and stops when it is at most ``tol_gap``; otherwise it
  screens, and FISTA runs on the support plus the features whose dual
  constraints have the least slack, until that sub-problem's gap (checked
  every ``INNER_GAP_EVERY`` iterations) is below ``INNER_RATIO`` times the full
  one. The answer is certified on the full problem.
* One generic solver for the three layouts: the operations that differ
  (the residual of a point, the correlations, the residual norms, a product
  with ``X^T S X``) are chosen at compile time by the type of the data tuple
  (the plain tuples of ``DenseData``, ``SparseData`` and ``GramData``), so
  that each layout's kernel compiles its own operations only.

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
from numba.extending import overload

from .dense_columns import all_correlations, copy_into, dense_residual_into, dot_column
from .newton import gram_move
from .penalty import coordinate_minimizer
from .sparse_columns import sparse_move, sparse_products
from .squared_loss import REDUCTION_MATH, duality_gap, gram_residual_norms, residual_sums
from .working_set import (
    INNER_GAP_EVERY,
    INNER_RATIO,
    WS_START,
    epochs_allowed,
    epochs_of,
    next_working_set,
    screen_and_score,
    visit_budget,
)

# Power iterations for the first Lipschitz estimate (backtracking corrects it).
_POWER_ITERATIONS = 12
# Growth of L when the quadratic upper bound fails.
_BACKTRACK = 1.5


@njit(cache=True, nogil=True)
def _prox_step(v, grad_neg, lipschitz, metric, pen, feats, n_sel, out):
    """Proximal step in the metric ``D``: for ``j = feats[k]``, with
    ``c_j = lipschitz * metric[j]``, ``out_j`` minimizes
    ``c_j/2 (t - v_j - grad_neg[k] / c_j)^2 + penalty_j(t)``.

    That is coordinate descent's update with curvature ``c_j`` and linear
    term ``c_j v_j + grad_neg[k]``.
    """
    l1, l2, lo, hi = pen
    full = n_sel == out.shape[0]
    for k in range(n_sel):
        j = k if full else feats[k]
        c = lipschitz * metric[j]
        out[j] = coordinate_minimizer(
            v[j] * c + grad_neg[k], c, l1[j], l2[j], lo[j], hi[j]
        )


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
# Layout-specific operations, chosen by the type of the data tuple. Dense
# data arrive centred and weighted (s = 1); sparse data are centred
# implicitly with the column means mu and weighted by s. On the Gram layout
# the n-vector residual is replaced by h = G w, which is affine in w like the
# residual (so momentum applies to it alike), and the solver's "y" is Xy:
# the correlations are Xy - h and the squared norms come from y^T S y,
# w^T Xy and w^T h.
# ---------------------------------------------------------------------------


def _layout(data):
    """'dense', 'sparse' or 'gram', from a data tuple's numba type.

    The kernels take plain tuples (see :class:`~.penalty.Penalty`), told apart
    by their fields: ``DenseData`` has three, ``GramData`` four, and
    ``SparseData`` five (the first a CSC tuple).
    """
    return {3: "dense", 4: "gram", 5: "sparse"}[len(data)]


def _residual(data, y, point, out):
    """``out = y - (centred X) point``; on the Gram layout ``out = G point``."""


def _correlations(data, y, res, feats, n_sel, scratch, out):
    """``out[k] = (centred x_j)^T S res`` for ``j = feats[k]``; on the Gram
    layout ``Xy_j - h_j``. ``feats`` is sorted; all features when
    ``n_sel == n_features``."""


def _norms(data, r, y, point):
    """``r^T S r`` and ``r^T S y`` of ``point``'s residual ``r`` (``h`` on Gram)."""


def _is_gram(data):
    """Whether ``data`` is the Gram layout."""


def _column_norms(data):
    """The squared norms of the centred, weighted columns (``G``'s diagonal)."""


def _rounding_slack(data):
    """Room for rounding in the backtracking test: the Gram layout's loss is
    a difference of terms of the size of ``y^T S y``; elsewhere none."""


@overload(_residual, jit_options={"cache": True, "nogil": True})
def _residual_of(data, y, point, out):
    layout = _layout(data)
    if layout == "dense":
        # mu is zeros: X comes centred.
        return lambda data, y, point, out: dense_residual_into(data[0], data[1], y, point, out)
    if layout == "sparse":
        return lambda data, y, point, out: _sparse_residual(data[0], data[2], y, point, out)
    return lambda data, y, point, out: _gram_product(data[0], point, out)


def _dense_correlations(data, y, res, feats, n_sel, scratch, out):
    X, mu, _ = data
    if n_sel == X.shape[1]:
        all_correlations(X, mu, res, out)
    else:
        for k in range(n_sel):
            out[k] = dot_column(X, feats[k], 0.0, res)


def _sparse_layout_correlations(data, y, res, feats, n_sel, scratch, out):
    X, s, mu, _, _ = data
    _sparse_correlations(X, mu, s, res, feats, n_sel, scratch, out)


def _gram_correlations(data, y, res, feats, n_sel, scratch, out):
    for k in range(n_sel):
        j = feats[k]
        out[k] = y[j] - res[j]


@overload(_correlations, jit_options={"cache": True, "nogil": True})
def _correlations_of(data, y, res, feats, n_sel, scratch, out):
    return {
        "dense": _dense_correlations,
        "sparse": _sparse_layout_correlations,
        "gram": _gram_correlations,
    }[_layout(data)]


@overload(_norms, jit_options={"cache": True, "nogil": True})
def _norms_of(data, r, y, point):
    layout = _layout(data)
    if layout == "dense":
        return lambda data, r, y, point: residual_sums(r, y)
    if layout == "sparse":
        return lambda data, r, y, point: _weighted_norms(r, y, data[1])
    return lambda data, r, y, point: gram_residual_norms(y, data[2], point, r)


@overload(_is_gram, jit_options={"cache": True, "nogil": True})
def _is_gram_of(data):
    gram = _layout(data) == "gram"
    return lambda data: gram


@overload(_column_norms, jit_options={"cache": True, "nogil": True})
def _column_norms_of(data):
    # G's diagonal, or the column norms: the last field of each layout's tuple.
    last = len(data) - 1
    return lambda data: data[last]


@overload(_rounding_slack, jit_options={"cache": True, "nogil": True})
def _rounding_slack_of(data):
    if _layout(data) == "gram":
        return lambda data: 1e-12 * data[2]
    return lambda data: 0.0


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _sparse_residual(X, mu, y, w, r):
    """``r = y - (X - 1 mu^T) w`` without forming the centred matrix."""
    copy_into(r, y)
    offset = 0.0
    for j in range(w.shape[0]):
        if w[j] != 0.0:
            sparse_move(w[j], X, j, r)
            offset += mu[j] * w[j]
    for i in range(r.shape[0]):
        r[i] += offset


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _sparse_correlations(X, mu, s, r, feats, n_sel, sr, z):
    """``z[k] = (x_j - mu_j)^T S r`` for ``j = feats[k]``; ``sr`` is scratch
    of length n_samples."""
    total = 0.0
    for i in range(r.shape[0]):
        sr[i] = s[i] * r[i]
        total += sr[i]
    sparse_products(X, sr, feats, n_sel, z)
    for k in range(n_sel):
        z[k] -= mu[feats[k]] * total


@njit(cache=True, nogil=True)
def _gram_product(G, point, out):
    """``out = G point``, from the rows of the non-zero coefficients."""
    for j in range(out.shape[0]):
        out[j] = 0.0
    for j in range(point.shape[0]):
        if point[j] != 0.0:
            gram_move(point[j], G, j, out)


@njit(cache=True, nogil=True)
def _lipschitz_estimate(data, metric, n_samples, feats, n_sel):
    """Largest eigenvalue of ``D^-1/2 X_F^T S X_F D^-1/2`` (centred),
    ``F = feats[:n_sel]``, ``D = diag(metric)``, by a few power iterations."""
    n_features = metric.shape[0]
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
        if _is_gram(data):
            _residual(data, zeros, point, u)  # u = G point
            for k in range(n_sel):
                product[k] = u[feats[k]]
        else:
            # u = -(centred X) point, then X_F^T S X_F point = -X_F^T S u.
            _residual(data, zeros, point, u)
            _correlations(data, zeros, u, feats, n_sel, sr, product)
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
    data, y, w, r, pen, metric, feats, n_sel, max_iter, tol_gap, lipschitz, slack, scratch
):  # fmt: skip
    """FISTA in the metric ``diag(metric)`` on the sub-problem of the
    features ``feats[:n_sel]``.

    The other coefficients are zero and stay so. ``w`` and its residual
    ``r`` are updated in place; iterations stop when the sub-problem's gap
    is at most ``tol_gap`` (checked every ``INNER_GAP_EVERY`` iterations) or
    after ``max_iter``. The momentum starts afresh. ``scratch`` is
    ``(coef_rows, res_rows, z, sr)``: three rows of ``w``'s and of ``r``'s
    length, the correlations, and a vector of ``r``'s length.
    Returns (iterations, the Lipschitz estimate after backtracking).
    """
    coef_rows, res_rows, z, sr = scratch
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
        _correlations(data, y, r_y, feats, n_sel, sr, z)
        f_y = 0.5 * _norms(data, r_y, y, y_k)[0]
        while True:
            _prox_step(y_k, z, lipschitz, metric, pen, feats, n_sel, x_new)
            _residual(data, y, x_new, r_new)
            f_new = 0.5 * _norms(data, r_new, y, x_new)[0]
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
        if n_iter % INNER_GAP_EVERY == 0:
            _correlations(data, y, r, feats, n_sel, sr, z)
            r_norm2, r_dot_y = _norms(data, r, y, w)
            if duality_gap(z, w, pen, feats, n_sel, r_norm2, r_dot_y)[0] <= tol_gap:
                break
    return n_iter, lipschitz


@njit(cache=True, nogil=True)
def _full_gap(data, y, w, r, pen, all_features, sr, z):
    """Duality gap of the full problem at ``w`` (residual ``r``); ``z`` gets
    every correlation. Returns ``duality_gap``'s triple."""
    n_features = w.shape[0]
    _correlations(data, y, r, all_features, n_features, sr, z)
    r_norm2, r_dot_y = _norms(data, r, y, w)
    return duality_gap(z, w, pen, all_features, n_features, r_norm2, r_dot_y)


@njit(cache=True, nogil=True)
def fista(data, y, w, pen, max_iter, tol_gap, estimate):
    """FISTA with working sets and gap-safe screening, for every layout
    (the type of ``data`` selects the products).

    Parameters
    ----------
    data : DenseData, SparseData or GramData
        Dense ``X`` centred and weighted by the caller (``mu`` zeros); CSC
        ``X`` with weights and means (centred implicitly); or the Gram
        matrix of the centred, weighted data.
    y : ndarray of shape (n_samples,), float64
        Target, transformed like ``X`` (centred, and weighted by ``sqrt(s)``
        for dense data); ``data.Xy`` on the Gram layout.
    w : ndarray of shape (n_features,), float64
        Initial coefficients (within the bounds); updated in place.
    pen : Penalty
        Per-feature penalties (kernel units) and bounds.
    max_iter : int
        Maximum number of iterations.
    tol_gap : float
        Stop when the duality gap of the full problem is at most this.
    estimate : float
        See below; -1 to compute it.

    Returns
    -------
    gap : float
        The duality gap of the full problem at exit (kernel units).
    n_iter : int
        Iterations run, an iteration on ``k`` of ``p`` features counting
        ``k / p`` (rounded up).
    estimate : float
        See below.

    Each round computes the gap of the full problem and stops when it is at
    most ``tol_gap``; otherwise it screens, forms a working set (the support
    plus the features whose dual constraints have the least slack, as
    coordinate descent does) and runs FISTA on it until the sub-problem's
    gap is below ``INNER_RATIO`` times the full one. An iteration on ``k``
    of ``p`` features counts ``k / p`` of ``max_iter``.

    On the Gram layout the residual vectors have ``n_features`` entries. The
    squared norms of the centred, weighted columns serve screening and the
    metric of the steps (on the Gram layout, the diagonal of ``G``, for the
    metric only).

    On the Gram layout ``estimate`` is the power-iteration estimate of the
    Lipschitz constant, or a negative number to compute it; it is returned
    with the gap and the iteration count so that later solves on the same
    data (the next alpha of a path) skip the power iterations and run exactly
    as if they had done them. Elsewhere each working set gets its own
    estimate and ``estimate`` is returned as given.
    """
    n_samples = y.shape[0]
    n_features = w.shape[0]
    col_norm2 = _column_norms(data)
    all_features = np.arange(n_features)
    # The metric: steps scaled per feature by its column's squared norm, so
    # that columns of very different norms (power-law sparse data) do not
    # make one step size fit none of them. Empty columns get any positive
    # scale: their gradient is zero.
    metric = np.empty(n_features)
    for j in range(n_features):
        metric[j] = col_norm2[j] if col_norm2[j] > 0.0 else 1.0
    gram = _is_gram(data)
    if gram and estimate < 0.0:
        estimate = _lipschitz_estimate(data, metric, n_samples, all_features, n_features)
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
    scratch = np.empty(n_features)
    excluded = np.zeros(n_features, dtype=np.bool_)
    ws = np.empty(n_features, dtype=np.int64)
    slack = _rounding_slack(data)
    _residual(data, y, w, r)
    ws_size = WS_START
    budget = visit_budget(max_iter, n_features)
    visits = 0
    while True:
        gap, scale, gap_a = _full_gap(data, y, w, r, pen, all_features, sr, z)
        if gap <= tol_gap or visits >= budget:
            break
        if gram:
            # On the Gram matrix an iteration costs by the support, not by
            # the number of features solved for: one round on every feature,
            # since working sets would only add rounds that restart the
            # momentum (meats, 100 features: 1.5x slower at alpha_max / 100).
            feats = all_features
            n_ws = n_features
            tol_inner = tol_gap
        else:
            screen_and_score(z, w, pen, col_norm2, scale, gap_a, excluded, scores)
            moved = False
            for j in range(n_features):
                if excluded[j] and w[j] != 0.0:
                    w[j] = 0.0
                    moved = True
            if moved:
                _residual(data, y, w, r)
            n_ws, ws_size = next_working_set(scores, w, ws_size, False, ws, scratch)
            feats = ws
            tol_inner = INNER_RATIO * gap
            # The step of the sub-problem: its own Lipschitz constant, often
            # far below the full problem's, from passes over its columns only.
            lipschitz = _lipschitz_estimate(data, metric, n_samples, ws, n_ws)
        allowed = epochs_allowed(budget, visits, n_ws)
        if allowed == 0 or lipschitz == 0.0:
            break
        n_done, lipschitz = _fista_on(
            data, y, w, r, pen, metric, feats, n_ws, allowed, tol_inner, lipschitz, slack,
            (coef_rows, res_rows, z, sr),
        )  # fmt: skip
        visits += n_done * n_ws
    # Certify what is returned: the coefficients rounded to w's dtype (one
    # more pass, which only matters for float32).
    copy_into(w_out, w)
    _residual(data, y, w_out, r)
    gap = _full_gap(data, y, w_out, r, pen, all_features, sr, z)[0]
    return gap, epochs_of(visits, n_features), estimate
