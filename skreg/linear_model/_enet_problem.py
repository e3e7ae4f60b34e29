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

import threading
import warnings
from dataclasses import dataclass
from numbers import Number

import numpy as np
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import assert_all_finite
from sklearn.utils.validation import check_array, check_non_negative

from .._kernels.cd_dense import DenseData, cd_dense
from .._kernels.cd_gram import GramData, cd_gram
from .._kernels.cd_sparse import SparseData, cd_sparse
from .._kernels.dense_columns import centre_targets, centred_column_norms, column_means_and_norms
from .._kernels.fista import fista
from .._kernels.penalty import Penalty
from .._kernels.sparse_columns import CSC, sparse_column_stats
from .._kernels.workspace import new_workspace, settings
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
        Gram layout only: ``Xc^T S Xc`` and ``Xc^T S Yc`` (float64).
    gram_diag : ndarray or None
        Gram layout only: the diagonal of ``gram``.
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
    sparse_stats : SparseData or None
        Sparse layout: the kernels' view of the data with its column
        statistics, computed on first use and kept.
    workspace : Workspace or None
        The coordinate-descent kernels' scratch space, made on first use and
        reused by every later solve (targets, alphas).
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
    gram_diag: np.ndarray = None
    kernel_mu: np.ndarray = None
    col_norm2: np.ndarray = None
    lipschitz: float = -1.0
    sparse_stats: SparseData = None
    workspace: object = None

    @property
    def n_samples(self):
        """Number of rows of the data."""
        return self.Y.shape[0]

    def dense_data(self):
        """The dense kernels' :class:`DenseData`, computing the norms once."""
        mu = self.kernel_mu
        if mu is None:
            mu = np.zeros(self.X.shape[1])
        if self.col_norm2 is None:
            self.col_norm2 = np.empty(self.X.shape[1])
            centred_column_norms(self.X, mu, self.col_norm2)
        return DenseData(self.X, mu, self.col_norm2)

    def sparse_data(self):
        """The sparse kernels' :class:`SparseData`, computing the statistics once."""
        if self.sparse_stats is None:
            X = self.X
            n_features = X.shape[1]
            csc = tuple(CSC(X.data, X.indices, X.indptr))
            colsum, col_norm2 = np.empty(n_features), np.empty(n_features)
            s = self.sample_weight
            sparse_column_stats(csc, s, float(s.sum()), self.X_offset, colsum, col_norm2)
            self.sparse_stats = SparseData(csc, s, self.X_offset, colsum, col_norm2)
        return self.sparse_stats

    def gram_data(self, k):
        """The Gram kernels' :class:`GramData` for target ``k``."""
        return GramData(self.gram, self.Xy[:, k], float(self.Y_norm2[k]), self.gram_diag)

    def target(self, k):
        """Target ``k`` as the kernels take it: contiguous float64."""
        y = self.Y[:, k]
        if y.dtype == np.float64 and y.flags.c_contiguous:
            return y
        return np.ascontiguousarray(y, dtype=np.float64)

    def work(self):
        """The coordinate-descent kernels' scratch space (see :func:`thread_workspace`)."""
        if self.workspace is None:
            n_features = self.gram.shape[0] if self.layout == "gram" else self.X.shape[1]
            length = n_features if self.layout == "gram" else self.n_samples
            self.workspace = thread_workspace(n_features, length)
        return self.workspace


_THREAD = threading.local()


def thread_workspace(n_features, vec_length):
    """A kernel workspace of this shape, reused by the thread's next fits.

    A kernel call runs to its end before the thread starts another, so the
    thread's last workspace serves its next fit of the same shape (a grid
    search's refits, the folds' alphas): small fits spend more on making a
    workspace than on some solves. One is kept per thread, so concurrent
    fits in threads never share one.
    """
    work = getattr(_THREAD, "workspace", None)
    if work is None or work.z.shape[0] != n_features or work.vec.shape[0] != vec_length:
        work = _THREAD.workspace = new_workspace(n_features, vec_length)
    return work


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


def centred_targets(Y, sample_weight, fit_intercept):
    """The centred targets (float64, Fortran order), their means and norms.

    Parameters
    ----------
    Y : ndarray of shape (n_samples, n_targets)
        Validated target.
    sample_weight : ndarray of shape (n_samples,) or None
        Output of :func:`check_sample_weight`.
    fit_intercept : bool
        Centre with the weighted means (otherwise the offsets are zeros).

    Returns
    -------
    Yc : ndarray of shape (n_samples, n_targets), float64
    y_offset : ndarray of shape (n_targets,)
    Y_norm2 : ndarray of shape (n_targets,)
        ``sum_i s_i Yc_ik^2``, the scale of ``tol``.

    Raises
    ------
    ValueError
        When ``Y`` holds a NaN or an infinite value (checked here when
        validation left it to this read of ``Y``).
    """
    n_samples, n_targets = Y.shape
    Yc = np.empty((n_samples, n_targets), order="F")
    y_offset, Y_norm2 = np.empty(n_targets), np.empty(n_targets)
    s = _NO_WEIGHTS if sample_weight is None else sample_weight
    if not centre_targets(np.asfortranarray(Y), s, bool(fit_intercept), Yc, y_offset, Y_norm2):
        assert_all_finite(Y, input_name="y")  # raises scikit-learn's message
        raise ValueError("Input y contains a value whose mean or square overflows.")
    return Yc, y_offset, Y_norm2


