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

_FLOATS = (np.dtype(np.float64), np.dtype(np.float32))


def _plain_finite_floats(array, ndims):
    """Whether ``array`` is a non-empty, finite float ndarray of an allowed ndim."""
    if not (
        type(array) is np.ndarray
        and array.ndim in ndims
        and array.dtype in _FLOATS
        and array.size > 0
    ):
        return False
    # The sum is finite only if every entry is (or it overflowed, and then the
    # full check in validate_data decides).
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.isfinite(np.sum(array)))


def validate_fit_data(estimator, X, y, *, order="F"):
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

    Returns
    -------
    X : ndarray or sparse CSC matrix
        float64 or float32.
    y : ndarray
        Numeric, finite, of ``X``'s length.
    """
    if (
        _plain_finite_floats(X, (2,))
        and _plain_finite_floats(y, (1, 2))
        and y.shape[0] == X.shape[0]
        and X.shape[1] > 0
    ):
        estimator.n_features_in_ = X.shape[1]
        if hasattr(estimator, "feature_names_in_"):
            del estimator.feature_names_in_
        X = np.asfortranarray(X) if order == "F" else np.ascontiguousarray(X)
        return X, y
    return validate_data(
        estimator, X, y, accept_sparse="csc", order=order,
        dtype=[np.float64, np.float32], copy=False, multi_output=True, y_numeric=True,
    )  # fmt: skip
