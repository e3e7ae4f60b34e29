"""Regularization paths: ``lasso_path``, ``enet_path`` and their alpha grid.

A path solves one problem for a decreasing sequence of alphas, each fit
warm-started from the previous one, on data prepared (centred, weighted,
Gram-formed) once. The coordinate-descent kernels start their working sets
from the support of the warm start, so each step of the path costs little
more than the features that enter.
"""

import sys
import warnings
from numbers import Integral, Real
from types import SimpleNamespace

import numpy as np
import scipy.sparse as sp
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_array

from ..utils.param_checks import (
    ARRAY_LIKE,
    BOOLEAN,
    VERBOSE,
    Interval,
    Options,
    check_parameters,
)
from ._enet_problem import (
    auto_precompute_for_path,
    check_sample_weight,
    enet_penalty_arrays,
    prepare_enet_problem,
    SolveDriver,
    gram_switch_budget,
    warn_if_not_converged,
)

_RESOLUTION = np.finfo(np.float64).resolution


def alpha_grid(X, y, *, l1_ratio=1.0, eps=1e-3, n_alphas=100, fit_intercept=True,
               positive=False, sample_weight=None):  # fmt: skip
    """``n_alphas`` alphas evenly spaced on a log scale from ``alpha_max`` down.

    ``alpha_max = max_j |x_j^T S (y - ybar)| / (sum(S) * l1_ratio)`` is the
    smallest alpha for which every coefficient is zero; ``y`` and the columns
    of ``X`` are centred with their weighted means when an intercept is
    fitted (implicitly: ``X`` is never copied or densified). With
    ``positive=True`` only positive correlations count.

    Parameters
    ----------
    X : {ndarray, sparse matrix} of shape (n_samples, n_features)
        Validated data.
    y : ndarray of shape (n_samples,)
        Target.
    l1_ratio : float, default=1.0
        Elastic-net mixing parameter; 0 has no automatic grid.
    eps : float, default=1e-3
        The grid ends at ``alpha_max * eps``.
    n_alphas : int, default=100
        Number of alphas.
    fit_intercept : bool, default=True
        Centre first.
    positive : bool, default=False
        Coefficients constrained to be non-negative.
    sample_weight : ndarray of shape (n_samples,) or None, default=None
        Sample weights (any positive scale).

    Returns
    -------
    alphas : ndarray of shape (n_alphas,)
        Decreasing. When ``alpha_max`` is zero to machine resolution (a
        constant target), every entry is that resolution, as in scikit-learn.
    """
    s = np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight, float)
    yc = np.asarray(y, dtype=np.float64)
    if fit_intercept:
        yc = yc - (s @ yc) / np.sum(s)
    # With yc centred, sum(s * yc) = 0, so centring X would change nothing.
    correlation = np.asarray(X.T @ (s * yc)).ravel()
    return _grid_from_correlation(correlation, np.sum(s), n_alphas, l1_ratio, eps, positive)


def _grid_from_correlation(correlation, total_weight, n_alphas, l1_ratio, eps, positive):
    """The log-spaced grid below ``alpha_max`` for the correlations ``X^T S y``."""
    if l1_ratio == 0:
        raise ValueError(
            "Automatic alpha grid generation is not supported for l1_ratio=0. "
            "Please supply a grid by providing your estimator with the "
            "appropriate `alphas=` argument."
        )
    correlation = np.asarray(correlation, dtype=np.float64)
    if positive:
        top = max(0.0, float(np.max(correlation, initial=0.0)))
    else:
        top = float(np.max(np.abs(correlation), initial=0.0))
    top /= total_weight * l1_ratio
    if top <= _RESOLUTION:
        return np.full(n_alphas, _RESOLUTION)
    return np.geomspace(top, top * eps, num=n_alphas)


