"""From validated user data to the arrays the coordinate-descent kernels take.

The estimator hands over validated ``X`` (Fortran-ordered dense or CSC), ``y``
and sample weights; this module centres and weights them the way each kernel
expects, and runs the kernel for one target at a time.

* Dense ``X``: centred with the weighted column means and multiplied by
  ``sqrt(s)`` (in a copy, unless ``X`` is already ours or ``copy_X=False``),
  so the kernel sees unweighted least squares. The intercept is recovered as
  ``y_offset - X_offset @ w``.
* Sparse ``X``: never densified nor modified. The kernel gets the weights and
  the column means and centres implicitly.
* Gram: ``G = Xc^T S Xc`` and ``Xc^T S yc`` of the centred, weighted data,
  computed with BLAS (dense) or sparse products.

Sample weights are rescaled to sum to ``n_samples``, as scikit-learn does, so
that the kernel objective ``1/2 sum s r^2 + n * alpha * penalty`` is ``n``
times the estimator's objective whatever the weights.
"""

import warnings
from dataclasses import dataclass
from numbers import Number

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.validation import check_array, check_non_negative

from .._kernels.cd import cd_enet_dense, cd_enet_gram, cd_enet_sparse
from .._kernels.enet_math import centred_column_norms
from .._kernels.fista import fista_enet_dense, fista_enet_gram, fista_enet_sparse
from ._gram import centred_gram_dense


def check_sample_weight(sample_weight, n_samples, dtype):
    """Validate sample weights; ``None`` when absent or a scalar.

    Parameters
    ----------
    sample_weight : float, array-like of shape (n_samples,) or None
        The weights. A scalar weights every sample alike, which changes
        nothing, so it is treated as ``None`` (as scikit-learn does).
    n_samples : int
        Expected length.
    dtype : numpy dtype
        Dtype to validate with (the weights are returned in float64).

    Returns
    -------
    sample_weight : ndarray of shape (n_samples,), float64, or None
        Weights rescaled to sum to ``n_samples``.
    """
    if sample_weight is None or isinstance(sample_weight, Number):
        return None
    sample_weight = check_array(
        sample_weight, ensure_2d=False, dtype=dtype, input_name="sample_weight"
    )
    if sample_weight.ndim != 1:
        raise ValueError(
            f"Sample weights must be 1D array or scalar, got {sample_weight.ndim}D array."
        )
    if sample_weight.shape[0] != n_samples:
        raise ValueError(
            f"sample_weight.shape == {sample_weight.shape}, expected ({n_samples},)!"
        )
    check_non_negative(sample_weight, "`sample_weight`")
    total = np.sum(sample_weight, dtype=np.float64)
    if total <= 0:
        raise ValueError("Sample weights must contain at least one non-zero number.")
    return sample_weight.astype(np.float64) * (n_samples / total)


@dataclass
class EnetProblem:
    """Centred, weighted data ready for one of the kernels.

    Attributes
    ----------
    layout : {"dense", "sparse", "gram"}
        Which kernel runs.
    X : ndarray or sparse CSC matrix or None
        Dense: centred, weighted, Fortran-ordered. Sparse: the user's matrix.
        Gram: unused (None).
    Y : ndarray of shape (n_samples, n_targets)
        Centred target (also weighted by ``sqrt(s)`` in the dense layout).
    sample_weight : ndarray of shape (n_samples,), float64
        Weights summing to ``n_samples`` (ones when unweighted).
    X_offset : ndarray of shape (n_features,)
        Column means removed (zeros without intercept).
    y_offset : ndarray of shape (n_targets,)
        Target means removed (zeros without intercept).
    Y_norm2 : ndarray of shape (n_targets,)
        Weighted squared norm of each centred target, the scale of ``tol``.
    gram, Xy : ndarray or None
        Gram layout only: ``Xc^T S Xc`` and ``Xc^T S Yc``.
    kernel_mu : ndarray of shape (n_features,) or None
        Dense layout with ``X`` left uncentred: the column means the kernel
        centres with on the fly (None when ``X`` is already centred).
    col_norm2 : ndarray of shape (n_features,) or None
        Dense layout: squared norms of the centred columns, computed on
        first use (or handed over by validation) and kept for every later
        solve on the same problem, such as the next alpha of a path.
    lipschitz : float
        Gram layout: FISTA's power-iteration estimate of the largest
        eigenvalue of ``Xc^T S Xc``, likewise computed by the first FISTA
        solve and kept (-1 until then). On ``X``, FISTA estimates the step
        of each working set from its columns instead.
    """

    layout: str
    X: object
    Y: np.ndarray
    sample_weight: np.ndarray
    X_offset: np.ndarray
    y_offset: np.ndarray
    Y_norm2: np.ndarray
    gram: np.ndarray = None
    Xy: np.ndarray = None
    kernel_mu: np.ndarray = None
    col_norm2: np.ndarray = None
    lipschitz: float = -1.0

    @property
    def n_samples(self):
        """Number of rows of the data."""
        return self.Y.shape[0]

    def dense_kernel_inputs(self):
        """``(mu, col_norm2)`` for the dense kernel, computing the norms once."""
        mu = self.kernel_mu
        if mu is None:
            mu = np.zeros(self.X.shape[1])
        if self.col_norm2 is None:
            self.col_norm2 = np.empty(self.X.shape[1])
            centred_column_norms(self.X, mu, self.col_norm2)
        return mu, self.col_norm2


