"""Active-set Newton phases of the Gram kernel, on very collinear data.

Spectra-like columns (smooth curves sampled at neighbouring wavelengths) make
coordinate descent need tens of thousands of epochs at small alpha; the Gram
kernel's Newton phases must reach the optimum in a few hundred, with the same
answer as scikit-learn run to a tight tolerance, and a gap certified by the
independent computation of ``test_certificates``.
"""

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet as SkElasticNet
from test_certificates import duality_gap, objective

from skreg import ElasticNet
from skreg._kernels.newton import newton_phase
from skreg._kernels.penalty import Penalty


def _spectra(seed, n_samples=150, n_features=60):
    """Rows are sums of three Gaussian bumps: neighbouring columns correlate."""
    rng = np.random.default_rng(seed)
    grid = np.linspace(0.0, 1.0, n_features)
    centres = np.array([0.25, 0.5, 0.8])
    amplitudes = rng.uniform(0.5, 2.0, size=(n_samples, 3))
    shifts = rng.normal(scale=0.02, size=(n_samples, 3))
    X = np.zeros((n_samples, n_features))
    for k in range(3):
        X += amplitudes[:, [k]] * np.exp(-((grid - centres[k] - shifts[:, [k]]) ** 2) / 0.01)
    X += 1e-3 * rng.normal(size=X.shape)
    y = 3.0 * amplitudes[:, 0] - 2.0 * amplitudes[:, 2] + 0.1 * rng.normal(size=n_samples)
    return X, y


def _alpha_max(X, y, l1_ratio):
    return np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / (len(y) * l1_ratio)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("l1_ratio", [1.0, 0.7])
@pytest.mark.parametrize("positive", [False, True])
def test_collinear_fits_converge_in_few_epochs_and_match_sklearn(seed, l1_ratio, positive):
    X, y = _spectra(seed)
    alpha = _alpha_max(X, y, l1_ratio) / 100
    params = dict(alpha=alpha, l1_ratio=l1_ratio, positive=positive, tol=1e-12)
    ours = ElasticNet(precompute=True, max_iter=5000, **params).fit(X, y)
    # Coordinate descent alone needs far more than 5000 epochs here.
    reference = SkElasticNet(precompute=True, max_iter=1_000_000, **params).fit(X, y)
    assert ours.n_iter_ < 2000
    s = np.ones(len(y))
    a1, a2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
    gap = duality_gap(X, y, s, ours.coef_, ours.intercept_, a1, a2, positive)
    scale = objective(X, y, s, np.zeros(X.shape[1]), y.mean(), a1, a2)
    assert gap <= 1e-10 * scale
    # No worse than scikit-learn's answer, which has no certificate this tight.
    ours_value = objective(X, y, s, ours.coef_, ours.intercept_, a1, a2)
    ref_value = objective(X, y, s, reference.coef_, reference.intercept_, a1, a2)
    assert ours_value <= ref_value + 1e-10 * scale
    if positive:
        assert np.all(ours.coef_ >= 0)


def test_newton_phase_alone_satisfies_the_optimality_conditions():
    """From zero, the phase adds and removes features until none violates KKT."""
    X, y = _spectra(7)
    Xc, yc = X - X.mean(0), y - y.mean()
    G, Xy = Xc.T @ Xc, Xc.T @ yc
    n_features = X.shape[1]
    l1 = np.full(n_features, 0.01 * np.max(np.abs(Xy)))
    l2 = np.zeros(n_features)
    lo, hi = np.full(n_features, -np.inf), np.full(n_features, np.inf)
    w, h = np.zeros(n_features), np.zeros(n_features)
    excluded = np.zeros(n_features, dtype=bool)
    steps, converged = newton_phase(G, Xy, w, h, Penalty(l1, l2, lo, hi), excluded, 1000)
    assert converged and 0 < steps < 1000
    np.testing.assert_allclose(h, G @ w, rtol=1e-9, atol=1e-9 * np.abs(Xy).max())
    corr = Xy - G @ w
    support = w != 0
    assert support.any()
    np.testing.assert_allclose(corr[support], l1[support] * np.sign(w[support]), rtol=1e-7)
    assert np.all(np.abs(corr[~support]) <= l1[~support] * (1 + 1e-9))


@pytest.mark.parametrize("l1_ratio", [0.0, 0.01, 0.5])
def test_dense_supports_join_in_batches_and_match_sklearn(l1_ratio):
    """Small L1 weights: most features join; batches keep the steps few."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(600, 120))
    X[:, 1:] = 0.7 * X[:, :-1] + 0.3 * X[:, 1:]
    y = X @ rng.normal(size=120) + rng.normal(size=600)
    params = dict(alpha=0.01, l1_ratio=l1_ratio, tol=1e-12)
    ours = ElasticNet(precompute=True, max_iter=20_000, **params).fit(X, y)
    reference = SkElasticNet(precompute=True, max_iter=1_000_000, **params).fit(X, y)
    s = np.ones(len(y))
    a1, a2 = 0.01 * l1_ratio, 0.01 * (1 - l1_ratio)
    scale = objective(X, y, s, np.zeros(120), y.mean(), a1, a2)
    assert duality_gap(X, y, s, ours.coef_, ours.intercept_, a1, a2, False) <= 1e-10 * scale
    np.testing.assert_allclose(ours.coef_, reference.coef_, rtol=1e-5, atol=1e-7)
    # One feature per step would take more than the 120 features' worth.
    assert ours.n_iter_ < 120