def solve_path(problem, alphas, l1_ratio, coef, *, positive, max_iter, tol,
               selection="cyclic", random_state=None, solver="cd", verbose=0,
               gram_switch=False):  # fmt: skip
    """Warm-started fits of a prepared one-target problem along ``alphas``.

    Parameters
    ----------
    problem : EnetProblem
        Prepared data with one target.
    alphas : ndarray of shape (n_alphas,)
        The alphas, in the order they are solved.
    l1_ratio : float
        Elastic-net mixing parameter.
    coef : ndarray of shape (n_features,)
        Starting coefficients (X's dtype); not modified.
    positive : bool
        Non-negative coefficients.
    max_iter : int
        Epochs allowed per alpha.
    tol : float
        scikit-learn's duality-gap tolerance.
    selection : {'cyclic', 'random'}, default='cyclic'
        Coordinate order.
    random_state : int, RandomState instance or None, default=None
        Seed of the coordinate draws.
    solver : {'cd', 'fista'}, default='cd'
        The kernel family.
    verbose : int, default=0
        Print one line per alpha when positive.
    gram_switch : bool, default=False
        Let a solve on dense ``X`` that stalls move to the Gram matrix, and
        the later alphas start there (``precompute='auto'``, as single fits
        do; see :func:`~._enet_problem.gram_switch_budget`).

    Returns
    -------
    coefs : ndarray of shape (n_features, n_alphas)
    dual_gaps : ndarray of shape (n_alphas,)
        Gaps in the units of scikit-learn's objective (divided by n_samples).
    n_iters : list of int
    """
    n_samples = problem.n_samples
    n_features = coef.shape[0]
    random = selection == "random"
    rng = check_random_state(random_state)
    w = np.array(coef, copy=True, order="C")
    if positive:
        np.maximum(w, 0, out=w)
    coefs = np.empty((n_features, len(alphas)), dtype=w.dtype, order="F")
    dual_gaps = np.empty(len(alphas))
    n_iters = []
    driver = SolveDriver(
        problem, max_iter=max_iter, tol=tol, solver=solver,
        switch_after=gram_switch_budget(problem, solver == "cd" and gram_switch),
    )  # fmt: skip
    for i, alpha in enumerate(alphas):
        pen = enet_penalty_arrays(n_samples, n_features, alpha, l1_ratio, positive)
        seed = rng.randint(1, np.iinfo(np.int32).max) if random else 1
        gap, tol_gap, n_iter = driver.solve(0, w, pen, random=random, seed=seed)
        warn_if_not_converged(gap, tol_gap, n_samples, stacklevel=4)
        coefs[:, i] = w
        dual_gaps[i] = gap / n_samples
        n_iters.append(n_iter)
        if verbose:
            print(
                f"[path] alpha {i + 1}/{len(alphas)} = {alpha:.4g}: "
                f"{int(np.count_nonzero(w))} nonzero, gap {gap / n_samples:.2e}, "
                f"{n_iter} epochs",
                file=sys.stderr,
            )
    return coefs, dual_gaps, n_iters


_PATH_PARAMS = ("tol", "max_iter", "random_state", "selection", "sample_weight",
                "X_offset", "X_scale", "do_screening", "solver")  # fmt: skip


