"""Leave-one-out cross-validation of ridge for many alphas from one decomposition.

With weights ``s`` (the user's, not rescaled) the data enter as
``Xw = S^1/2 (X - mu)`` and ``yw = S^1/2 (y - ybar)``. For a penalty
``alpha`` the fitted values are ``H yw`` with the hat matrix

.. math::

    H = Xw (Xw^T Xw + \\alpha I)^{-1} Xw^T + \\frac{\\sqrt{s}\\sqrt{s}^T}{\\sum_i s_i},

whose second term is the unpenalized intercept (``Xw^T sqrt(s) = 0`` after
weighted centring, so the two terms are orthogonal). Removing sample ``i``
from the fit changes its residual into

.. math::

    e_i = \\frac{(yw - H yw)_i}{1 - H_{ii}},

the leave-one-out error, in the weighted units ``sqrt(s_i)`` times the error
on ``y_i``, as scikit-learn's ``RidgeCV`` reports it. Writing
``H = P diag(f(alpha)) P^T`` with an orthonormal ``P`` makes every alpha
cost one product with ``P``:

* ``'gram'`` (n <= p): ``Xw Xw^T = Q diag(lam) Q^T``, ``P = Q`` complete, and
  the complement ``I - H = Q diag(alpha / (lam + alpha)) Q^T`` is used
  directly, which avoids cancellation when ``alpha`` is small;
* ``'cov'`` (n > p): ``Xw^T Xw = V diag(lam) V^T``, ``P = Xw V diag(lam)^-1/2``
  (kept unnormalized: ``H = (Xw V) diag(1 / (lam + alpha)) (Xw V)^T``);
* ``'svd'``: ``Xw = U diag(sigma) V^T``, ``P = U``, ``f = sigma^2 / (sigma^2 +
  alpha)`` (the complement form when ``U`` is square).

Sparse ``X`` is centred implicitly in the products and never densified.
Everything runs in float64.
"""

from dataclasses import dataclass

import numpy as np
import scipy.linalg
import scipy.sparse as sp


@dataclass
class LooDecomposition:
    """One decomposition of the centred, weighted data.

    Attributes
    ----------
    mode : {"gram", "cov", "svd"}
    P : ndarray of shape (n_samples, r)
        Basis of the fitted values (``Xw V`` in ``'cov'`` mode).
    spectrum : ndarray of shape (r,)
        Eigenvalues of ``Xw Xw^T`` / ``Xw^T Xw``, or squared singular values.
    Pty : ndarray of shape (r, n_targets)
        ``P^T yw``.
    V : ndarray of shape (n_features, r) or None
        Right factor (``'cov'`` and ``'svd'``).
    complement : bool
        Whether ``P`` spans all the room left by the intercept, so that
        ``I - H`` is formed directly.
    deflated : bool
        Whether the intercept's direction ``sqrt(s)`` was removed from ``P``
        (then ``I - H = P diag(1 - f) P^T`` exactly).
    """

    mode: str
    P: np.ndarray
    spectrum: np.ndarray
    Pty: np.ndarray
    V: np.ndarray = None
    complement: bool = False
    deflated: bool = False


def resolve_gcv_mode(X, gcv_mode):
    """The decomposition to use: ``'gram'``, ``'cov'`` or ``'svd'``.

    ``'svd'`` on sparse data falls back to the eigendecompositions (X is
    never densified); None, ``'auto'`` and ``'eigen'`` take the
    eigendecomposition of the smaller of ``X X^T`` and ``X^T X``, which was
    faster than the SVD on every measured shape (see ``benchmarks/ridge.py``).
    """
    if gcv_mode == "svd" and not sp.issparse(X):
        return "svd"
    n_samples, n_features = X.shape
    return "gram" if n_samples <= n_features else "cov"


