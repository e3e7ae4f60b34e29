"""Active-set Newton phases on the Gram matrix (a feature-sign search).

On very collinear data coordinate descent needs tens of thousands of epochs
to settle the small-eigenvalue directions; once the signs of the solution
are known the problem is a quadratic that one linear solve finishes. The
Gram kernel (:mod:`.cd_gram`) alternates coordinate descent with these
phases. Reference: Lee, Battle, Raina and Ng, "Efficient sparse coding
algorithms", NIPS 2006, with the line search cut at the first sign change.
"""

import numpy as np
from numba import njit

from .extrapolation import cholesky_solve

# The largest active set a phase factorizes.
NEWTON_MAX_ACTIVE = 256


@njit(cache=True, nogil=True, inline="always")
def gram_move(delta, G, j, h):
    """``h += delta * G[:, j]`` (row ``j``: G is symmetric and C-ordered)."""
    for jj in range(h.shape[0]):
        h[jj] += delta * G[j, jj]


@njit(cache=True, nogil=True)
def _violation(j, Xy, w, h, pen, excluded):
    """How much zero coefficient ``j`` violates ``|x_j^T r| <= l1_j``, and the
    sign of its move; a violation of 0 when it is not zero, excluded, held
    by its bound, or within rounding of the condition."""
    l1, _, lo, hi = pen
    if w[j] != 0.0 or excluded[j]:
        return 0.0, 0.0
    corr = Xy[j] - h[j]
    sign = 1.0 if corr > 0.0 else -1.0
    if (sign > 0.0 and hi[j] == 0.0) or (sign < 0.0 and lo[j] == 0.0):
        return 0.0, 0.0
    return max(abs(corr) - l1[j] * (1.0 + 1e-12), 0.0), sign


@njit(cache=True, nogil=True)
def _add_violating_zeros(Xy, w, h, pen, excluded, active, signs, n_act):
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
        violation = _violation(j, Xy, w, h, pen, excluded)[0]
        if violation > largest:
            largest, first = violation, j
    if first < 0 or n_act == active.shape[0]:
        return n_act
    # The largest first, so that the caller can fall back to it alone.
    active[n_act] = first
    signs[n_act] = _violation(first, Xy, w, h, pen, excluded)[1]
    n_act += 1
    for j in range(w.shape[0]):
        if n_act == active.shape[0]:
            break
        violation, sign = _violation(j, Xy, w, h, pen, excluded)
        if j != first and violation >= 0.5 * largest:
            active[n_act] = j
            signs[n_act] = sign
            n_act += 1
    return n_act


@njit(cache=True, nogil=True)
def newton_phase(G, Xy, w, h, pen, excluded, max_steps):
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
    ``NEWTON_MAX_ACTIVE``, a system was singular, or no step was possible.
    """
    l1, l2, _, _ = pen
    n_features = w.shape[0]
    size = min(n_features, NEWTON_MAX_ACTIVE)
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
        if not cholesky_solve(A, g, n_act, d):
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
            # moves by the change actually stored.
            w_old = w[j]
            w[j] = 0.0 if a == hit else w_old + t * d[a]
            gram_move(w[j] - w_old, G, j, h)
        if hit >= 0:
            n_act -= 1
            active[hit] = active[n_act]
            signs[hit] = signs[n_act]
            continue
        grown = _add_violating_zeros(Xy, w, h, pen, excluded, active, signs, n_act)
        if grown == n_act:
            # No zero coefficient left to move, or no room for one.
            return steps, n_act < size
        added_from = n_act
        n_act = grown
    return steps, False
