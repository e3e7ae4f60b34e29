"""What the squared loss contributes: its duality gap with the elastic-net penalty.

The datafit is ``f(w) = 1/2 sum_i s_i r_i^2`` with ``r = y - X w`` (kernel
units; the estimators scale their objective by ``n_samples``). Its gradient
is ``-X^T S r``: coordinate ``j``'s is minus the correlation ``z_j =
x_j^T S r`` and its curvature ``||x_j||_S^2``, which the layouts compute
(:mod:`.dense_columns`, :mod:`.sparse_columns`, the Gram matrix). What is
specific to the datafit is the dual point built from the residual and the
gap it certifies, here; a new datafit (the logistic loss) adds its own
module beside this one.
"""

import numpy as np
from numba import njit

from .penalty import side_conjugate

# LLVM may reorder the sums in dot products (as BLAS does), which lets it
# vectorize them; no assumption about NaN or inf is made.
REDUCTION_MATH = {"reassoc", "contract"}


@njit(cache=True, nogil=True)
def duality_gap(z, w, pen, features, n_sel, r_norm2, r_dot_y):
    """Duality gap of the squared loss with the elastic-net penalty on a set
    of features.

    The problem is restricted to ``features[:n_sel]`` (all features for the
    full problem, a working set for a sub-problem); ``z[k]`` is the
    correlation ``x_j^T S r`` of feature ``j = features[k]``.

    Two dual points are tried and the smaller gap is returned; both are
    valid certificates for the same primal.

    * Formulation A treats the L2 term as extra rows of data (a Lasso on
      ``[X; diag(sqrt(l2))]``), so the dual point is the augmented residual
      scaled by ``c <= 1`` until every coordinate with an infinite bound is
      dual feasible. Screening uses this point.
    * Formulation B keeps the L2 term in the penalty and takes the residual
      itself as dual point, with the exact conjugate of each coordinate's
      penalty. It is the tight one for Ridge-like problems (``l1 = 0``),
      where formulation A degenerates.

    Parameters
    ----------
    z : ndarray of shape (>= n_sel,)
        Correlations of the selected features with the residual.
    w : ndarray of shape (n_features,), float64
        Current coefficients, within the bounds.
    pen : Penalty
        Per-feature penalties and bounds.
    features : ndarray of int64 of shape (>= n_sel,)
        Indices of the selected features.
    n_sel : int
        Number of selected features.
    r_norm2 : float
        ``r^T S r``.
    r_dot_y : float
        ``r^T S y``.

    Returns
    -------
    gap : float
        Primal minus dual objective, ``>= 0`` up to rounding.
    scale : float
        The scaling ``c`` of formulation A's dual point.
    gap_a : float
        The gap of formulation A alone (the one gap-safe radii derive from).
    """
    l1, l2, lo, hi = pen
    l1_norm = 0.0
    l2_norm2 = 0.0
    for k in range(n_sel):
        j = features[k]
        l1_norm += l1[j] * abs(w[j])
        l2_norm2 += l2[j] * w[j] * w[j]
    primal = 0.5 * r_norm2 + 0.5 * l2_norm2 + l1_norm

    # Formulation A: the largest c <= 1 keeping c * (z - l2 w) feasible
    # where a bound is infinite (there the conjugate would be +inf).
    scale = 1.0
    for k in range(n_sel):
        j = features[k]
        za = z[k] - l2[j] * w[j]
        if (za > 0.0 and hi[j] == np.inf) or (za < 0.0 and lo[j] == -np.inf):
            if abs(za) * scale > l1[j]:
                scale = l1[j] / abs(za)
    conj_a = 0.0
    conj_b = 0.0
    for k in range(n_sel):
        j = features[k]
        if l2[j] == 0.0 and lo[j] == -np.inf and hi[j] == np.inf:
            # The Lasso case, in short: A's point is feasible by the choice
            # of scale, B's only if |z| <= l1.
            if abs(z[k]) > l1[j]:
                conj_b = np.inf
            continue
        za = scale * (z[k] - l2[j] * w[j])
        conj_a += side_conjugate(za, l1[j], 0.0, hi[j])
        conj_a += side_conjugate(-za, l1[j], 0.0, -lo[j])
        # Formulation B: dual point r, exact per-coordinate conjugates.
        conj_b += max(
            side_conjugate(z[k], l1[j], l2[j], hi[j]),
            side_conjugate(-z[k], l1[j], l2[j], -lo[j]),
        )
    dual_a = scale * r_dot_y - 0.5 * scale * scale * (r_norm2 + l2_norm2) - conj_a
    dual_b = r_dot_y - 0.5 * r_norm2 - conj_b
    gap_a = primal - dual_a
    return min(gap_a, primal - dual_b), scale, gap_a


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def residual_sums(r, y):
    """``(||r||^2, r^T y)``, what the gap needs of an unweighted residual besides ``z``."""
    r_norm2 = 0.0
    r_dot_y = 0.0
    for i in range(r.shape[0]):
        r_norm2 += r[i] * r[i]
        r_dot_y += r[i] * y[i]
    return r_norm2, r_dot_y


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def gram_residual_norms(Xy, y_norm2, w, h):
    """``r^T S r`` and ``r^T S y`` of ``r = y - X w`` from ``h = G w``, ``Xy``
    and ``y_norm2 = y^T S y`` (the Gram layout has no residual vector)."""
    w_dot_xy = 0.0
    w_dot_h = 0.0
    for j in range(w.shape[0]):
        w_dot_xy += w[j] * Xy[j]
        w_dot_h += w[j] * h[j]
    # A difference of large numbers: clip the rounding below zero.
    return max(y_norm2 - 2.0 * w_dot_xy + w_dot_h, 0.0), y_norm2 - w_dot_xy
