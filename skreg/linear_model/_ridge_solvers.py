"""Direct and Krylov solvers of the ridge normal equations.

Every function here solves, for each target ``k``,

.. math::

    \\min_w \\; \\sum_i s_i (y_{ik} - \\bar y_k - (x_i - \\mu)^T w)^2
    + \\alpha_k \\|w\\|_2^2

with sample weights ``s`` (rescaled to sum to ``n_samples``; the caller has
converted ``alpha`` to match) and weighted means ``mu``, ``ybar`` (zero
without an intercept). The intercept is then ``ybar - mu^T w``.

* :func:`solve_gram` forms the smaller of the two Gram matrices,
  ``Xc^T S Xc`` (p x p, "primal") or ``S^1/2 Xc Xc^T S^1/2`` (n x n, "dual"),
  and solves with one Cholesky factorization for all targets (an
  eigendecomposition when the targets have different alphas). Tall dense
  data is centred block by block (never a full copy of ``X``); wide dense
  data in one copy, cheap next to the n x n product. Sparse data is centred
  implicitly, never densified.
* :func:`solve_svd` takes one thin SVD of the centred, weighted dense data.
* :func:`solve_cg` runs conjugate gradient with a Jacobi preconditioner on the
  primal normal equations, all targets at once, centring implicitly in the
  matrix-vector products (dense or sparse ``X``, never modified or copied).

The matrices are formed in ``X``'s dtype (BLAS speed) and factorized in
float64.
"""

import numpy as np
import scipy.linalg
import scipy.sparse as sp
from scipy.linalg.lapack import get_lapack_funcs

from ._gram import centred_gram_dense

# Largest Gram matrix (entries) a direct sparse solve may form: 200 MB in
# float64. Above it the estimator falls back to an iterative solver.
MAX_GRAM_ENTRIES = 25_000_000

def _sqrt_weights(s):
    return None if s is None else np.sqrt(s)


def _centred_weighted_copy(X, X_offset, sqrt_s):
    """``sqrt(s) * (X - X_offset)`` in a new dense array of X's dtype."""
    Xc = np.subtract(X, X_offset.astype(X.dtype))
    if sqrt_s is not None:
        Xc *= sqrt_s.astype(X.dtype)[:, None]
    return Xc


def _solve_spd(A, B, alpha):
    """Solve ``(A + diag(alpha_k)) x_k = b_k`` for every column ``k``.

    ``A`` is symmetric positive semi-definite in float64 and is overwritten.
    One Cholesky factorization serves every target when all alphas are equal;
    otherwise (or when the factorization breaks down, which only a singular
    matrix with ``alpha = 0`` can cause) one eigendecomposition does, with
    eigenvalues below ``m * eps * max`` treated as zero.
    """
    if np.all(alpha == alpha[0]):
        diagonal = A.flat[:: A.shape[0] + 1]
        A.flat[:: A.shape[0] + 1] = diagonal + alpha[0]
        (posv,) = get_lapack_funcs(("posv",), (A,))
        _, x, info = posv(A, B, lower=False, overwrite_a=False, overwrite_b=False)
        if info == 0:
            return x
        # Singular (alpha = 0 on rank-deficient data): fall through to the
        # eigendecomposition, which gives the minimum-norm solution.
        A.flat[:: A.shape[0] + 1] = diagonal
    eigvals, V = scipy.linalg.eigh(A, overwrite_a=True, check_finite=False, driver="evd")
    np.maximum(eigvals, 0.0, out=eigvals)
    VtB = V.T @ B
    denom = eigvals[:, None] + alpha[None, :]
    # alpha = 0 on a singular matrix: minimum-norm solution (pseudo-inverse).
    cutoff = max(A.shape[0], 1) * np.finfo(np.float64).eps * max(eigvals.max(initial=0.0), 1e-300)
    scale = np.divide(1.0, denom, out=np.zeros_like(denom), where=denom > cutoff)
    return V @ (scale * VtB)


def _offsets(X, Y, s, fit_intercept):
    """Weighted column means of X and Y in float64 (zeros without intercept)."""
    n_samples, n_features = X.shape
    if not fit_intercept:
        return np.zeros(n_features), np.zeros(Y.shape[1])
    if s is None:
        if sp.issparse(X):
            X_offset = np.asarray(X.sum(axis=0), dtype=np.float64).ravel() / n_samples
        else:
            X_offset = np.mean(X, axis=0, dtype=np.float64)
        return X_offset, np.mean(Y, axis=0, dtype=np.float64)
    total = s.sum()
    X_offset = np.asarray(X.T @ s, dtype=np.float64).ravel() / total
    return X_offset, (s @ Y) / total