def enet_path(X, y, *, l1_ratio=0.5, eps=1e-3, n_alphas="deprecated", alphas=100,
              precompute="auto", Xy=None, copy_X=True, coef_init=None, verbose=False,
              return_n_iter=False, positive=False, check_input=True, **params):  # fmt: skip
    r"""Compute the elastic-net path with coordinate descent.

    Minimizes, for each alpha of the path (no intercept: centre the data
    first, or pass ``X_offset`` for sparse ``X``),

    .. math::

        \frac{1}{2 n_{\rm samples}} \|y - Xw\|_2^2
        + \alpha \rho \|w\|_1 + \frac{\alpha (1 - \rho)}{2} \|w\|_2^2

    with :math:`\rho` = ``l1_ratio``. Each fit starts from the previous
    one's coefficients. A drop-in for :func:`sklearn.linear_model.enet_path`
    for a one-column target.

    Parameters
    ----------
    X : {array-like, sparse matrix} of shape (n_samples, n_features)
        Training data; sparse data is used in CSC format, never densified.
    y : array-like of shape (n_samples,)
        Target. A 2-D target of one column is accepted; several columns
        (scikit-learn's multi-task path) are not supported.
    l1_ratio : float, default=0.5
        Mixing parameter, ``0 < l1_ratio <= 1`` for an automatic grid.
    eps : float, default=1e-3
        Length of the automatic grid: ``alpha_min = eps * alpha_max``.
    n_alphas : int, default="deprecated"
        scikit-learn's deprecated spelling of an integer ``alphas``.
    alphas : int or array-like, default=100
        Number of alphas of the automatic grid, or the alphas themselves
        (solved from the largest down).
    precompute : 'auto', bool or array-like of shape (n_features, n_features), default='auto'
        Run on the Gram matrix ``X^T X``; 'auto' does so for dense ``X``
        with more samples than features.
    Xy : array-like of shape (n_features,), default=None
        ``X^T y`` when already known (used with a Gram matrix).
    copy_X : bool, default=True
        If False, a dense ``X`` may be overwritten (weighted in place).
    coef_init : array-like of shape (n_features,), default=None
        Starting coefficients for the first alpha.
    verbose : bool or int, default=False
        Print one line per alpha.
    return_n_iter : bool, default=False
        Also return the number of epochs of each fit.
    positive : bool, default=False
        Constrain the coefficients to be non-negative.
    check_input : bool, default=True
        Validate ``X`` and ``y``.
    **params : kwargs
        ``tol`` (1e-4), ``max_iter`` (1000), ``random_state``, ``selection``
        ('cyclic'), ``solver`` ('cd' or 'fista'), ``sample_weight`` (weights of
        the squared loss, dense or sparse ``X``), and for sparse ``X`` the
        column means ``X_offset`` (with ``X_scale``, ones) to centre
        implicitly. ``do_screening`` is accepted for scikit-learn
        compatibility; skreg always screens, which never changes the result.

    Returns
    -------
    alphas : ndarray of shape (n_alphas,)
        The alphas along the path.
    coefs : ndarray of shape (n_features, n_alphas)
        Coefficients along the path.
    dual_gaps : ndarray of shape (n_alphas,)
        Duality gap at the end of each fit, in the objective's units: a
        certified bound on its suboptimality.
    n_iters : list of int
        Epochs of each fit (only with ``return_n_iter=True``).

    See Also
    --------
    lasso_path : The path with ``l1_ratio=1``.
    ElasticNetCV : Chooses alpha and l1_ratio along paths by cross-validation.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from skreg import enet_path
    >>> X, y = load_diabetes(return_X_y=True)
    >>> alphas, coefs, gaps = enet_path(X - X.mean(0), y - y.mean(), alphas=5)
    >>> coefs.shape
    (10, 5)
    """
    unknown = set(params) - set(_PATH_PARAMS)
    if unknown:
        raise ValueError("Unexpected parameters in params", unknown)
    tol = params.get("tol", 1e-4)
    max_iter = params.get("max_iter", 1000)
    solver = params.get("solver", "cd")
    alphas = _deprecated_alphas(n_alphas, alphas)
    selection = params.get("selection", "cyclic")
    _check_path_parameters(
        "enet_path" if l1_ratio != 1.0 else "lasso_path", l1_ratio=l1_ratio, eps=eps,
        alphas=alphas, tol=tol, max_iter=max_iter, positive=positive, solver=solver,
        selection=selection, verbose=verbose,
    )  # fmt: skip

    if check_input:
        X = check_array(X, accept_sparse="csc", dtype=[np.float64, np.float32],
                        order="F", copy=False)  # fmt: skip
        y = check_array(y, dtype=X.dtype, ensure_2d=False, copy=False)
    elif sp.issparse(X) and X.format != "csc":
        X = X.tocsc()
    if y.ndim == 2 and y.shape[1] == 1:
        y = y[:, 0]
    if y.ndim != 1:
        raise ValueError(
            "skreg's paths take a one-column target; scikit-learn's multi-task "
            "path (MultiTaskElasticNet) is not implemented. Compute one path "
            "per target."
        )
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            f"Found input variables with inconsistent numbers of samples: "
            f"[{X.shape[0]}, {y.shape[0]}]"
        )
    n_samples, n_features = X.shape
    sample_weight = check_sample_weight(params.get("sample_weight"), n_samples, X.dtype)

    auto = isinstance(precompute, str)
    if auto:
        precompute = auto_precompute_for_path(X, n_samples)
    problem = prepare_enet_problem(
        X, y[:, np.newaxis], sample_weight, fit_intercept=False,
        precompute=precompute, X_is_ours=not copy_X and not sp.issparse(X),
    )  # fmt: skip
    X_offset = params.get("X_offset")
    if X_offset is not None and sp.issparse(X):
        X_scale = params.get("X_scale")
        X_offset = np.asarray(X_offset, dtype=np.float64)
        if X_scale is not None:
            X_offset = X_offset / np.asarray(X_scale, dtype=np.float64)
        problem.X_offset = X_offset
    if Xy is not None and problem.layout == "gram":
        problem.Xy = np.asfortranarray(np.asarray(Xy, dtype=np.float64).reshape(n_features, 1))

    if isinstance(alphas, Integral):
        alphas = _grid_of_problem(problem, alphas, l1_ratio, eps, positive)
    else:
        alphas = np.sort(check_array(alphas, ensure_2d=False, dtype=np.float64).ravel())[::-1]
        if np.any(alphas < 0):
            raise ValueError(f"alphas must be non-negative, got {float(alphas.min())}.")
    coef = np.zeros(n_features, dtype=X.dtype)
    if coef_init is not None:
        coef = np.asarray(coef_init, dtype=X.dtype).reshape(n_features).copy()
    coefs, dual_gaps, n_iters = solve_path(
        problem, alphas, l1_ratio, coef, positive=positive, max_iter=max_iter, tol=tol,
        selection=selection, random_state=params.get("random_state"), solver=solver, verbose=verbose,
        gram_switch=auto,
    )  # fmt: skip
    if return_n_iter:
        return alphas, coefs, dual_gaps, n_iters
    return alphas, coefs, dual_gaps


