"""Coordinate descent with working sets on the Gram matrix, for ``n_samples >> n_features``.

With ``G = X^T X``, ``Xy = X^T y`` and ``h = G w`` (of the centred, weighted
data), the correlation is ``Xy - h`` and the residual norms come from
``||r||^2 = y^T y - 2 w^T Xy + w^T h`` and ``r^T y = y^T y - w^T Xy``: an
update costs ``O(n_features)`` instead of ``O(n_samples)``. The algorithm is
the dense kernel's (:mod:`.cd_dense`), with active-set Newton phases
(:mod:`.newton`): after ``NEWTON_AFTER`` epochs, and again after as many
more (twice as many after a phase that did not converge), each step counting
as a whole epoch.
"""

from collections import namedtuple

import numpy as np
from numba import njit

from .dense_columns import copy_into
from .extrapolation import anderson_step
from .newton import gram_move, newton_phase
from .penalty import bounds_are_signs, coordinate_minimizer
from .squared_loss import REDUCTION_MATH, duality_gap, gram_residual_norms
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

# Epochs of coordinate descent before the first active-set Newton phase.
NEWTON_AFTER = 20

GramData = namedtuple("GramData", ["G", "Xy", "y_norm2", "diag"])
GramData.__doc__ = """Gram data for :func:`cd_gram`.

G : ndarray of shape (n_features, n_features), C order
    Symmetric Gram matrix of the centred, weighted data.
Xy : ndarray of shape (n_features,), float64
    ``X^T y`` of the centred, weighted data.
y_norm2 : float
    ``y^T y`` of the centred, weighted target.
diag : ndarray of shape (n_features,), float64
    ``G``'s diagonal, the squared column norms.
"""


@njit(cache=True, nogil=True)
def gram_gap(data, w, h, pen, features, n_sel, z):
    """Duality gap on ``features[:n_sel]`` from Gram quantities (``z = Xy - h``)."""
    _, Xy, y_norm2, _ = data
    for k in range(n_sel):
        z[k] = Xy[features[k]] - h[features[k]]
    r_norm2, r_dot_y = gram_residual_norms(Xy, y_norm2, w, h)
    return duality_gap(z, w, pen, features, n_sel, r_norm2, r_dot_y)


@njit(cache=True, nogil=True)
def gram_epoch(G, Xy, w, h, pen, ws, n_ws, order):
    """One epoch of coordinate descent on ``ws[order[:n_ws]]``; returns
    ``(largest change, largest |w_j|)``."""
    l1, l2, lo, hi = pen
    w_max = 0.0
    dw_max = 0.0
    for k in range(n_ws):
        j = ws[order[k]]
        a = G[j, j]
        if a + l2[j] == 0.0:
            continue
        w_old = w[j]
        w[j] = coordinate_minimizer(
            Xy[j] - h[j] + a * w_old, a, l1[j], l2[j], lo[j], hi[j]
        )
        w_new = w[j]
        if w_new != w_old:
            gram_move(w_new - w_old, G, j, h)
        dw_max = max(dw_max, abs(w_new - w_old))
        w_max = max(w_max, abs(w_new))
    return dw_max, w_max


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def gram_keep_better(G, Xy, w, h, h_acc, ws, n_ws, w_acc, cost, cost_acc):
    """Replace ``w`` (and ``h``) by the extrapolated point ``w_acc`` if it is
    better (``cost`` and ``cost_acc``: the two points' penalties).

    The loss is compared without its constant ``y^T y / 2``.
    """
    copy_into(h_acc, h)
    for k in range(n_ws):
        delta = w_acc[k] - w[ws[k]]
        if delta != 0.0:
            gram_move(delta, G, ws[k], h_acc)
    loss = 0.0
    loss_acc = 0.0
    for k in range(n_ws):
        j = ws[k]
        loss += w[j] * (0.5 * h[j] - Xy[j])
        loss_acc += w_acc[k] * (0.5 * h_acc[j] - Xy[j])
    if loss_acc + cost_acc < loss + cost:
        for k in range(n_ws):
            w[ws[k]] = w_acc[k]
        copy_into(h, h_acc)


@njit(cache=True, nogil=True)
def cd_gram(data, w, pen, work, settings, resumed):
    """Coordinate descent with working sets on the Gram matrix ``G = X^T X``.

    Parameters
    ----------
    data : GramData
        ``G``, ``X^T y`` and ``y^T y`` of the centred, weighted data.
    w, pen, settings
        As in :func:`~.cd_dense.cd_dense`.
    work : Workspace
        Scratch space, with a state vector of length ``n_features``.
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
    G, Xy, _, col_norm2 = data
    max_iter, tol_gap, tol_rel, random, seed = settings
    n_features = w.shape[0]
    (features, z, scores, scratch, excluded, ws, order, history, w_acc,
     small, small_vecs, vec, vec_acc) = work  # fmt: skip
    h = vec
    for j in range(n_features):
        h[j] = 0.0
    for j in range(n_features):
        excluded[j] = False
        if w[j] != 0.0:
            gram_move(w[j], G, j, h)
    state = seed
    ws_size = WS_START
    budget = visit_budget(max_iter, n_features)
    visits = 0
    # Checked before the first epoch, as scikit-learn does: a warm start at
    # a certified point runs none.
    settled = not resumed
    n_epochs = 0
    newton_at = NEWTON_AFTER if bounds_are_signs(pen) else np.iinfo(np.int64).max
    newton_wait = NEWTON_AFTER
    while True:
        gap, scale, gap_a = gram_gap(data, w, h, pen, features, n_features, z)
        if (gap <= tol_gap and settled) or visits >= budget:
            break
        screen_and_score(
            z, w, pen, col_norm2, scale, screening_gap(gap, gap_a, tol_gap),
            excluded, scores,
        )  # fmt: skip
        for j in range(n_features):
            if excluded[j] and w[j] != 0.0:
                gram_move(-w[j], G, j, h)
                w[j] = 0.0
        if n_epochs >= newton_at:
            # Each step counts as a whole epoch toward max_iter; either way
            # the next outer iteration certifies the result on the full problem.
            steps, converged = newton_phase(
                G, Xy, w, h, pen, excluded, (budget - visits) // n_features
            )
            n_epochs += steps
            visits += steps * n_features
            # A converged phase solved the sign pattern's quadratic exactly.
            settled = converged
            if not converged:
                newton_wait *= 2
            newton_at = n_epochs + newton_wait
            continue
        n_ws, ws_size = next_working_set(scores, w, ws_size, False, ws, scratch)
        allowed = min(epochs_allowed(budget, visits, n_ws), newton_at - n_epochs)
        if allowed <= 0:
            break
        tol_inner = inner_tol(gap, tol_gap)
        fill = 0
        n_done = 0
        for epoch in range(allowed):
            state = epoch_order(n_ws, random, state, order)
            dw_max, w_max = gram_epoch(G, Xy, w, h, pen, ws, n_ws, order)
            n_done = epoch + 1
            fill, ready, cost, cost_acc = anderson_step(
                w, ws, n_ws, pen, history, fill, small, small_vecs, w_acc
            )
            if ready:
                gram_keep_better(G, Xy, w, h, vec_acc, ws, n_ws, w_acc, cost, cost_acc)
            settled = is_settled(w_max, dw_max, tol_rel)
            if inner_should_check(n_done, settled):
                if gram_gap(data, w, h, pen, ws, n_ws, z)[0] <= tol_inner:
                    break
        n_epochs += n_done
        visits += n_done * n_ws
    return gap, epochs_of(visits, n_features)
