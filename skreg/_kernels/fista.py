"""Proximal gradient (FISTA with adaptive restart) for the elastic-net family.

Minimizes the objective of :mod:`enet_math` (kernel units) by accelerated
proximal gradient on the smooth part ``f(w) = 1/2 sum_i s_i r_i^2``, whose
gradient is ``-X^T S r``. The proximal step is the one-dimensional update of
coordinate descent applied to every coordinate at once (soft-threshold,
divide by ``1 + step * l2``, clip to the bounds): one penalty, two solvers.

* Step ``1 / L``: ``L`` starts from a few power iterations on ``X^T S X``,
  which approach the largest eigenvalue from below, so every step is checked
  by backtracking (the quadratic upper bound of ``f`` must hold at the new
  point; otherwise ``L`` grows by half and the step is redone). The
  estimate is returned, so solves on the same data (a path's alphas, the
  targets of a multi-output fit) compute it once.
* Adaptive restart (O'Donoghue and Candes, 2015): the momentum is reset when
  it points against the last step, ``(y_k - x_{k+1})^T (x_{k+1} - x_k) > 0``,
  which keeps FISTA from ever oscillating far slower than plain ISTA.
* The intercept is exact: the data are centred (implicitly for sparse data),
  and the caller recovers it from the means.
* Stopping: the duality gap of :func:`enet_duality_gap`, at the current
  iterate, checked every ``_GAP_EVERY`` iterations and at the end.

Each iteration costs one product ``X^T r`` at the extrapolated point and the
residual of the new iterate, which touches only its non-zero coefficients.
On the Gram matrix (``n_samples >> n_features``) both cost
``O(n_features**2)`` instead, whatever the number of samples.

Reference: A. Beck and M. Teboulle, "A fast iterative shrinkage-thresholding
algorithm for linear inverse problems", SIAM J. Imaging Sciences, 2009.
"""

import numpy as np
from numba import njit

from .enet_math import (
    REDUCTION_MATH,
    all_correlations,
    column_span,
    coordinate_minimizer,
    copy_into,
    dense_residual_into,
    enet_duality_gap,
    gram_move,
    gram_residual_norms,
    sparse_move,
)

ENET_MATH_SHA1 = "ab670e84de681e08b3b20c9b3d16ff101f1385d5"

# Duality gap checked every this many iterations.
_GAP_EVERY = 10
# Power iterations for the first Lipschitz estimate (backtracking corrects it).
_POWER_ITERATIONS = 12
# Growth of L when the quadratic upper bound fails.
_BACKTRACK = 1.5
# Data layouts.
_DENSE = 0
_SPARSE = 1
_GRAM = 2


@njit(cache=True, nogil=True)
def _prox_step(v, grad_neg, step, l1, l2, lo, hi, out):
    """``out = prox_{step * penalty}(v + step * grad_neg)``, coordinate-wise.

    The one-dimensional minimizer of ``1/(2 step) (t - u)^2 + penalty(t)`` is
    coordinate descent's update with curvature ``1/step`` and linear term
    ``u/step``.
    """
    inv = 1.0 / step
    for j in range(v.shape[0]):
        out[j] = coordinate_minimizer(v[j] * inv + grad_neg[j], inv, l1[j], l2[j], lo[j], hi[j])


@njit(cache=True, nogil=True)
def _momentum(x, x_prev, beta, out):
    """``out = x + beta (x - x_prev)``; also used for residuals (affine in x)."""
    for i in range(x.shape[0]):
        out[i] = x[i] + beta * (x[i] - x_prev[i])


