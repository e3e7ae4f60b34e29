"""The penalty family of the elastic net: per-feature L1 and L2 weights and bounds.

A penalty is the :class:`Penalty` tuple of four float64 arrays of shape
(n_features,): coefficient ``j`` pays ``l1_j |w_j| + l2_j / 2 w_j^2`` and is
held in ``[lo_j, hi_j]`` (``lo_j <= 0 <= hi_j``; ``positive=True`` is
``lo = 0``). The same separable penalty serves every datafit and solver: its
one-dimensional minimizer is coordinate descent's update and proximal
gradient's step, and its conjugate enters every duality gap.
"""

from collections import namedtuple

import numpy as np
from numba import njit

Penalty = namedtuple("Penalty", ["l1", "l2", "lo", "hi"])
Penalty.__doc__ = """Per-feature penalty weights and bounds (float64 arrays, kernel units).

Kernels take it as a plain tuple (``tuple(pen)``) and unpack it by position:
numba types a plain tuple of arrays in its compiled dispatcher, but a named
tuple through Python code, which cost up to 0.1 ms a call with cold caches."""


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
def side_conjugate(z, l1, l2, bound):
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


@njit(cache=True, nogil=True, inline="always")
def never_screened(pen, j):
    """Whether feature ``j`` stays out of screening and in every working set:
    no L1 penalty (almost never zero at the optimum) or a finite non-zero
    bound (the dual constraint is not the L1 ball's)."""
    l1, _, lo, hi = pen
    return l1[j] == 0.0 or (hi[j] != np.inf and hi[j] != 0.0) or (lo[j] != -np.inf and lo[j] != 0.0)


@njit(cache=True, nogil=True)
def bounds_are_signs(pen):
    """Whether every bound is a sign constraint (``lo`` in ``{-inf, 0}``,
    ``hi`` in ``{0, inf}``), as an active-set Newton phase needs."""
    _, _, lo, hi = pen
    for j in range(lo.shape[0]):
        if (lo[j] != -np.inf and lo[j] != 0.0) or (hi[j] != np.inf and hi[j] != 0.0):
            return False
    return True
