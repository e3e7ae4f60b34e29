"""One source stamp for every kernel file in numba's disk cache.

numba keys each cached function on its own source file: a kernel whose
callee lives in another file (and is linked or inlined into it) would be
loaded from the cache after that callee's file changed, stale. Here every
function defined in this package is stamped with a hash of all the package's
``.py`` files, so that editing any kernel file recompiles every kernel at the
next call instead of pairing new code with old.

The stamp is a hook into numba's cache locators (``numba.core.caching``, not a
public API): a locator class placed first in numba's list claims the
functions of this package, lets numba's own locators choose where the cache
lives, and replaces only the stamp. If numba's internals move, the hook is
skipped and numba's per-file stamps apply (``tests/test_kernel_cache.py``
fails then, so that it is noticed).
"""

import functools
import hashlib
import os

from numba.core import caching

_KERNEL_DIR = os.path.dirname(os.path.abspath(__file__))


@functools.lru_cache(maxsize=None)
def kernel_source_stamp():
    """SHA-256 of every ``.py`` file of ``skreg._kernels``, in name order.

    Returns
    -------
    stamp : str
        Hex digest; any edit to any kernel file changes it.
    """
    digest = hashlib.sha256()
    for name in sorted(os.listdir(_KERNEL_DIR)):
        if name.endswith(".py"):
            digest.update(name.encode())
            with open(os.path.join(_KERNEL_DIR, name), "rb") as source:
                digest.update(hashlib.sha256(source.read()).digest())
    return digest.hexdigest()


class _PackageStampedLocator:
    """numba's usual locator for a kernel, with the package-wide stamp.

    Everything but ``get_source_stamp`` (where the cache lives, how files are
    named) is delegated to the locator numba would have chosen.
    """

    def __init__(self, locator):
        self._locator = locator

    def __getattr__(self, name):
        return getattr(self._locator, name)

    def get_source_stamp(self):
        return kernel_source_stamp()

    @classmethod
    def from_function(cls, py_func, py_file):
        if os.path.dirname(os.path.abspath(py_file)) != _KERNEL_DIR:
            return None
        for locator_class in _numba_locator_classes():
            if locator_class is cls:
                continue
            locator = locator_class.from_function(py_func, py_file)
            if locator is not None:
                return cls(locator)
        return None


def _impl_class():
    # The class that holds numba's locator list (renamed in numba 0.62).
    return getattr(caching, "CacheImpl", None) or getattr(caching, "_CacheImpl", None)


def _numba_locator_classes():
    impl = _impl_class()
    return list(getattr(impl, "_locator_classes", ()))


def install():
    """Put the package-stamped locator first in numba's list (once).

    Returns
    -------
    installed : bool
        Whether numba's list was found and the locator is in it.
    """
    impl = _impl_class()
    classes = getattr(impl, "_locator_classes", None)
    if not isinstance(classes, list):
        return False
    if _PackageStampedLocator not in classes:
        classes.insert(0, _PackageStampedLocator)
    return True
