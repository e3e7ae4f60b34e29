"""What the Python layer hands the coordinate-descent kernels besides the data.

Allocating here, in numpy, rather than inside the kernels keeps numba from
compiling its array constructors into every kernel (each costs compile time
at a first fit), and lets a path or a multi-output fit reuse one workspace
for all its solves.
"""

from collections import namedtuple

import numpy as np

from .extrapolation import ANDERSON_STEPS

Settings = namedtuple("Settings", ["max_iter", "tol_gap", "tol_rel", "random", "seed"])
Settings.__doc__ = """How a coordinate-descent solve runs and stops.

max_iter : int
    Maximum number of epochs, counted over all features (an epoch on a
    working set of ``k`` of ``p`` features counts ``k / p``).
tol_gap : float
    Stop when the duality gap of the full problem is at most this.
tol_rel : float
    ... and the last epoch's largest change is at most ``tol_rel`` times the
    largest coefficient.
random : bool
    Draw coordinates at random (with replacement) instead of cyclically.
seed : uint64
    Non-zero seed of the random draws.
"""

Workspace = namedtuple(
    "Workspace",
    ["features", "z", "scores", "scratch", "excluded", "ws", "order",
     "history", "w_acc", "small", "small_vecs", "vec", "vec_acc"],
)  # fmt: skip
Workspace.__doc__ = """Scratch arrays of one coordinate-descent solve (see :func:`new_workspace`)."""


def settings(max_iter, tol_gap, tol_rel, random, seed):
    """A :class:`Settings` with the types the kernels are compiled for."""
    return Settings(int(max_iter), float(tol_gap), float(tol_rel), bool(random), np.uint64(seed))


def new_workspace(n_features, vec_length):
    """Scratch space for a coordinate-descent kernel.

    Parameters
    ----------
    n_features : int
        Number of features.
    vec_length : int
        Length of the layout's state vector: the residual (``n_samples``) on
        ``X``, ``h = G w`` (``n_features``) on the Gram matrix.

    Returns
    -------
    work : Workspace
        ``features`` holds ``0, ..., n_features - 1``; everything else is
        overwritten by the kernels.
    """
    p = n_features
    return Workspace(
        features=np.arange(p, dtype=np.int64),
        z=np.empty(p),
        scores=np.empty(p),
        scratch=np.empty(p),
        excluded=np.zeros(p, dtype=np.bool_),
        ws=np.empty(p, dtype=np.int64),
        order=np.empty(p, dtype=np.int64),
        history=np.empty((ANDERSON_STEPS + 1, p)),
        w_acc=np.empty(p),
        small=np.empty((ANDERSON_STEPS, ANDERSON_STEPS)),
        small_vecs=np.empty((2, ANDERSON_STEPS)),
        vec=np.empty(vec_length),
        vec_acc=np.empty(vec_length),
    )
