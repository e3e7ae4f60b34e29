"""The Gram matrix of centred, weighted dense data, formed block by block.

Coordinate descent on the Gram matrix (elastic net, ``n_samples >> n_features``)
and Ridge's direct solver both need ``Xc^T S Xc`` and ``Xc^T S Yc``; forming
them from a centred copy of ``X`` would write as much memory as ``X`` holds.
"""

import numpy as np

# Means at most this many times the spread leave the data unshifted.
_SMALL_MEAN = 10.0


def centred_gram_dense(X, Y, s, fit_intercept, *, always_shift=False):
    """``Xc^T S Xc`` and ``Xc^T S Yc`` (float64) without a centred copy of X.

    The rows are processed in blocks shifted by ``a``, the mean of the first
    block: ``sum s (x - a)(x - a)^T = Xc^T S Xc + sum(s) d d^T`` with
    ``d = mu - a``, which the end subtracts. Since ``a`` is already close to
    the mean, the correction cancels almost no digits, unlike the plain
    ``X^T X - n mu mu^T``, and each block's copy stays in cache. The blocks'
    products are accumulated in float64 (so float32 data gets float64 sums
    of float32 block products).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Dense data, float32 or float64; not modified.
    Y : ndarray of shape (n_samples, n_targets)
        Target in X's dtype.
    s : ndarray of shape (n_samples,) or None
        Sample weights (None: unweighted).
    fit_intercept : bool
        Centre with the weighted means (otherwise the plain products).
    always_shift : bool, default=False
        Shift every block, even where the means look small (the retry when
        the first block misjudged them).

    Returns
    -------
    G : ndarray of shape (n_features, n_features)
    B : ndarray of shape (n_features, n_targets)
    X_offset : ndarray of shape (n_features,)
    y_offset : ndarray of shape (n_targets,)
    """
    n_samples, n_features = X.shape
    n_targets = Y.shape[1]
    dtype = X.dtype
    if not fit_intercept and s is None:
        G = (X.T @ X).astype(np.float64)
        B = (X.T @ Y).astype(np.float64)
        return G, B, np.zeros(n_features), np.zeros(n_targets)
    # Blocks of at least p rows keep each rank-k update efficient; about
    # 2 MB per block otherwise.
    rows = max(256, n_features, 2**18 // max(n_features, 1))
    if fit_intercept:
        shift = np.mean(X[:rows], axis=0, dtype=np.float64).astype(dtype)
    else:
        shift = np.zeros(n_features, dtype=dtype)
    # Unshifted blocks need no copy: worth it for float64 data whose means
    # are small next to its spread (then X^T X - n mu mu^T cancels less than
    # one digit), judged on the first block and checked on the result.
    unshifted = (
        not always_shift
        and s is None
        and dtype == np.float64
        and bool(np.all(np.abs(shift) <= _SMALL_MEAN * np.std(X[:rows], axis=0)))
    )
    if unshifted:
        shift = np.zeros(n_features)
    G = np.zeros((n_features, n_features))
    M = np.zeros((n_features, n_targets + 1))  # sum s (x - a) [y, 1]
    for start in range(0, n_samples, rows):
        stop = min(start + rows, n_samples)
        Xb = X[start:stop] if unshifted else np.subtract(X[start:stop], shift)
        Zb = np.empty((stop - start, n_targets + 1), dtype=dtype)
        if s is None:
            Zb[:, :-1] = Y[start:stop]
            Zb[:, -1] = 1.0
        else:
            root = np.sqrt(s[start:stop]).astype(dtype)
            Xb *= root[:, None]
            Zb[:, :-1] = Y[start:stop] * root[:, None]
            Zb[:, -1] = root
        G += Xb.T @ Xb
        M += Xb.T @ Zb
    if not fit_intercept:
        return G, M[:, :-1], np.zeros(n_features), np.zeros(n_targets)
    weights = np.ones(n_samples) if s is None else s
    total = weights.sum()
    d = M[:, -1] / total
    X_offset = shift.astype(np.float64) + d
    y_offset = (weights @ Y.astype(np.float64)) / total
    correction = total * np.outer(d, d)
    if unshifted and np.any(np.diag(correction) > _SMALL_MEAN**2 * np.diag(G - correction)):
        # The first block misjudged the means: form it again, shifted.
        return centred_gram_dense(X, Y, s, fit_intercept, always_shift=True)
    G -= correction
    B = M[:, :-1] - total * np.outer(d, y_offset)
    return G, B, X_offset, y_offset
