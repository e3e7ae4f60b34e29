"""LassoCV and ElasticNetCV: alpha (and l1_ratio) chosen along cross-validated paths."""

import sys
from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from sklearn.model_selection import check_cv
from sklearn.utils import check_scalar
from sklearn.utils.metadata_routing import process_routing
from sklearn.utils.validation import check_array, column_or_1d

from ..utils.param_checks import (
    ARRAY_LIKE,
    BOOLEAN,
    CV_SPLITTER,
    NONE,
    RANDOM_STATE,
    VERBOSE,
    Interval,
    Options,
    check_parameters,
)
from ._base import LinearRegressorBase
from ._coordinate_descent import ElasticNet
from ._enet_problem import auto_precompute_for_path, check_sample_weight, prepare_enet_problem
from ._fit_validation import validate_fit_data
from ._path import alpha_grid, enet_path, lasso_path, solve_path
from ._routing import cv_router, refuse_params_without_routing


class ElasticNetCV(LinearRegressorBase):
    r"""Elastic net with alpha and l1_ratio chosen by cross-validation.

    For every l1_ratio and every fold, one warm-started path of
    :class:`ElasticNet` fits runs on the training part and is scored (mean
    squared error) on the held-out part; the alpha (and l1_ratio) with the
    lowest mean error over the folds, or the most regularized one within one
    standard error of it (``alpha_rule='1se'``), is refitted on all the data.
    A drop-in for :class:`sklearn.linear_model.ElasticNetCV`.

    The objective of each fit is

    .. math::

        \frac{1}{2 n_{\rm samples}} \|y - Xw - b\|_2^2
        + \alpha \rho \|w\|_1 + \frac{\alpha (1 - \rho)}{2} \|w\|_2^2 .

    Parameters
    ----------
    l1_ratio : float or list of float, default=0.5
        Mixing parameter(s) :math:`\rho` to try, each in [0, 1] (0 only with
        an explicit ``alphas`` array).
    eps : float, default=1e-3
        Length of the automatic grid: ``alpha_min = eps * alpha_max``.
    alphas : int or array-like, default=100
        Number of alphas of the automatic grid (one grid per l1_ratio, from
        that l1_ratio's ``alpha_max`` on the centred, weighted data), or the
        alphas to try.
    fit_intercept : bool, default=True
        Whether to fit an intercept.
    precompute : 'auto', bool or array-like, default='auto'
        Gram-matrix coordinate descent (or FISTA) on each fold: 'auto' uses
        it for dense folds with more samples than features. An array (a Gram
        matrix of the whole data, useless for folds) is treated as True on
        the folds and passed to the final fit.
    max_iter : int, default=1000
        Maximum epochs per alpha.
    tol : float, default=1e-4
        Duality-gap tolerance of every fit (see :class:`ElasticNet`).
    cv : int, cross-validation generator or iterable, default=None
        Folds, as in scikit-learn: None is 5-fold :class:`~sklearn.model_selection.KFold`.
    copy_X : bool, default=True
        If False, the final fit may centre a dense ``X`` in place.
    verbose : bool or int, default=0
        1 prints one line per fold; 2 and more also one line per alpha.
    n_jobs : int, default=None
        Folds (times l1_ratios) run in parallel in this many threads; the
        kernels release the GIL, so threads share the compiled code and need
        no copy of the data.
    positive : bool, default=False
        Constrain the coefficients to be non-negative.
    random_state : int, RandomState instance or None, default=None
        Seed of the coordinate draws when ``selection='random'``.
    selection : {'cyclic', 'random'}, default='cyclic'
        Coordinate order.
    alpha_rule : {'min', '1se'}, default='min'
        'min' takes the lowest mean CV error (scikit-learn's rule). '1se'
        takes the largest alpha whose mean error is within one standard error
        (over the folds) of that minimum, for the l1_ratio of the minimum:
        glmnet's ``lambda.1se``, a sparser model that is statistically as good.
    solver : {'auto', 'cd', 'fista'}, default='auto'
        Kernel family for every fit (see :class:`ElasticNet`).

    Attributes
    ----------
    alpha_ : float
        The chosen alpha.
    l1_ratio_ : float
        The chosen l1_ratio.
    alphas_ : ndarray of shape (n_alphas,) or (n_l1_ratio, n_alphas)
        The alphas tried (one grid per l1_ratio when automatic).
    mse_path_ : ndarray of shape (n_l1_ratio, n_alphas, n_folds)
        Test mean squared error of every fold (squeezed when one l1_ratio).
    coef_ : ndarray of shape (n_features,)
        Coefficients of the final fit.
    intercept_ : float
        Intercept of the final fit.
    dual_gap_ : float
        Duality gap of the final fit.
    n_iter_ : int
        Epochs of the final fit.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    LassoCV : The same with ``l1_ratio=1``.
    enet_path : The path computed on each fold.
    sklearn.linear_model.ElasticNetCV : The scikit-learn estimator this mirrors.

    Notes
    -----
    With sample weights, each fold's error is the weighted mean squared error
    of its test part, and the folds' errors are averaged unweighted, as in
    scikit-learn.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from skreg import ElasticNetCV
    >>> X, y = load_diabetes(return_X_y=True)
    >>> model = ElasticNetCV(l1_ratio=[0.5, 1.0], cv=5).fit(X, y)
    >>> float(model.l1_ratio_)
    1.0
    """

    _parameter_constraints = {
        "l1_ratio": [Interval(Real, 0, 1, "both"), ARRAY_LIKE],
        "eps": [Interval(Real, 0, None, "neither")],
        "alphas": [Interval(Integral, 1, None, "left"), ARRAY_LIKE],
        "fit_intercept": [BOOLEAN],
        "precompute": [Options("auto"), BOOLEAN, ARRAY_LIKE],
        "max_iter": [Interval(Integral, 1, None, "left")],
        "tol": [Interval(Real, 0, None, "left")],
        "cv": [CV_SPLITTER],
        "copy_X": [BOOLEAN],
        "verbose": [VERBOSE],
        "n_jobs": [Interval(Integral, None, None, "neither"), NONE],
        "positive": [BOOLEAN],
        "random_state": [RANDOM_STATE],
        "selection": [Options("cyclic", "random")],
        "alpha_rule": [Options("min", "1se")],
        "solver": [Options("auto", "cd", "fista")],
    }

    path = staticmethod(enet_path)

    def __init__(
        self,
        *,
        l1_ratio=0.5,
        eps=1e-3,
        alphas=100,
        fit_intercept=True,
        precompute="auto",
        max_iter=1000,
        tol=1e-4,
        cv=None,
        copy_X=True,
        verbose=0,
        n_jobs=None,
        positive=False,
        random_state=None,
        selection="cyclic",
        alpha_rule="min",
        solver="auto",
    ):
        self.l1_ratio = l1_ratio
        self.eps = eps
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.tol = tol
        self.cv = cv
        self.copy_X = copy_X
        self.verbose = verbose
        self.n_jobs = n_jobs
        self.positive = positive
        self.random_state = random_state
        self.selection = selection
        self.alpha_rule = alpha_rule
        self.solver = solver

    def _l1_ratios(self):
        ratios = np.atleast_1d(np.asarray(self.l1_ratio, dtype=np.float64))
        if ratios.ndim != 1 or ratios.size == 0 or np.any((ratios < 0) | (ratios > 1)):
            raise ValueError(f"l1_ratio must be in [0, 1], got {self.l1_ratio!r}.")
        return ratios

    def fit(self, X, y, sample_weight=None, **params):
        """Choose alpha (and l1_ratio) by cross-validation, then fit on all data.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data (sparse is used in CSC format, never densified).
        y : array-like of shape (n_samples,)
            Target.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Weights of the fits and of each fold's test error.
        **params : dict
            Metadata for the splitter's ``split``, such as ``groups`` for
            :class:`~sklearn.model_selection.GroupKFold`. Only with
            ``sklearn.set_config(enable_metadata_routing=True)``; see
            scikit-learn's metadata-routing user guide.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        refuse_params_without_routing(self, params)
        check_parameters(self, self._parameter_constraints)
        l1_ratios = self._l1_ratios()
        X_user = X
        X, y = validate_fit_data(self, X, y)
        if y.ndim == 2 and y.shape[1] > 1:
            raise ValueError(
                f"For multi-task outputs, use MultiTask{type(self).__name__} "
                "(scikit-learn's; skreg has no multi-task models)."
            )
        y = column_or_1d(y, warn=True).astype(X.dtype, copy=False)
        n_samples = X.shape[0]
        # Validated once here; each fold rescales its own part.
        sample_weight = check_sample_weight(sample_weight, n_samples, X.dtype)

        if isinstance(self.alphas, Integral):
            grids = np.array([
                alpha_grid(
                    X, y, l1_ratio=l1_ratio, eps=self.eps, n_alphas=self.alphas,
                    fit_intercept=self.fit_intercept, positive=self.positive,
                    sample_weight=sample_weight,
                )
                for l1_ratio in l1_ratios
            ])  # fmt: skip
        else:
            given = self._checked_alphas()
            grids = np.tile(np.sort(given)[::-1], (len(l1_ratios), 1))

        split_params = process_routing(self, "fit", **params).splitter.split if params else {}
        folds = list(check_cv(self.cv).split(X, y, **split_params))
        jobs = (
            delayed(self._fold_errors)(X, y, sample_weight, train, test, alphas, l1_ratio, i)
            for l1_ratio, alphas in zip(l1_ratios, grids)
            for i, (train, test) in enumerate(folds)
        )
        errors = Parallel(n_jobs=self.n_jobs, prefer="threads")(jobs)
        errors = np.reshape(errors, (len(l1_ratios), len(folds), -1))
        best_l1, best_alpha = self._choose(errors)

        self.mse_path_ = np.squeeze(np.moveaxis(errors, 2, 1))
        self.alphas_ = grids[0] if len(l1_ratios) == 1 or not isinstance(
            self.alphas, Integral
        ) else grids
        self.alpha_ = float(grids[best_l1, best_alpha])
        self.l1_ratio_ = float(l1_ratios[best_l1])

        final = ElasticNet(
            alpha=self.alpha_, l1_ratio=self.l1_ratio_, fit_intercept=self.fit_intercept,
            precompute=self.precompute,
            max_iter=self.max_iter, tol=self.tol, positive=self.positive,
            random_state=self.random_state, selection=self.selection, solver=self.solver,
            # A dense X already copied by validation may be centred in place.
            copy_X=self.copy_X and (sp.issparse(X) or np.may_share_memory(X, X_user)),
        )  # fmt: skip
        final.fit(X, y, sample_weight=sample_weight, check_input=False)
        self.coef_ = final.coef_
        self.intercept_ = final.intercept_
        self.dual_gap_ = final.dual_gap_
        self.n_iter_ = final.n_iter_
        return self

    def _checked_alphas(self):
        """The given ``alphas`` as a 1-D float64 array, each one checked as
        scikit-learn checks it (same errors)."""
        for index, alpha in enumerate(np.ravel(np.asarray(self.alphas, dtype=object))):
            check_scalar(alpha, f"alphas[{index}]", target_type=Real, min_val=0.0)
        return check_array(self.alphas, ensure_2d=False, dtype=np.float64).ravel()

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        ``fit`` routes metadata (``groups``, ...) to the splitter's
        ``split``, as scikit-learn's cross-validation estimators do (see its
        metadata-routing user guide).

        Returns
        -------
        routing : sklearn.utils.metadata_routing.MetadataRouter
            The routing information.
        """
        return cv_router(self, check_cv(self.cv))

    def _fold_errors(self, X, y, sample_weight, train, test, alphas, l1_ratio, fold):
        """Test mean squared error along the path fitted on one fold's training part."""
        if sp.issparse(X):
            X_train, X_test = X[train], X[test]
            X_train.sort_indices()
        else:
            # Rows taken from the transposed (C-ordered) view: one copy, Fortran order.
            X_train, X_test = X.T[:, train].T, X[test]
        weights = None if sample_weight is None else sample_weight[train]
        precompute = self.precompute
        auto = isinstance(precompute, str)
        if auto:
            precompute = auto_precompute_for_path(X, len(train))
        elif not isinstance(precompute, (bool, np.bool_)):
            precompute = True
        problem = prepare_enet_problem(
            X_train, y[train][:, np.newaxis], check_sample_weight(weights, len(train), X.dtype),
            fit_intercept=self.fit_intercept, precompute=precompute, X_is_ours=True,
        )  # fmt: skip
        coefs, _, _ = solve_path(
            problem, alphas, l1_ratio, np.zeros(X.shape[1], dtype=X.dtype),
            positive=self.positive, max_iter=self.max_iter, tol=self.tol,
            selection=self.selection, random_state=self.random_state,
            solver="cd" if self.solver == "auto" else self.solver,
            verbose=self.verbose >= 2, gram_switch=auto,
        )  # fmt: skip
        intercepts = problem.y_offset[0] - problem.X_offset @ coefs
        residuals = np.asarray(X_test @ coefs) + intercepts - y[test][:, np.newaxis]
        test_weights = None if sample_weight is None else sample_weight[test]
        errors = np.average(residuals.astype(np.float64) ** 2, axis=0, weights=test_weights)
        if self.verbose:
            print(
                f"[{type(self).__name__}] l1_ratio {l1_ratio:g}, fold {fold + 1}: "
                f"lowest test MSE {errors.min():.4g} at alpha {alphas[np.argmin(errors)]:.4g}",
                file=sys.stderr,
            )
        return errors

    def _choose(self, errors):
        """Indices (l1_ratio, alpha) picked by ``alpha_rule`` from fold errors.

        ``errors`` has shape (n_l1_ratio, n_folds, n_alphas); alphas decrease.
        """
        mean = errors.mean(axis=1)
        # The first minimum over l1_ratios, then over alphas, as scikit-learn.
        best_l1 = int(np.argmin(mean.min(axis=1)))
        best_alpha = int(np.argmin(mean[best_l1]))
        if self.alpha_rule == "1se" and errors.shape[1] > 1:
            fold_errors = errors[best_l1, :, best_alpha]
            se = np.std(fold_errors, ddof=1) / np.sqrt(len(fold_errors))
            within = mean[best_l1] <= mean[best_l1, best_alpha] + se
            best_alpha = int(np.argmax(within))  # the largest alpha within 1 SE
        return best_l1, best_alpha

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = False
        tags.target_tags.single_output = True
        return tags


