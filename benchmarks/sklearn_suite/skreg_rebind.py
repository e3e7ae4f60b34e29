"""pytest plugin: scikit-learn's own tests with its names bound to skreg's.

Loaded with ``-p skreg_rebind`` before any test module is imported, it
replaces every public name of skreg (``Lasso``, ``RidgeCV``, ``lasso_path``,
``StandardScaler``, ...) in ``sklearn.linear_model`` and
``sklearn.preprocessing`` by skreg's, so that the
test files' ``from sklearn.linear_model import Lasso`` receive skreg's class.
Private helpers the tests import (``_cd_fast``, ``_solve_cholesky``, ...)
stay scikit-learn's.

A test is *relevant* to a name when, while it runs, code outside skreg
constructs that class or calls that function; the plugin records which names
each test touched and its outcome, and writes them as JSON to the file named
by ``SKREG_REBIND_REPORT``.
"""

import functools
import json
import os
import sys

import sklearn.linear_model
import sklearn.preprocessing

import skreg

# Every public name of skreg takes the place of scikit-learn's namesake.
_PREPROCESSING = {"StandardScaler"}
REBOUND = {
    "sklearn.linear_model": [
        name for name in skreg.__all__ if name not in _PREPROCESSING | {"__version__"}
    ],
    "sklearn.preprocessing": sorted(_PREPROCESSING),
}

_touched = set()


def _called_from_outside_skreg():
    caller = sys._getframe(2).f_globals.get("__name__", "")
    return not (caller == "skreg" or caller.startswith("skreg."))


def _recording(function, name):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        if _called_from_outside_skreg():
            _touched.add(name)
        return function(*args, **kwargs)

    return wrapper


def _recording_init(init):
    @functools.wraps(init)
    def wrapper(self, *args, **kwargs):
        if _called_from_outside_skreg():
            _touched.add(type(self).__name__)
        return init(self, *args, **kwargs)

    return wrapper


def _rebind():
    modules = {"sklearn.linear_model": sklearn.linear_model,
               "sklearn.preprocessing": sklearn.preprocessing}
    for module_name, names in REBOUND.items():
        module = modules[module_name]
        for name in names:
            obj = getattr(skreg, name)
            if isinstance(obj, type):
                # The class records itself when constructed (the wrapper keeps
                # the signature visible through __wrapped__, which is what
                # get_params inspects).
                obj.__init__ = _recording_init(obj.__init__)
                setattr(module, name, obj)
            else:
                setattr(module, name, _recording(obj, name))


_rebind()
_results = {}


def pytest_runtest_setup(item):
    _touched.clear()


def pytest_runtest_logreport(report):
    entry = _results.setdefault(report.nodeid, {"outcome": "passed", "names": []})
    if report.when == "call" or report.outcome != "passed":
        outcome = report.outcome
        if hasattr(report, "wasxfail"):
            outcome = "xfailed" if report.outcome == "skipped" else "xpassed"
        if entry["outcome"] in ("passed",) or outcome == "failed":
            entry["outcome"] = outcome
        if report.outcome == "failed":
            entry["message"] = str(report.longrepr)[-1500:]
    if report.when == "teardown":
        entry["names"] = sorted(_touched)


def pytest_sessionfinish(session):
    path = os.environ.get("SKREG_REBIND_REPORT")
    if path:
        # Under pytest-xdist every worker writes its own file.
        path += os.environ.get("PYTEST_XDIST_WORKER", "")
        with open(path, "w") as handle:
            json.dump(_results, handle, indent=1)