@njit(cache=True, nogil=True)
def _step_checks(x_new, x, y_k, grad_neg):
    """Quantities of the backtracking and restart tests.

    Returns ``g^T d`` (with ``g = -grad_neg`` the gradient at ``y_k`` and
    ``d = x_new - y_k``), ``||d||^2`` and the restart indicator
    ``(y_k - x_new)^T (x_new - x)``.
    """
    g_dot_d = 0.0
    d_norm2 = 0.0
    restart = 0.0
    for j in range(x.shape[0]):
        d = x_new[j] - y_k[j]
        g_dot_d -= grad_neg[j] * d
        d_norm2 += d * d
        restart -= d * (x_new[j] - x[j])
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
# Layout-specific products: residual of a point and correlations X^T S r.
# Dense data arrive centred and weighted (s = 1); sparse data are centred
# implicitly with the column means mu and weighted by s. On the Gram layout
# (X holds G = Xc^T S Xc, y holds Xc^T S y) the n-vector residual is replaced
# by h = G w, which is affine in w like the residual (so momentum applies to
# it alike): the correlations are Xy - h and the squared norms come from
# y^T S y, w^T Xy and w^T h.
# ---------------------------------------------------------------------------


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _sparse_residual(data, indices, indptr, mu, y, w, r):
    """``r = y - (X - 1 mu^T) w`` without forming the centred matrix."""
    copy_into(r, y)
    offset = 0.0
    for j in range(w.shape[0]):
        if w[j] != 0.0:
            sparse_move(w[j], data, indices, indptr, j, r)
            offset += mu[j] * w[j]
    for i in range(r.shape[0]):
        r[i] += offset


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def _sparse_correlations(data, indices, indptr, mu, s, r, sr, z):
    """``z = (X - 1 mu^T)^T S r``; ``sr`` is scratch of length n_samples."""
    total = 0.0
    for i in range(r.shape[0]):
        sr[i] = s[i] * r[i]
        total += sr[i]
    for j in range(z.shape[0]):
        acc = 0.0
        start, stop = column_span(indptr, j)
        for k in range(start, stop):
            acc += data[k] * sr[np.uint64(indices[k])]
        z[j] = acc - mu[j] * total


@njit(cache=True, nogil=True)
def _gram_product(G, point, out):
    """``out = G point``, from the rows of the non-zero coefficients."""
    out[:] = 0.0
    for j in range(point.shape[0]):
        if point[j] != 0.0:
            gram_move(point[j], G, j, out)


@njit(cache=True, nogil=True)
def _residual(layout, X, data, indices, indptr, mu, y, point, out):
    """``out = y - (centred X) point``; on the Gram layout ``out = G point``."""
    if layout == _DENSE:
        dense_residual_into(X, mu, y, point, out)  # mu is zeros: X comes centred
    elif layout == _SPARSE:
        _sparse_residual(data, indices, indptr, mu, y, point, out)
    else:
        _gram_product(X, point, out)


@njit(cache=True, nogil=True)
def _correlations(layout, X, data, indices, indptr, mu, s, y, res, scratch, out):
    """``out = (centred X)^T S res``; on the Gram layout ``out = Xy - h``."""
    if layout == _DENSE:
        all_correlations(X, mu, res, out)  # mu is zeros: dense X comes centred
    elif layout == _SPARSE:
        _sparse_correlations(data, indices, indptr, mu, s, res, scratch, out)
    else:
        for j in range(out.shape[0]):
            out[j] = y[j] - res[j]


@njit(cache=True, nogil=True)
def _norms(layout, r, y, s, point, y_norm2):
    """``r^T S r`` and ``r^T S y`` of ``point``'s residual ``r`` (``h`` on Gram)."""
    if layout == _GRAM:
        return gram_residual_norms(y, y_norm2, point, r)
    return _weighted_norms(r, y, s)


@njit(cache=True, nogil=True)
def _lipschitz_estimate(layout, X, data, indices, indptr, mu, s, n_samples, n_features):
    """Largest eigenvalue of ``X^T S X`` (centred) by a few power iterations."""
    v = np.empty(n_features)
    for j in range(n_features):
        # A fixed, non-degenerate start: deterministic results.
        v[j] = 1.0 + 0.5 * ((j * 7919) % 13) / 13.0
    u = np.zeros(n_samples)
    zeros = np.zeros(n_samples)
    sr = np.empty(n_samples)
    estimate = 0.0
    for _ in range(_POWER_ITERATIONS):
        norm = np.sqrt(np.sum(v * v))
        if norm == 0.0:
            return 0.0
        v /= norm
        if layout == _GRAM:
            _gram_product(X, v, u)
            copy_into(v, u)
        else:
            # u = -(centred X) v, then v = (centred X)^T S (centred X) v.
            _residual(layout, X, data, indices, indptr, mu, zeros, v, u)
            _correlations(layout, X, data, indices, indptr, mu, s, zeros, u, sr, v)
            for j in range(n_features):
                v[j] = -v[j]
        estimate = np.sqrt(np.sum(v * v))
    return estimate


