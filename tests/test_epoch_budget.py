"""``max_iter`` counts epochs as scikit-learn does, and long fits do not drift.

An epoch over a working set of ``k`` of ``p`` coordinates counts ``k / p``:
a fit scikit-learn finishes within ``max_iter`` epochs must not stop short
here because its working-set epochs are cheaper and more numerous. And the
residual is kept in float64 whatever the data's dtype, so that a float32 fit
run for many epochs stays where it converged instead of drifting away.
"""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso as SkLasso
from test_agreement_core import _alpha_max, _draw_problem
from test_certificates import duality_gap, objective

from skreg import ElasticNet, Lasso


def _low_rank(seed, n_samples=30, n_features=1000):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, 5)) @ rng.standard_normal((5, n_features))
    X += 0.01 * rng.standard_normal((n_samples, n_features)) + rng.uniform(-5, 5, n_features)
    coef = np.zeros(n_features)
    coef[rng.choice(n_features, 10, replace=False)] = rng.standard_normal(10)
    return np.asfortranarray(X), X @ coef + rng.standard_normal(n_samples)


# Seeds where scikit-learn converges within its default 1000 epochs and
# skreg, counting working-set epochs as whole ones, ran out of them.
@pytest.mark.parametrize("seed", [25, 61, 111])
def test_fits_sklearn_finishes_within_max_iter_finish_here(seed):
    X, y = _low_rank(seed)
    alpha = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / len(y) / 100
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        # Within the default max_iter=1000: no ConvergenceWarning.
        ours = Lasso(alpha=alpha, tol=1e-6).fit(X, y)
    # Certified by the gap recomputed here, not by an epoch count compared
    # with scikit-learn's, which moves with its version and the CPU.
    s = np.ones(len(y))
    gap = duality_gap(X, y, s, ours.coef_, ours.intercept_, alpha, 0.0, False)
    assert gap <= 1e-6 * np.var(y)
    # And no worse than scikit-learn's answer at the same tol.
    reference = SkLasso(alpha=alpha, tol=1e-6, max_iter=100_000).fit(X, y)
    ours_value = objective(X, y, s, ours.coef_, ours.intercept_, alpha, 0.0)
    ref_value = objective(X, y, s, reference.coef_, reference.intercept_, alpha, 0.0)
    assert ours_value <= ref_value + 1e-6 * np.var(y)


def test_max_iter_bounds_the_work_counted_over_all_coordinates():
    X, y = _low_rank(5)
    alpha = np.max(np.abs((X - X.mean(0)).T @ (y - y.mean()))) / len(y) / 1000
    for max_iter in (1, 3, 10):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = Lasso(alpha=alpha, tol=1e-14, max_iter=max_iter, precompute=False).fit(X, y)
        assert model.n_iter_ == max_iter


@pytest.mark.parametrize("layout", ["dense", "csr"])
def test_float32_fit_does_not_drift_with_more_epochs(layout):
    """The problem CI's agreement test draws with seed 53: float32, 30 x 120.

    With a float32 residual its gap grew from 1e-6 after 100 epochs to 5e-4
    after 100000, as rounding piled up in the residual. The kernels now
    iterate in float64 whatever X's dtype: run to float64's rounding floor
    (a tol below it), the gap stays there however many epochs run.
    """
    X, y, weights, case = _draw_problem(53)
    alpha = _alpha_max(X, y, weights, True, case["l1_ratio"]) / case["alpha_div"]
    X32 = X.astype(np.float32)
    X32 = sp.csr_matrix(X32) if layout == "csr" else X32
    gaps = []
    for max_iter in (1000, 100_000):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = ElasticNet(
                alpha=alpha, l1_ratio=case["l1_ratio"], positive=case["positive"], tol=1e-20,
                max_iter=max_iter, precompute=False,
            ).fit(X32, y.astype(np.float32), sample_weight=weights)  # fmt: skip
        assert model.coef_.dtype == np.float32
        gaps.append(model.dual_gap_)
    # At the rounding floor the gap wobbles in its last bits (it can come
    # out slightly negative, 1.5e-14 in a bounds-checked run), but does not
    # grow: the float32 residual took it to 5e-4.
    assert abs(gaps[1]) <= 2 * abs(gaps[0]) + 1e-12
