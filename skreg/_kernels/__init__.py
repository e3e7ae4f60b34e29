"""Numba kernels: numpy and numba only, never scikit-learn.

One job per file, along three axes: the penalty (:mod:`.penalty`), the
datafit (:mod:`.squared_loss`, its duality gap) and the layout (column
operations in :mod:`.dense_columns` and :mod:`.sparse_columns`; one
coordinate-descent kernel per layout in :mod:`.cd_dense`, :mod:`.cd_sparse`
and :mod:`.cd_gram`, with :mod:`.newton`). :mod:`.working_set` and
:mod:`.extrapolation` serve every solver, :mod:`.fista` is proximal gradient
for every layout, :mod:`.workspace` the scratch space. Every function here
is cached by numba under one stamp of all these files (:mod:`._cache`), so
that a kernel is never loaded from the disk cache with a stale compiled copy
of a helper from another file.
"""

from ._cache import install as _install_cache_stamp

_install_cache_stamp()