def solve_gram(X, Y, s, alpha, fit_intercept):
    """Direct solve through the smaller Gram matrix.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
        Validated data, float32 or float64; not modified.
    Y : ndarray of shape (n_samples, n_targets)
        Target in X's dtype.
    s : ndarray of shape (n_samples,) or None
        Sample weights summing to ``n_samples``.
    alpha : ndarray of shape (n_targets,), float64
        Penalty per target, in the units of the rescaled weights.
    fit_intercept : bool
        Centre the data.

    Returns
    -------
    coef : ndarray of shape (n_targets, n_features), float64
    X_offset : ndarray of shape (n_features,)
    y_offset : ndarray of shape (n_targets,)

    """
    if sp.issparse(X):
        return _solve_gram_sparse(X, Y, s, alpha, fit_intercept)
    return _solve_gram_dense(X, Y, s, alpha, fit_intercept)


def _solve_gram_dense(X, Y, s, alpha, fit_intercept):
    n_samples, n_features = X.shape
    if n_samples >= n_features:
        G, B, X_offset, y_offset = centred_gram_dense(X, Y, s, fit_intercept)
        return _solve_spd(G, B, alpha).T, X_offset, y_offset
    # Dual: the n x n Gram costs n^2 p flops, next to which one centred copy
    # of X (n p) is cheap, so the data is centred explicitly.
    X_offset, y_offset = _offsets(X, Y, s, fit_intercept)
    sqrt_s = _sqrt_weights(s)
    if fit_intercept or s is not None:
        Xc = _centred_weighted_copy(X, X_offset, sqrt_s)
    else:
        Xc = X
    Yc = np.asarray(Y, dtype=np.float64) - y_offset
    if sqrt_s is not None:
        Yc *= sqrt_s[:, None]
    K = (Xc @ Xc.T).astype(np.float64)
    C = _solve_spd(K, Yc, alpha)
    return (Xc.T @ C.astype(X.dtype)).astype(np.float64).T, X_offset, y_offset


def _solve_gram_sparse(X, Y, s, alpha, fit_intercept):
    n_samples, n_features = X.shape
    X_offset, y_offset = _offsets(X, Y, s, fit_intercept)
    Yc = np.asarray(Y, dtype=np.float64) - y_offset
    if s is None:
        Xs, sqrt_s, total = X, np.ones(n_samples), float(n_samples)
    else:
        sqrt_s = np.sqrt(s)
        Xs = sp.csr_matrix(X.multiply(sqrt_s.astype(X.dtype)[:, None]))
        total = s.sum()
    if n_samples >= n_features:
        # Xc^T S Xc = Xs^T Xs - sum(s) mu mu^T; the cross term of Xc^T S yc
        # vanishes because sum(s * yc) = 0.
        G = np.asarray((Xs.T @ Xs).toarray(), dtype=np.float64)
        G -= total * np.outer(X_offset, X_offset)
        B = np.asarray(Xs.T @ (sqrt_s[:, None] * Yc).astype(X.dtype), dtype=np.float64)
        return _solve_spd(G, B, alpha).T, X_offset, y_offset
    # Dual: with Xw = S^1/2 Xc = Xs - sqrt(s) mu^T,
    # Xw Xw^T = Xs Xs^T - v sqrt(s)^T - sqrt(s) v^T + (mu^T mu) sqrt(s) sqrt(s)^T.
    K = np.asarray((Xs @ Xs.T).toarray(), dtype=np.float64)
    v = np.asarray(Xs @ X_offset.astype(X.dtype), dtype=np.float64).ravel()
    K -= np.outer(v, sqrt_s)
    K -= np.outer(sqrt_s, v)
    K += (X_offset @ X_offset) * np.outer(sqrt_s, sqrt_s)
    C = _solve_spd(K, sqrt_s[:, None] * Yc, alpha)
    coef = np.asarray(Xs.T @ C.astype(X.dtype), dtype=np.float64)
    coef -= np.outer(X_offset, sqrt_s @ C)
    return coef.T, X_offset, y_offset


def solve_svd(X, Y, s, alpha, fit_intercept):
    """Solve every target from one thin SVD of the centred, weighted data.

    Same parameters and returns as :func:`solve_gram`, for dense ``X``.
    Singular values below ``max(n, p) * eps * s_max`` are treated as zero,
    which gives the minimum-norm solution when ``alpha = 0``.
    """
    X_offset, y_offset = _offsets(X, Y, s, fit_intercept)
    sqrt_s = _sqrt_weights(s)
    Xc = _centred_weighted_copy(X, X_offset, sqrt_s) if (fit_intercept or s is not None) else X
    U, sing, Vt = scipy.linalg.svd(
        Xc, full_matrices=False, overwrite_a=Xc is not X, check_finite=False
    )
    Yc = np.asarray(Y, dtype=np.float64) - y_offset
    if sqrt_s is not None:
        Yc *= sqrt_s[:, None]
    UtY = (U.T @ Yc.astype(U.dtype)).astype(np.float64)
    sing = sing.astype(np.float64)
    cutoff = max(X.shape) * np.finfo(X.dtype).eps * sing.max(initial=0.0)
    denom = sing[:, None] ** 2 + alpha[None, :]
    factor = np.divide(
        sing[:, None], denom, out=np.zeros_like(denom), where=(sing[:, None] > cutoff) & (denom > 0)
    )
    coef = Vt.T.astype(np.float64) @ (factor * UtY)
    return coef.T, X_offset, y_offset