class LassoCV(ElasticNetCV):
    r"""Lasso with alpha chosen by cross-validation along regularization paths.

    For every fold, one warm-started Lasso path runs on the training part and
    is scored on the held-out part; the alpha with the lowest mean squared
    error over the folds (or, with ``alpha_rule='1se'``, the largest alpha
    within one standard error of it) is refitted on all the data. Each fit
    minimizes

    .. math::

        \frac{1}{2 n_{\rm samples}} \|y - Xw - b\|_2^2 + \alpha \|w\|_1 .

    A drop-in for :class:`sklearn.linear_model.LassoCV`.

    Parameters
    ----------
    eps : float, default=1e-3
        Length of the automatic grid: ``alpha_min = eps * alpha_max``.
    alphas : int or array-like, default=100
        Number of alphas of the automatic grid, or the alphas to try.
    fit_intercept : bool, default=True
        Whether to fit an intercept.
    precompute : 'auto', bool or array-like, default='auto'
        Gram-matrix coordinate descent on the folds (see :class:`ElasticNetCV`).
    max_iter : int, default=1000
        Maximum epochs per alpha.
    tol : float, default=1e-4
        Duality-gap tolerance of every fit.
    copy_X : bool, default=True
        If False, the final fit may centre a dense ``X`` in place.
    cv : int, cross-validation generator or iterable, default=None
        Folds; None is 5-fold.
    verbose : bool or int, default=False
        1 prints one line per fold; 2 and more also one line per alpha.
    n_jobs : int, default=None
        Folds run in parallel in this many threads.
    positive : bool, default=False
        Constrain the coefficients to be non-negative.
    random_state : int, RandomState instance or None, default=None
        Seed of the coordinate draws when ``selection='random'``.
    selection : {'cyclic', 'random'}, default='cyclic'
        Coordinate order.
    alpha_rule : {'min', '1se'}, default='min'
        Lowest mean CV error, or glmnet's one-standard-error rule.
    solver : {'auto', 'cd', 'fista'}, default='auto'
        Kernel family for every fit.

    Attributes
    ----------
    alpha_ : float
        The chosen alpha.
    alphas_ : ndarray of shape (n_alphas,)
        The alphas tried.
    mse_path_ : ndarray of shape (n_alphas, n_folds)
        Test mean squared error of every fold.
    coef_ : ndarray of shape (n_features,)
        Coefficients of the final fit.
    intercept_ : float
        Intercept of the final fit.
    dual_gap_ : float
        Duality gap of the final fit.
    n_iter_ : int
        Epochs of the final fit.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    ElasticNetCV : Also chooses the l1_ratio.
    lasso_path : The path computed on each fold.
    sklearn.linear_model.LassoCV : The scikit-learn estimator this mirrors.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from skreg import LassoCV
    >>> X, y = load_diabetes(return_X_y=True)
    >>> lowest = LassoCV(cv=5).fit(X, y)
    >>> sparser = LassoCV(cv=5, alpha_rule="1se").fit(X, y)
    >>> bool(sparser.alpha_ >= lowest.alpha_)
    True
    """

    _parameter_constraints = {
        key: value
        for key, value in ElasticNetCV._parameter_constraints.items()
        if key != "l1_ratio"
    }

    path = staticmethod(lasso_path)

    def __init__(
        self,
        *,
        eps=1e-3,
        alphas=100,
        fit_intercept=True,
        precompute="auto",
        max_iter=1000,
        tol=1e-4,
        copy_X=True,
        cv=None,
        verbose=False,
        n_jobs=None,
        positive=False,
        random_state=None,
        selection="cyclic",
        alpha_rule="min",
        solver="auto",
    ):
        super().__init__(
            l1_ratio=1.0, eps=eps, alphas=alphas, fit_intercept=fit_intercept,
            precompute=precompute, max_iter=max_iter, tol=tol, cv=cv, copy_X=copy_X,
            verbose=verbose, n_jobs=n_jobs, positive=positive, random_state=random_state,
            selection=selection, alpha_rule=alpha_rule, solver=solver,
        )  # fmt: skip

    def fit(self, X, y, sample_weight=None, **params):
        """Choose alpha by cross-validation, then fit on all the data.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,)
            Target.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Weights of the fits and of each fold's test error.
        **params : dict
            Metadata for the splitter (``groups``, ...), with metadata
            routing enabled (see :meth:`ElasticNetCV.fit`).

        Returns
        -------
        self : object
            Fitted estimator.
        """
        super().fit(X, y, sample_weight=sample_weight, **params)
        del self.l1_ratio_
        return self