class CentredData:
    """``Xw = S^1/2 (X - 1 mu^T)`` as products, for dense or sparse ``X``.

    Dense ``X`` is centred and weighted once in a float64 copy; sparse ``X``
    is only row-scaled (a sparse copy) and centred implicitly.
    """

    def __init__(self, X, sqrt_s, X_offset, fit_intercept):
        self.sparse = sp.issparse(X)
        self.sqrt_s = sqrt_s
        self.X_offset = X_offset
        self.center = fit_intercept
        if self.sparse:
            self.Xs = sp.csr_matrix(X.multiply(sqrt_s[:, None])) if sqrt_s is not None else X
        else:
            Xw = np.array(X, dtype=np.float64, order="C")
            if fit_intercept:
                Xw -= X_offset
            if sqrt_s is not None:
                Xw *= sqrt_s[:, None]
            self.Xw = Xw

    def _root(self, n_samples):
        return np.ones(n_samples) if self.sqrt_s is None else self.sqrt_s

    def dense(self):
        """``Xw`` itself (dense data only)."""
        return self.Xw

    def gram(self):
        """``Xw Xw^T``."""
        if not self.sparse:
            return self.Xw @ self.Xw.T
        K = np.asarray((self.Xs @ self.Xs.T).toarray(), dtype=np.float64)
        if self.center:
            root = self._root(K.shape[0])
            v = np.asarray(self.Xs @ self.X_offset).ravel()
            K -= np.outer(v, root)
            K -= np.outer(root, v)
            K += (self.X_offset @ self.X_offset) * np.outer(root, root)
        return K

    def cov(self):
        """``Xw^T Xw``."""
        if not self.sparse:
            return self.Xw.T @ self.Xw
        C = np.asarray((self.Xs.T @ self.Xs).toarray(), dtype=np.float64)
        if self.center:
            root = self._root(self.Xs.shape[0])
            C -= (root @ root) * np.outer(self.X_offset, self.X_offset)
        return C

    def dot(self, V):
        """``Xw @ V``."""
        if not self.sparse:
            return self.Xw @ V
        out = np.asarray(self.Xs @ V, dtype=np.float64)
        if self.center:
            out -= np.outer(self._root(out.shape[0]), self.X_offset @ V)
        return out

    def tdot(self, U):
        """``Xw^T @ U``."""
        if not self.sparse:
            return self.Xw.T @ U
        out = np.asarray(self.Xs.T @ U, dtype=np.float64)
        if self.center:
            out -= np.outer(self.X_offset, self._root(U.shape[0]) @ U)
        return out


def decompose(data, Yw, mode):
    """Decompose the centred, weighted data once for all alphas."""
    n_samples = Yw.shape[0]
    if mode == "gram":
        K = data.gram()
        if data.center and n_samples > 1:
            return _decompose_gram_deflated(K, data._root(n_samples), Yw)
        spectrum, Q = scipy.linalg.eigh(K, overwrite_a=True, check_finite=False, driver="evd")
        np.maximum(spectrum, 0.0, out=spectrum)
        return LooDecomposition("gram", Q, spectrum, Q.T @ Yw, complement=True)
    if mode == "cov":
        spectrum, V = scipy.linalg.eigh(
            data.cov(), overwrite_a=True, check_finite=False, driver="evd"
        )
        np.maximum(spectrum, 0.0, out=spectrum)
        P = data.dot(V)
        return LooDecomposition("cov", P, spectrum, P.T @ Yw, V=V)
    U, sing, Vt = scipy.linalg.svd(data.dense(), full_matrices=False, check_finite=False)
    return LooDecomposition(
        "svd", U, sing**2, U.T @ Yw, V=Vt.T, complement=U.shape[1] == n_samples
    )


