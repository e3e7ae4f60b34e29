"""Lasso and ElasticNet estimators on the coordinate-descent kernels."""

import math
import warnings
from contextlib import nullcontext
from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from sklearn.utils import check_random_state

from ..utils.param_checks import (
    ARRAY_LIKE,
    BOOLEAN,
    NONE,
    RANDOM_STATE,
    Interval,
    Options,
    check_parameters,
)
from ._base import LinearRegressorBase, intercept_from_offsets
from ._fit_validation import validate_fit_data
from ._enet_problem import (
    check_sample_weight,
    enet_penalty_arrays,
    _GRAM_SWITCH_MAX_FEATURES,
    SolveDriver,
    gram_switch_budget,
    prepare_enet_problem,
    warn_if_not_converged,
)

_DEFAULT_MAX_ITER = 1000
_NON_FINITE_MESSAGE = (
    "Coordinate descent iterations resulted in non-finite parameter values. The "
    "input data may contain large values and need to be preprocessed."
)
# When precompute='auto' runs coordinate descent on the Gram matrix of dense data
# (measured with benchmarks/gram_choice.py): from the start when samples
# outnumber features this much, or after a budget of epochs on X
# (gram_switch_budget).
_GRAM_DIRECT_RATIO = 500
_GRAM_DIRECT_MAX_FEATURES = 300