def _weighted_mean(values, weights):
    """Column means of a dense 2-D array or sparse matrix, in float64.

    ``weights`` None means unweighted (the cheaper sum).
    """
    if weights is None:
        if sp.issparse(values):
            return np.asarray(values.sum(axis=0, dtype=np.float64)).ravel() / values.shape[0]
        return np.add.reduce(values, axis=0, dtype=np.float64) / values.shape[0]
    total = np.sum(weights)
    if sp.issparse(values):
        return np.asarray(values.T @ weights).ravel() / total
    return (weights @ values) / total


def prepare_enet_problem(
    X,
    Y,
    sample_weight,
    *,
    fit_intercept,
    precompute,
    X_is_ours,
    centre_in_kernel=False,
    column_stats=None,
):
    """Centre and weight validated data for the kernels.

    Parameters
    ----------
    X : ndarray (Fortran order) or sparse CSC matrix of shape (n_samples, n_features)
        Validated data, float32 or float64.
    Y : ndarray of shape (n_samples, n_targets)
        Validated target of X's dtype.
    sample_weight : ndarray of shape (n_samples,) or None
        Output of :func:`check_sample_weight`.
    fit_intercept : bool
        Centre the data.
    precompute : bool or ndarray of shape (n_features, n_features)
        Use (or compute) the Gram matrix; ignored for sparse ``X``.
    X_is_ours : bool
        Whether a dense ``X`` may be modified in place.
    centre_in_kernel : bool, default=False
        Leave an unweighted dense ``X`` as it is and let the kernel centre
        each column on the fly (``kernel_mu``), which saves a copy of ``X``
        per fit. Only the coordinate-descent kernel on ``X`` supports it.
    column_stats : tuple of two ndarrays of shape (n_features,), default=None
        Unweighted column means and centred squared norms of a dense ``X``,
        when validation already computed them (see
        :func:`~skreg.linear_model._fit_validation.validate_fit_data`); they
        spare one read of ``X`` each.

    Returns
    -------
    problem : EnetProblem
    """
    n_samples, n_features = X.shape
    dtype = X.dtype
    weighted = sample_weight is not None
    s = sample_weight if weighted else np.ones(n_samples)

    if precompute is True and not sp.issparse(X):
        # Formed block by block: no centred copy of X, one read of it.
        gram, Xy, X_offset, y_offset = centred_gram_dense(X, Y, sample_weight, fit_intercept)
        Yc = np.asfortranarray(Y - y_offset.astype(dtype))
        Y_norm2 = s @ (Yc.astype(np.float64) ** 2)
        return _gram_problem(gram, Xy, Yc, s, X_offset, y_offset, Y_norm2, dtype)

    unweighted_stats = column_stats is not None and not weighted and not sp.issparse(X)
    if fit_intercept:
        X_offset = column_stats[0] if unweighted_stats else _weighted_mean(X, sample_weight)
        y_offset = _weighted_mean(Y, sample_weight)
    else:
        X_offset = np.zeros(n_features)
        y_offset = np.zeros(Y.shape[1])
    # Centring in X's dtype, as scikit-learn does, keeps float32 float32.
    Yc = np.asfortranarray(Y - y_offset.astype(dtype))
    Y_norm2 = s @ (Yc.astype(np.float64) ** 2)

    if sp.issparse(X):
        # As in scikit-learn, sparse data never goes to the Gram matrix: a
        # dense p x p matrix can outweigh X many times over, and the sparse
        # kernel centres implicitly with X_offset, which a Gram matrix
        # computed here or by the user would have to match.
        return EnetProblem("sparse", X, Yc, s, X_offset, y_offset, Y_norm2)

    user_gram = hasattr(precompute, "__array__")
    # Data centred by the user has means of rounding size, not exact zeros.
    if user_gram and fit_intercept and not np.allclose(X_offset, 0.0):
        warnings.warn(
            "Gram matrix was provided but X was centered to fit intercept: "
            "recomputing Gram matrix.",
            UserWarning,
        )
        precompute, user_gram = True, False

    if fit_intercept and not weighted and precompute is False and centre_in_kernel:
        col_norm2 = column_stats[1] if unweighted_stats else None
        return EnetProblem(
            "dense", X, Yc, s, X_offset, y_offset, Y_norm2,
            kernel_mu=X_offset, col_norm2=col_norm2,
        )  # fmt: skip
    if fit_intercept or weighted:
        if not X_is_ours:
            X = X.copy(order="F")
        X -= X_offset.astype(dtype)
        if weighted:
            X *= np.sqrt(s).astype(dtype)[:, None]
    if weighted:
        Yc *= np.sqrt(s).astype(dtype)[:, None]
    if precompute is False:
        return EnetProblem("dense", X, Yc, s, X_offset, y_offset, Y_norm2)
    if user_gram:
        gram = np.asarray(precompute)
        j = n_features // 2
        _check_user_gram(gram, X.T @ X[:, j], j)
    else:
        gram = X.T @ X
    return _gram_problem(gram, X.T @ Yc, Yc, s, X_offset, y_offset, Y_norm2, dtype)


