"""Reuse of a Gram-matrix problem across warm-started fits on unchanged data.

A warm-started loop over alphas (``set_params(alpha=a).fit(X, y)``) on tall
data forms the same Gram matrix in every fit, which costs several passes
over ``X``. The data cannot be assumed unchanged between calls (numpy
arrays can be edited in place), so each fit reads ``X`` once to recognise
it: the product ``X^T v`` with fixed positive pseudo-random weights ``v``,
one matrix-vector product, against the several that forming the Gram
matrix costs. Equal products, equal targets (compared exactly) and equal
settings mean the data are the ones the cached problem was built from; an
edit of ``X`` escapes the check only if it leaves every weighted column sum
unchanged, which an edit not built for the purpose does not, or below the
rounding of those sums, where it changes the Gram matrix no more than its
own rounding does. A NaN or infinite entry makes its column's sum
non-finite, so a matching product also proves ``X`` finite.
"""

from dataclasses import dataclass

import numpy as np

_WEIGHTS_SEED = 20261203


@dataclass
class GramReuse:
    """A prepared Gram problem and what identifies the data it came from.

    Attributes
    ----------
    problem : EnetProblem
        The Gram-layout problem (no reference to ``X``).
    fit_intercept : bool
        The setting it was centred with.
    weights : ndarray of shape (n_samples,)
        The fixed weights ``v`` of the check.
    column_sums : ndarray of shape (n_features,)
        ``X^T v`` for the ``X`` the problem came from.
    Y : ndarray of shape (n_samples, n_targets)
        A copy of the target it came from.
    """

    problem: object
    fit_intercept: bool
    weights: np.ndarray
    column_sums: np.ndarray
    Y: np.ndarray


def reusable_data(X, sample_weight):
    """Whether fits on ``X`` may reuse a cached Gram problem.

    Unweighted float64 ndarrays only: float32 sums are too coarse to
    recognise the data by.
    """
    return sample_weight is None and type(X) is np.ndarray and X.dtype == np.float64


def check_weights(n_samples, previous=None):
    """The weights ``v``: the previous entry's when the length matches."""
    if previous is not None and previous.weights.shape[0] == n_samples:
        return previous.weights
    # Positive, so that no column's entries can cancel in the check.
    return np.random.default_rng(_WEIGHTS_SEED).uniform(0.5, 1.5, n_samples)


def weighted_column_sums(X, weights):
    """``X^T v``: one read of ``X`` (non-finite where a column is)."""
    with np.errstate(all="ignore"):
        return X.T @ weights


def find_reusable(previous, column_sums, Y, fit_intercept):
    """The cached problem if it was built from these data, else None."""
    if (
        previous is None
        or previous.fit_intercept != fit_intercept
        or previous.column_sums.shape != column_sums.shape
        or previous.Y.shape != Y.shape
        or previous.Y.dtype != Y.dtype
    ):
        return None
    if not (
        np.isfinite(column_sums).all()
        and np.array_equal(previous.column_sums, column_sums)
        and np.array_equal(previous.Y, Y)
    ):
        return None
    return previous.problem
