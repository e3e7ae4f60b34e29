"""Reuse of a Gram-matrix problem across warm-started fits on unchanged data.

A warm-started loop over alphas (``set_params(alpha=a).fit(X, y)``) on tall
data forms the same Gram matrix in every fit, which costs several passes
over ``X``. The data cannot be assumed unchanged between calls (numpy
arrays can be edited in place), so each fit reads ``X`` once to recognise
it: a keyed hash of the bits of each column of ``X`` and of ``y``
(:func:`~skreg._kernels.fingerprint.column_fingerprints`), which sees any
edit except with probability at most ``2**-33``. Equal fingerprints and
equal settings mean the data are the ones the cached problem was built
from, and so are finite as they were. The cache keeps the Gram matrix and
vectors of ``n_features``, nothing of the length of ``X``'s columns.
"""

from dataclasses import dataclass, replace

import numpy as np

from .._kernels.fingerprint import column_fingerprints


@dataclass
class GramReuse:
    """A prepared Gram problem and what identifies the data it came from.

    Attributes
    ----------
    problem : EnetProblem
        The Gram-layout problem, without ``X``, ``Y`` and ``sample_weight``
        (the Gram kernels read none of them).
    fit_intercept : bool
        The setting it was centred with.
    seed : numpy.uint64
        The seed of the hash's keys (drawn at random for each entry).
    X_fingerprints, Y_fingerprints : ndarray of uint64
        Those of the data the problem came from, one per column.
    """

    problem: object
    fit_intercept: bool
    seed: np.uint64
    X_fingerprints: np.ndarray
    Y_fingerprints: np.ndarray


def reusable_data(X, sample_weight):
    """Whether fits on ``X`` may reuse a cached Gram problem: an unweighted,
    Fortran-ordered float ndarray (whose columns are contiguous)."""
    return (
        sample_weight is None
        and type(X) is np.ndarray
        and X.dtype in (np.float64, np.float32)
        and X.flags.f_contiguous
    )


def _fingerprints(A, seed):
    words = np.asfortranarray(A).T.view(np.uint32)  # a row of words per column
    out = np.empty(A.shape[1], dtype=np.uint64)
    column_fingerprints(words, seed, out)
    return out


def lookup(previous, X, Y, fit_intercept):
    """The cached problem if it was built from these data, and a new entry's
    identification of them.

    Parameters
    ----------
    previous : GramReuse or None
        The cached entry.
    X : ndarray of shape (n_samples, n_features)
        Fortran-ordered float data (see :func:`reusable_data`).
    Y : ndarray of shape (n_samples, n_targets)
        Target in ``X``'s dtype.
    fit_intercept : bool

    Returns
    -------
    problem : EnetProblem or None
        ``previous.problem`` when the data and settings match.
    entry : GramReuse
        The identification of these data, ``problem`` still unset (None),
        for :func:`remember`; the previous seed is kept.
    """
    if previous is None:
        seed = np.random.default_rng().integers(0, 2**63, dtype=np.uint64)
    else:
        seed = previous.seed
    entry = GramReuse(None, fit_intercept, seed, _fingerprints(X, seed), _fingerprints(Y, seed))
    same = (
        previous is not None
        and previous.fit_intercept == fit_intercept
        and previous.problem.gram.dtype == X.dtype
        and np.array_equal(previous.X_fingerprints, entry.X_fingerprints)
        and np.array_equal(previous.Y_fingerprints, entry.Y_fingerprints)
    )
    return (previous.problem if same else None), entry


def remember(entry, problem):
    """``entry`` holding ``problem`` without its sample-sized arrays; returns
    the slimmed problem, to be used for the fit as well."""
    entry.problem = replace(problem, X=None, Y=None, sample_weight=None)
    return entry.problem
