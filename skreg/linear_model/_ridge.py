"""Ridge and RidgeCV: least squares with an L2 penalty, direct or iterative."""

import warnings
from numbers import Integral, Number, Real

import numpy as np
import scipy.sparse as sp
from sklearn.base import RegressorMixin, BaseEstimator
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import check_scoring, get_scorer
from sklearn.model_selection import GridSearchCV
from sklearn.utils import check_scalar
from sklearn.utils.metadata_routing import process_routing
from sklearn.utils.validation import check_array, validate_data

from ..utils.param_checks import (
    ARRAY_LIKE,
    BOOLEAN,
    CV_SPLITTER,
    SCORING,
    NONE,
    RANDOM_STATE,
    Interval,
    Options,
    check_parameters,
)
from ._base import LinearRegressorBase, intercept_from_offsets
from .._kernels.penalty import Penalty
from ._enet_problem import check_sample_weight, prepare_enet_problem, solve_enet_target
from ._routing import cv_router, refuse_params_without_routing, routing_enabled
from ._ridge_gcv import CentredData, decompose, loo_errors, resolve_gcv_mode, ridge_coef
from ._ridge_solvers import (
    MAX_GRAM_ENTRIES,
    polish_nonnegative,
    solve_cg,
    solve_gram,
    solve_svd,
)

_DEFAULT_MAX_ITER = 1000

# scikit-learn's solver names mapped to the skreg solver that does the job.
# 'sag' and 'saga' go to the Krylov solver rather than coordinate descent:
# like scikit-learn's stochastic gradients started at zero, its iterates stay
# in the row space of X, so an unpenalized underdetermined fit ends at the
# minimum-norm solution, as scikit-learn's does.
_SOLVERS = {
    "auto": "auto",
    "cholesky": "cholesky",
    "svd": "svd",
    "cd": "cd",
    "fista": "fista",
    "sparse_cg": "sparse_cg",
    "lsqr": "sparse_cg",
    "sag": "sparse_cg",
    "saga": "sparse_cg",
    "lbfgs": "cd",
}
_ITERATIVE = ("cd", "fista", "sparse_cg")
# Names reported as given in solver_ although another solver runs them.
_SOLVERS_BY_NAME = ("lsqr", "sag", "saga", "lbfgs")
# The solvers that can enforce positive=True, and those scikit-learn lets fit
# an intercept on sparse X (skreg's own 'cd' and 'fista' can do both).
_POSITIVE_SOLVERS = ("auto", "lbfgs", "cd", "fista")
_SPARSE_INTERCEPT_SOLVERS = ("auto", "lbfgs", "lsqr", "sag", "sparse_cg", "cd", "fista")

# 'auto' on sparse data: a direct solve through the smaller Gram matrix (of
# side m) costs about m^3 / 3 flops for its factorization; conjugate gradient
# costs, per iteration, two passes over the nonzeros (4 nnz flops) plus a
# fixed Python cost worth about 5e4 flops. Measured with benchmarks/ridge.py,
# about 20 iterations is the break-even point (the sparse product that forms
# the Gram matrix is not free either).
_CG_ITERATIONS = 20
_CG_ITERATION_OVERHEAD = 50_000


def _validated_weights(sample_weight, n_samples, dtype):
    """Sample weights as the user gave them (float64) and rescaled to sum to n.

    Returns ``(raw, rescaled)``, both None without weights. Unlike Lasso's
    objective, Ridge's depends on the scale of the weights, so a scalar is
    not ignored: it stands for that weight on every sample.
    """
    if sample_weight is None:
        return None, None
    if isinstance(sample_weight, Number):
        raw = np.full(n_samples, float(sample_weight))
    else:
        raw = check_array(
            sample_weight, ensure_2d=False, dtype=np.float64, input_name="sample_weight"
        )
    rescaled = check_sample_weight(raw, n_samples, dtype)
    return raw, rescaled


def _validate_ridge_data(estimator, X, y):
    """scikit-learn's validation of Ridge's data (also records
    ``n_features_in_`` and ``feature_names_in_`` on ``estimator``)."""
    return validate_data(
        estimator,
        X,
        y,
        accept_sparse=["csr", "csc", "coo"],
        dtype=[np.float64, np.float32],
        multi_output=True,
        y_numeric=True,
    )


def _as_2d(y):
    return y[:, np.newaxis] if y.ndim == 1 else y