def gram_of_dense(problem):
    """The Gram layout of a prepared dense problem.

    The dense layout's ``Y`` is centred and weighted by ``sqrt(s)``, and so
    is its ``X`` unless the kernel centres it (``kernel_mu``); the Gram
    kernel reads ``Y`` for nothing but its length.
    """
    X = problem.X
    if problem.kernel_mu is not None:
        # X is uncentred (and unweighted): form the centred Gram block by block.
        gram, Xy, _, _ = centred_gram_dense(X, problem.Y, None, True)
    else:
        gram, Xy = X.T @ X, X.T @ problem.Y
    return _gram_problem(
        gram, Xy, problem.Y, problem.sample_weight,
        problem.X_offset, problem.y_offset, problem.Y_norm2, X.dtype,
    )  # fmt: skip


def _gram_problem(gram, Xy, Yc, s, X_offset, y_offset, Y_norm2, dtype):
    gram = np.ascontiguousarray(gram, dtype=dtype)
    Xy = np.asfortranarray(Xy, dtype=np.float64)
    return EnetProblem("gram", None, Yc, s, X_offset, y_offset, Y_norm2, gram, Xy)


def _check_user_gram(gram, expected_column, j):
    """Check column ``j`` of a user-given Gram matrix against the data.

    One column costs one matrix-vector product, little next to what the Gram
    matrix saves, and catches a Gram matrix of other (uncentred, unweighted)
    data.
    """
    n_features = expected_column.shape[0]
    if gram.shape != (n_features, n_features):
        raise ValueError(
            f"The Gram matrix passed as 'precompute' has shape {gram.shape}; "
            f"expected ({n_features}, {n_features})."
        )
    rtol = 1e-4 if expected_column.dtype == np.float32 else 1e-7
    scale = np.max(np.abs(expected_column)) if n_features else 0.0
    if not np.allclose(gram[:, j], expected_column, rtol=rtol, atol=rtol * scale):
        raise ValueError(
            "The Gram matrix passed as 'precompute' did not pass validation: its "
            f"column {j} does not match X^T X. Pass precompute=True to let skreg "
            "compute it, or compute it from the same (centred, weighted) X."
        )