def solve_cg(X, Y, s, alpha, fit_intercept, *, tol, max_iter):
    """Jacobi-preconditioned conjugate gradient on the normal equations.

    Tall data (``n >= p``) solves the primal system
    ``(Xc^T S Xc + alpha_k I) w_k = Xc^T S yc_k``; wide data the dual one,
    ``(S^1/2 Xc Xc^T S^1/2 + alpha_k I) c_k = S^1/2 yc_k`` with
    ``w_k = Xc^T S^1/2 c_k`` (the smaller system, as scikit-learn's
    'sparse_cg'). All targets run at once, each with its own step sizes; a
    target stops when its residual norm is at most ``tol`` times the norm of
    its right-hand side (scikit-learn's rule). The centring is implicit in
    the products, ``Xc v = X v - (mu^T v) 1`` and ``Xc^T u = X^T u - mu (1^T
    u)``, so ``X`` is neither copied nor densified.

    Parameters
    ----------
    X, Y, s, alpha, fit_intercept
        As in :func:`solve_gram`.
    tol : float
        Relative residual tolerance.
    max_iter : int or None
        Maximum number of iterations (None: ten times the size of the
        system, as scipy's ``cg``).

    Returns
    -------
    coef : ndarray of shape (n_targets, n_features), float64
    X_offset, y_offset : ndarray
    n_iter : ndarray of shape (n_targets,), int32
        Iterations run per target.
    converged : ndarray of shape (n_targets,), bool
    """
    n_samples, n_features = X.shape
    X_offset, y_offset = _offsets(X, Y, s, fit_intercept)
    weights = np.ones(n_samples) if s is None else s
    root = np.sqrt(weights)[:, None]
    dtype = X.dtype
    XT = X.T  # built once: a sparse transpose is a new object on each access

    def xc_dot(V):  # Xc @ V, V of shape (n_features, m)
        out = np.asarray(X @ V.astype(dtype, copy=False), dtype=np.float64)
        if fit_intercept:
            out -= X_offset @ V
        return out

    def xct_dot(U):  # Xc^T @ U, U of shape (n_samples, m)
        out = np.asarray(XT @ U.astype(dtype, copy=False), dtype=np.float64)
        if fit_intercept:
            out -= np.outer(X_offset, U.sum(axis=0))
        return out

    Yc = np.asarray(Y, dtype=np.float64) - y_offset
    squares = X.power(2) if sp.issparse(X) else X * X
    if n_samples >= n_features:
        B = xct_dot(weights[:, None] * Yc)
        # diag(Xc^T S Xc) = sum_i s_i x_ij^2 - sum(s) mu_j^2
        diag = np.asarray(weights @ squares, dtype=np.float64).ravel()
        if fit_intercept:
            diag -= weights.sum() * X_offset**2

        def apply(V, a):
            return xct_dot(weights[:, None] * xc_dot(V)) + a * V

    else:
        B = root * Yc
        # diag(S^1/2 Xc Xc^T S^1/2)_i = s_i |x_i - mu|^2
        diag = np.asarray(squares.sum(axis=1), dtype=np.float64).ravel()
        if fit_intercept:
            diag += X_offset @ X_offset - 2 * np.asarray(X @ X_offset).ravel()
        diag *= weights

        def apply(V, a):
            return root * xc_dot(xct_dot(root * V)) + a * V

    max_iter = 10 * B.shape[0] if max_iter is None else max_iter
    V, n_iter, converged = _pcg(apply, B, np.maximum(diag, 0.0), alpha, tol, max_iter)
    coef = V if n_samples >= n_features else xct_dot(root * V)
    return coef.T, X_offset, y_offset, n_iter, converged