class ElasticNet(LinearRegressorBase):
    r"""Linear regression with combined L1 and L2 penalties.

    Minimizes the objective

    .. math::

        \frac{1}{2 n_{\rm samples}} \|y - Xw - b\|_2^2
        + \alpha \rho \|w\|_1 + \frac{\alpha (1 - \rho)}{2} \|w\|_2^2

    with :math:`\rho` = ``l1_ratio``, by coordinate descent in numba-compiled
    kernels. A drop-in for :class:`sklearn.linear_model.ElasticNet`: same
    parameters, defaults, objective, attributes and errors.

    Parameters
    ----------
    alpha : float, default=1.0
        Constant that multiplies the penalty terms. ``alpha = 0`` is ordinary
        least squares, for which :class:`sklearn.linear_model.LinearRegression`
        is better suited.
    l1_ratio : float, default=0.5
        The mixing parameter :math:`\rho`, with ``0 <= l1_ratio <= 1``:
        1 is the Lasso penalty, 0 the Ridge (L2) penalty.
    fit_intercept : bool, default=True
        Whether to fit an intercept. The data is then centred (implicitly for
        sparse ``X``, which is never densified).
    precompute : 'auto', bool or array-like of shape (n_features, n_features), default='auto'
        Run coordinate descent on the Gram matrix ``X^T X`` (cheaper per
        update when ``n_samples >> n_features``). ``True`` computes it; an
        array is used as given after checking one of its columns against
        ``X``; ``False`` never uses it; 'auto' lets coordinate descent choose
        by the data's shape and the fit's progress (see Notes). scikit-learn's
        default is False; the result is the same to ``tol`` either way.
    max_iter : int, default=1000
        Maximum number of epochs (passes over the coordinates). An epoch
        over a working set of ``k`` of the ``n_features`` coordinates counts
        ``k / n_features`` of one, so ``max_iter`` bounds the same work as in
        scikit-learn, which visits every coordinate in every epoch.
    copy_X : bool, default=True
        If False, a dense ``X`` may be centred and weighted in place.
    tol : float, default=1e-4
        After an epoch whose largest coefficient change is at most ``tol``
        times the largest coefficient, the duality gap is computed; the fit
        stops when the gap is at most ``tol`` times the squared norm of the
        centred target (scikit-learn's rule).
    warm_start : bool, default=False
        Start from the coefficients of the previous call to ``fit``. For a
        sequence of alphas on the same data, :func:`enet_path` (or the CV
        estimators) prepares the data once for all of them.
    positive : bool, default=False
        Constrain the coefficients to be non-negative.
    random_state : int, RandomState instance or None, default=None
        Seed of the coordinate draws when ``selection='random'``.
    selection : {'cyclic', 'random'}, default='cyclic'
        Visit coordinates in order, or draw one at random at each step
        (coordinate descent only).
    solver : {'auto', 'cd', 'fista'}, default='auto'
        'cd' is coordinate descent with working sets and gap-safe screening;
        'fista' is accelerated proximal gradient with adaptive restart, on
        working sets with gap-safe screening (on the Gram matrix, without
        working sets, with ``precompute`` True or an array, and with
        'auto' for dense data with more samples than features and at most
        1000 features). 'auto' picks 'cd', which was faster on all but one
        problem of the shared benchmark.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients, in ``X``'s dtype.
    sparse_coef_ : sparse matrix of shape (1, n_features) or (n_targets, n_features)
        ``coef_`` as a CSR matrix.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept (0.0 when ``fit_intercept=False``).
    n_iter_ : int or list of int
        Epochs run, counted as ``max_iter`` is (rounded up), per target when
        ``y`` is 2-D.
    dual_gap_ : float or ndarray of shape (n_targets,)
        Duality gap at the end of the fit, in the units of the objective
        above: a certified bound on how far the objective is from its minimum.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    Lasso : The special case ``l1_ratio=1``.
    sklearn.linear_model.ElasticNet : The scikit-learn estimator this mirrors.

    Notes
    -----
    Each epoch minimizes the objective exactly in one coordinate at a time:
    soft-threshold, divide by the column's squared norm plus the L2 weight,
    clip to the sign constraint. The duality gap is computed from the
    residual rescaled to be dual feasible (or, when tighter, from the exact
    conjugate of the penalty); it is an upper bound on the suboptimality.

    Sample weights are rescaled to sum to ``n_samples``; the squared loss
    becomes :math:`\frac{1}{2 \sum_i s_i} \sum_i s_i (y_i - x_i^T w - b)^2`.

    With a 2-D ``y`` each target is fitted independently.

    How coordinate descent runs on dense data with ``precompute='auto'``
    (the result is the same to ``tol``; ``precompute=False`` always works on
    ``X``): with at least 500 times as many samples as
    features (and at most 300 features) on the Gram matrix ``X^T X`` from
    the start, since passes over such a tall ``X`` cost more than forming
    it; otherwise, with at most 1000 features, on ``X`` for
    ``max(50, n_features // 2) * ceil(n_features / n_samples)**2`` epochs and,
    if the fit has not converged by then, on the Gram matrix from where it
    stands, where active-set Newton steps finish collinear problems that
    coordinate descent alone would need tens of thousands of epochs for.
    The thresholds come from ``benchmarks/gram_choice.py``.

    References
    ----------
    J. Friedman, T. Hastie, R. Tibshirani, "Regularization Paths for
    Generalized Linear Models via Coordinate Descent", Journal of Statistical
    Software 33(1), 2010.

    Examples
    --------
    >>> import numpy as np
    >>> from skreg import ElasticNet
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]])
    >>> y = np.array([1.0, 2.0, 3.0, 4.0])
    >>> model = ElasticNet(alpha=0.01).fit(X, y)
    >>> model.coef_.round(2)
    array([0.99, 0.  ])
    >>> round(float(model.intercept_), 2)
    1.01
    """

    _parameter_constraints = {
        "alpha": [Interval(Real, 0, None, "left")],
        "l1_ratio": [Interval(Real, 0, 1, "both")],
        "fit_intercept": [BOOLEAN],
        "precompute": [Options("auto"), BOOLEAN, ARRAY_LIKE],
        "max_iter": [Interval(Integral, 1, None, "left"), NONE],
        "copy_X": [BOOLEAN],
        "tol": [Interval(Real, 0, None, "left")],
        "warm_start": [BOOLEAN],
        "positive": [BOOLEAN],
        "random_state": [RANDOM_STATE],
        "selection": [Options("cyclic", "random")],
        "solver": [Options("auto", "cd", "fista")],
    }

    def __init__(
        self,
        alpha=1.0,
        *,
        l1_ratio=0.5,
        fit_intercept=True,
        precompute="auto",
        max_iter=1000,
        copy_X=True,
        tol=1e-4,
        warm_start=False,
        positive=False,
        random_state=None,
        selection="cyclic",
        solver="auto",
    ):
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.precompute = precompute
        self.max_iter = max_iter
        self.copy_X = copy_X
        self.tol = tol
        self.warm_start = warm_start
        self.positive = positive
        self.random_state = random_state
        self.selection = selection
        self.solver = solver

    def fit(self, X, y, sample_weight=None, check_input=True):
        """Fit the model by coordinate descent.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data. Dense data is used in Fortran order (converted
            once if needed); sparse data in CSC format (CSR and COO are
            converted once, never densified).
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Target, cast to ``X``'s dtype.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Non-negative sample weights, rescaled internally to sum to
            ``n_samples``. A scalar is the same as no weights.
        check_input : bool, default=True
            Validate ``X`` and ``y``. Skip only with float, Fortran-ordered
            (or CSC) ``X`` and a matching ``y``. (A dense ``X`` in C order is
            converted, and the result is right; scikit-learn raises a
            ValueError for it.)

        Returns
        -------
        self : object
            Fitted estimator.
        """
        check_parameters(self, self._parameter_constraints)
        if self.alpha == 0:
            warnings.warn(
                "With alpha=0, this algorithm does not converge well. You are "
                "advised to use the LinearRegression estimator",
                UserWarning,
                stacklevel=2,
            )
        X_user, y_user = X, y
        stats = None
        gram_checks_X = False
        if check_input:
            if self._gram_from_start(X):
                # The Gram route reads X to form the Gram matrix, whose
                # diagonal shows any NaN or infinite entry: that check
                # replaces validation's own read of X.
                X, y = validate_fit_data(self, X, y, defer_X_check=True)
                gram_checks_X = True
            else:
                # The column statistics come with the finiteness check; y's
                # comes with its centring (centred_targets).
                X, y, stats = validate_fit_data(
                    self, X, y, column_stats=True, defer_y_check=True
                )
            # Validation checked y (numeric, of the right length; finite
            # unless deferred to its centring): its dtype is left to match X's.
            y = np.asarray(y, dtype=X.dtype)
        elif not sp.issparse(X):
            # Unchecked data in C order: converted (scikit-learn raises).
            X = np.asfortranarray(X)
            y = np.asarray(y, dtype=X.dtype)
        n_samples, n_features = X.shape
        y_was_1d = y.ndim == 1
        Y = y[:, np.newaxis] if y_was_1d else y
        sample_weight = check_sample_weight(sample_weight, n_samples, X.dtype)

        # A dense X may be centred in place when validation already copied it
        # (dtype or order conversion) or when the user allowed it.
        X_is_ours = not np.may_share_memory(X, X_user) or (
            not self.copy_X and getattr(X, "flags", None) is not None and X.flags.writeable
        )
        precompute = self._effective_precompute(X)
        # Unchecked data may hold a NaN: no numpy warning before the error.
        with np.errstate(invalid="ignore") if gram_checks_X else nullcontext():
            problem = prepare_enet_problem(
                X,
                Y,
                sample_weight,
                fit_intercept=self.fit_intercept,
                precompute=precompute,
                X_is_ours=X_is_ours,
                centre_in_kernel=self.solver != "fista",
                column_stats=stats,
            )
        if gram_checks_X and not np.isfinite(problem.gram.diagonal()).all():
            validate_fit_data(self, X_user, y_user)  # raises scikit-learn's error
        coef = self._initial_coef(Y.shape[1], n_features, X.dtype)
        pen = enet_penalty_arrays(n_samples, n_features, self.alpha, self.l1_ratio, self.positive)
        max_iter = _DEFAULT_MAX_ITER if self.max_iter is None else self.max_iter
        solver = "cd" if self.solver == "auto" else self.solver
        random = self.selection == "random"
        rng = check_random_state(self.random_state) if random else None

        switch_after = gram_switch_budget(
            problem, solver == "cd" and isinstance(self.precompute, str)
        )
        driver = SolveDriver(
            problem, max_iter=max_iter, tol=self.tol, solver=solver, switch_after=switch_after
        )
        gaps, n_iters = [], []
        for k in range(Y.shape[1]):
            w = np.ascontiguousarray(coef[k])
            seed = rng.randint(1, np.iinfo(np.int32).max) if random else 1
            gap, tol_gap, n_iter = driver.solve(k, w, pen, random=random, seed=seed)
            coef[k] = w
            # scikit-learn reports the gap of the 1/n-scaled objective.
            gaps.append(gap / n_samples)
            n_iters.append(n_iter)
            warn_if_not_converged(gap, tol_gap, n_samples)

        # A non-finite coefficient makes its gap non-finite: the full check
        # only runs then.
        if not all(math.isfinite(gap) for gap in gaps) and not np.isfinite(coef).all():
            raise ValueError(_NON_FINITE_MESSAGE)
        intercept = intercept_from_offsets(
            coef, problem.X_offset, problem.y_offset, self.fit_intercept, X.dtype
        )
        if not all(math.isfinite(b) for b in np.ravel(intercept).tolist()):
            raise ValueError(_NON_FINITE_MESSAGE)
        if y_was_1d:
            self.coef_ = coef[0]
            self.intercept_ = intercept if np.isscalar(intercept) else intercept[0]
            self.dual_gap_ = gaps[0]
            self.n_iter_ = n_iters[0]
        else:
            self.coef_ = coef
            self.intercept_ = intercept
            self.dual_gap_ = np.array(gaps)
            self.n_iter_ = n_iters
        return self

    def _effective_precompute(self, X):
        """What ``precompute`` means for this fit: True, False or a Gram array.

        'auto' is True where the Gram matrix was measured faster from the start.

        With at least ``_GRAM_DIRECT_RATIO`` times as many samples as
        features (and few features), each pass over ``X`` reads far more
        memory than the ``n_samples * n_features**2`` product that forms the
        Gram matrix costs, and coordinate descent on the Gram matrix costs
        ``O(n_features)`` per update instead of ``O(n_samples)``
        (``benchmarks/gram_choice.py``).
        """
        if self._gram_from_start(X):
            return True
        return False if isinstance(self.precompute, str) else self.precompute

    def _gram_from_start(self, X):
        """Whether 'auto' picks the Gram matrix for ``X`` (any array with a shape)."""
        if getattr(X, "ndim", None) != 2 or not self._may_choose_gram(X):
            return False
        n_samples, n_features = X.shape
        if self.solver == "fista":
            # Each FISTA iteration reads X twice, and fits take hundreds of
            # them: the Gram matrix pays for itself once it is smaller than X.
            return n_samples > n_features and n_features <= _GRAM_SWITCH_MAX_FEATURES
        return (
            n_samples >= _GRAM_DIRECT_RATIO * n_features
            and n_features <= _GRAM_DIRECT_MAX_FEATURES
        )

    def _may_choose_gram(self, X):
        # The ndarray test first: sp.issparse costs a microsecond a call.
        return isinstance(self.precompute, str) and (type(X) is np.ndarray or not sp.issparse(X))

    def _initial_coef(self, n_targets, n_features, dtype):
        """Zeros, or the previous ``coef_`` when warm-starting with a match."""
        if self.warm_start and hasattr(self, "coef_"):
            previous = np.asarray(self.coef_)
            if previous.ndim == 1:
                previous = previous[np.newaxis]
            if previous.shape == (n_targets, n_features):
                coef = previous.astype(dtype, copy=True)
                if self.positive:
                    np.maximum(coef, 0, out=coef)
                return coef
        return np.zeros((n_targets, n_features), dtype=dtype)


