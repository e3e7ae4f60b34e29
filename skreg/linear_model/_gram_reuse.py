"""Reuse of a Gram-matrix problem across warm-started fits on unchanged data.

A warm-started loop over alphas (``set_params(alpha=a).fit(X, y)``) on tall
data forms the same Gram matrix in every fit, which costs several passes
over ``X``. The data cannot be assumed unchanged between calls (numpy
arrays can be edited in place), so each fit reads ``X`` once to recognise
it: a keyed hash of the bits of each column
(:func:`~skreg._kernels.fingerprint.column_fingerprints`), which sees any
edit except with probability at most ``2**-33``. Equal fingerprints, an
equal target (compared exactly) and equal settings mean the data are the
ones the cached problem was built from, and so are finite as they were.
"""

from dataclasses import dataclass

import numpy as np

from .._kernels.fingerprint import column_fingerprints

_KEYS_SEED = 20261203


@dataclass
class GramReuse:
    """A prepared Gram problem and what identifies the data it came from.

    Attributes
    ----------
    problem : EnetProblem
        The Gram-layout problem (no reference to ``X``).
    fit_intercept : bool
        The setting it was centred with.
    keys : ndarray of uint64
        The keys of the fingerprints.
    fingerprints : ndarray of shape (n_features,), uint64
        Those of the ``X`` the problem came from.
    Y : ndarray of shape (n_samples, n_targets)
        A copy of the target it came from.
    """

    problem: object
    fit_intercept: bool
    keys: np.ndarray
    fingerprints: np.ndarray
    Y: np.ndarray


def reusable_data(X, sample_weight):
    """Whether fits on ``X`` may reuse a cached Gram problem: an unweighted,
    Fortran-ordered float ndarray (whose columns are contiguous)."""
    return (
        sample_weight is None
        and type(X) is np.ndarray
        and X.dtype in (np.float64, np.float32)
        and X.flags.f_contiguous
    )


def fingerprint_columns(X, previous=None):
    """The fingerprints of ``X``'s columns, and the keys used (``previous``'s
    when they fit ``X``).

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Fortran-ordered float64 or float32 data.
    previous : GramReuse or None
        The cached entry, whose keys are reused when their length matches.

    Returns
    -------
    fingerprints : ndarray of shape (n_features,), uint64
    keys : ndarray of uint64
    """
    words = X.T.view(np.uint32)  # (n_features, words per column), C order
    n_words = words.shape[1]
    if previous is not None and previous.keys.shape[0] == n_words:
        keys = previous.keys
    else:
        keys = np.random.default_rng(_KEYS_SEED).integers(
            0, np.iinfo(np.uint64).max, n_words, dtype=np.uint64, endpoint=True
        )
    fingerprints = np.empty(X.shape[1], dtype=np.uint64)
    column_fingerprints(words, keys, fingerprints)
    return fingerprints, keys


def find_reusable(previous, fingerprints, X, Y, fit_intercept):
    """The cached problem if it was built from these data, else None."""
    if (
        previous is None
        or previous.fit_intercept != fit_intercept
        or previous.problem.gram.dtype != X.dtype
        or previous.fingerprints.shape != fingerprints.shape
        or previous.Y.shape != Y.shape
        or previous.Y.dtype != Y.dtype
    ):
        return None
    if np.array_equal(previous.fingerprints, fingerprints) and np.array_equal(previous.Y, Y):
        return previous.problem
    return None