def solve_enet_target(
    problem, k, w, l1, l2, lo, hi, *, max_iter, tol, random, seed, solver="cd", resumed=False
):
    """Run the problem's kernel for target ``k``, updating ``w`` in place.

    Parameters
    ----------
    problem : EnetProblem
        Prepared data.
    k : int
        Index of the target column.
    w : ndarray of shape (n_features,)
        Starting coefficients, contiguous, X's dtype; overwritten.
    l1, l2, lo, hi : ndarray of shape (n_features,), float64
        Per-feature penalties in kernel units, and bounds.
    max_iter : int
        Maximum number of epochs (for coordinate descent, counted over all
        features: a working-set epoch counts its share).
    tol : float
        scikit-learn's ``tol``: the gap must fall below ``tol * ||yc||^2``.
    random : bool
        Random coordinate selection.
    seed : int
        Non-zero seed for random selection.
    solver : {"cd", "fista"}, default="cd"
        Coordinate descent, or proximal gradient (``random`` and ``seed`` do
        not apply to it).
    resumed : bool, default=False
        ``w`` is where coordinate descent on ``X`` ran out of its epochs;
        the Gram layout then runs at least one epoch (see ``cd_enet_gram``).

    Returns
    -------
    gap : float
        Final duality gap in kernel units.
    tol_gap : float
        The gap threshold used, in kernel units.
    n_iter : int
        Epochs (iterations for FISTA) run, counted as ``max_iter`` is.
    """
    tol_gap = tol * problem.Y_norm2[k]
    if solver == "fista":
        if problem.kernel_mu is not None:
            raise ValueError("The FISTA kernel needs a centred dense X.")
        if problem.layout == "dense":
            col_norm2 = problem.dense_kernel_inputs()[1]  # kept for the path's alphas
            gap, n_iter = fista_enet_dense(
                problem.X, problem.Y[:, k], w, col_norm2, l1, l2, lo, hi, max_iter, tol_gap
            )
        elif problem.layout == "gram":
            gap, n_iter, problem.lipschitz = fista_enet_gram(
                problem.gram, problem.Xy[:, k], problem.Y_norm2[k], w, l1, l2, lo, hi,
                max_iter, tol_gap, problem.lipschitz,
            )  # fmt: skip
        else:
            X = problem.X
            gap, n_iter = fista_enet_sparse(
                X.data, X.indices, X.indptr, problem.Y[:, k], problem.sample_weight,
                problem.X_offset, w, l1, l2, lo, hi, max_iter, tol_gap,
            )  # fmt: skip
        return gap, tol_gap, n_iter
    args = (w, l1, l2, lo, hi, max_iter, tol_gap, tol, random, np.uint64(seed))
    if problem.layout == "dense":
        mu, col_norm2 = problem.dense_kernel_inputs()
        gap, n_iter = cd_enet_dense(problem.X, mu, col_norm2, problem.Y[:, k], *args)
    elif problem.layout == "sparse":
        X = problem.X
        gap, n_iter = cd_enet_sparse(
            X.data, X.indices, X.indptr, problem.Y[:, k], problem.sample_weight,
            problem.X_offset, *args,
        )  # fmt: skip
    else:
        gap, n_iter = cd_enet_gram(
            problem.gram, problem.Xy[:, k], problem.Y_norm2[k], *args, resumed
        )
    return gap, tol_gap, n_iter


def auto_precompute_for_path(X, n_samples):
    """What ``precompute='auto'`` means for a path: the Gram matrix for dense
    data with more samples (``n_samples`` rows of ``X`` fitted) than features.

    Parameters
    ----------
    X : ndarray or sparse matrix
        The data (only its type and number of columns are read).
    n_samples : int
        Rows the path is fitted on (a fold's training part in CV).

    Returns
    -------
    bool
    """
    return not sp.issparse(X) and n_samples > X.shape[1]


def enet_penalty_arrays(n_samples, n_features, alpha, l1_ratio, positive):
    """Per-feature ``l1, l2, lo, hi`` in kernel units (``n_samples`` times ours).

    Parameters
    ----------
    n_samples, n_features : int
        Shape of the data.
    alpha, l1_ratio : float
        scikit-learn's elastic-net parameters.
    positive : bool
        Constrain the coefficients to be non-negative.

    Returns
    -------
    l1, l2, lo, hi : ndarray of shape (n_features,), float64
    """
    scale = n_samples * alpha
    l1 = np.full(n_features, scale * l1_ratio)
    l2 = np.full(n_features, scale * (1.0 - l1_ratio))
    lo = np.full(n_features, 0.0 if positive else -np.inf)
    hi = np.full(n_features, np.inf)
    return l1, l2, lo, hi


def warn_if_not_converged(gap, tol_gap, n_samples, stacklevel=3):
    """scikit-learn's ConvergenceWarning, stating the gap reached and the goal.

    Both are reported in the units of the estimator's objective (kernel units
    divided by ``n_samples``), as scikit-learn does.
    """
    if gap > tol_gap:
        warnings.warn(
            "Objective did not converge. You might want to increase the "
            "number of iterations (max_iter), check the scale of the "
            "features or consider increasing regularisation. "
            f"Duality gap: {gap / n_samples:.3e}, "
            f"tolerance: {tol_gap / n_samples:.3e}",
            ConvergenceWarning,
            stacklevel=stacklevel,
        )
