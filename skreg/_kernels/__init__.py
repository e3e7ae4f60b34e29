"""Numba kernels: numpy and numba only, never scikit-learn.

``enet_math`` holds what every kernel shares (the one-dimensional update, the
duality gap, column products); ``cd`` holds coordinate descent with working
sets for dense, sparse and Gram data; ``fista`` proximal gradient. Every
function here is cached by numba under one stamp of all these files
(:mod:`._cache`), so that a kernel is never loaded from the disk cache with
a stale compiled copy of a helper from another file.
"""

from ._cache import install as _install_cache_stamp

_install_cache_stamp()
