"""The Examples sections of the public docstrings run and print what they show."""

import doctest
import importlib
import pkgutil

import pytest

import skreg

MODULES = [
    info.name
    for info in pkgutil.walk_packages(skreg.__path__, prefix="skreg.")
    # Kernels are numba only, without examples; __main__ runs the demo on import.
    if not info.name.startswith("skreg._kernels") and info.name != "skreg.__main__"
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
