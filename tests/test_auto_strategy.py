"""precompute='auto' (the default) may run on the Gram matrix: same answers."""

import numpy as np
import pytest
from test_certificates import duality_gap

import skreg.linear_model._coordinate_descent as cd_module
from skreg import ElasticNet, Lasso


def _collinear(n_samples, n_features, seed=0):
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n_samples, 3))
    X = base @ rng.normal(size=(3, n_features)) + 1e-3 * rng.normal(size=(n_samples, n_features))
    y = X[:, 0] - 2 * X[:, 1] + 0.1 * rng.normal(size=n_samples)
    return X + 5.0, y


def _count_gram_switches(monkeypatch):
    calls = []
    original = cd_module.gram_of_dense

    def counting(problem):
        calls.append(problem.X.shape)
        return original(problem)

    monkeypatch.setattr(cd_module, "gram_of_dense", counting)
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
    assert prepared == ["gram", "dense"]
    np.testing.assert_allclose(auto.coef_, plain.coef_, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(auto.intercept_, plain.intercept_, rtol=1e-8)