@njit(cache=True, nogil=True)
def _fista(
    layout, X, data, indices, indptr, mu, s, y, y_norm2, w, l1, l2, lo, hi, max_iter, tol_gap,
    estimate,
):  # fmt: skip
    """The FISTA loop for every layout (``layout`` selects the products).

    On the Gram layout ``y`` is ``Xy``, ``y_norm2`` is ``y^T S y`` and the
    residual vectors have ``n_features`` entries; elsewhere ``y_norm2`` is
    unused.

    ``estimate`` is the power-iteration estimate of the Lipschitz constant,
    or a negative number to compute it; it is returned with the gap and the
    iteration count so that later solves on the same data (the next alpha of
    a path) skip the power iterations and run exactly as if they had done them.
    """
    n_samples = y.shape[0]
    n_features = w.shape[0]
    if estimate < 0.0:
        estimate = _lipschitz_estimate(layout, X, data, indices, indptr, mu, s, n_samples, n_features)
    lipschitz = estimate
    # Iterates in float64 whatever w's dtype: float32 rounding of each step
    # would break the backtracking test. The result is rounded once, at the
    # end, and certified as rounded.
    w_out = w
    w = np.empty(n_features)
    copy_into(w, w_out)
    x_prev = w.copy()
    y_k = np.empty(n_features)
    x_new = np.empty(n_features)
    r = np.empty(n_samples)
    r_prev = np.empty(n_samples)
    r_y = np.empty(n_samples)
    r_new = np.empty(n_samples)
    z = np.empty(n_features)
    sr = np.empty(n_samples)
    all_features = np.arange(n_features)
    # Room for rounding in the backtracking test: the Gram layout's loss is
    # a difference of terms of the size of y^T S y.
    slack = 1e-12 * y_norm2 if layout == _GRAM else 0.0

    _residual(layout, X, data, indices, indptr, mu, y, w, r)
    copy_into(r_prev, r)
    _correlations(layout, X, data, indices, indptr, mu, s, y, r, sr, z)
    r_norm2, r_dot_y = _norms(layout, r, y, s, w, y_norm2)
    gap = enet_duality_gap(z, w, l1, l2, lo, hi, all_features, n_features, r_norm2, r_dot_y)[0]
    if gap <= tol_gap or lipschitz == 0.0:
        return gap, 0, estimate
    t = 1.0
    n_iter = 0
    for it in range(max_iter):
        n_iter = it + 1
        t_next = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
        beta = (t - 1.0) / t_next
        _momentum(w, x_prev, beta, y_k)
        _momentum(r, r_prev, beta, r_y)
        _correlations(layout, X, data, indices, indptr, mu, s, y, r_y, sr, z)
        f_y = 0.5 * _norms(layout, r_y, y, s, y_k, y_norm2)[0]
        while True:
            _prox_step(y_k, z, 1.0 / lipschitz, l1, l2, lo, hi, x_new)
            _residual(layout, X, data, indices, indptr, mu, y, x_new, r_new)
            f_new = 0.5 * _norms(layout, r_new, y, s, x_new, y_norm2)[0]
            g_dot_d, d_norm2, restart = _step_checks(x_new, w, y_k, z)
            # Quadratic upper bound, with room for rounding.
            bound = f_y + g_dot_d + 0.5 * lipschitz * d_norm2
            if f_new <= bound + 1e-12 * abs(f_y) + slack or d_norm2 == 0.0:
                break
            lipschitz *= _BACKTRACK
        copy_into(x_prev, w)
        copy_into(w, x_new)
        copy_into(r_prev, r)
        copy_into(r, r_new)
        t = 1.0 if restart > 0.0 else t_next
        if n_iter % _GAP_EVERY == 0 or it == max_iter - 1:
            _correlations(layout, X, data, indices, indptr, mu, s, y, r, sr, z)
            r_norm2, r_dot_y = _norms(layout, r, y, s, w, y_norm2)
            gap = enet_duality_gap(z, w, l1, l2, lo, hi, all_features, n_features, r_norm2, r_dot_y)[0]
            if gap <= tol_gap:
                break
    # Certify what is returned: the coefficients rounded to w's dtype (one
    # more pass, which only matters for float32).
    copy_into(w_out, w)
    _residual(layout, X, data, indices, indptr, mu, y, w_out, r)
    _correlations(layout, X, data, indices, indptr, mu, s, y, r, sr, z)
    r_norm2, r_dot_y = _norms(layout, r, y, s, w_out, y_norm2)
    gap = enet_duality_gap(z, w_out, l1, l2, lo, hi, all_features, n_features, r_norm2, r_dot_y)[0]
    return gap, n_iter, estimate


