"""Proximal gradient (solver='fista') against coordinate descent."""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp

from skreg import ElasticNet, Lasso, LassoCV, lasso_path


def _problem(seed, n, p, dtype):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.3, 4.0, p) + rng.normal(size=p)
    X[rng.random(X.shape) < 0.3] = 0.0
    y = X[:, :5] @ rng.normal(size=5) + 1.5 + rng.normal(size=n)
    return X.astype(dtype), y.astype(dtype)


def _objective(X, y, s, model, alpha, l1_ratio):
    coef = model.coef_.astype(np.float64)
    r = y - X.astype(np.float64) @ coef - float(model.intercept_)
    return (
        0.5 * np.sum(s * r**2) / s.sum()
        + alpha * l1_ratio * np.abs(coef).sum()
        + 0.5 * alpha * (1 - l1_ratio) * coef @ coef
    )


CASES = [
    (seed, shape, layout, weighted, fit_intercept, dtype, l1_ratio)
    for seed, (shape, layout, weighted, fit_intercept, dtype, l1_ratio) in enumerate(
        [
            ((60, 20), "dense", False, True, np.float64, 1.0),
            ((60, 20), "csc", True, True, np.float64, 0.5),
            ((25, 80), "dense", True, False, np.float64, 1.0),
            ((25, 80), "csr", False, True, np.float64, 0.8),
            ((60, 20), "dense", True, True, np.float32, 1.0),
            ((25, 80), "csc", False, True, np.float32, 0.5),
            ((40, 40), "dense", False, True, np.float64, 0.1),
            ((40, 40), "csc", True, False, np.float64, 1.0),
        ]
    )
]


# Dense cases run FISTA on X (precompute=False) and on the Gram matrix
# (True, and 'auto' with more samples than features); sparse data never use
# the Gram matrix, so they run once.
CASES_AND_PRECOMPUTE = [
    (*case, precompute)
    for case in CASES
    for precompute in (["auto", False, True] if case[2] == "dense" else [False])
]


@pytest.mark.parametrize(
    "seed, shape, layout, weighted, fit_intercept, dtype, l1_ratio, precompute",
    CASES_AND_PRECOMPUTE,
)
def test_fista_reaches_the_objective_of_coordinate_descent(
    seed, shape, layout, weighted, fit_intercept, dtype, l1_ratio, precompute
):
    X, y = _problem(seed, *shape, dtype)
    s = np.random.default_rng(seed).uniform(0.2, 2.0, len(y)) if weighted else np.ones(len(y))
    yc = y - np.average(y, weights=s) if fit_intercept else y
    Xc = X - np.average(X, axis=0, weights=s) if fit_intercept else X
    alpha = np.max(np.abs(Xc.T @ (s * yc))) / (s.sum() * l1_ratio) / 20
    Xfit = {"csc": sp.csc_matrix, "csr": sp.csr_matrix}.get(layout, np.asarray)(X)
    tol = 1e-6 if dtype == np.float32 else 1e-12
    fits = {
        solver: ElasticNet(
            alpha=alpha, l1_ratio=l1_ratio, fit_intercept=fit_intercept, tol=tol,
            max_iter=200_000, solver=solver, precompute=precompute if solver == "fista" else False,
        ).fit(Xfit, y, sample_weight=s if weighted else None)  # fmt: skip
        for solver in ("cd", "fista")
    }
    assert fits["fista"].coef_.dtype == dtype
    objectives = {k: _objective(X, y, s, m, alpha, l1_ratio) for k, m in fits.items()}
    rel = 1e-4 if dtype == np.float32 else 1e-7
    assert abs(objectives["fista"] - objectives["cd"]) <= rel * objectives["cd"]
    assert fits["fista"].dual_gap_ <= tol * np.sum(s * yc**2) / len(y) * (1 + 1e-6) + 1e-12


def test_fista_warns_when_max_iter_runs_out():
    from sklearn.exceptions import ConvergenceWarning

    X, y = _problem(0, 50, 30, np.float64)
    with pytest.warns(ConvergenceWarning, match="Duality gap"):
        model = Lasso(alpha=1e-3, solver="fista", max_iter=3, tol=1e-14).fit(X, y)
    assert model.n_iter_ == 3


@pytest.mark.parametrize("layout", ["dense", "csc"])
def test_fista_solves_on_working_sets(layout):
    """Few features matter: FISTA on working sets, each iteration counted as
    its share of the features, converges in a fraction of ``max_iter``
    (on the whole problem FISTA took 360 to 4000 iterations on these fits),
    to coordinate descent's solution."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 2000))
    X[:, 1:] += 0.5 * X[:, :-1]
    coef = np.zeros(2000)
    coef[rng.choice(2000, 10, replace=False)] = 3 * rng.normal(size=10)
    y = X @ coef + rng.normal(size=100)
    if layout == "csc":
        X = sp.csc_matrix(np.where(np.abs(X) > 1, X, 0.0))
    Xc = X.toarray() if sp.issparse(X) else X
    alpha_max = np.max(np.abs((Xc - Xc.mean(0)).T @ (y - y.mean()))) / 100
    for alpha, max_iter in ((alpha_max / 10, 100), (alpha_max / 100, 1000)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # converged within max_iter
            fista = Lasso(alpha=alpha, solver="fista", tol=1e-10, max_iter=max_iter).fit(X, y)
        cd = Lasso(alpha=alpha, tol=1e-12, max_iter=100_000).fit(X, y)
        assert fista.n_iter_ <= max_iter
        np.testing.assert_allclose(fista.coef_, cd.coef_, rtol=0, atol=1e-5)
        np.testing.assert_array_equal(fista.coef_ != 0, cd.coef_ != 0)


@pytest.mark.parametrize("layout", ["dense", "csc", "gram"])
def test_fista_steps_scale_with_the_columns(layout):
    """Column norms spread over six decades: with one step size for all
    features FISTA took 540 to 6800 iterations on these fits; steps scaled
    per feature by the columns' squared norms take 30 to 70."""
    rng = np.random.default_rng(3)
    n, p = (400, 40) if layout == "gram" else (80, 300)
    scales = np.geomspace(1e-3, 1e3, p)
    X = rng.normal(size=(n, p)) * scales
    coef = np.zeros(p)
    coef[::7] = rng.normal(size=coef[::7].size) / scales[::7]
    y = X @ coef + 0.1 * rng.normal(size=n)
    if layout == "csc":
        X = sp.csc_matrix(np.where(rng.random(X.shape) < 0.5, X, 0.0))
    Xd = X.toarray() if sp.issparse(X) else X
    alpha = np.max(np.abs((Xd - Xd.mean(0)).T @ (y - y.mean()))) / n / 100
    params = dict(alpha=alpha, tol=1e-10, precompute=layout == "gram")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # converged within max_iter
        fista = Lasso(solver="fista", max_iter=300, **params).fit(X, y)
    cd = Lasso(max_iter=100_000, **params).fit(X, y)
    np.testing.assert_allclose(fista.coef_, cd.coef_, rtol=1e-5, atol=1e-9)


