"""Coordinate descent with working sets on sparse CSC ``X``, weighted, centred implicitly.

Minimizes, in kernel units, ``1/2 sum_i s_i r_i^2 + penalty(w)`` with
``r = y - (X - 1 mu^T) w``, never densifying nor modifying ``X``. The
algorithm is the dense kernel's (:mod:`.cd_dense`); what differs is how the
residual is kept.

With column means ``mu``, the centred column is ``x_j - mu_j 1``. The kernel
keeps the residual of the *uncentred* data, ``q = y - X w``, and the scalar
``m = mu^T w``, so that the true residual is ``r = q + m 1`` without ever
forming a dense centred column. The correlation needed by coordinate ``j``
is then::

    x_j^T S r - mu_j 1^T S r
  = sum_nz s_i x_ij q_i + m colsum_j - mu_j (1^T S q + m sum(s)),

with ``colsum_j = sum_i s_i x_ij`` precomputed and ``1^T S q`` kept up to date.
"""

from collections import namedtuple

from numba import njit

from .dense_columns import copy_into
from .extrapolation import anderson_step
from .penalty import coordinate_minimizer
from .sparse_columns import sparse_dot, sparse_dot_weighted, sparse_move, sparse_products
from .squared_loss import REDUCTION_MATH, duality_gap
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

SparseData = namedtuple("SparseData", ["X", "s", "mu", "colsum", "col_norm2"])
SparseData.__doc__ = """Sparse data for :func:`cd_sparse`.

X : CSC
    The data, uncentred and unweighted.
s : ndarray of shape (n_samples,), float64
    Sample weights (ones when unweighted).
mu : ndarray of shape (n_features,), float64
    Weighted column means to centre with (zeros for no intercept).
colsum, col_norm2 : ndarray of shape (n_features,), float64
    ``sum_i s_i x_ij`` and ``||x_j - mu_j||_S^2``, from
    :func:`~.sparse_columns.sparse_column_stats`.
"""


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def sparse_gap(data, y, w, q, m, s_sum, pen, features, n_sel, z, sq):
    """Gap on ``features[:n_sel]``; also returns ``1^T S q`` recomputed.

    ``sq`` (length ``n_samples``) is scratch space.
    """
    X, s, mu, colsum, _ = data
    s_dot_q = 0.0
    r_norm2 = 0.0
    r_dot_y = 0.0
    # S q once, so that each column costs a single gather per stored entry.
    for i in range(q.shape[0]):
        ri = q[i] + m
        sq[i] = s[i] * q[i]
        s_dot_q += sq[i]
        r_norm2 += s[i] * ri * ri
        r_dot_y += s[i] * ri * y[i]
    centring = s_dot_q + m * s_sum
    sparse_products(X, sq, features, n_sel, z)
    for k in range(n_sel):
        j = features[k]
        z[k] += m * colsum[j] - mu[j] * centring
    gap, scale, gap_a = duality_gap(z, w, pen, features, n_sel, r_norm2, r_dot_y)
    return gap, scale, gap_a, s_dot_q


@njit(cache=True, nogil=True)
def sparse_epoch(data, weighted, s_sum, w, q, m, s_dot_q, pen, ws, n_ws, order):
    """One epoch of coordinate descent on ``ws[order[:n_ws]]``.

    Returns ``(largest change, largest |w_j|, m, 1^T S q)``: the two scalars
    of the implicit centring move with the coefficients.
    """
    X, s, mu, colsum, col_norm2 = data
    l1, l2, lo, hi = pen
    w_max = 0.0
    dw_max = 0.0
    for k in range(n_ws):
        j = ws[order[k]]
        a = col_norm2[j]
        if a + l2[j] == 0.0:
            continue
        w_old = w[j]
        if weighted:
            xsq = sparse_dot_weighted(X, j, s, q)
        else:
            xsq = sparse_dot(X, j, q)
        grad = xsq + m * colsum[j] - mu[j] * (s_dot_q + m * s_sum)
        w[j] = coordinate_minimizer(
            grad + a * w_old, a, l1[j], l2[j], lo[j], hi[j]
        )
        w_new = w[j]
        if w_new != w_old:
            delta = w_new - w_old
            sparse_move(delta, X, j, q)
            s_dot_q -= delta * colsum[j]
            m += mu[j] * delta
        dw_max = max(dw_max, abs(w_new - w_old))
        w_max = max(w_max, abs(w_new))
    return dw_max, w_max, m, s_dot_q


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def sparse_keep_better(data, w, q, q_acc, m, s_dot_q, ws, n_ws, w_acc, costs):
    """Replace ``w`` (and ``q``) by the extrapolated point ``w_acc`` if it is
    better (``costs``: the two points' penalties).

    Returns the centring scalars ``m = mu^T w`` and ``1^T S q`` of the point
    kept.
    """
    X, s, mu, _, _ = data
    cost, cost_acc = costs
    copy_into(q_acc, q)
    m_acc = m
    for k in range(n_ws):
        j = ws[k]
        delta = w_acc[k] - w[j]
        if delta != 0.0:
            sparse_move(delta, X, j, q_acc)
            m_acc += mu[j] * delta
    loss = 0.0
    loss_acc = 0.0
    s_dot_q_acc = 0.0
    for i in range(q.shape[0]):
        loss += s[i] * (q[i] + m) ** 2
        loss_acc += s[i] * (q_acc[i] + m_acc) ** 2
        s_dot_q_acc += s[i] * q_acc[i]
    if 0.5 * loss_acc + cost_acc < 0.5 * loss + cost:
        for k in range(n_ws):
            w[ws[k]] = w_acc[k]
        copy_into(q, q_acc)
        return m_acc, s_dot_q_acc
    return m, s_dot_q


