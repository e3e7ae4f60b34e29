"""What every linear estimator of skreg shares: prediction and intercepts."""

import numpy as np
import scipy.sparse as sp
from sklearn import get_config
from sklearn.base import BaseEstimator, MultiOutputMixin, RegressorMixin
from sklearn.utils.extmath import safe_sparse_dot
from sklearn.utils.validation import check_is_fitted, validate_data

from .._kernels.dense_columns import intercepts_into


_PARAM_NAMES = {}


class LinearRegressorBase(MultiOutputMixin, RegressorMixin, BaseEstimator):
    """Prediction for fitted linear regressors with ``coef_`` and ``intercept_``.

    Subclasses set ``coef_`` of shape (n_features,) or (n_targets, n_features)
    and ``intercept_`` (a float or one per target) in ``fit``.
    """

    @classmethod
    def _get_param_names(cls):
        # scikit-learn derives the names from the signature of __init__ on
        # every get_params/set_params; they never change, so compute once.
        names = _PARAM_NAMES.get(cls)
        if names is None:
            names = _PARAM_NAMES[cls] = super()._get_param_names()
        return names

    def predict(self, X):
        """Predict with the linear model.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Samples.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_targets)
            Predicted values.
        """
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=["csr", "csc", "coo"], reset=False)
        return safe_sparse_dot(X, self.coef_.T, dense_output=True) + self.intercept_

    @property
    def sparse_coef_(self):
        """Sparse representation of the fitted ``coef_``.

        A CSR matrix of shape (1, n_features) or (n_targets, n_features); a CSR
        array instead when scikit-learn's ``sparse_interface`` is "sparray".
        """
        coef = np.atleast_2d(self.coef_)
        if get_config().get("sparse_interface") == "sparray":
            return sp.csr_array(coef)
        return sp.csr_matrix(coef)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


def intercept_from_offsets(coef, X_offset, y_offset, fit_intercept, dtype):
    """The intercept that undoes centring: ``y_offset - X_offset @ coef``.

    Parameters
    ----------
    coef : ndarray of shape (n_targets, n_features)
        Coefficients.
    X_offset : ndarray of shape (n_features,)
        Column means removed before the fit.
    y_offset : ndarray of shape (n_targets,)
        Target means removed before the fit.
    fit_intercept : bool
        Without an intercept the result is ``0.0``, as in scikit-learn.
    dtype : numpy dtype
        The data's dtype, kept by the intercept.

    Returns
    -------
    intercept : ndarray of shape (n_targets,) or float
    """
    if not fit_intercept:
        return 0.0
    out = np.empty(coef.shape[0])
    intercepts_into(
        np.ascontiguousarray(coef),
        np.asarray(X_offset, dtype=np.float64),
        np.asarray(y_offset, dtype=np.float64),
        out,
    )
    return out.astype(dtype)