def test_fista_takes_a_given_gram_matrix():
    X, y = _problem(1, 50, 10, np.float64)
    params = dict(alpha=0.05, solver="fista", fit_intercept=False, tol=1e-12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the given matrix is used, not recomputed
        given = Lasso(precompute=X.T @ X, **params).fit(X, y)
    onX = Lasso(precompute=False, **params).fit(X, y)
    np.testing.assert_allclose(given.coef_, onX.coef_, atol=1e-8)
    assert given.dual_gap_ <= 1e-12 * np.sum(y**2) / len(y)


@pytest.mark.parametrize("precompute", ["auto", True, False])
def test_fista_paths_and_cross_validation_on_tall_data(precompute):
    # Paths and cross-validation with FISTA on the Gram matrix ('auto' here)
    # or on X; they used to fail on the Gram layout.
    X, y = _problem(3, 120, 8, np.float64)
    alphas = np.geomspace(0.5, 0.005, 6)
    _, coefs_fista, gaps = lasso_path(
        X, y, alphas=alphas, solver="fista", tol=1e-12, precompute=precompute
    )
    _, coefs_cd, _ = lasso_path(X, y, alphas=alphas, tol=1e-12)
    assert coefs_fista.shape == (8, 6)
    np.testing.assert_allclose(coefs_fista, coefs_cd, atol=1e-6)
    assert np.all(gaps <= 1e-10)
    cv_fista = LassoCV(solver="fista", cv=3, tol=1e-10, precompute=precompute).fit(X, y)
    cv_cd = LassoCV(cv=3, tol=1e-10).fit(X, y)
    assert cv_fista.alpha_ == cv_cd.alpha_
    np.testing.assert_allclose(cv_fista.mse_path_, cv_cd.mse_path_, rtol=1e-6)


def test_fista_positive_and_warm_start():
    X, y = _problem(2, 50, 15, np.float64)
    model = Lasso(alpha=0.05, solver="fista", positive=True, warm_start=True, tol=1e-10).fit(X, y)
    assert np.all(model.coef_ >= 0)
    model.fit(X, y)
    assert model.n_iter_ == 0


def test_fista_estimates_the_step_once_per_problem():
    # On the Gram matrix a path's alphas share one problem: the first FISTA
    # solve keeps its power-iteration estimate there, and later solves start
    # from it with exactly the iterates they would have had computing it
    # again. (On X each working set gets its own estimate, from its columns.)
    from skreg.linear_model._enet_problem import (
        enet_penalty_arrays,
        prepare_enet_problem,
        solve_enet_target,
    )

    X, y = _problem(11, 50, 30, np.float64)
    X = np.asfortranarray(X)

    def fresh_problem():
        return prepare_enet_problem(
            X, y[:, None], None, fit_intercept=True, precompute=True, X_is_ours=False
        )

    def solve(problem, alpha, w):
        penalties = enet_penalty_arrays(50, 30, alpha, 1.0, False)
        return solve_enet_target(
            problem, 0, w, penalties, max_iter=5000, tol=1e-10, random=False, seed=1,
            solver="fista",
        )  # fmt: skip

    shared = fresh_problem()
    assert shared.lipschitz < 0
    w = np.zeros(30)
    solve(shared, 0.5, w)
    estimate = shared.lipschitz
    Xc = X - X.mean(axis=0)
    # The steps are scaled per feature by the columns' squared norms: the
    # estimate is of the Gram matrix with unit diagonal.
    norms = np.sqrt(np.sum(Xc**2, axis=0))
    largest = np.linalg.eigvalsh((Xc / norms).T @ (Xc / norms))[-1]
    # Power iterations approach the largest eigenvalue from below.
    assert 0.5 * largest < estimate <= largest * (1 + 1e-12)

    w_shared, w_fresh = w.copy(), w.copy()
    gap_shared, _, iters_shared = solve(shared, 0.05, w_shared)
    gap_fresh, _, iters_fresh = solve(fresh_problem(), 0.05, w_fresh)
    assert shared.lipschitz == estimate
    assert iters_shared == iters_fresh > 0
    np.testing.assert_array_equal(w_shared, w_fresh)
    assert gap_shared == gap_fresh

    # The stored estimate is what the solve starts from: a larger one
    # (smaller steps) changes the iterates.
    shared.lipschitz = 4 * estimate
    w_larger = w.copy()
    solve(shared, 0.05, w_larger)
    assert not np.array_equal(w_larger, w_shared)
