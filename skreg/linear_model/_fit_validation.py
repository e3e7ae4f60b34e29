"""Validation of ``fit`` data, with a short path for plain float arrays.

scikit-learn's ``validate_data`` costs about 0.1 ms per call, whatever the
size of the data; on small problems fitted many times (a warm-started loop
over alphas, a grid search) that is most of the time of a fit. For the common
case, a float64 or float32 ``numpy.ndarray`` ``X`` and ``y`` that are finite,
the outcome of ``validate_data`` is known: ``X`` in Fortran order (a copy
only if it is not already), ``y`` unchanged, ``n_features_in_`` set and
``feature_names_in_`` removed. This module produces that outcome directly and
hands everything else (lists, DataFrames, sparse matrices, other dtypes,
non-finite values, empty arrays) to ``validate_data``, so errors and
conversions are scikit-learn's own.
"""

import numpy as np
from sklearn.utils.validation import validate_data

from .._kernels.dense_columns import column_means_and_norms

_FLOATS = (np.dtype(np.float64), np.dtype(np.float32))


def _plain_float_array(array, ndims):
    """Whether ``array`` is a non-empty float ndarray of an allowed ndim."""
    return (
        type(array) is np.ndarray
        and array.ndim in ndims
        and array.dtype in _FLOATS
        and array.size > 0
    )


def _all_finite(array):
    # The sum is finite only if every entry is (or it overflowed, and then
    # the full check in validate_data decides): no boolean copy of X.
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.isfinite(np.sum(array)))


def _all_finite_small(array):
    # For y and per-column results: a boolean copy is cheap, and this skips
    # the error-state context, which costs more than the check on small data.
    return bool(np.isfinite(array).all())


def _finite_fortran_with_stats(X):
    """``X`` in Fortran order with its column statistics, or None if not finite."""
    X = np.asfortranarray(X)
    means, norm2 = np.empty(X.shape[1]), np.empty(X.shape[1])
    column_means_and_norms(X, means, norm2)
    # A NaN or infinite entry makes its column's norm NaN.
    return (X, (means, norm2)) if _all_finite_small(norm2) else None


def validate_fit_data(
    estimator, X, y, *, order="F", column_stats=False, defer_X_check=False, defer_y_check=False
):
    """Validate ``X`` and ``y`` for ``fit`` as ``validate_data`` would.

    Parameters
    ----------
    estimator : estimator instance
        Receives ``n_features_in_`` (and ``feature_names_in_`` when ``X``
        has string column names).
    X : {array-like, sparse matrix} of shape (n_samples, n_features)
        Training data; sparse data is returned in CSC format.
    y : array-like of shape (n_samples,) or (n_samples, n_targets)
        Target.
    order : {'F', 'C'}, default='F'
        Memory order of the returned dense ``X``.
    column_stats : bool, default=False
        Also return the column means and centred squared norms of a plain
        float ``X`` (Fortran order). Computing them is the finiteness check
        of the short path, so callers that need them get them from the same
        read of ``X``.
    defer_y_check : bool, default=False
        On the short path, leave the finiteness of ``y`` to the caller, who
        reads ``y`` anyway (centring it with
        :func:`~skreg.linear_model._enet_problem.centred_targets`, which
        raises scikit-learn's error).
    defer_X_check : bool, default=False
        On the short path, leave the finiteness of ``X`` to the caller, who
        reads ``X`` anyway (forming its Gram matrix) and must call this
        function again without the option when it finds a non-finite value,
        to raise scikit-learn's error.

    Returns
    -------
    X : ndarray or sparse CSC matrix
        float64 or float32.
    y : ndarray
        Numeric, finite, of ``X``'s length.
    stats : tuple of two ndarrays of shape (n_features,), or None
        Only with ``column_stats=True``: the means and centred squared norms
        of the columns of ``X`` in float64, or None when ``X`` took
        ``validate_data``'s path.
    """
    if not (
        _plain_float_array(X, (2,))
        and _plain_float_array(y, (1, 2))
        and y.shape[0] == X.shape[0]
        and X.shape[1] > 0
        and (defer_y_check or _all_finite_small(y))
    ):
        checked = None
    elif column_stats and order == "F":
        checked = _finite_fortran_with_stats(X)
    elif defer_X_check or _all_finite(X):
        checked = (np.asfortranarray(X) if order == "F" else np.ascontiguousarray(X), None)
    else:
        checked = None
    if checked is None:
        X, y = validate_data(
            estimator, X, y, accept_sparse="csc", order=order,
            dtype=[np.float64, np.float32], copy=False, multi_output=True, y_numeric=True,
        )  # fmt: skip
        stats = None
    else:
        X, stats = checked
        estimator.n_features_in_ = X.shape[1]
        if hasattr(estimator, "feature_names_in_"):
            del estimator.feature_names_in_
    return (X, y, stats) if column_stats else (X, y)
