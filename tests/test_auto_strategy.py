"""precompute='auto' (the default) may run on the Gram matrix: same answers."""

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from test_certificates import duality_gap

import skreg.linear_model._coordinate_descent as cd_module
import skreg.linear_model._enet_problem as enet_problem
from skreg import ElasticNet, Lasso


def _collinear(n_samples, n_features, seed=0):
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n_samples, 3))
    X = base @ rng.normal(size=(3, n_features)) + 1e-3 * rng.normal(size=(n_samples, n_features))
    y = X[:, 0] - 2 * X[:, 1] + 0.1 * rng.normal(size=n_samples)
    return X + 5.0, y


def _count_gram_switches(monkeypatch):
    calls = []
    original = enet_problem.gram_of_dense

    def counting(problem):
        calls.append(problem.X.shape)
        return original(problem)

    monkeypatch.setattr(enet_problem, "gram_of_dense", counting)
    return calls


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("estimator", [Lasso(alpha=1e-4), ElasticNet(alpha=1e-4, l1_ratio=0.7)])
def test_hard_problem_moves_to_the_gram_matrix_and_agrees(monkeypatch, weighted, estimator):
    calls = _count_gram_switches(monkeypatch)
    X, y = _collinear(120, 40)
    s = np.random.default_rng(1).uniform(0.5, 2.0, 120) if weighted else None
    X_before = X.copy()
    params = dict(tol=1e-10, max_iter=200_000)
    auto = estimator.set_params(**params).fit(X, y, sample_weight=s)
    assert calls, "the collinear problem should outlast the epoch budget on X"
    plain = estimator.__class__(**{**auto.get_params(), "precompute": False})
    plain.fit(X, y, sample_weight=s)
    np.testing.assert_array_equal(X, X_before)
    w = np.ones(120) if s is None else s * 120 / s.sum()
    a1 = auto.alpha * auto.l1_ratio
    a2 = auto.alpha * (1 - auto.l1_ratio)
    for model in (auto, plain):
        gap = duality_gap(X, y, w, model.coef_, model.intercept_, a1, a2, False)
        assert gap <= 1e-10 * np.average((y - np.average(y, weights=w)) ** 2, weights=w) + 1e-15
    np.testing.assert_allclose(auto.predict(X), plain.predict(X), rtol=0, atol=1e-4)


def test_paths_move_to_the_gram_matrix_as_single_fits_do(monkeypatch):
    """A path on collinear data whose small alphas outlast the epoch budget on
    X continues on the Gram matrix (formed once; the later alphas start
    there) and certifies every alpha, where the path kept on X stalls."""
    from skreg import lasso_path

    calls = _count_gram_switches(monkeypatch)
    X, y = _collinear(120, 150)  # more features than samples: X from the start
    yc = y - y.mean()
    params = dict(alphas=np.geomspace(1e-1, 1e-5, 8), tol=1e-10, max_iter=20_000)
    _, auto, auto_gaps = lasso_path(X, yc, **params)
    assert len(calls) == 1, "the path should switch once, at its first stalled alpha"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, plain, plain_gaps = lasso_path(X, yc, precompute=False, **params)
    assert len(calls) == 1
    tol_gap = 1e-10 * np.mean(yc**2)
    assert np.all(auto_gaps <= tol_gap)
    assert plain_gaps[-1] > tol_gap  # coordinate descent on X alone stalls
    settled = plain_gaps <= tol_gap
    np.testing.assert_allclose(
        X @ auto[:, settled], X @ plain[:, settled], rtol=0, atol=1e-4 * np.abs(yc).max()
    )