class Ridge(LinearRegressorBase):
    r"""Linear least squares with an L2 penalty (ridge regression).

    Minimizes the objective

    .. math::

        \sum_i s_i (y_i - x_i^T w - b)^2 + \alpha \|w\|_2^2

    with sample weights :math:`s_i` (1 by default), the same objective as
    :class:`sklearn.linear_model.Ridge` (note: no :math:`1/(2 n)` factor, unlike
    :class:`ElasticNet`). A drop-in for scikit-learn's estimator: same
    parameters, defaults, attributes and errors, with faster solvers.

    Parameters
    ----------
    alpha : float or array-like of shape (n_targets,), default=1.0
        Non-negative penalty strength; one value per target is allowed with
        a 2-D ``y``.
    fit_intercept : bool, default=True
        Whether to fit an intercept. The data is then centred (implicitly for
        sparse ``X``, which is never densified), and the intercept is not
        penalized.
    copy_X : bool, default=True
        Kept for compatibility: skreg never modifies ``X``.
    max_iter : int, default=None
        Maximum number of iterations of the iterative solvers: 1000 epochs
        for 'cd' and 'fista', ten times the number of features for
        'sparse_cg'. Unused by the direct solvers.
    tol : float, default=1e-4
        Precision of the iterative solvers: 'cd' and 'fista' stop when the
        duality gap is at most ``tol`` times the squared norm of the centred
        target, 'sparse_cg' when the residual of the normal equations is at
        most ``tol`` times their right-hand side. Unused by direct solvers.
    solver : {'auto', 'cholesky', 'svd', 'cd', 'fista', 'sparse_cg', 'lsqr', 'sag', 'saga', 'lbfgs'}, default='auto'
        Solver to use.

        - 'cholesky': one Cholesky factorization of the smaller Gram matrix,
          ``Xc^T Xc + alpha I`` (p x p) or ``Xc Xc^T + alpha I`` (n x n), in
          float64, for all targets (an eigendecomposition when the targets
          have different alphas). Dense data without weights is centred
          implicitly, saving a copy of ``X``. Sparse data is centred
          implicitly and never densified; when the Gram matrix would not fit
          in memory, 'sparse_cg' is used instead.
        - 'svd': one thin SVD of the centred, weighted data for all targets
          (dense data; sparse data goes through the Gram matrix as above).
        - 'cd': coordinate descent, the numba kernel shared with
          :class:`ElasticNet`, with the duality-gap stopping rule.
        - 'fista': accelerated proximal gradient, the other numba kernel.
        - 'sparse_cg': conjugate gradient with a Jacobi preconditioner on the
          normal equations, all targets at once, centring implicitly.
        - scikit-learn's other names are accepted so that a drop-in never
          breaks: 'lsqr', 'sag' and 'saga' run 'sparse_cg' (whose iterates,
          like theirs, stay in the row space of ``X``: without penalty an
          underdetermined fit gives the minimum-norm solution), and 'lbfgs'
          (which, as in scikit-learn, requires ``positive=True``) runs 'cd'.
          As in scikit-learn, 'svd', 'cholesky' and 'saga' refuse sparse
          ``X`` with ``fit_intercept=True``.
        - 'auto' runs 'cd' when ``positive=True``; otherwise 'cholesky' on
          dense data (fastest on every measured shape); on sparse data
          'cholesky' when the factorization of the smaller Gram matrix (side
          ``m``) costs less than about 20 conjugate-gradient iterations,
          ``m**3 / 3 < 20 * (4 * nnz(X) + 5e4)``, and fits in memory;
          'sparse_cg' otherwise. The rule comes from ``benchmarks/ridge.py``.

        The solver actually used is stored in ``solver_``.
    positive : bool, default=False
        Constrain the coefficients to be non-negative. Only the bounded
        solvers ('cd', 'fista', and 'lbfgs' which runs 'cd') support it;
        'auto' then picks 'cd'. The iterative solution is then polished: the
        ridge problem restricted to its nonzero coefficients is solved
        directly, and kept when the optimality (KKT) conditions of the
        constrained problem hold for it, which makes it exact.
    random_state : int, RandomState instance or None, default=None
        Unused (every skreg solver is deterministic); kept for compatibility.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients, in ``X``'s dtype.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept (0.0 when ``fit_intercept=False``).
    n_iter_ : None or ndarray of shape (n_targets,)
        Iterations run per target by an iterative solver; None for the
        direct solvers, as in scikit-learn.
    solver_ : str
        The solver used: the one 'auto' chose, or the name given by
        ``solver`` (scikit-learn's names 'lsqr', 'sag', 'saga' and 'lbfgs'
        included, although skreg's stand-ins run them).
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    RidgeCV : Ridge with the penalty chosen by cross-validation.
    ElasticNet : ``ElasticNet(l1_ratio=0, alpha=a)`` is ``Ridge(alpha=a * n_samples)``.
    sklearn.linear_model.Ridge : The scikit-learn estimator this mirrors.

    Notes
    -----
    Sample weights are rescaled internally to sum to ``n_samples`` and
    ``alpha`` with them (by ``n_samples / sum(s)``), which leaves the
    solution unchanged. The direct solvers form the normal equations in
    ``X``'s dtype and factorize in float64; results are cast back to
    ``X``'s dtype.

    Examples
    --------
    >>> import numpy as np
    >>> from skreg import Ridge
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]])
    >>> y = np.array([1.0, 2.0, 3.0, 4.0])
    >>> model = Ridge(alpha=1.0).fit(X, y)
    >>> model.coef_.round(3)
    array([ 0.818, -0.091])
    >>> round(float(model.intercept_), 3)
    1.318
    """

    _parameter_constraints = {
        "alpha": [Interval(Real, 0, None, "left"), ARRAY_LIKE],
        "fit_intercept": [BOOLEAN],
        "copy_X": [BOOLEAN],
        "max_iter": [Interval(Integral, 1, None, "left"), NONE],
        "tol": [Interval(Real, 0, None, "left")],
        "solver": [Options(*_SOLVERS)],
        "positive": [BOOLEAN],
        "random_state": [RANDOM_STATE],
    }

    def __init__(
        self,
        alpha=1.0,
        *,
        fit_intercept=True,
        copy_X=True,
        max_iter=None,
        tol=1e-4,
        solver="auto",
        positive=False,
        random_state=None,
    ):
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.copy_X = copy_X
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.positive = positive
        self.random_state = random_state

    def fit(self, X, y, sample_weight=None):
        """Fit the ridge model.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data, never modified nor densified.
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Target, cast to ``X``'s dtype.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Non-negative sample weights. A float gives every sample that
            weight (which, as in scikit-learn, is the same as dividing
            ``alpha`` by it).

        Returns
        -------
        self : object
            Fitted estimator.
        """
        check_parameters(self, self._parameter_constraints)
        self._check_solver_support(X)
        solver = _SOLVERS[self.solver]
        X, y = _validate_ridge_data(self, X, y)
        y = np.asarray(y, dtype=X.dtype)
        if sp.issparse(X) and X.format == "coo":
            X = X.tocsr()
        n_samples, n_features = X.shape
        Y = _as_2d(y)
        n_targets = Y.shape[1]
        alpha = self._alpha_per_target(n_targets)
        raw, s = _validated_weights(sample_weight, n_samples, X.dtype)
        if s is not None:
            # s sums to n: sum(raw r^2) + alpha |w|^2 is proportional to
            # sum(s r^2) + alpha * (n / sum(raw)) |w|^2.
            alpha = alpha * (n_samples / raw.sum())
            if np.all(s == s[0]):
                s = None  # uniform weights: only the alpha scaling remains

        if solver == "auto":
            solver = self._auto_solver(X)
        if solver in ("cholesky", "svd") and sp.issparse(X):
            solver = "cholesky" if min(X.shape) ** 2 <= MAX_GRAM_ENTRIES else "sparse_cg"

        n_iter = None
        if solver == "cholesky":
            coef, X_offset, y_offset = solve_gram(X, Y, s, alpha, self.fit_intercept)
        elif solver == "svd":
            coef, X_offset, y_offset = solve_svd(X, Y, s, alpha, self.fit_intercept)
        elif solver == "sparse_cg":
            coef, X_offset, y_offset, n_iter, converged = solve_cg(
                X, Y, s, alpha, self.fit_intercept, tol=self.tol, max_iter=self.max_iter
            )
            if not converged.all():
                warnings.warn(
                    "Conjugate gradient did not converge within max_iter="
                    f"{self.max_iter} iterations for {int((~converged).sum())} "
                    "target(s); increase max_iter or tol.",
                    ConvergenceWarning,
                    stacklevel=2,
                )
        else:
            coef, X_offset, y_offset, n_iter = self._fit_kernel(X, Y, s, alpha, solver)

        coef = coef.astype(X.dtype, copy=False)
        intercept = intercept_from_offsets(
            coef, X_offset, y_offset, self.fit_intercept, X.dtype
        )
        if y.ndim == 1:
            self.coef_ = coef[0]
            self.intercept_ = intercept if np.isscalar(intercept) else intercept[0]
        else:
            # A (n, 1) target keeps a 1-D coef_ but an intercept_ of shape
            # (1,), as in scikit-learn.
            self.coef_ = coef[0] if n_targets == 1 else coef
            self.intercept_ = intercept
        self.n_iter_ = n_iter
        self.solver_ = self.solver if self.solver in _SOLVERS_BY_NAME else solver
        return self

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        # As scikit-learn, these solvers refuse an intercept on sparse data.
        tags.input_tags.sparse = not (
            self.fit_intercept and self.solver in ("svd", "cholesky", "saga")
        )
        return tags

    def _check_solver_support(self, X):
        """Refuse, with scikit-learn's messages, what its solvers refuse."""
        if self.solver == "lbfgs" and not self.positive:
            raise ValueError(
                "'lbfgs' solver can be used only when positive=True. "
                "Please use another solver."
            )
        if self.positive and self.solver not in _POSITIVE_SOLVERS:
            raise ValueError(
                f"solver='{self.solver}' does not support positive fitting. Please "
                "set the solver to 'auto', 'lbfgs', 'cd' or 'fista', or set "
                "`positive=False`"
            )
        if sp.issparse(X) and self.fit_intercept:
            if self.solver not in _SPARSE_INTERCEPT_SOLVERS:
                raise ValueError(
                    f"solver='{self.solver}' does not support fitting the intercept "
                    "on sparse data. Please set the solver to 'auto' or 'lsqr', "
                    "'sparse_cg', 'sag', 'lbfgs', 'cd', 'fista' or set "
                    "`fit_intercept=False`"
                )
            if self.solver == "sag" and self.max_iter is None and self.tol > 1e-4:
                # scikit-learn's advice for its own 'sag', kept so that code
                # written against it sees the same warnings.
                warnings.warn(
                    '"sag" solver requires many iterations to fit an intercept '
                    'with sparse inputs. Either set the solver to "auto" or '
                    '"sparse_cg", or set a low "tol" and a high "max_iter" '
                    "(especially if inputs are not standardized).",
                    UserWarning,
                    stacklevel=3,
                )

    def _alpha_per_target(self, n_targets):
        """``alpha`` as a float64 array of shape (n_targets,), checked."""
        alpha = np.asarray(self.alpha, dtype=np.float64).ravel()
        if alpha.shape[0] not in (1, n_targets):
            raise ValueError(
                "Number of targets and number of penalties do not correspond: "
                f"{alpha.shape[0]} != {n_targets}"
            )
        if not np.all(np.isfinite(alpha)) or np.any(alpha < 0):
            raise ValueError(
                "The 'alpha' parameter of Ridge must hold non-negative finite "
                f"values. Got {self.alpha!r} instead."
            )
        return np.broadcast_to(alpha, (n_targets,)).copy()

    def _auto_solver(self, X):
        """The fastest solver for this data (see the ``solver`` docs)."""
        if self.positive:
            return "cd"
        if not sp.issparse(X):
            return "cholesky"
        side = min(X.shape)
        cg_cost = _CG_ITERATIONS * (4 * X.nnz + _CG_ITERATION_OVERHEAD)
        if side**2 <= MAX_GRAM_ENTRIES and side**3 / 3 < cg_cost:
            return "cholesky"
        return "sparse_cg"

    def _fit_kernel(self, X, Y, s, alpha, solver):
        """Coordinate descent or FISTA, one target at a time."""
        n_samples, n_features = X.shape
        if sp.issparse(X):
            X = sp.csc_matrix(X)
            precompute = False
        else:
            X = np.asfortranarray(X)
            # On tall data coordinate descent on the Gram matrix costs O(p)
            # per update instead of O(n).
            precompute = solver == "cd" and n_samples >= 2 * n_features
        problem = prepare_enet_problem(
            X, Y, s, fit_intercept=self.fit_intercept, precompute=precompute, X_is_ours=False
        )
        max_iter = _DEFAULT_MAX_ITER if self.max_iter is None else self.max_iter
        l1 = np.zeros(n_features)
        lo = np.full(n_features, 0.0 if self.positive else -np.inf)
        hi = np.full(n_features, np.inf)
        coef = np.zeros((Y.shape[1], n_features), dtype=X.dtype)
        n_iters = np.zeros(Y.shape[1], dtype=np.int32)
        for k in range(Y.shape[1]):
            # Kernel units: 1/2 sum(s r^2) + l2/2 |w|^2 is half our objective.
            l2 = np.full(n_features, alpha[k])
            w = np.zeros(n_features, dtype=X.dtype)
            gap, tol_gap, n_iter = solve_enet_target(
                problem, k, w, Penalty(l1, l2, lo, hi),
                max_iter=max_iter, tol=self.tol, random=False, seed=1, solver=solver,
            )  # fmt: skip
            if self.positive and gap <= tol_gap:
                n_iter = self._polish_positive(problem, k, X, Y, s, alpha[k], w, n_iter, max_iter, solver)
            coef[k] = w
            n_iters[k] = n_iter
            if gap > tol_gap:
                warnings.warn(
                    "Objective did not converge. You might want to increase the "
                    "number of iterations (max_iter), check the scale of the "
                    "features or consider increasing regularisation. "
                    f"Duality gap: {2 * gap:.3e}, tolerance: {2 * tol_gap:.3e}",
                    ConvergenceWarning,
                    stacklevel=3,
                )
        return coef, problem.X_offset, problem.y_offset, n_iters

    def _polish_positive(self, problem, k, X, Y, s, alpha, w, n_iter, max_iter, solver):
        """Replace ``w`` by the exact non-negative solution when its support is found.

        The iterative solution at ``tol`` may not have the optimum's support
        yet: then the solver resumes from ``w`` with a tolerance a hundred
        times tighter, a few times, each followed by another attempt.
        Returns the epochs run in all.
        """
        n_features = X.shape[1]
        zeros = np.zeros(n_features)
        l2 = np.full(n_features, alpha)
        hi = np.full(n_features, np.inf)
        tol = self.tol
        for _ in range(4):
            exact = polish_nonnegative(X, Y[:, k], s, alpha, self.fit_intercept, w)
            if exact is not None:
                w[:] = exact
                break
            if n_iter >= max_iter:
                break
            tol *= 1e-2
            _, _, more = solve_enet_target(
                problem, k, w, Penalty(zeros, l2, zeros, hi),
                max_iter=max_iter - n_iter, tol=tol, random=False, seed=1, solver=solver,
            )  # fmt: skip
            n_iter += more
        return n_iter


