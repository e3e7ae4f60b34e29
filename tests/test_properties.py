"""Property-based tests over random and degenerate problems (hypothesis).

Collinear and duplicated columns, tiny and huge scales, a single sample or a
single feature: the duality gap recomputed independently stays below the
tolerance, the optimality conditions hold, and the objective is never worse
than scikit-learn's.
"""

import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet as SkElasticNet
from test_certificates import duality_gap, kkt_violation, objective

from skreg import ElasticNet

TOL = 1e-10


@st.composite
def problems(draw):
    n = draw(st.integers(1, 25))
    p = draw(st.integers(1, 12))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = rng.normal(size=(n, p)) * 10.0 ** draw(st.integers(-3, 3))
    if p > 1 and draw(st.booleans()):
        X[:, -1] = X[:, 0]  # duplicated column
    if p > 2 and draw(st.booleans()):
        X[:, 1] = 2.0 * X[:, 0] + 1e-9 * rng.normal(size=n)  # nearly collinear
    y = (X[:, 0] + rng.normal(size=n)) * 10.0 ** draw(st.integers(-3, 3))
    weights = rng.uniform(0.1, 3.0, n) if draw(st.booleans()) else None
    return X, y, weights, draw(st.sampled_from([1.0, 0.5, 0.1])), draw(st.floats(0.01, 1.5))


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from(["cd", "fista", "cd on the Gram matrix"]), st.booleans())
def test_certified_and_never_worse_than_sklearn(problem, solver, positive):
    X, y, weights, l1_ratio, fraction = problem
    n = len(y)
    s = np.ones(n) if weights is None else weights * (n / weights.sum())
    yc = y - np.average(y, weights=s)
    Xc = X - np.average(X, axis=0, weights=s)
    alpha_max = np.max(np.abs(Xc.T @ (s * yc))) / (n * l1_ratio)
    alpha = fraction * alpha_max if alpha_max > 0 else 1.0
    params = dict(alpha=alpha, l1_ratio=l1_ratio, positive=positive, tol=TOL, max_iter=100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        # The Gram kernel runs its active-set Newton phases after 20 epochs.
        gram = solver == "cd on the Gram matrix"
        ours = ElasticNet(
            **params, solver="cd" if gram else solver, precompute=gram or "auto"
        ).fit(X, y, sample_weight=weights)
        ref = SkElasticNet(**params).fit(X, y, sample_weight=weights)
    a1, a2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
    y_scale = np.sum(s * yc**2) / n
    # Rounding floor: the objective is only known to float64 precision.
    floor = 1e-13 * (y_scale + np.sum(s * y**2) / n)
    gap = duality_gap(X, y, s, ours.coef_, ours.intercept_, a1, a2, positive)
    assert gap <= TOL * y_scale + floor
    viol, _ = kkt_violation(X, y, s, ours.coef_, ours.intercept_, a1, a2, positive)
    col_norm = np.sqrt(s @ X**2).max()
    # The residual is within sqrt(2 n gap) of the optimal one, and (with an
    # L2 term) each coefficient within sqrt(2 gap / a2) of its optimum, which
    # moves the condition by a2 times that.
    slack = max(gap, 0.0) + floor
    bound = 10 * col_norm * np.sqrt(2 * slack / n) + np.sqrt(2 * a2 * slack)
    assert viol <= bound + 1e-12 * alpha
    mine = objective(X, y, s, ours.coef_, ours.intercept_, a1, a2)
    theirs = objective(X, y, s, ref.coef_, ref.intercept_, a1, a2)
    assert mine <= theirs + 1e-7 * abs(theirs) + floor