@pytest.mark.parametrize("weighted", [False, True])
def test_wide_collinear_problem_moves_to_the_gram_matrix(monkeypatch, weighted):
    """More features than samples: coordinate descent on X stalls, the switch finishes."""
    from test_active_set_newton import _spectra

    calls = _count_gram_switches(monkeypatch)
    X, y = _spectra(3, n_samples=40, n_features=100)
    s = np.random.default_rng(1).uniform(0.5, 2.0, 40) if weighted else None
    alpha = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / 40 / 100
    params = dict(alpha=alpha, tol=1e-8, max_iter=100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # converged: no ConvergenceWarning
        auto = Lasso(**params).fit(X, y, sample_weight=s)
    assert calls == [X.shape]
    w = np.ones(40) if s is None else s * 40 / s.sum()
    gap = duality_gap(X, y, w, auto.coef_, auto.intercept_, alpha, 0.0, False)
    assert gap <= 1e-8 * np.average((y - np.average(y, weights=w)) ** 2, weights=w)
    # 450 epochs on X (the budget), then a few dozen on the Gram matrix: an
    # upper bound with room for rounding. On X alone the same fit takes
    # thousands (1700 and 7900 here), a count that moves by thousands with
    # the last bits of rounding on so collinear a problem: only more than
    # the switched fit's is asserted, and that it is certified as well.
    plain = Lasso(precompute=False, **params).fit(X, y, sample_weight=s)
    assert auto.n_iter_ < 600 and plain.n_iter_ > auto.n_iter_
    gap = duality_gap(X, y, w, plain.coef_, plain.intercept_, alpha, 0.0, False)
    assert gap <= 1e-8 * np.average((y - np.average(y, weights=w)) ** 2, weights=w)


def test_easy_problem_stays_on_X_and_tall_data_starts_on_the_gram_matrix(monkeypatch):
    calls = _count_gram_switches(monkeypatch)
    rng = np.random.default_rng(2)
    X = rng.normal(size=(300, 10))
    y = X @ rng.normal(size=10) + rng.normal(size=300)
    Lasso(alpha=0.1).fit(X, y)
    assert not calls
    tall = rng.normal(size=(6000, 8))
    y_tall = tall @ rng.normal(size=8) + rng.normal(size=6000)
    prepared = []
    original = cd_module.prepare_enet_problem

    def recording(*args, **kwargs):
        problem = original(*args, **kwargs)
        prepared.append(problem.layout)
        return problem

    monkeypatch.setattr(cd_module, "prepare_enet_problem", recording)
    auto = Lasso(alpha=0.01, tol=1e-10).fit(tall, y_tall)
    plain = Lasso(alpha=0.01, tol=1e-10, precompute=False).fit(tall, y_tall)
    # The tall fit prepared the Gram matrix; the plain one ran on X.
    assert prepared == ["gram", "dense"]
    np.testing.assert_allclose(auto.coef_, plain.coef_, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(auto.intercept_, plain.intercept_, rtol=1e-8)


@pytest.mark.parametrize(
    "layout", ["small means", "large means", "small first block only", "float32", "no intercept"]
)
def test_centred_gram_matrix_matches_the_two_pass_computation(layout, monkeypatch):
    """Unshifted blocks (no copy) where the means are small, shifted otherwise."""
    from skreg.linear_model import _gram

    retries = []
    original = _gram.centred_gram_dense

    def spy(*args, **kwargs):
        retries.append(kwargs.get("always_shift", False))
        return original(*args, **kwargs)

    monkeypatch.setattr(_gram, "centred_gram_dense", spy)
    rng = np.random.default_rng(11)
    n_features = 300  # blocks of 873 rows: three and a half blocks
    X = rng.normal(size=(3000, n_features)) * rng.uniform(0.5, 3.0, n_features)
    Y = rng.normal(size=(3000, 2))
    fit_intercept = layout != "no intercept"
    if layout == "large means":
        X += 1e6
    elif layout == "small first block only":
        # The first block looks centred, the whole is not: mean/spread is
        # 0.7 overall, above a threshold lowered to 0.5 for the test.
        X[2000:] += 1e6
        monkeypatch.setattr(_gram, "_SMALL_MEAN", 0.5)
    elif layout == "float32":
        X = X.astype(np.float32)
    gram, Xy, X_offset, y_offset = spy(
        np.asfortranarray(X), Y.astype(X.dtype), None, fit_intercept
    )
    assert retries == ([False, True] if layout == "small first block only" else [False])
    X64 = X.astype(np.float64)
    mean = X64.mean(axis=0) if fit_intercept else np.zeros(n_features)
    Xc = X64 - mean
    Yc = Y - (Y.mean(axis=0) if fit_intercept else 0.0)
    rtol = 1e-5 if layout == "float32" else 1e-10
    np.testing.assert_allclose(X_offset, mean, rtol=rtol, atol=rtol * X64.std(axis=0).max())
    np.testing.assert_allclose(gram, Xc.T @ Xc, rtol=rtol, atol=rtol * np.abs(Xc.T @ Xc).max())
    np.testing.assert_allclose(Xy, Xc.T @ Yc, rtol=rtol, atol=rtol * np.abs(Xc.T @ Yc).max())


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_tall_data_with_non_finite_values_raises_what_sklearn_raises(bad):
    """On tall data the Gram matrix, not a separate pass, finds the bad value."""
    from sklearn.linear_model import Lasso as SkLasso

    rng = np.random.default_rng(5)
    X = rng.normal(size=(6000, 8))
    y = rng.normal(size=6000)
    X[4321, 5] = bad
    with pytest.raises(ValueError) as expected:
        SkLasso().fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no numpy noise first
        with pytest.raises(ValueError) as got:
            Lasso().fit(X, y)
    assert str(got.value) == str(expected.value)