_NO_WEIGHTS = np.empty(0)


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

    Yc, y_offset, Y_norm2 = centred_targets(Y, sample_weight, fit_intercept)
    if precompute is True and not sp.issparse(X):
        # Formed block by block: no centred copy of X, one read of it.
        gram, Xy, X_offset, _ = centred_gram_dense(X, Y, sample_weight, fit_intercept)
        return _gram_problem(gram, Xy, Yc, s, X_offset, y_offset, Y_norm2, dtype)

    on_X = not sp.issparse(X) and precompute is False
    if column_stats is None and on_X and fit_intercept and not weighted and centre_in_kernel:
        # The means and norms the kernel needs, in one read of X (and the
        # same computation as validation's, so that a fit is the same
        # whichever gave them).
        column_stats = (np.empty(n_features), np.empty(n_features))
        column_means_and_norms(X, *column_stats)
    unweighted_stats = column_stats is not None and not weighted and not sp.issparse(X)
    if fit_intercept:
        X_offset = column_stats[0] if unweighted_stats else _weighted_mean(X, sample_weight)
    else:
        X_offset = np.zeros(n_features)

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
        Yc *= np.sqrt(s)[:, None]
    if precompute is False:
        return EnetProblem("dense", X, Yc, s, X_offset, y_offset, Y_norm2)
    if user_gram:
        gram = np.asarray(precompute)
        j = n_features // 2
        _check_user_gram(gram, X.T @ X[:, j], j)
    else:
        gram = X.T @ X
    return _gram_problem(gram, X.T @ Yc, Yc, s, X_offset, y_offset, Y_norm2, dtype)


# Entries of X (2 MB in float64) up to which a centred copy is made to form
# the Gram matrix, rather than the block-by-block computation without one.
_SMALL_CENTRED_COPY = 2**18


def gram_of_dense(problem):
    """The Gram layout of a prepared dense problem.

    The dense layout's ``Y`` is centred and weighted by ``sqrt(s)``, and so
    is its ``X`` unless the kernel centres it (``kernel_mu``); the Gram
    kernel reads ``Y`` for nothing but its length.
    """
    X = problem.X
    if problem.kernel_mu is not None and X.size <= _SMALL_CENTRED_COPY:
        # Small X, uncentred and unweighted, with its means known: a centred
        # copy is cheaper than forming the Gram matrix block by block.
        Xc = X - problem.kernel_mu.astype(X.dtype)
        gram, Xy = Xc.T @ Xc, Xc.T @ problem.Y
    elif problem.kernel_mu is not None:
        # X is uncentred (and unweighted): form the centred Gram block by block.
        gram, Xy, _, _ = centred_gram_dense(X, problem.Y, None, True)
    else:
        gram, Xy = X.T @ X, X.T @ problem.Y
    return _gram_problem(
        gram, Xy, problem.Y, problem.sample_weight,
        problem.X_offset, problem.y_offset, problem.Y_norm2, X.dtype,
    )  # fmt: skip


