"""Standardize features to mean 0 and variance 1: a drop-in for StandardScaler."""

from numbers import Number

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.utils.sparsefuncs import inplace_column_scale, mean_variance_axis
from sklearn.utils.validation import FLOAT_DTYPES, check_array, check_is_fitted, validate_data

from .utils.param_checks import BOOLEAN, check_parameters

try:
    # scikit-learn >= 1.9: fit callbacks (progress bars, monitors) through
    # its public mixin, which adds ``set_callbacks``.
    from sklearn.callback import CallbackSupportMixin, with_callbacks
except ImportError:  # older scikit-learn has no callbacks: nothing to support

    class CallbackSupportMixin:
        """Stand-in for scikit-learn's callback mixin where it does not exist."""

    def with_callbacks(method):
        """Stand-in for scikit-learn's decorator: the method unchanged."""
        return method

_SPARSE_CENTRING = (
    "Cannot center sparse matrices: pass `with_mean=False` instead. See "
    "docstring for motivation and alternatives."
)


def _column_statistics(X, weights):
    """Weighted count, mean and sum of squared deviations of each column.

    NaN entries are left out. Everything is accumulated in float64, so that
    float32 data with a large offset still get an accurate mean. Sparse
    columns count their implicit zeros.

    Returns
    -------
    count, mean, m2 : ndarray of shape (n_features,), float64
    """
    n_samples, n_features = X.shape
    if sp.issparse(X):
        # scikit-learn's sparse helper wants the weights in X's dtype.
        mean, var, count = mean_variance_axis(
            X, axis=0, weights=None if weights is None else weights.astype(X.dtype),
            return_sum_weights=True,
        )
        count = np.asarray(count, dtype=np.float64)
        # A column with nothing but NaN has no statistics (the helper gives
        # NaN): report zeros, which the pairwise update then weighs by 0.
        empty = count == 0
        mean = np.where(empty, 0.0, np.asarray(mean, dtype=np.float64))
        var = np.where(empty, 0.0, np.asarray(var, dtype=np.float64))
        return count, mean, var * count
    w = np.ones(n_samples) if weights is None else weights
    X = np.asarray(X, dtype=np.float64)
    present = None if not np.isnan(X).any() else ~np.isnan(X)
    # Two passes over data shifted by one of each column's own values: a
    # column whose values are all one float then gets exactly that mean and
    # a variance of exactly 0 (as scikit-learn), and a large offset costs no
    # digits, since the mean's rounding error is relative to the spread.
    if present is None:
        # The common case, with one temporary: BLAS for the weighted sums.
        shift = X[0].copy()
        count = np.full(n_features, w.sum())
        deviation = X - shift
        offset = (w @ deviation) / count
        deviation -= offset
        deviation **= 2
        return count, shift + offset, w @ deviation
    shift = X[np.argmax(present, axis=0), np.arange(n_features)]
    shift[~present.any(axis=0)] = 0.0
    W = present * w[:, None]
    count = W.sum(axis=0)
    deviation = np.where(present, X - shift, 0.0)
    offset = np.divide((W * deviation).sum(axis=0), count, out=np.zeros(n_features), where=count > 0)
    deviation = np.where(present, deviation - offset, 0.0)
    return count, shift + offset, (W * deviation**2).sum(axis=0)