def _decompose_gram_deflated(K, root, Yw):
    """Eigendecomposition of ``Xw Xw^T`` on the complement of the intercept.

    After weighted centring ``Xw^T sqrt(s) = 0``: ``u = sqrt(s) / |sqrt(s)|``
    is an eigenvector of eigenvalue zero, which the intercept fits exactly.
    Computed, that eigenvalue is rounding noise of the order of ``eps`` times
    the largest, and with a tiny alpha ``alpha / (lam + alpha)`` on it is far
    from 1, which spoils every leverage. A Householder reflection ``R`` that
    sends ``u`` to the first axis splits it off exactly: the rest of ``R K R``
    is decomposed, and ``P = R[:, 1:] Q`` spans the complement of ``u``.
    """
    u = root / np.linalg.norm(root)
    v = u.copy()
    v[0] += 1.0 if u[0] >= 0 else -1.0  # R = I - 2 v v^T / (v^T v), R u = -+e1
    c = v @ v
    Kv = K @ v
    K -= (2.0 / c) * (np.outer(v, Kv) + np.outer(Kv, v))
    K += (4.0 * (v @ Kv) / c**2) * np.outer(v, v)
    spectrum, Q = scipy.linalg.eigh(
        K[1:, 1:], overwrite_a=True, check_finite=False, driver="evd"
    )
    np.maximum(spectrum, 0.0, out=spectrum)
    Z = np.vstack([np.zeros((1, Q.shape[1])), Q])
    P = Z - (2.0 / c) * np.outer(v, v @ Z)
    return LooDecomposition("gram", P, spectrum, P.T @ Yw, complement=True, deflated=True)


def loo_errors(dec, Yw, alphas, leverage_offset):
    """Leave-one-out errors for every alpha, in weighted units.

    Parameters
    ----------
    dec : LooDecomposition
    Yw : ndarray of shape (n_samples, n_targets)
        Centred, weighted target.
    alphas : ndarray of shape (n_alphas,)
        Strictly positive penalties.
    leverage_offset : ndarray of shape (n_samples,) or float
        The intercept's share of the leverage, ``s_i / sum(s)`` (0 without
        intercept).

    Returns
    -------
    errors : ndarray of shape (n_samples, n_alphas, n_targets)
    """
    lam = dec.spectrum[:, None]
    if dec.mode == "cov":
        # H = (Xw V) diag(1 / (lam + alpha)) (Xw V)^T
        factor = 1.0 / (lam + alphas[None, :])
    else:
        factor = lam / (lam + alphas[None, :])
    if dec.complement:
        # P is square: I - H = P diag(1 - f) P^T, no cancellation.
        factor = alphas[None, :] / (lam + alphas[None, :])
    n_samples, rank = dec.P.shape
    n_targets = Yw.shape[1]
    leverage_offset = np.reshape(leverage_offset, (-1, 1))
    leverage = (dec.P * dec.P) @ factor  # diag(P diag(f) P^T), (n, A)
    fitted = dec.P @ (factor[:, :, None] * dec.Pty[:, None, :]).reshape(rank, -1)
    fitted = fitted.reshape(n_samples, len(alphas), n_targets)
    if dec.deflated:
        residual = fitted
        one_minus_h = leverage
    elif dec.complement:
        residual = fitted
        one_minus_h = leverage - leverage_offset
    else:
        residual = Yw[:, None, :] - fitted
        one_minus_h = 1.0 - leverage - leverage_offset
    return residual / one_minus_h[:, :, None]


def ridge_coef(dec, data, alpha, targets):
    """Coefficients of the weighted, centred ridge for ``alpha`` and some targets.

    Returns
    -------
    coef : ndarray of shape (len(targets), n_features), float64
    """
    lam = dec.spectrum
    g = dec.Pty[:, targets]
    if dec.mode == "gram":
        # w = Xw^T (Xw Xw^T + alpha I)^-1 yw
        c = dec.P @ (g / (lam + alpha)[:, None])
        return data.tdot(c).T
    if dec.mode == "cov":
        # g = V^T Xw^T yw, so w = V diag(1 / (lam + alpha)) g
        return (dec.V @ (g / (lam + alpha)[:, None])).T
    sing = np.sqrt(lam)
    return (dec.V @ (g * (sing / (lam + alpha))[:, None])).T