def _gram_problem(gram, Xy, Yc, s, X_offset, y_offset, Y_norm2, dtype):
    # float64 whatever X's dtype: the kernels are compiled once, and the
    # Gram matrix of float32 data is formed by BLAS in float32 anyway.
    gram = np.ascontiguousarray(gram, dtype=np.float64)
    Xy = np.asfortranarray(Xy, dtype=np.float64)
    problem = EnetProblem("gram", None, Yc, s, X_offset, y_offset, Y_norm2, gram, Xy)
    problem.gram_diag = np.diag(gram).copy()
    return problem


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
    problem, k, w, pen, *, max_iter, tol, random, seed, solver="cd", resumed=False
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
    pen : Penalty
        Per-feature penalties in kernel units, and bounds (float64 arrays).
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
        the Gram layout then runs at least one epoch (see ``cd_gram``).

    Returns
    -------
    gap : float
        Final duality gap in kernel units.
    tol_gap : float
        The gap threshold used, in kernel units.
    n_iter : int
        Epochs (iterations for FISTA) run, counted as ``max_iter`` is.
    """
    tol_gap = float(tol * problem.Y_norm2[k])
    max_iter = int(max_iter)
    # The kernels iterate in float64 whatever X's dtype (one compiled
    # version of everything that does not touch X); w is rounded back after.
    w64 = w if w.dtype == np.float64 else w.astype(np.float64)
    layout = problem.layout
    if solver == "fista":
        if problem.kernel_mu is not None:
            raise ValueError("The FISTA kernel needs a centred dense X.")
        pen = tuple(pen)
        if layout == "gram":
            data = problem.gram_data(k)
            gap, n_iter, problem.lipschitz = fista(
                tuple(data), data.Xy, w64, pen, max_iter, tol_gap, problem.lipschitz
            )
        else:
            # Dense X comes centred (mu is zeros); its norms are kept for
            # the path's alphas.
            data = problem.dense_data() if layout == "dense" else problem.sparse_data()
            gap, n_iter, _ = fista(
                tuple(data), problem.target(k), w64, pen, max_iter, tol_gap, -1.0
            )
    else:
        # Plain tuples: numba's dispatcher types them in compiled code, named
        # tuples in Python (see Penalty).
        run = tuple(settings(max_iter, tol_gap, tol, random, seed))
        pen, work = tuple(pen), tuple(problem.work())
        if layout == "dense":
            data = tuple(problem.dense_data())
            gap, n_iter = cd_dense(data, problem.target(k), w64, pen, work, run)
        elif layout == "sparse":
            data = tuple(problem.sparse_data())
            gap, n_iter = cd_sparse(data, problem.target(k), w64, pen, work, run)
        else:
            gap, n_iter = cd_gram(tuple(problem.gram_data(k)), w64, pen, work, run, bool(resumed))
    if w64 is not w:
        w[:] = w64
    return gap, tol_gap, n_iter


# Epochs on X before an unconverged fit may move to the Gram matrix (times
# the square of n_features / n_samples, rounded up), and the most features
# for which it may: beyond, the p x p matrix costs more than it saves.
_GRAM_SWITCH_MIN_EPOCHS = 50
_GRAM_SWITCH_MAX_FEATURES = 1000


def gram_switch_budget(problem, allowed):
    """Epochs on ``X`` after which an unconverged fit moves to the Gram matrix.

    ``None`` when no switch is allowed (``allowed`` False: the user chose
    the layout, or the solver is not coordinate descent; or the layout is
    not dense ``X``, or it has too many features). Easy problems converge
    within the budget on ``X`` and never pay for the Gram matrix; hard ones
    (collinear columns, small alphas: thousands of epochs) then run each
    epoch at ``O(n_features)`` per update.

    With more features than samples the budget grows with the square of
    their ratio: an update on the Gram matrix costs ``O(n_features)``
    against ``O(n_samples)`` on ``X``, and the Newton steps that make it
    worth that lose their edge as the support nears ``n_samples`` (small
    alphas, where fits run longest). Only fits that stall on ``X`` move.
    """
    if not allowed or problem.layout != "dense":
        return None
    n_samples, n_features = problem.X.shape
    if n_features > _GRAM_SWITCH_MAX_FEATURES:
        return None
    ratio = -(-n_features // max(n_samples, 1))
    return max(_GRAM_SWITCH_MIN_EPOCHS, n_features // 2) * ratio**2


class SolveDriver:
    """Runs a problem's solves (its targets, a path's alphas) with the switch
    to the Gram matrix.

    Every solve on ``X`` gets at most ``switch_after`` epochs (see
    :func:`gram_switch_budget`; None: no switch); one that stalls there
    continues from where it stopped on the Gram matrix, formed once, and the
    solves after it start there.

    Parameters
    ----------
    problem : EnetProblem
        Prepared data.
    max_iter : int
        Epochs allowed per solve.
    tol : float
        scikit-learn's ``tol``.
    solver : {"cd", "fista"}
        The kernel family.
    switch_after : int or None
        The switch budget.
    """

    def __init__(self, problem, *, max_iter, tol, solver, switch_after):
        self.problem = problem
        self.max_iter = max_iter
        self.tol = tol
        self.solver = solver
        self.switch_after = switch_after
        self.gram = None

    def solve(self, k, w, pen, *, random=False, seed=1):
        """Solve target ``k`` with penalty ``pen``, from ``w`` (updated in place).

        Returns ``(gap, tol_gap, n_iter)`` as :func:`solve_enet_target` does,
        the epochs on both layouts counted together.
        """
        run = dict(tol=self.tol, random=random, seed=seed, solver=self.solver)
        if self.gram is not None:
            return solve_enet_target(self.gram, k, w, pen, max_iter=self.max_iter, **run)
        budget = self.max_iter if self.switch_after is None else min(self.max_iter, self.switch_after)
        gap, tol_gap, n_iter = solve_enet_target(self.problem, k, w, pen, max_iter=budget, **run)
        if budget <= n_iter < self.max_iter:
            # A hard problem (not converged, or not settled, within the
            # budget): continue from w on the Gram matrix.
            self.gram = gram_of_dense(self.problem)
            gap, tol_gap, more = solve_enet_target(
                self.gram, k, w, pen, max_iter=self.max_iter - n_iter, resumed=True, **run
            )
            n_iter += more
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
    pen : Penalty
        ``l1, l2, lo, hi``, ndarrays of shape (n_features,), float64.
    """
    scale = n_samples * alpha
    rows = np.empty((4, n_features))  # one allocation for the four
    rows[0] = scale * l1_ratio
    rows[1] = scale * (1.0 - l1_ratio)
    rows[2] = 0.0 if positive else -np.inf
    rows[3] = np.inf
    return Penalty(*rows)


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
