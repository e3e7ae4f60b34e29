"""Awkward input, threads and the numba cache: fail as scikit-learn fails, never
in a new way, and never return a result that is not certified or finite."""

import os
import subprocess
import sys
import threading
import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from joblib import parallel_backend
from sklearn.linear_model import ElasticNet as SkElasticNet
from sklearn.model_selection import GridSearchCV
from sklearn.preprocessing import StandardScaler as SkStandardScaler

from skreg import ElasticNet, Lasso, StandardScaler


def _base(seed=0, n=30, p=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    return X, X[:, 0] + 0.1 * rng.normal(size=n)


def _read_only(X):
    X = X.copy()
    X.setflags(write=False)
    return X


X0, Y0 = _base()
AWKWARD = {
    "one sample": lambda: (X0[:1], Y0[:1]),
    "values near 1e150": lambda: (X0 * 1e150, Y0 * 1e150),
    "values near 1e-150": lambda: (X0 * 1e-150, Y0 * 1e-150),
    "duplicated columns": lambda: (np.c_[X0, X0[:, :2]], Y0),
    "read-only X and y": lambda: (_read_only(X0), _read_only(Y0)),
    "strided X": lambda: (np.asfortranarray(np.c_[X0, X0])[:, ::2], Y0),
    "integer X": lambda: ((X0 * 10).astype(np.int64), Y0),
    "float16 X": lambda: (X0.astype(np.float16), Y0),
    "constant X": lambda: (np.ones_like(X0), Y0),
    "constant y": lambda: (X0, np.ones_like(Y0)),
    "sparse, no stored entries": lambda: (sp.csc_matrix(X0.shape), Y0),
}


def _outcome(make, X, y, **params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return make(**params).fit(X, y)
        except Exception as exc:  # noqa: BLE001 - the type is compared
            return exc


@pytest.mark.parametrize("name", sorted(AWKWARD))
@pytest.mark.parametrize("alpha", [1e-2, 1e12])
@pytest.mark.parametrize("solver", ["cd", "fista"])
def test_awkward_input_is_answered_as_sklearn_answers_it(name, alpha, solver):
    X, y = AWKWARD[name]()
    before = (X.copy(), y.copy())
    ref = _outcome(SkElasticNet, X, y, alpha=alpha, l1_ratio=0.7)
    ours = _outcome(ElasticNet, X, y, alpha=alpha, l1_ratio=0.7, solver=solver)
    if isinstance(ref, Exception):
        assert isinstance(ours, type(ref)), (ours, ref)
        return
    assert not isinstance(ours, Exception), ours
    assert np.all(np.isfinite(ours.coef_)) and np.isfinite(ours.intercept_)
    assert ours.coef_.shape == ref.coef_.shape
    Xd = X.toarray() if sp.issparse(X) else np.asarray(X, dtype=np.float64)
    for data, original in zip((Xd, y), (before[0], before[1])):
        original = original.toarray() if sp.issparse(original) else original
        np.testing.assert_array_equal(data, original)


@pytest.mark.parametrize("name", sorted(set(AWKWARD) - {"sparse, no stored entries"}))
def test_awkward_input_to_the_scaler(name):
    X, _ = AWKWARD[name]()
    ref = _outcome(lambda: SkStandardScaler(), X, None)
    ours = _outcome(StandardScaler, X, None)
    if isinstance(ref, Exception):
        assert isinstance(ours, type(ref))
        return
    out = ours.transform(X)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, ref.transform(X), rtol=1e-5, atol=1e-7)


def test_huge_alpha_and_zero_alpha_stay_finite():
    huge = Lasso(alpha=1e300).fit(X0, Y0)
    assert np.all(huge.coef_ == 0)
    with pytest.warns(UserWarning, match="alpha=0"):
        zero = Lasso(alpha=0.0, max_iter=20).fit(X0, Y0)
    assert np.all(np.isfinite(zero.coef_))


def test_fits_in_threads_are_bit_identical():
    X, y = _base(1, n=200, p=60)
    reference = Lasso(alpha=0.01, tol=1e-10).fit(X, y).coef_
    results = [None] * 4

    def work(k):
        results[k] = Lasso(alpha=0.01, tol=1e-10).fit(X, y).coef_

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for coef in results:
        np.testing.assert_array_equal(coef, reference)


def test_grid_search_with_the_threading_backend():
    X, y = _base(2, n=80, p=10)
    grid = {"alpha": [1.0, 0.1, 0.01, 0.001]}
    with parallel_backend("threading", n_jobs=2):
        threaded = GridSearchCV(Lasso(), grid, cv=3).fit(X, y)
    serial = GridSearchCV(Lasso(), grid, cv=3, n_jobs=1).fit(X, y)
    assert threaded.best_params_ == serial.best_params_
    np.testing.assert_array_equal(
        threaded.cv_results_["mean_test_score"], serial.cv_results_["mean_test_score"]
    )


# --- numba's disk cache, in fresh processes ----------------------------------

FIT_AND_PRINT = (
    "import numpy as np\n"
    "from skreg import Lasso\n"
    "rng = np.random.default_rng(0)\n"
    "X = rng.normal(size=(60, 12)); y = X[:, 0] - X[:, 1] + 0.1 * rng.normal(size=60)\n"
    "print(repr(Lasso(alpha=0.01, tol=1e-10).fit(X, y).coef_.tolist()))\n"
)


def _fit_in_subprocess(cache_dir):
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache_dir))
    return subprocess.Popen(
        [sys.executable, "-c", FIT_AND_PRINT], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _result(process):
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return out.strip()


@pytest.fixture(scope="module")
def expected_coef():
    # The same draws as the subprocess: one generator, X first, then the noise.
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 12))
    y = X[:, 0] - X[:, 1] + 0.1 * rng.normal(size=60)
    return repr(Lasso(alpha=0.01, tol=1e-10).fit(X, y).coef_.tolist())


def test_cold_cache_two_processes_at_once_then_warm(tmp_path, expected_coef):
    first, second = _fit_in_subprocess(tmp_path), _fit_in_subprocess(tmp_path)
    assert _result(first) == expected_coef
    assert _result(second) == expected_coef
    assert any(tmp_path.rglob("*.nbi")), "the kernels were not cached"
    assert _result(_fit_in_subprocess(tmp_path)) == expected_coef


def test_unwritable_cache_directory_still_gives_correct_results(tmp_path, expected_coef):
    # A directory below a regular file can never be created, even by root
    # (for whom permission bits would not stop a write).
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    assert _result(_fit_in_subprocess(blocker / "cache")) == expected_coef
