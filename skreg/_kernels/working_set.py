"""Working sets, gap-safe screening, the stopping rule and the epoch budget.

Shared by every solver on every layout: each outer iteration computes the
duality gap of the full problem (the datafit's module), screens the features
that are provably zero, ranks the rest and solves a sub-problem on a working
set of the best-ranked ones (Massias, Gramfort and Salmon, ICML 2018;
gap-safe rules, Ndiaye, Fercoq, Gramfort and Salmon, JMLR 2017).

The stopping rule is scikit-learn's two conditions, so that at the same
``tol`` the answer is at least as converged as scikit-learn's: a certified
gap (at most ``tol_gap``) and a settled last epoch (its largest change at most
``tol_rel`` times the largest coefficient), or before the first epoch.
"""

import numpy as np
from numba import njit

from .penalty import never_screened

# Sub-problems are solved to this fraction of the outer duality gap.
INNER_RATIO = 0.3
# Sub-problem gap checked at least this often (in epochs).
INNER_GAP_EVERY = 10

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
def screen_and_score(z, w, pen, col_norm2, scale, gap_a, excluded, scores):
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
    l1, l2, lo, hi = pen
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
        if never_screened(pen, j):
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


@njit(cache=True, nogil=True, inline="always")
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


@njit(cache=True, nogil=True, inline="always")
def _build_working_set(scores, w, ws_size, ws, scratch):
    """The support, the features ranked first, then the best-scored features.

    ``ws_size`` features at most, unless the support and the features scored
    ``-inf`` are more.

    Writes the chosen features, in increasing order, to ``ws`` and returns
    their number. Excluded features (score ``inf``) are never chosen.
    ``scratch`` (same length as ``scores``) is overwritten.
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
    threshold = _kth_smallest(scores, ws_size - 1, scratch)
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


@njit(cache=True, nogil=True, inline="always")
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


@njit(cache=True, nogil=True)
def next_working_set(scores, w, ws_size, quadruple, ws, scratch):
    """The next working set: its size from :func:`next_ws_size`, its
    features from the scores (see :func:`_build_working_set`).

    One compiled function for the three steps (the other two are inlined
    into it): each separate function would cost compile time at a first fit.
    Returns ``(n_ws, ws_size)``, the number of features written to ``ws``
    and the size to grow from next time.
    """
    ws_size = next_ws_size(w, ws_size, quadruple)
    return _build_working_set(scores, w, ws_size, ws, scratch), ws_size


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


@njit(cache=True, nogil=True, inline="always")
def _next_random(state):
    """xorshift64 step; returns the new state (a non-zero uint64)."""
    state ^= state << np.uint64(13)
    state ^= state >> np.uint64(7)
    state ^= state << np.uint64(17)
    return state


@njit(cache=True, nogil=True)
def epoch_order(n_features, random, state, order):
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


@njit(cache=True, nogil=True, inline="always")
def is_settled(w_max, dw_max, tol_rel):
    """scikit-learn's trigger: the epoch's largest change is at most ``tol_rel``
    times the largest coefficient. The fit stops only after such an epoch (or
    before the first), so that at the same ``tol`` its coefficients are at
    least as settled as scikit-learn's."""
    return w_max == 0.0 or dw_max <= tol_rel * w_max


@njit(cache=True, nogil=True, inline="always")
def inner_tol(gap, tol_gap):
    """The gap a working set's sub-problem is solved to.

    A fraction of the outer gap; once that is certified (below ``tol_gap``)
    the sub-problem only needs a settled epoch, and a fraction of a gap at
    the level of rounding could never be reached.
    """
    return INNER_RATIO * gap if gap > tol_gap else np.inf


@njit(cache=True, nogil=True, inline="always")
def screening_gap(gap, gap_a, tol_gap):
    """The gap that gap-safe screening may use: none once the fit is certified.

    A fit that goes on only to settle has a gap at the level of rounding,
    which can even come out negative; a radius computed from it would screen
    out features that are not zero at the optimum.
    """
    return gap_a if gap > tol_gap else np.inf


@njit(cache=True, nogil=True, inline="always")
def inner_should_check(n_done, settled):
    """When a sub-problem's gap is worth its cost (one pass over the set)."""
    return settled or n_done % INNER_GAP_EVERY == 0