class Lasso(ElasticNet):
    r"""Linear regression with an L1 penalty (the Lasso).

    Minimizes the objective

    .. math::

        \frac{1}{2 n_{\rm samples}} \|y - Xw - b\|_2^2 + \alpha \|w\|_1

    by coordinate descent in numba-compiled kernels. The L1 penalty sets many
    coefficients exactly to zero, which selects features. A drop-in for
    :class:`sklearn.linear_model.Lasso`.

    Parameters
    ----------
    alpha : float, default=1.0
        Constant that multiplies the L1 term. Above
        ``alpha_max = max_j |x_j^T (y - mean(y))| / n_samples`` every
        coefficient is zero.
    fit_intercept : bool, default=True
        Whether to fit an intercept.
    precompute : 'auto', bool or array-like of shape (n_features, n_features), default='auto'
        Run coordinate descent on the Gram matrix ``X^T X``: always (True or
        an array), never (False), or where it was measured faster ('auto',
        see :class:`ElasticNet`).
    copy_X : bool, default=True
        If False, a dense ``X`` may be centred and weighted in place.
    max_iter : int, default=1000
        Maximum number of epochs, counted over all coordinates (see
        :class:`ElasticNet`).
    tol : float, default=1e-4
        Tolerance of the duality-gap stopping rule (see :class:`ElasticNet`).
    warm_start : bool, default=False
        Start from the coefficients of the previous call to ``fit``. For a
        sequence of alphas on the same data, :func:`enet_path` (or the CV
        estimators) prepares the data once for all of them.
    positive : bool, default=False
        Constrain the coefficients to be non-negative.
    random_state : int, RandomState instance or None, default=None
        Seed of the coordinate draws when ``selection='random'``.
    selection : {'cyclic', 'random'}, default='cyclic'
        Visit coordinates in order, or draw one at random at each step
        (coordinate descent only).
    solver : {'auto', 'cd', 'fista'}, default='auto'
        Coordinate descent or accelerated proximal gradient (see
        :class:`ElasticNet`).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients, in ``X``'s dtype.
    sparse_coef_ : sparse matrix of shape (1, n_features) or (n_targets, n_features)
        ``coef_`` as a CSR matrix.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept.
    n_iter_ : int or list of int
        Epochs run, counted as ``max_iter`` is.
    dual_gap_ : float or ndarray of shape (n_targets,)
        Duality gap at the end of the fit (objective units).
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    ElasticNet : Adds an L2 term to the penalty.
    sklearn.linear_model.Lasso : The scikit-learn estimator this mirrors.

    Notes
    -----
    The algorithm and stopping rule are those of :class:`ElasticNet` with
    ``l1_ratio=1``.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from skreg import Lasso
    >>> X, y = load_diabetes(return_X_y=True)
    >>> model = Lasso(alpha=0.5).fit(X, y)
    >>> int((model.coef_ != 0).sum())
    4
    """

    _parameter_constraints = {
        key: value
        for key, value in ElasticNet._parameter_constraints.items()
        if key != "l1_ratio"
    }

    def __init__(
        self,
        alpha=1.0,
        *,
        fit_intercept=True,
        precompute="auto",
        copy_X=True,
        max_iter=1000,
        tol=1e-4,
        warm_start=False,
        positive=False,
        random_state=None,
        selection="cyclic",
        solver="auto",
    ):
        super().__init__(
            alpha=alpha,
            l1_ratio=1.0,
            fit_intercept=fit_intercept,
            precompute=precompute,
            max_iter=max_iter,
            copy_X=copy_X,
            tol=tol,
            warm_start=warm_start,
            positive=positive,
            random_state=random_state,
            selection=selection,
            solver=solver,
        )