def lasso_path(X, y, *, eps=1e-3, n_alphas="deprecated", alphas=100, precompute="auto",
               Xy=None, copy_X=True, coef_init=None, verbose=False, return_n_iter=False,
               positive=False, **params):  # fmt: skip
    r"""Compute the Lasso path with coordinate descent.

    Minimizes, for each alpha of the path,

    .. math::

        \frac{1}{2 n_{\rm samples}} \|y - Xw\|_2^2 + \alpha \|w\|_1

    warm-starting each fit from the previous one. A drop-in for
    :func:`sklearn.linear_model.lasso_path` for a one-column target; see
    :func:`enet_path` for the parameters, which are the same except
    ``l1_ratio`` (fixed to 1).

    Parameters
    ----------
    X : {array-like, sparse matrix} of shape (n_samples, n_features)
        Training data.
    y : array-like of shape (n_samples,)
        Target.
    eps : float, default=1e-3
        ``alpha_min = eps * alpha_max`` for the automatic grid.
    n_alphas : int, default="deprecated"
        scikit-learn's deprecated spelling of an integer ``alphas``.
    alphas : int or array-like, default=100
        Number of alphas of the automatic grid, or the alphas.
    precompute : 'auto', bool or array-like, default='auto'
        Gram matrix use, as in :func:`enet_path`.
    Xy : array-like of shape (n_features,), default=None
        ``X^T y`` when already known.
    copy_X : bool, default=True
        If False, a dense ``X`` may be overwritten.
    coef_init : array-like of shape (n_features,), default=None
        Starting coefficients.
    verbose : bool or int, default=False
        Print one line per alpha.
    return_n_iter : bool, default=False
        Also return the epochs of each fit.
    positive : bool, default=False
        Constrain the coefficients to be non-negative.
    **params : kwargs
        As in :func:`enet_path`.

    Returns
    -------
    alphas : ndarray of shape (n_alphas,)
    coefs : ndarray of shape (n_features, n_alphas)
    dual_gaps : ndarray of shape (n_alphas,)
    n_iters : list of int
        Only with ``return_n_iter=True``.

    See Also
    --------
    enet_path : The elastic-net path.
    LassoCV : Chooses alpha along paths by cross-validation.

    Examples
    --------
    >>> from sklearn.datasets import load_diabetes
    >>> from skreg import lasso_path
    >>> X, y = load_diabetes(return_X_y=True)
    >>> alphas, coefs, _ = lasso_path(X - X.mean(0), y - y.mean(), alphas=20)
    >>> [int((coefs[:, i] != 0).sum()) for i in (0, 10, 19)]
    [0, 7, 10]
    """
    return enet_path(
        X, y, l1_ratio=1.0, eps=eps, n_alphas=n_alphas, alphas=alphas,
        precompute=precompute, Xy=Xy, copy_X=copy_X, coef_init=coef_init,
        verbose=verbose, return_n_iter=return_n_iter, positive=positive, **params,
    )  # fmt: skip


