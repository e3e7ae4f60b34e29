"""Certificates of optimality, recomputed here independently of the kernels.

For the estimator's objective (1/n units, weights normalized to sum to n)

    F(w, b) = 1/(2n) sum_i s_i (y_i - x_i w - b)^2 + a1 ||w||_1 + a2/2 ||w||^2,

any dual point gives a lower bound on min F, so ``F(w, b) - dual`` bounds the
suboptimality. Because F is (1/n)-strongly convex in the predictions
``Xw + b`` (in the s-weighted norm), two fits with gaps g1, g2 predict within
``sqrt(2 n g1) + sqrt(2 n g2)`` of each other: the tolerance of every
comparison below derives from the gaps, not from a loose constant.
"""

import numpy as np
import pytest
import scipy.sparse as sp

from skreg import ElasticNet, Lasso

TOL = 1e-8


def _problem(seed, n_samples, n_features, weighted):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features)) * rng.uniform(0.2, 5.0, n_features)
    X += rng.normal(size=n_features)
    X[rng.random(X.shape) < 0.4] = 0.0
    coef = np.zeros(n_features)
    coef[: max(1, n_features // 5)] = rng.normal(scale=3.0, size=max(1, n_features // 5))
    y = X @ coef + 2.0 + 0.5 * rng.normal(size=n_samples)
    s = rng.uniform(0.0, 3.0, n_samples) if weighted else np.ones(n_samples)
    return X, y, s * (n_samples / s.sum())


def _alpha_max(X, y, s, l1_ratio):
    Xc = X - np.average(X, axis=0, weights=s)
    yc = y - np.average(y, weights=s)
    return np.max(np.abs(Xc.T @ (s * yc))) / (len(y) * l1_ratio)


def objective(X, y, s, coef, intercept, a1, a2):
    """F(w, b) of the module docstring, from the raw data and intercept."""
    r = y - X @ coef - intercept
    return 0.5 * np.sum(s * r**2) / len(y) + a1 * np.abs(coef).sum() + 0.5 * a2 * coef @ coef


def duality_gap(X, y, s, coef, intercept, a1, a2, positive):
    """Upper bound on F(w, b) - min F from two dual points (numpy only).

    Works on the centred, weighted data, where the optimal intercept is
    implicit. Dual point A: the residual of the Lasso on data augmented by
    sqrt(n a2) I, scaled to feasibility. Dual point B: the residual itself
    with the exact conjugate of the per-coordinate penalty.
    """
    n = len(y)
    sq = np.sqrt(s)
    Xs = sq[:, None] * (X - np.average(X, axis=0, weights=s))
    ys = sq * (y - np.average(y, weights=s))
    r = ys - Xs @ coef
    l1, l2 = n * a1, n * a2
    primal = objective(X, y, s, coef, intercept, a1, a2)

    z_aug = Xs.T @ r - l2 * coef
    norm = np.max(z_aug) if positive else np.max(np.abs(z_aug))
    c = 1.0 if norm <= l1 else l1 / norm
    dual_a = c * ys @ r - 0.5 * c**2 * (r @ r + l2 * coef @ coef)

    z = Xs.T @ r
    excess = np.maximum(z if positive else np.abs(z), 0.0) - l1
    excess = np.maximum(excess, 0.0)
    if l2 > 0:
        conj = np.sum(excess**2) / (2 * l2)
    else:
        conj = 0.0 if np.all(excess == 0) else np.inf
    dual_b = ys @ r - 0.5 * r @ r - conj
    return primal - max(dual_a, dual_b) / n


def kkt_violation(X, y, s, coef, intercept, a1, a2, positive):
    """Largest violation of the optimality conditions, per unit of a1.

    With g = X^T S r / n the smooth gradient's negative: g_j - a2 w_j must
    equal a1 sign(w_j) where w_j != 0 and lie in [-a1, a1] (or below a1 when
    positive) where w_j = 0.
    """
    r = s * (y - X @ coef - intercept)
    g = X.T @ r / len(y) - a2 * coef
    nonzero = coef != 0
    viol = np.where(nonzero, np.abs(g - a1 * np.sign(coef)), 0.0)
    zero_bound = np.maximum(g, 0.0) if positive else np.abs(g)
    viol = np.where(nonzero, viol, np.maximum(zero_bound - a1, 0.0))
    return np.max(viol), abs(np.sum(r))


CASES = [
    (seed, n, p, weighted, l1_ratio, positive)
    for seed, (n, p) in enumerate([(60, 20), (25, 70)])
    for weighted in (False, True)
    for l1_ratio in (1.0, 0.5, 0.05)
    for positive in (False, True)
]


@pytest.mark.parametrize("seed, n, p, weighted, l1_ratio, positive", CASES)
@pytest.mark.parametrize(
    "layout, solver",
    [("dense", "cd"), ("csc", "cd"), ("csr", "cd"), ("gram", "cd"), ("dense", "fista"), ("csc", "fista")],
)
def test_gap_and_kkt_certify_the_fit(seed, n, p, weighted, l1_ratio, positive, layout, solver):
    X, y, s = _problem(seed, n, p, weighted)
    alpha = _alpha_max(X, y, s, l1_ratio) / 10
    a1, a2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
    Xfit = {"csc": sp.csc_matrix, "csr": sp.csr_matrix}.get(layout, np.asarray)(X)
    model = ElasticNet(
        alpha=alpha, l1_ratio=l1_ratio, positive=positive, tol=TOL,
        max_iter=100_000, precompute=layout == "gram", solver=solver,
    ).fit(Xfit, y, sample_weight=s if weighted else None)  # fmt: skip

    y_scale = np.sum(s * (y - np.average(y, weights=s)) ** 2) / n
    gap = duality_gap(X, y, s, model.coef_, model.intercept_, a1, a2, positive)
    assert -1e-12 * y_scale <= gap <= TOL * y_scale * (1 + 1e-6) + 1e-15
    # The kernel's own report agrees with the independent recomputation.
    assert model.dual_gap_ == pytest.approx(gap, rel=1e-4, abs=1e-12 * y_scale)

    # Stationarity in b (the weighted residuals sum to zero) and in w. A
    # coordinate-descent fixed point is exact up to the last epoch's changes,
    # which the gap bounds: per feature the gradient moves by at most
    # ||x_j||_S sqrt(2 gap / n).
    viol, residual_sum = kkt_violation(X, y, s, model.coef_, model.intercept_, a1, a2, positive)
    col_norm = np.sqrt(s @ X**2)
    # The gap itself is only known to float64 rounding of the objective.
    gap_known = max(gap, 0.0) + 1e-14 * y_scale
    assert viol <= 10 * col_norm.max() * np.sqrt(2 * gap_known / n)
    assert residual_sum <= 1e-8 * n * np.sqrt(y_scale)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("Estimator, kwargs", [(Lasso, {}), (ElasticNet, {"l1_ratio": 0.3})])
def test_layouts_predict_alike_within_gap_bound(Estimator, kwargs, weighted):
    X, y, s = _problem(7, 50, 30, weighted)
    sw = s if weighted else None
    alpha = _alpha_max(X, y, s, kwargs.get("l1_ratio", 1.0)) / 20
    fits = {
        "dense": Estimator(alpha=alpha, tol=TOL, **kwargs).fit(X, y, sample_weight=sw),
        "csc": Estimator(alpha=alpha, tol=TOL, **kwargs).fit(sp.csc_matrix(X), y, sample_weight=sw),
        "csr": Estimator(alpha=alpha, tol=TOL, **kwargs).fit(sp.csr_matrix(X), y, sample_weight=sw),
        "gram": Estimator(alpha=alpha, tol=TOL, precompute=True, **kwargs).fit(X, y, sample_weight=sw),
        "sparse gram": Estimator(alpha=alpha, tol=TOL, precompute=True, **kwargs).fit(
            sp.csc_matrix(X), y, sample_weight=sw
        ),
    }
    ref = fits["dense"]
    # Gaps are known to float64 rounding of the objective (the Gram layout
    # forms ||r||^2 as a difference and may even report a tiny negative gap).
    floor = 1e-14 * np.var(y)
    for name, model in fits.items():
        diff = X @ (model.coef_ - ref.coef_) + (model.intercept_ - ref.intercept_)
        gaps = [max(g, 0.0) + floor for g in (model.dual_gap_, ref.dual_gap_)]
        bound = sum(np.sqrt(2 * len(y) * g) for g in gaps)
        assert np.sqrt(s @ diff**2) <= bound, name


def test_float32_fit_is_certified_in_float64():
    X, y, s = _problem(3, 80, 25, weighted=False)
    alpha = _alpha_max(X, y, s, 1.0) / 10
    model = Lasso(alpha=alpha, tol=1e-6).fit(X.astype(np.float32), y.astype(np.float32))
    assert model.coef_.dtype == np.float32
    gap = duality_gap(X, y, s, model.coef_.astype(np.float64), float(model.intercept_), alpha, 0.0, False)
    y_scale = np.var(y)
    # float32 residuals carry ~1e-7 relative rounding: allow that on top of tol.
    assert gap <= 1e-6 * y_scale + 1e-6 * y_scale
