"""numba's disk cache never pairs a kernel with a stale helper from another file.

numba stamps a cached function with its own source file only; skreg stamps
every function of ``skreg._kernels`` with all of the package's files
(``skreg/_kernels/_cache.py``). The test copies the kernel package, adds a
caller and a helper in two files, and runs them in new processes sharing one
cache directory: unchanged, the caller is loaded from the cache; after the
helper's file is edited, the caller runs the new helper.
"""

import os
import pathlib
import shutil
import subprocess
import sys

import skreg._kernels

HELPER = """
from numba import njit

@njit(cache=True)
def probe_value():
    return {value}
"""

CALLER = """
from numba import njit
from ._probe_helper import probe_value

@njit(cache=True)
def probe():
    return probe_value() + 1.0
"""

RUN = """
from _kernels._probe_caller import probe
print(probe(), probe.stats.cache_hits.get(probe.signatures[0], 0))
"""


def _run(root, cache):
    env = dict(os.environ, PYTHONPATH=str(root), NUMBA_CACHE_DIR=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", RUN], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def test_editing_a_helper_file_recompiles_its_caller(tmp_path):
    package = tmp_path / "pkg" / "_kernels"
    source = pathlib.Path(skreg._kernels.__file__).parent
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "_probe_helper.py").write_text(HELPER.format(value=1.0))
    (package / "_probe_caller.py").write_text(CALLER)
    cache = tmp_path / "cache"

    assert _run(tmp_path / "pkg", cache) == (2.0, 0)  # compiled
    assert _run(tmp_path / "pkg", cache) == (2.0, 1)  # loaded from the cache
    (package / "_probe_helper.py").write_text(HELPER.format(value=5.0))
    assert _run(tmp_path / "pkg", cache) == (6.0, 0)  # recompiled, new helper


def test_the_stamp_covers_every_kernel_file():
    from skreg._kernels._cache import install, kernel_source_stamp

    assert install()  # numba's locator list was found
    assert len(kernel_source_stamp()) == 64