@njit(cache=True, nogil=True)
def cd_sparse(data, y, w, pen, work, settings):
    """Coordinate descent with working sets on CSC ``X``, weighted, centred implicitly.

    Parameters
    ----------
    data : SparseData
        ``X`` as CSC arrays, the weights, the means, the column statistics.
    y : ndarray of shape (n_samples,), float64
        Target, centred with the weighted mean (not weighted).
    w, pen, work, settings
        As in :func:`~.cd_dense.cd_dense`.

    Returns
    -------
    gap : float
        The duality gap of the full problem at exit (kernel units).
    n_epochs : int
        Epochs run.
    """
    X, s, mu, colsum, col_norm2 = data
    max_iter, tol_gap, tol_rel, random, seed = settings
    n_samples = y.shape[0]
    n_features = w.shape[0]
    (features, z, scores, scratch, excluded, ws, order, history, w_acc,
     small, small_vecs, vec, vec_acc) = work  # fmt: skip
    s_sum = 0.0
    weighted = False
    for i in range(n_samples):
        s_sum += s[i]
        weighted = weighted or s[i] != 1.0
    q = vec
    copy_into(q, y)
    m = 0.0
    cold = True  # no warm start: the support is still to be found
    for j in range(n_features):
        excluded[j] = False
        if w[j] != 0.0:
            sparse_move(w[j], X, j, q)
            m += mu[j] * w[j]
            cold = False
    state = seed
    ws_size = WS_START
    budget = visit_budget(max_iter, n_features)
    visits = 0
    # Checked before the first epoch, as scikit-learn does: a warm start at
    # a certified point runs none.
    settled = True
    while True:
        gap, scale, gap_a, s_dot_q = sparse_gap(
            data, y, w, q, m, s_sum, pen, features, n_features, z, vec_acc
        )
        if (gap <= tol_gap and settled) or visits >= budget:
            break
        screen_and_score(
            z, w, pen, col_norm2, scale, screening_gap(gap, gap_a, tol_gap),
            excluded, scores,
        )  # fmt: skip
        for j in range(n_features):
            if excluded[j] and w[j] != 0.0:
                sparse_move(-w[j], X, j, q)
                s_dot_q += w[j] * colsum[j]
                m -= mu[j] * w[j]
                w[j] = 0.0
        n_ws, ws_size = next_working_set(scores, w, ws_size, cold, ws, scratch)
        allowed = epochs_allowed(budget, visits, n_ws)
        if allowed == 0:
            break
        tol_inner = inner_tol(gap, tol_gap)
        fill = 0
        n_done = 0
        for epoch in range(allowed):
            state = epoch_order(n_ws, random, state, order)
            dw_max, w_max, m, s_dot_q = sparse_epoch(
                data, weighted, s_sum, w, q, m, s_dot_q, pen, ws, n_ws, order
            )
            n_done = epoch + 1
            fill, ready, cost, cost_acc = anderson_step(
                w, ws, n_ws, pen, history, fill, small, small_vecs, w_acc
            )
            if ready:
                m, s_dot_q = sparse_keep_better(
                    data, w, q, vec_acc, m, s_dot_q, ws, n_ws, w_acc, (cost, cost_acc)
                )
            settled = is_settled(w_max, dw_max, tol_rel)
            if inner_should_check(n_done, settled):
                # The gap recomputes 1^T S q from scratch, removing drift.
                gap_ws, _, _, s_dot_q = sparse_gap(
                    data, y, w, q, m, s_sum, pen, ws, n_ws, z, vec_acc
                )
                if gap_ws <= tol_inner:
                    break
        visits += n_done * n_ws
    return gap, epochs_of(visits, n_features)
