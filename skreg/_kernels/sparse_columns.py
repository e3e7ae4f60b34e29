"""Column operations on sparse CSC ``X``, never densified.

``X`` travels as the :class:`CSC` tuple of scipy's three arrays. Loops index
with unsigned integers (see :func:`column_span`).
"""

from collections import namedtuple

import numpy as np
from numba import njit

from .squared_loss import REDUCTION_MATH

CSC = namedtuple("CSC", ["data", "indices", "indptr"])
CSC.__doc__ = """A CSC matrix as scipy's arrays: values, row indices, column pointers
(a plain tuple at the kernels' boundary, as :class:`~.penalty.Penalty` says why)."""


@njit(cache=True, nogil=True, inline="always")
def column_span(indptr, j):
    """The range of column ``j``'s stored entries, as unsigned integers.

    Sparse loops index with these and with unsigned row indices
    (``np.uint64(indices[k])``): a signed index makes numba handle negative
    values (Python's wraparound) at every access, which cost about a third
    of a full pass ``X^T v`` on the benchmark's sparse data. CSC indices
    are non-negative (scipy's format), as scikit-learn's Cython code assumes.
    """
    return np.uint64(indptr[j]), np.uint64(indptr[j + 1])


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def sparse_dot(X, j, v):
    """``x_j^T v`` over the stored entries of column ``j``."""
    values, indices, indptr = X
    acc = 0.0
    start, stop = column_span(indptr, j)
    for k in range(start, stop):
        acc += values[k] * v[np.uint64(indices[k])]
    return acc


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def sparse_dot_weighted(X, j, s, q):
    """``x_j^T S q``."""
    values, indices, indptr = X
    acc = 0.0
    start, stop = column_span(indptr, j)
    for k in range(start, stop):
        i = np.uint64(indices[k])
        acc += values[k] * s[i] * q[i]
    return acc


@njit(cache=True, nogil=True)
def sparse_column_stats(X, s, s_sum, mu, colsum, norm2):
    """Weighted column sums ``sum_i s_i x_ij`` and squared norms of the
    centred columns, ``||x_j - mu_j||_S^2``, of CSC data (``s_sum`` is the
    sum of the weights)."""
    values, indices, indptr = X
    for j in range(colsum.shape[0]):
        acc_s = 0.0
        acc_2 = 0.0
        start, stop = column_span(indptr, j)
        for k in range(start, stop):
            i = np.uint64(indices[k])
            acc_s += s[i] * values[k]
            acc_2 += s[i] * values[k] * values[k]
        colsum[j] = acc_s
        # The centred norm expanded; clipped since it is a difference.
        norm2[j] = max(acc_2 - 2.0 * mu[j] * acc_s + mu[j] * mu[j] * s_sum, 0.0)


@njit(cache=True, nogil=True, inline="always")
def sparse_move(delta, X, j, q):
    """``q -= delta * x_j`` on the stored entries of column ``j``."""
    values, indices, indptr = X
    start, stop = column_span(indptr, j)
    for k in range(start, stop):
        q[np.uint64(indices[k])] -= delta * values[k]


@njit(cache=True, nogil=True, fastmath=REDUCTION_MATH)
def sparse_products(X, v, features, n_sel, out):
    """``out[k] = x_j^T v`` for ``j = features[k]``, ``k < n_sel``.

    One call for all the columns, with the loop over each column's stored
    entries written in: columns hold few entries, so a call per column
    (:func:`sparse_dot`) costs as much as its loop.
    """
    values, indices, indptr = X
    for k in range(n_sel):
        acc = 0.0
        start, stop = column_span(indptr, features[k])
        for kk in range(start, stop):
            acc += values[kk] * v[np.uint64(indices[kk])]
        out[k] = acc