def _pcg(apply, B, diag, alpha, tol, max_iter):
    """Preconditioned CG for ``(A + alpha_k I) v_k = b_k``, columns at once.

    ``apply(V, a)`` returns ``A V + a V`` for a block of columns ``V`` and
    their alphas ``a``; ``diag`` is the diagonal of ``A``.
    """
    n_targets = B.shape[1]
    precond = diag[:, None] + alpha[None, :]
    precond[precond <= 0] = 1.0
    V = np.zeros_like(B)
    R = B.copy()
    Z = R / precond
    P = Z.copy()
    rz = np.einsum("ij,ij->j", R, Z)
    threshold = tol * np.linalg.norm(B, axis=0)
    n_iter = np.zeros(n_targets, dtype=np.int32)
    active = np.linalg.norm(R, axis=0) > threshold
    for _ in range(max_iter):
        if not active.any():
            break
        idx = np.flatnonzero(active)
        Pa = P[:, idx]
        AP = apply(Pa, alpha[idx])
        pAp = np.einsum("ij,ij->j", Pa, AP)
        step = np.divide(rz[idx], pAp, out=np.zeros_like(pAp), where=pAp > 0)
        V[:, idx] += step * Pa
        Ra = R[:, idx] - step * AP
        R[:, idx] = Ra
        Za = Ra / precond[:, idx]
        rz_new = np.einsum("ij,ij->j", Ra, Za)
        beta = np.divide(rz_new, rz[idx], out=np.zeros_like(rz_new), where=rz[idx] > 0)
        P[:, idx] = Za + beta * Pa
        rz[idx] = rz_new
        n_iter[idx] += 1
        done = (np.linalg.norm(Ra, axis=0) <= threshold[idx]) | (pAp <= 0)
        active[idx[done]] = False
    return V, n_iter, ~active


# Largest support the positive polish solves directly (a Gram matrix of this
# side, factorized once per fit and target).
MAX_POLISH_SUPPORT = 4000


def polish_nonnegative(X, y, s, alpha, fit_intercept, w):
    """The exact non-negative ridge solution on the support of ``w``, if it is one.

    The non-negative ridge solution is the unconstrained ridge solution on its
    support. Given an approximate solution ``w`` (from coordinate descent),
    this solves the ridge problem on the columns where ``w > 0`` directly and
    returns it when it is the constrained optimum: its coefficients positive,
    and on every other column the gradient of the objective non-negative (the
    KKT conditions), up to rounding. The objective must also not exceed that
    of ``w``.

    Parameters
    ----------
    X : ndarray or sparse matrix of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        One target, in X's dtype.
    s : ndarray of shape (n_samples,) or None
        Sample weights summing to ``n_samples``.
    alpha : float
        Penalty in the units of ``s`` (as for :func:`solve_gram`).
    fit_intercept : bool
    w : ndarray of shape (n_features,)
        Approximate non-negative solution.

    Returns
    -------
    coef : ndarray of shape (n_features,), float64, or None
        None when the support of ``w`` is not that of the optimum (or is too
        large to solve directly).
    """
    support = np.flatnonzero(w > 0)
    if support.size > MAX_POLISH_SUPPORT:
        return None
    Y = y[:, np.newaxis]
    X_offset, y_offset = _offsets(X, Y, s, fit_intercept)
    exact = np.zeros(X.shape[1])
    if support.size:
        coef, _, _ = solve_gram(X[:, support], Y, s, np.array([float(alpha)]), fit_intercept)
        if not np.all(coef[0] > 0):
            return None
        exact[support] = coef[0]
    weights = np.ones(X.shape[0]) if s is None else s

    def weighted_residual(v):
        fitted = np.asarray(X @ v.astype(X.dtype), dtype=np.float64).ravel() - X_offset @ v
        return weights * (np.asarray(y, dtype=np.float64) - y_offset[0] - fitted)

    def objective(v, r):
        return 0.5 * (r @ (r / np.where(weights > 0, weights, 1.0))) + 0.5 * alpha * (v @ v)

    r = weighted_residual(exact)
    # Correlation of each centred column with the residual: the negative
    # gradient of the data term. Off the support it must not be positive.
    corr = np.asarray(X.T @ r.astype(X.dtype), dtype=np.float64).ravel() - X_offset * r.sum()
    # Weighted squared column norms without a squared copy of dense X.
    if sp.issparse(X):
        col_norm2 = np.asarray(weights @ X.power(2), dtype=np.float64).ravel()
    else:
        col_norm2 = np.einsum("i,ij,ij->j", weights, X, X, dtype=np.float64)
    col_norm2 -= weights.sum() * X_offset**2
    r_norm = np.sqrt(r @ (r / np.where(weights > 0, weights, 1.0)))
    slack = np.sqrt(np.finfo(X.dtype).eps) * np.sqrt(np.maximum(col_norm2, 0.0)) * r_norm
    off = np.ones(X.shape[1], dtype=bool)
    off[support] = False
    if np.any(corr[off] > slack[off]):
        return None
    w64 = np.asarray(w, dtype=np.float64)
    if objective(exact, r) > objective(w64, weighted_residual(w64)) * (1 + 1e-12):
        return None
    return exact
