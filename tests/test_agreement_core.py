"""skreg against scikit-learn's Lasso and ElasticNet on many random problems.

Each problem draws its layout (dense, CSR, CSC), intercept, sign constraint,
sample weights, dtype, target shape, shape (n > p or n < p), penalty mix and
solver options from one seed. Both estimators run at a tight tolerance and
skreg's objective, evaluated here in float64, must never be worse than
scikit-learn's by more than 1e-7 relative (1e-4 in float32).
"""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet as SkElasticNet

from skreg import ElasticNet

N_PROBLEMS = 72


def _draw_problem(seed):
    rng = np.random.default_rng(seed)
    n, p = [(40, 15), (20, 50), (30, 120)][seed % 3]
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 3.0, p) + rng.normal(size=p)
    X[rng.random((n, p)) < 0.5] = 0.0
    n_targets = 2 if rng.random() < 0.25 else None
    coef = rng.normal(size=(4, n_targets or 1))
    y = X[:, :4] @ coef + rng.normal(size=(n, n_targets or 1))
    y = y if n_targets else y.ravel()
    weights = rng.uniform(0.0, 2.0, n) if rng.random() < 0.4 else None
    case = {
        "layout": ["dense", "csr", "csc"][rng.integers(3)],
        "dtype": np.float32 if rng.random() < 0.3 else np.float64,
        "fit_intercept": bool(rng.random() < 0.75),
        "positive": bool(rng.random() < 0.3),
        "l1_ratio": [1.0, 0.7, 0.2][rng.integers(3)],
        "alpha_div": [3.0, 10.0, 50.0][rng.integers(3)],
        "precompute": bool(rng.random() < 0.2),
        "selection": "random" if rng.random() < 0.2 else "cyclic",
    }
    return X, y, weights, case


def _alpha_max(X, y, weights, fit_intercept, l1_ratio):
    s = np.ones(len(X)) if weights is None else weights
    Xc = X - np.average(X, axis=0, weights=s) if fit_intercept else X
    yc = y - np.average(y, axis=0, weights=s) if fit_intercept else y
    corr = Xc.T @ (s[:, None] * yc.reshape(len(y), -1))
    return np.max(np.abs(corr)) / (s.sum() * l1_ratio)


def _objective(X, y, coef, intercept, alpha, l1_ratio, weights):
    """scikit-learn's objective in float64, summed over targets."""
    s = np.ones(len(X)) if weights is None else weights
    coef = np.atleast_2d(np.asarray(coef, dtype=np.float64))
    resid = y.reshape(len(y), -1) - X @ coef.T - np.asarray(intercept, dtype=np.float64)
    loss = 0.5 * np.sum(s[:, None] * resid**2) / s.sum()
    return (
        loss
        + alpha * l1_ratio * np.abs(coef).sum()
        + 0.5 * alpha * (1 - l1_ratio) * np.sum(coef**2)
    )


@pytest.mark.parametrize("seed", range(N_PROBLEMS))
def test_objective_never_worse_than_sklearn(seed):
    X, y, weights, case = _draw_problem(seed)
    dtype = case["dtype"]
    alpha = _alpha_max(X, y, weights, case["fit_intercept"], case["l1_ratio"]) / case["alpha_div"]
    Xt = X.astype(dtype)
    Xfit = {"csr": sp.csr_matrix, "csc": sp.csc_matrix}.get(case["layout"], np.asarray)(Xt)
    common = dict(
        alpha=alpha,
        l1_ratio=case["l1_ratio"],
        fit_intercept=case["fit_intercept"],
        positive=case["positive"],
        tol=1e-6 if dtype == np.float32 else 1e-12,
        max_iter=100_000,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ref = SkElasticNet(**common).fit(Xfit, y.astype(dtype), sample_weight=weights)
    ours = ElasticNet(
        **common, precompute=case["precompute"], selection=case["selection"], random_state=seed
    ).fit(Xfit, y.astype(dtype), sample_weight=weights)

    assert ours.coef_.shape == ref.coef_.shape
    assert np.shape(ours.intercept_) == np.shape(ref.intercept_)
    assert ours.coef_.dtype == dtype
    assert ours.predict(Xfit).shape == ref.predict(Xfit).shape
    ours_obj = _objective(X, y, ours.coef_, ours.intercept_, alpha, case["l1_ratio"], weights)
    ref_obj = _objective(X, y, ref.coef_, ref.intercept_, alpha, case["l1_ratio"], weights)
    rel = 1e-4 if dtype == np.float32 else 1e-7
    assert ours_obj <= ref_obj + rel * abs(ref_obj), case
    if case["positive"]:
        assert np.all(ours.coef_ >= 0)


def test_the_draws_cover_every_combination_asked():
    cases = [_draw_problem(seed) for seed in range(N_PROBLEMS)]
    seen = {
        "layout": {c["layout"] for _, _, _, c in cases},
        "dtype": {c["dtype"] for _, _, _, c in cases},
        "intercept": {c["fit_intercept"] for _, _, _, c in cases},
        "positive": {c["positive"] for _, _, _, c in cases},
        "weights": {w is not None for _, _, w, _ in cases},
        "2-D y": {y.ndim == 2 for _, y, _, _ in cases},
        "n > p": {X.shape[0] > X.shape[1] for X, _, _, _ in cases},
    }
    for name, values in seen.items():
        assert len(values) >= 2, name
    assert seen["layout"] == {"dense", "csr", "csc"}