class StandardScaler(CallbackSupportMixin, OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    r"""Standardize features: :math:`z = (x - \mu) / \sigma` for each column.

    Putting every feature on one scale keeps any feature from dominating the
    gradient, so descent converges in fewer steps, and makes one penalty
    ``alpha`` weigh every coefficient alike. A drop-in for
    :class:`sklearn.preprocessing.StandardScaler`.

    Parameters
    ----------
    copy : bool, default=True
        If False, transform in place where possible.
    with_mean : bool, default=True
        Centre the data (not possible for sparse input).
    with_std : bool, default=True
        Scale the data to unit variance.

    Attributes
    ----------
    scale_ : ndarray of shape (n_features,) or None
        Per-feature scaling, ``sqrt(var_)``; 1 for constant and near-constant
        features. None when ``with_std=False``.
    mean_ : ndarray of shape (n_features,) or None
        Per-feature mean (float64). None when both ``with_mean`` and
        ``with_std`` are False.
    var_ : ndarray of shape (n_features,) or None
        Per-feature population variance (float64). None when
        ``with_std=False``.
    n_samples_seen_ : int, float or ndarray of shape (n_features,)
        Samples seen per feature (sum of weights with ``sample_weight``); a
        scalar when no value was missing.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    sklearn.preprocessing.StandardScaler : The scikit-learn transformer this mirrors.

    Notes
    -----
    Statistics are accumulated in float64 with Chan, Golub and LeVeque's
    pairwise update, so :meth:`partial_fit` over chunks gives the same mean and
    variance as one :meth:`fit`; a batch whose values are all missing leaves
    them unchanged. NaN values are ignored in the statistics and
    kept by :meth:`transform`. A feature whose variance is within the
    rounding error of the variance computation is treated as constant and
    gets scale 1: never a division by zero. With scikit-learn 1.9 or later,
    ``set_callbacks`` attaches scikit-learn's fit callbacks; a fit is one task.

    Examples
    --------
    >>> import numpy as np
    >>> from skreg.preprocessing import StandardScaler
    >>> X = np.array([[0.0, 10.0], [2.0, 10.0], [4.0, 10.0]])
    >>> scaler = StandardScaler().fit(X)
    >>> scaler.mean_
    array([ 2., 10.])
    >>> scaler.transform(X)[:, 0].round(3)
    array([-1.225,  0.   ,  1.225])
    """

    _parameter_constraints = {"copy": [BOOLEAN], "with_mean": [BOOLEAN], "with_std": [BOOLEAN]}

    def __init__(self, *, copy=True, with_mean=True, with_std=True):
        self.copy = copy
        self.with_mean = with_mean
        self.with_std = with_std

    def _reset(self):
        for name in ("scale_", "mean_", "var_", "n_samples_seen_"):
            if hasattr(self, name):
                delattr(self, name)

    @with_callbacks
    def fit(self, X, y=None, sample_weight=None):
        """Compute the mean and standard deviation of each feature.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The data.
        y : None
            Ignored.
        sample_weight : array-like of shape (n_samples,), default=None
            Individual weights for each sample.

        Returns
        -------
        self : object
            Fitted scaler.
        """
        self._reset()
        return self._update(X, y, sample_weight)

    @with_callbacks
    def partial_fit(self, X, y=None, sample_weight=None):
        """Update the mean and standard deviation with a batch of samples.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            A batch of data.
        y : None
            Ignored.
        sample_weight : array-like of shape (n_samples,), default=None
            Individual weights for each sample.

        Returns
        -------
        self : object
            Fitted scaler.
        """
        return self._update(X, y, sample_weight)

    def _update(self, X, y, sample_weight):
        """Fold a batch into the statistics: the work of fit and partial_fit."""
        check_parameters(self, self._parameter_constraints)
        first_call = not hasattr(self, "n_samples_seen_")
        X = validate_data(
            self,
            X,
            accept_sparse=("csr", "csc"),
            dtype=FLOAT_DTYPES,
            ensure_all_finite="allow-nan",
            reset=first_call,
        )
        # One task, no iterations: the callbacks see its beginning and end
        # (the decorator on fit/partial_fit tears them down, even on errors).
        callback_context = (
            self._init_callback_context() if hasattr(self, "_init_callback_context") else None
        )
        if callback_context is not None:
            callback_context.call_on_fit_task_begin(
                estimator=self, X=X, y=y, metadata={"sample_weight": sample_weight}
            )
        if sp.issparse(X) and self.with_mean:
            raise ValueError(_SPARSE_CENTRING)
        weights = self._check_weights(sample_weight, X.shape[0])
        count, mean, m2 = _column_statistics(X, weights)
        if first_call:
            total, new_mean, new_m2 = count, mean, m2
        else:
            # Chan et al.'s pairwise combination of two batches' statistics.
            seen = np.broadcast_to(np.asarray(self.n_samples_seen_, dtype=np.float64), count.shape)
            old_mean = self._mean if self._mean is not None else np.zeros_like(mean)
            total = seen + count
            safe = np.where(total > 0, total, 1.0)
            delta = mean - old_mean
            new_mean = old_mean + delta * count / safe
            new_m2 = self._m2 + m2 + delta**2 * seen * count / safe
        self._mean, self._m2 = new_mean, new_m2
        track_mean = self.with_mean or self.with_std
        self.n_samples_seen_ = self._compact_count(total, weights is not None)
        self.mean_ = new_mean if track_mean else None
        if self.with_std:
            var = np.divide(new_m2, total, out=np.zeros_like(new_m2), where=total > 0)
            self.var_ = var
            scale = np.sqrt(var)
            eps = np.finfo(np.float64).eps
            # Variance within the rounding error of its own computation: the
            # feature is constant (Chan, Golub and LeVeque's error bound).
            constant = var <= total * eps * var + (total * new_mean * eps) ** 2
            scale[constant | (scale == 0)] = 1.0
            self.scale_ = scale
        else:
            self.var_ = None
            self.scale_ = None
        if callback_context is not None:
            # The fitted attributes are all set: the scaler as it stands is
            # the fitted estimator the callbacks may use.
            callback_context.call_on_fit_task_end(
                estimator=self,
                X=X,
                y=y,
                metadata={"sample_weight": sample_weight},
                reconstruction_attributes={},
            )
        return self

    @staticmethod
    def _check_weights(sample_weight, n_samples):
        if sample_weight is None:
            return None
        if isinstance(sample_weight, Number):
            return np.full(n_samples, float(sample_weight))
        weights = check_array(sample_weight, ensure_2d=False, dtype=np.float64, input_name="sample_weight")
        if weights.ndim != 1 or weights.shape[0] != n_samples:
            raise ValueError(f"sample_weight.shape == {weights.shape}, expected ({n_samples},)!")
        if not np.any(weights):
            raise ValueError("Sample weights must contain at least one non-zero number.")
        return weights

    @staticmethod
    def _compact_count(total, weighted):
        """A scalar when every feature saw the same samples, as scikit-learn."""
        if np.all(total == total[0]):
            return float(total[0]) if weighted else int(total[0])
        return total if weighted else total.astype(np.int64)

    def transform(self, X, copy=None):
        """Standardize ``X`` with the fitted statistics.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The data to standardize.
        copy : bool, default=None
            Copy the input; defaults to the ``copy`` parameter.

        Returns
        -------
        X_tr : {ndarray, sparse matrix} of shape (n_samples, n_features)
            Standardized data, in the input's float dtype.
        """
        check_is_fitted(self)
        copy = self.copy if copy is None else copy
        X = validate_data(
            self,
            X,
            reset=False,
            accept_sparse="csr",
            copy=copy,
            dtype=FLOAT_DTYPES,
            force_writeable=True,
            ensure_all_finite="allow-nan",
        )
        if sp.issparse(X):
            if self.with_mean:
                raise ValueError(_SPARSE_CENTRING)
            if self.scale_ is not None:
                inplace_column_scale(X, 1.0 / self.scale_)
            return X
        if self.with_mean:
            X -= self.mean_.astype(X.dtype)
        if self.with_std:
            X /= self.scale_.astype(X.dtype)
        return X

    def inverse_transform(self, X, copy=None):
        """Undo :meth:`transform`.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Standardized data.
        copy : bool, default=None
            Copy the input; defaults to the ``copy`` parameter.

        Returns
        -------
        X_original : {ndarray, sparse matrix} of shape (n_samples, n_features)
            Data on the original scale.
        """
        check_is_fitted(self)
        copy = self.copy if copy is None else copy
        X = check_array(
            X,
            accept_sparse="csr",
            copy=copy,
            dtype=FLOAT_DTYPES,
            force_writeable=True,
            ensure_all_finite="allow-nan",
        )
        if sp.issparse(X):
            if self.with_mean:
                raise ValueError(_SPARSE_CENTRING)
            if self.scale_ is not None:
                inplace_column_scale(X, self.scale_)
            return X
        if self.with_std:
            X *= self.scale_.astype(X.dtype)
        if self.with_mean:
            X += self.mean_.astype(X.dtype)
        return X

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        # Sparse input can be scaled but not centred.
        tags.input_tags.sparse = not self.with_mean
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags
