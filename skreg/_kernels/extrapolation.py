"""Anderson extrapolation of coordinate-descent iterates.

Every ``ANDERSON_STEPS + 1`` epochs on a working set, the last iterates are
combined so as to cancel their slowest directions (Bertrand and Massias,
AISTATS 2021); the layout's kernel then keeps the extrapolated point, clipped
to the bounds, only if it lowers the objective, so that it can never slow
convergence by more than its cost. The small linear solve is also the
active-set Newton phase's (:mod:`.newton`).
"""

import numpy as np
from numba import njit

# Anderson extrapolation combines this many successive epoch-to-epoch steps.
ANDERSON_STEPS = 5


@njit(cache=True, nogil=True, inline="always")
def _record_iterate(w, ws, n_ws, history, fill):
    """Append the working-set coefficients to ``history``; returns its new fill."""
    for k in range(n_ws):
        history[fill, k] = w[ws[k]]
    return fill + 1


@njit(cache=True, nogil=True)
def cholesky_solve(A, b, n, x):
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


@njit(cache=True, nogil=True, inline="always")
def _anderson_point(history, n_ws, C, v, w_acc):
    """Anderson extrapolation of the iterates in ``history``, into ``w_acc``.

    With ``U`` the matrix of the successive differences of the stored
    iterates, the weights ``c`` minimize ``||U^T c||`` subject to
    ``sum(c) = 1``: they solve ``(U U^T) x = 1`` and ``c = x / sum(x)``.
    The small system, with a ridge of 1e-10 of its largest diagonal entry,
    is symmetric positive definite and solved by :func:`cholesky_solve`.
    ``C`` (``ANDERSON_STEPS`` square) and ``v`` (two rows of that length)
    are scratch space. Returns False, leaving ``w_acc`` undefined, when the
    system is singular.
    """
    n_steps = history.shape[0] - 1
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
    ones = v[0]
    x = v[1]
    for a in range(n_steps):
        C[a, a] += 1e-10 * scale
        ones[a] = 1.0
    if not cholesky_solve(C, ones, n_steps, x):
        return False
    total = 0.0
    for a in range(n_steps):
        total += x[a]
    if total == 0.0 or not np.isfinite(total):
        return False
    for k in range(n_ws):
        acc = 0.0
        for a in range(n_steps):
            acc += x[a] * history[a + 1, k]
        w_acc[k] = acc / total
    return True


@njit(cache=True, nogil=True, inline="always")
def _clip_and_penalties(w, w_acc, ws, n_ws, pen):
    """Clip the extrapolated point to the bounds; penalties of both points.

    Only the working set is summed: every non-zero coefficient is in it.
    """
    l1, l2, lo, hi = pen
    cost = 0.0
    cost_acc = 0.0
    for k in range(n_ws):
        j = ws[k]
        w_acc[k] = min(max(w_acc[k], lo[j]), hi[j])
        cost += l1[j] * abs(w[j]) + 0.5 * l2[j] * w[j] * w[j]
        cost_acc += l1[j] * abs(w_acc[k]) + 0.5 * l2[j] * w_acc[k] * w_acc[k]
    return cost, cost_acc


@njit(cache=True, nogil=True)
def anderson_step(w, ws, n_ws, pen, history, fill, small, small_vecs, w_acc):
    """Record the working set's coefficients after an epoch; every
    ``ANDERSON_STEPS + 1`` epochs, extrapolate.

    ``history`` holds the iterates recorded so far (``fill`` of them);
    ``small`` and ``small_vecs`` are the workspace's scratch for the small
    linear solve. When the history is full, the extrapolated point goes to
    ``w_acc`` (in working-set order), clipped to the bounds, and the history
    starts again.

    Returns ``(fill, ready, cost, cost_acc)``: the new fill, whether
    ``w_acc`` holds a point to try, and the penalty of ``w`` and of that
    point (summed over the working set, which holds every non-zero
    coefficient), for the layout to compare the objectives.
    """
    fill = _record_iterate(w, ws, n_ws, history, fill)
    if fill < history.shape[0]:
        return fill, False, 0.0, 0.0
    if not _anderson_point(history, n_ws, small, small_vecs, w_acc):
        return 0, False, 0.0, 0.0
    cost, cost_acc = _clip_and_penalties(w, w_acc, ws, n_ws, pen)
    return 0, True, cost, cost_acc
