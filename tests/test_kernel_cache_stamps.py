"""numba's disk cache must never pair a kernel with a stale shared helper.

numba keys a cached function on its own source file only. Kernel modules
import their shared mathematics from ``enet_math.py`` and record its SHA-1;
when the file changes, the record must be updated, which edits the kernel
module and so invalidates its cache.
"""

import hashlib
import importlib
import pathlib

import pytest

import skreg._kernels.enet_math as enet_math

KERNEL_MODULES = ["skreg._kernels.cd", "skreg._kernels.fista"]


@pytest.mark.parametrize("name", KERNEL_MODULES)
def test_kernel_module_records_the_current_shared_math(name):
    current = hashlib.sha1(pathlib.Path(enet_math.__file__).read_bytes()).hexdigest()
    module = importlib.import_module(name)
    assert module.ENET_MATH_SHA1 == current, (
        f"enet_math.py changed: set ENET_MATH_SHA1 = {current!r} in {name} so that "
        "numba recompiles its kernels instead of loading them from a stale cache"
    )


def test_every_module_importing_the_shared_math_is_listed():
    kernels = pathlib.Path(enet_math.__file__).parent
    importers = {
        f"skreg._kernels.{path.stem}"
        for path in kernels.glob("*.py")
        if "from .enet_math import" in path.read_text()
    }
    assert importers == set(KERNEL_MODULES)