class _PredictionsAsInput(RegressorMixin, BaseEstimator):
    """A regressor whose prediction is its input: scores given predictions."""

    def fit(self, X, y=None):  # pragma: no cover - never fitted
        return self

    def predict(self, X):
        return X


class RidgeCV(LinearRegressorBase):
    r"""Ridge regression with the penalty chosen by cross-validation.

    For each ``alpha`` in ``alphas``, the objective is Ridge's,

    .. math::

        \sum_i s_i (y_i - x_i^T w - b)^2 + \alpha \|w\|_2^2 ,

    and the ``alpha`` with the best cross-validated score is kept. By
    default the cross-validation is leave-one-out, computed exactly for all
    alphas from one decomposition of the data (no refitting). A drop-in for
    :class:`sklearn.linear_model.RidgeCV`.

    Parameters
    ----------
    alphas : array-like of shape (n_alphas,), default=(0.1, 1.0, 10.0)
        Penalties to try; strictly positive for leave-one-out
        cross-validation (``cv=None``), non-negative otherwise.
    fit_intercept : bool, default=True
        Whether to fit an (unpenalized) intercept.
    scoring : str, callable or None, default=None
        Score to maximize. None is the negative mean squared error for
        leave-one-out cross-validation (weighted by the sample weights), and
        the estimator's ``score`` (R^2) for k-fold cross-validation. A
        string names one of scikit-learn's scorers; a callable has the
        signature ``scorer(estimator, X, y)``.
    cv : int, cross-validation generator, iterable or None, default=None
        None: efficient leave-one-out cross-validation. Otherwise the
        splitting given to :class:`sklearn.model_selection.GridSearchCV`
        over :class:`Ridge` (an int is a number of folds).
    gcv_mode : {'auto', 'svd', 'eigen'}, default=None
        Decomposition for leave-one-out cross-validation. 'eigen' takes the
        eigendecomposition of ``X X^T`` when ``n_samples <= n_features`` and of
        ``X^T X`` otherwise; 'svd' the thin SVD of ``X`` (dense data; sparse
        data uses 'eigen'); None and 'auto' take 'eigen', which was the
        faster on every measured shape.
    store_cv_results : bool, default=False
        Keep the leave-one-out values in ``cv_results_`` (only with
        ``cv=None``).
    alpha_per_target : bool, default=False
        Choose an alpha for each target separately (only with ``cv=None``).

    Attributes
    ----------
    cv_results_ : ndarray of shape (n_samples, n_alphas) or (n_samples, n_targets, n_alphas)
        With ``store_cv_results=True``: the squared leave-one-out errors
        (in weighted units, ``s_i e_i^2``) when ``scoring`` is None,
        otherwise the leave-one-out predictions.
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        Coefficients of the model refitted with the chosen alpha.
    intercept_ : float or ndarray of shape (n_targets,)
        Intercept (0.0 when ``fit_intercept=False``).
    alpha_ : float or ndarray of shape (n_targets,)
        Chosen alpha (one per target with ``alpha_per_target=True``).
    best_score_ : float or ndarray of shape (n_targets,)
        Cross-validated score of the chosen alpha.
    n_features_in_ : int
        Number of features seen during fit.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during fit, when ``X`` has string column names.

    See Also
    --------
    Ridge : Ridge regression with a given alpha.
    sklearn.linear_model.RidgeCV : The scikit-learn estimator this mirrors.

    Notes
    -----
    Leave-one-out errors come from the hat matrix ``H`` of the fit on all the
    data: ``e_i = (y_i - yhat_i) / (1 - H_ii)``, where ``H`` includes the
    unpenalized intercept (the weighted mean). One eigendecomposition of the
    centred, weighted ``X X^T`` (``n <= p``) or ``X^T X`` (``n > p``), or one
    SVD, gives ``H`` for every alpha at the cost of matrix products; sparse
    data is centred implicitly. The computation runs in float64 and the
    results are cast back to ``X``'s floating dtype.

    With sample weights the leave-one-out score weights each error by its
    sample's weight; k-fold cross-validation uses the weights in the fits
    only, so the two may choose different alphas.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from skreg import RidgeCV
    >>> X, y = load_diabetes(return_X_y=True)
    >>> model = RidgeCV(alphas=[1e-3, 1e-2, 1e-1, 1]).fit(X, y)
    >>> model.alpha_
    0.01
    >>> round(model.score(X, y), 4)
    0.5166
    """

    _parameter_constraints = {
        "alphas": [ARRAY_LIKE, Interval(Real, 0, None, "neither")],
        "fit_intercept": [BOOLEAN],
        "scoring": [SCORING],
        "cv": [CV_SPLITTER],
        "gcv_mode": [Options("auto", "svd", "eigen"), NONE],
        "store_cv_results": [BOOLEAN],
        "alpha_per_target": [BOOLEAN],
    }

    def __init__(
        self,
        alphas=(0.1, 1.0, 10.0),
        *,
        fit_intercept=True,
        scoring=None,
        cv=None,
        gcv_mode=None,
        store_cv_results=False,
        alpha_per_target=False,
    ):
        self.alphas = alphas
        self.fit_intercept = fit_intercept
        self.scoring = scoring
        self.cv = cv
        self.gcv_mode = gcv_mode
        self.store_cv_results = store_cv_results
        self.alpha_per_target = alpha_per_target

    def fit(self, X, y, sample_weight=None, **params):
        """Fit Ridge for every alpha and keep the best.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_targets)
            Target.
        sample_weight : float or array-like of shape (n_samples,), default=None
            Non-negative sample weights.
        **params : dict
            Metadata for the scorer and the splitter (``groups`` for
            :class:`~sklearn.model_selection.GroupKFold`, for instance). Only
            with ``sklearn.set_config(enable_metadata_routing=True)``; see
            scikit-learn's metadata-routing user guide.

        Returns
        -------
        self : object
            Fitted estimator.
        """
        refuse_params_without_routing(self, params)
        routing = routing_enabled()
        check_parameters(self, self._parameter_constraints)
        alphas = self._checked_alphas()
        if sample_weight is not None:
            params["sample_weight"] = sample_weight
        if self.cv is None:
            if routing:
                score_params = process_routing(self, "fit", **params).scorer.score
            else:
                score_params = params  # the weights also weight the score
            return self._fit_loo(X, y, sample_weight, alphas, score_params)
        if self.store_cv_results:
            raise ValueError("cv!=None and store_cv_results=True are incompatible")
        if self.alpha_per_target:
            raise ValueError("cv!=None and alpha_per_target=True are incompatible")
        # Validated here (the search would report bad input as failed fits);
        # this also records n_features_in_ and feature_names_in_.
        X, y = _validate_ridge_data(self, X, y)
        ridge = Ridge(fit_intercept=self.fit_intercept)
        if routing:
            # The search routes the weights to each fit, groups to the
            # splitter, and to the scorer what it requests.
            ridge.set_fit_request(sample_weight=True)
        search = GridSearchCV(ridge, {"alpha": alphas}, cv=self.cv, scoring=self._scorer())
        search.fit(X, y, **params)
        best = search.best_estimator_
        self.alpha_ = best.alpha
        self.best_score_ = search.best_score_
        self.coef_ = best.coef_
        self.intercept_ = best.intercept_
        return self

    def _scorer(self):
        """The scorer, which requests the sample weights when routing is on.

        With the default ``scoring`` and routing enabled this is R^2 (the
        estimator's ``score``) asking for ``sample_weight``: the weights given
        to ``fit`` then weight the validation score, as in scikit-learn.
        """
        if self.scoring is None and routing_enabled():
            return get_scorer("r2").set_score_request(sample_weight=True)
        return check_scoring(self, scoring=self.scoring, allow_none=True)

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        ``fit`` routes metadata to the scorer's ``score`` and to the
        splitter's ``split`` (see scikit-learn's metadata-routing user
        guide).

        Returns
        -------
        routing : sklearn.utils.metadata_routing.MetadataRouter
            The routing information.
        """
        return cv_router(self, self.cv, scorer=self._scorer())

    def _checked_alphas(self):
        """``alphas`` as a 1-D float64 array, each checked like scikit-learn."""
        strict = self.cv is None
        bound = "neither" if strict else "left"
        if isinstance(self.alphas, (np.ndarray, list, tuple)):
            # Each entry as given (an int stays an int in the message, a
            # string is a TypeError), as scikit-learn reports them.
            items = [self.alphas] if np.ndim(self.alphas) == 0 else list(self.alphas)
            several = len(items) != 1
            for index, value in enumerate(items):
                name = f"alphas[{index}]" if several else "alphas"
                check_scalar(value, name, Real, min_val=0.0, include_boundaries=bound)
        values = np.atleast_1d(np.asarray(self.alphas, dtype=np.float64))
        if values.ndim != 1 or values.size == 0:
            raise ValueError(f"alphas must be a non-empty 1-D array-like; got {self.alphas!r}.")
        if np.any(values < 0) or (strict and np.any(values == 0)):
            raise ValueError(
                f"alphas must be {'>' if strict else '>='} 0.0; got {self.alphas!r}."
            )
        if not np.all(np.isfinite(values)):
            raise ValueError(f"alphas must be finite; got {self.alphas!r}.")
        return values

    def _fit_loo(self, X, y, sample_weight, alphas, score_params):
        dtype = getattr(X, "dtype", None)
        original_dtype = dtype if getattr(dtype, "kind", None) == "f" else None
        X, y = validate_data(
            self,
            X,
            y,
            accept_sparse=["csr", "csc", "coo"],
            dtype=np.float64,
            multi_output=True,
            y_numeric=True,
        )
        y = np.asarray(y, dtype=np.float64)
        if sp.issparse(X) and X.format == "coo":
            X = X.tocsr()
        n_samples = X.shape[0]
        Y = _as_2d(y)
        n_targets = Y.shape[1]
        raw, _ = _validated_weights(sample_weight, n_samples, np.float64)
        if raw is not None:
            s, sqrt_s, total = raw, np.sqrt(raw), raw.sum()
        else:
            s, sqrt_s, total = None, None, float(n_samples)

        if self.fit_intercept:
            weights = np.ones(n_samples) if s is None else s
            X_offset = np.asarray(X.T @ weights, dtype=np.float64).ravel() / total
            y_offset = (weights @ Y) / total
            leverage_offset = weights / total
        else:
            X_offset = np.zeros(X.shape[1])
            y_offset = np.zeros(n_targets)
            leverage_offset = 0.0
        Yw = Y - y_offset
        if sqrt_s is not None:
            Yw *= sqrt_s[:, None]

        if self.gcv_mode == "svd" and sp.issparse(X):
            warnings.warn(
                "The 'svd' mode is not supported for sparse X, we fallback to "
                "`gcv_mode='eigen'`. Passing `gcv_mode='svd'` on sparse X will "
                "raise an error in scikit-learn 1.11, use the default or pass "
                "`gcv_mode='eigen'` to suppress this warning.",
                FutureWarning,
                stacklevel=3,
            )
        data = CentredData(X, sqrt_s, X_offset, self.fit_intercept)
        dec = decompose(data, Yw, resolve_gcv_mode(X, self.gcv_mode))
        errors = loo_errors(dec, Yw, alphas, leverage_offset)  # (n, A, T)

        scorer = None if self.scoring is None else check_scoring(self, scoring=self.scoring)
        per_target = self.alpha_per_target
        if scorer is None:
            values = errors**2
            # Per target (A, T), or over samples and targets (A,).
            scores = -values.mean(axis=0) if per_target else -values.mean(axis=(0, 2))
        else:
            # Back to the user's units: yhat_i = y_i - e_i / sqrt(s_i).
            unscale = 1.0 if sqrt_s is None else sqrt_s[:, None, None]
            values = Y[:, None, :] - errors / unscale
            # As scikit-learn, the sample weights also weight the score
            # (through the routing when it is enabled).
            if "sample_weight" in score_params and score_params["sample_weight"] is not None:
                score_params = {**score_params, "sample_weight": raw}
            scores = self._scores_from_predictions(scorer, values, y, per_target, score_params)

        if per_target and y.ndim == 1:
            scores = scores[:, 0]
        # A NaN score never wins (scikit-learn keeps the first alpha then).
        scores = np.where(np.isnan(scores), -np.inf, scores)
        alpha_list = [float(a) for a in alphas]
        if per_target and n_targets > 1:
            best = np.argmax(scores, axis=0)
            self.alpha_ = alphas[best]
            self.best_score_ = scores[best, np.arange(n_targets)]
            coef = np.empty((n_targets, X.shape[1]))
            for index in np.unique(best):
                targets = np.flatnonzero(best == index)
                coef[targets] = ridge_coef(dec, data, alphas[index], targets)
        else:
            flat = scores if scores.ndim == 1 else scores[:, 0]
            index = int(np.argmax(flat))
            self.alpha_ = alpha_list[index]
            self.best_score_ = scores[index]
            coef = ridge_coef(dec, data, alphas[index], np.arange(n_targets))

        out_dtype = original_dtype or np.float64
        intercept = intercept_from_offsets(
            coef, X_offset, y_offset, self.fit_intercept, out_dtype
        )
        coef = coef.astype(out_dtype)
        if y.ndim == 1:
            self.coef_ = coef[0]
            self.intercept_ = intercept if np.isscalar(intercept) else intercept[0]
        else:
            # A (n, 1) target: 1-D coef_, intercept_ of shape (1,), as Ridge.
            self.coef_ = coef[0] if n_targets == 1 else coef
            self.intercept_ = intercept
        if self.store_cv_results:
            # (n, A, T) -> (n, T, A), or (n, A) for a 1-D target.
            results = np.transpose(values, (0, 2, 1))
            self.cv_results_ = (results[:, 0, :] if y.ndim == 1 else results).astype(out_dtype)
        elif hasattr(self, "cv_results_"):
            del self.cv_results_
        return self

    @staticmethod
    def _scores_from_predictions(scorer, predictions, y, per_target, score_params):
        """Score each alpha's leave-one-out predictions (n, A, T) against y."""
        identity = _PredictionsAsInput()
        n_alphas = predictions.shape[1]
        if per_target:
            return np.array(
                [
                    [scorer(identity, predictions[:, a, t], _as_2d(y)[:, t], **score_params)
                     for t in range(predictions.shape[2])]
                    for a in range(n_alphas)
                ]
            )  # fmt: skip
        shaped = (lambda p: p[:, 0]) if y.ndim == 1 else (lambda p: p)
        return np.array(
            [scorer(identity, shaped(predictions[:, a, :]), y, **score_params) for a in range(n_alphas)]
        )