@njit(cache=True, nogil=True)
def fista_enet_dense(X, y, w, l1, l2, lo, hi, max_iter, tol_gap, estimate):
    """FISTA on dense ``X`` (centred and weighted by ``sqrt(s)`` by the caller).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features), Fortran order
        Design matrix.
    y : ndarray of shape (n_samples,)
        Target, transformed like ``X``.
    w : ndarray of shape (n_features,)
        Initial coefficients (within the bounds); updated in place.
    l1, l2, lo, hi : ndarray of shape (n_features,), float64
        Per-feature penalties (kernel units) and bounds.
    max_iter : int
        Maximum number of iterations.
    tol_gap : float
        Stop when the duality gap is at most this.
    estimate : float
        The power-iteration estimate of the largest eigenvalue of
        ``X^T X`` returned by an earlier call on the same data, or -1 to
        compute it (a dozen passes over ``X``).

    Returns
    -------
    gap : float
        The last duality gap computed (kernel units).
    n_iter : int
        Iterations run.
    estimate : float
        The estimate used (the first step size is its inverse; backtracking
        corrects it upwards where needed).
    """
    # The sparse arguments are unused placeholders on this path.
    empty_i = np.empty(1, dtype=np.int32)
    n = y.shape[0]
    return _fista(
        _DENSE, X, np.empty(1, dtype=X.dtype), empty_i, empty_i, np.zeros(w.shape[0]),
        np.ones(n), y, 0.0, w, l1, l2, lo, hi, max_iter, tol_gap, estimate,
    )  # fmt: skip


@njit(cache=True, nogil=True)
def fista_enet_sparse(
    data, indices, indptr, y, s, mu, w, l1, l2, lo, hi, max_iter, tol_gap, estimate
):  # fmt: skip
    """FISTA on CSC ``X`` with sample weights and implicit centring.

    Parameters
    ----------
    data, indices, indptr : ndarray
        CSC arrays of ``X``, uncentred and unweighted.
    y : ndarray of shape (n_samples,)
        Target centred with the weighted mean (not weighted).
    s : ndarray of shape (n_samples,)
        Sample weights (ones when unweighted).
    mu : ndarray of shape (n_features,)
        Column means to centre with (zeros for no intercept).
    w, l1, l2, lo, hi, max_iter, tol_gap, estimate
        As in :func:`fista_enet_dense` (the estimate is of the centred,
        weighted ``X``).

    Returns
    -------
    gap, n_iter, estimate
        As in :func:`fista_enet_dense`.
    """
    # The dense arguments are unused placeholders on this path.
    return _fista(
        _SPARSE, np.empty((1, 1), dtype=data.dtype), data, indices, indptr, mu, s, y, 0.0, w,
        l1, l2, lo, hi, max_iter, tol_gap, estimate,
    )  # fmt: skip


@njit(cache=True, nogil=True)
def fista_enet_gram(G, Xy, y_norm2, w, l1, l2, lo, hi, max_iter, tol_gap, estimate):
    """FISTA on the Gram matrix: each iteration costs ``O(n_features**2)``.

    Parameters
    ----------
    G : ndarray of shape (n_features, n_features), C order
        ``Xc^T S Xc`` of the centred, weighted data (float64, symmetric).
    Xy : ndarray of shape (n_features,)
        ``Xc^T S yc``.
    y_norm2 : float
        ``yc^T S yc``.
    w, l1, l2, lo, hi, max_iter, tol_gap, estimate
        As in :func:`fista_enet_dense` (the estimate is of ``G``).

    Returns
    -------
    gap, n_iter, estimate
        As in :func:`fista_enet_dense`.
    """
    # The sparse arguments are unused placeholders on this path.
    empty_i = np.empty(1, dtype=np.int32)
    p = Xy.shape[0]
    return _fista(
        _GRAM, G, np.empty(1, dtype=G.dtype), empty_i, empty_i, np.zeros(p), np.ones(p), Xy,
        y_norm2, w, l1, l2, lo, hi, max_iter, tol_gap, estimate,
    )  # fmt: skip