def _deprecated_alphas(n_alphas, alphas):
    """``alphas`` after scikit-learn 1.9's deprecations, with its FutureWarnings.

    ``n_alphas`` (an integer ``alphas`` under its old name) and
    ``alphas=None`` (the old default, 100 alphas) still work until
    scikit-learn removes them in 1.11.
    """
    if not (isinstance(n_alphas, str) and n_alphas == "deprecated"):
        warnings.warn(
            "'n_alphas' was deprecated in 1.9 and will be removed in 1.11; pass "
            "the number of alphas as 'alphas' instead.",
            FutureWarning,
            stacklevel=3,
        )
        if alphas is None or isinstance(alphas, Integral):
            return n_alphas
    if alphas is None:
        warnings.warn(
            "'alphas=None' is deprecated and will be removed in 1.11, when it "
            "will mean the default, 100; pass alphas=100.",
            FutureWarning,
            stacklevel=3,
        )
        return 100
    return alphas


def _grid_of_problem(problem, n_alphas, l1_ratio, eps, positive):
    """The automatic grid of a prepared problem (weights sum to ``n_samples``)."""
    if problem.layout == "gram":
        correlation = problem.Xy[:, 0]
    elif problem.layout == "dense":
        correlation = problem.X.T @ problem.Y[:, 0]
    else:
        s_y = problem.sample_weight * problem.Y[:, 0]
        correlation = np.asarray(problem.X.T @ s_y).ravel() - problem.X_offset * s_y.sum()
    return _grid_from_correlation(
        correlation, problem.n_samples, n_alphas, l1_ratio, eps, positive
    )


def _check_path_parameters(owner, **values):
    """The checks scikit-learn's ``validate_params`` makes, with its error type."""
    check_parameters(SimpleNamespace(**values), _PATH_CONSTRAINTS, owner=owner)


_PATH_CONSTRAINTS = {
    "l1_ratio": [Interval(Real, 0, 1, "both")],
    "eps": [Interval(Real, 0, None, "neither")],
    "alphas": [Interval(Integral, 1, None, "left"), ARRAY_LIKE],
    "tol": [Interval(Real, 0, None, "left")],
    "max_iter": [Interval(Integral, 1, None, "left")],
    "positive": [BOOLEAN],
    "solver": [Options("cd", "fista")],
    "selection": [Options("cyclic", "random")],
    "verbose": [VERBOSE],
}
