"""Ridge and RidgeCV: estimator checks, agreement with scikit-learn, known solutions.

The references are scikit-learn's Ridge with solver='svd' on the dense
float64 version of the data (exact), and a problem built from its SVD whose
answer has a closed form.
"""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Ridge as SkRidge
from sklearn.linear_model import RidgeCV as SkRidgeCV
from sklearn.utils.estimator_checks import parametrize_with_checks

from skreg import ElasticNet, Ridge, RidgeCV
from skreg.utils.param_checks import InvalidParameterError

DIRECT = ["cholesky", "svd"]
ITERATIVE = ["cd", "fista", "sparse_cg"]
ALL_SOLVERS = ["auto"] + DIRECT + ITERATIVE
LAYOUTS = {"dense": np.asarray, "csr": sp.csr_matrix, "csc": sp.csc_matrix}


def _expected_failed_checks(estimator):
    # scikit-learn's Ridge sets n_iter_ = None for its direct solvers and marks
    # this check as an expected failure for the same reason; skreg keeps that
    # attribute contract ('auto' picks the direct 'cholesky' on this data).
    if isinstance(estimator, Ridge) and estimator.solver in ("auto", "cholesky", "svd"):
        return {
            "check_non_transformer_estimators_n_iter": (
                "n_iter_ is None for direct solvers, as in scikit-learn"
            )
        }
    return {}


@parametrize_with_checks(
    [
        Ridge(),
        Ridge(solver="cd"),
        Ridge(solver="fista"),
        Ridge(solver="svd"),
        # The instances scikit-learn checks for sample-weight equivalence.
        Ridge(solver="cholesky"),
        Ridge(solver="sparse_cg"),
        Ridge(solver="lsqr"),
        Ridge(solver="sag"),
        Ridge(solver="lbfgs", positive=True),
        RidgeCV(),
        RidgeCV(cv=3),
    ],
    expected_failed_checks=_expected_failed_checks,
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)


def _problem(seed, n_samples, n_features, n_targets=None, mean=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features)) * rng.uniform(0.5, 2.0, n_features)
    X += mean * rng.normal(size=n_features)
    X[rng.random(X.shape) < 0.3] = 0.0
    coef = rng.normal(size=(n_features, n_targets or 1))
    y = X @ coef + 3.0 + rng.normal(size=(n_samples, n_targets or 1))
    weights = rng.uniform(0.1, 3.0, n_samples)
    return X, (y if n_targets else y.ravel()), weights


def _fit_quietly(model, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(*args, **kwargs)


def _assert_close(ours, ref, rtol):
    scale = max(np.max(np.abs(ref.coef_)), 1.0)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=rtol, atol=rtol * scale)
    np.testing.assert_allclose(
        ours.intercept_, ref.intercept_, rtol=rtol, atol=rtol * max(1.0, np.max(np.abs(ref.intercept_)))
    )


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape", [(40, 8, None), (15, 30, 3)], ids=["tall-1d", "wide-multi"])
def test_agrees_with_sklearn(layout, fit_intercept, weighted, dtype, shape):
    n_samples, n_features, n_targets = shape
    X, y, weights = _problem(0, n_samples, n_features, n_targets)
    sw = weights if weighted else None
    alpha = np.array([0.5, 2.0, 7.0]) if n_targets else 1.3
    ref = SkRidge(alpha=alpha, fit_intercept=fit_intercept, solver="svd").fit(X, y, sample_weight=sw)
    Xfit = LAYOUTS[layout](X.astype(dtype))
    for solver in ALL_SOLVERS:
        if solver == "svd" and layout != "dense":
            continue
        if solver == "cholesky" and layout != "dense" and fit_intercept:
            continue  # refused, as in scikit-learn
        tight = {"tol": 1e-15, "max_iter": 100_000} if dtype == np.float64 else {"tol": 1e-8}
        model = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver=solver, **tight)
        _fit_quietly(model, Xfit, y.astype(dtype), sample_weight=sw)
        assert model.coef_.dtype == dtype
        assert model.coef_.shape == ref.coef_.shape
        assert np.shape(model.intercept_) == np.shape(ref.intercept_)
        assert model.predict(Xfit).dtype == dtype
        if dtype == np.float64:
            rtol = 1e-6
        else:
            # The numba kernels iterate in float32, whose rounding limits how
            # far the gap can fall on this ill-conditioned wide problem.
            rtol = 1e-3 if solver in ("cd", "fista") else 2e-4
        _assert_close(model, ref, rtol)
        if model.solver_ in DIRECT:
            assert model.n_iter_ is None
        else:
            assert model.n_iter_.shape == (n_targets or 1,) and np.all(model.n_iter_ >= 1)


def test_closed_form_from_svd():
    """X = U diag(s) V^T with known factors: w = V diag(s / (s^2 + alpha)) U^T y."""
    rng = np.random.default_rng(1)
    n_samples, n_features = 30, 6
    U, _ = np.linalg.qr(rng.normal(size=(n_samples, n_features)))
    V, _ = np.linalg.qr(rng.normal(size=(n_features, n_features)))
    s = np.array([10.0, 5.0, 3.0, 1.0, 0.5, 0.1])
    X = U @ np.diag(s) @ V.T
    y = rng.normal(size=n_samples)
    alpha = 0.7
    expected = V @ (s / (s**2 + alpha) * (U.T @ y))
    for solver in ALL_SOLVERS:
        model = _fit_quietly(
            Ridge(alpha=alpha, fit_intercept=False, solver=solver, tol=1e-15, max_iter=100_000), X, y
        )
        rtol = 1e-6 if solver in ITERATIVE else 1e-10
        np.testing.assert_allclose(
            model.coef_, expected, rtol=rtol, atol=rtol * np.abs(expected).max(), err_msg=solver
        )
        model = Ridge(alpha=alpha, fit_intercept=False, solver=solver, tol=1e-15, max_iter=100_000)
        _fit_quietly(model, sp.csc_matrix(X), y)
        np.testing.assert_allclose(
            model.coef_, expected, rtol=rtol, atol=rtol * np.abs(expected).max(), err_msg=solver
        )
    # With an intercept, shifting X and y by constants leaves coef_ unchanged.
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    expected = Vt.T @ (s / (s**2 + alpha) * (U.T @ yc))
    shift = rng.normal(size=n_features) * 100
    for solver in ALL_SOLVERS:
        model = _fit_quietly(Ridge(alpha=alpha, solver=solver, tol=1e-15, max_iter=100_000), Xc + shift, yc + 5)
        rtol = 1e-6 if solver in ITERATIVE else 1e-8
        np.testing.assert_allclose(
            model.coef_, expected, rtol=rtol, atol=rtol * np.abs(expected).max(), err_msg=solver
        )
        np.testing.assert_allclose(model.intercept_, 5 - shift @ expected, rtol=rtol)


def test_large_means_are_centred_accurately():
    # Means 1e4 times the spread: a plain X^T X - n mu mu^T would lose 8 digits.
    X, y, weights = _problem(2, 300, 5, mean=0.0)
    offset = 1e4 * np.arange(1, 6)
    ref = SkRidge(alpha=1.0, solver="svd").fit(X, y)
    for solver in ["cholesky", "svd", "sparse_cg"]:
        model = Ridge(alpha=1.0, solver=solver, tol=1e-12).fit(X + offset, y)
        np.testing.assert_allclose(model.coef_, ref.coef_, rtol=1e-6, err_msg=solver)


def test_elasticnet_with_l1_ratio_zero_is_ridge():
    X, y, _ = _problem(3, 50, 10)
    n_samples = X.shape[0]
    a = 0.05
    enet = ElasticNet(alpha=a, l1_ratio=0.0, tol=1e-14, max_iter=100_000).fit(X, y)
    ridge = Ridge(alpha=a * n_samples).fit(X, y)
    np.testing.assert_allclose(enet.coef_, ridge.coef_, rtol=1e-6)
    np.testing.assert_allclose(enet.intercept_, ridge.intercept_, rtol=1e-6)


def test_scalar_sample_weight_divides_alpha():
    X, y, _ = _problem(4, 30, 5)
    weighted = Ridge(alpha=2.0).fit(X, y, sample_weight=4.0)
    plain = Ridge(alpha=0.5).fit(X, y)
    ref = SkRidge(alpha=2.0).fit(X, y, sample_weight=4.0)
    np.testing.assert_allclose(weighted.coef_, plain.coef_, rtol=1e-10)
    np.testing.assert_allclose(weighted.coef_, ref.coef_, rtol=1e-8)


def test_integer_weights_equal_repeated_rows():
    X, y, _ = _problem(5, 20, 4)
    counts = np.random.default_rng(5).integers(0, 4, size=20)
    weighted = Ridge(alpha=1.0).fit(X, y, sample_weight=counts)
    repeated = Ridge(alpha=1.0).fit(np.repeat(X, counts, axis=0), np.repeat(y, counts))
    np.testing.assert_allclose(weighted.coef_, repeated.coef_, rtol=1e-9)
    np.testing.assert_allclose(weighted.intercept_, repeated.intercept_, rtol=1e-9)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_positive(layout):
    X, y, weights = _problem(6, 40, 8)
    Xfit = LAYOUTS[layout](X)
    ref = SkRidge(alpha=1.0, positive=True, solver="lbfgs", tol=1e-12, max_iter=100_000).fit(X, y)
    for solver in ["auto", "cd", "fista", "lbfgs"]:
        model = Ridge(alpha=1.0, positive=True, solver=solver, tol=1e-14, max_iter=100_000)
        model.fit(Xfit, y)
        assert np.all(model.coef_ >= 0)
        assert model.solver_ in ("cd", "fista", "lbfgs")
        np.testing.assert_allclose(model.coef_, ref.coef_, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("name", ["lsqr", "sparse_cg", "sag", "saga", "cholesky", "svd"])
def test_scikit_learn_solver_names_work(name):
    X, y, _ = _problem(7, 30, 5)
    ref = SkRidge(alpha=1.0, solver="svd").fit(X, y)
    model = _fit_quietly(Ridge(alpha=1.0, solver=name, tol=1e-12, max_iter=100_000), X, y)
    np.testing.assert_allclose(model.coef_, ref.coef_, rtol=1e-6)


def test_auto_solver_choice():
    X, y, _ = _problem(8, 30, 5)
    assert Ridge().fit(X, y).solver_ == "cholesky"
    assert Ridge(positive=True).fit(X, y).solver_ == "cd"
    assert Ridge().fit(sp.csr_matrix(X), y).solver_ == "cholesky"  # tiny Gram matrix
    big = sp.random(300, 2000, density=0.002, format="csr", random_state=0)
    assert Ridge().fit(big, np.ones(300)).solver_ == "sparse_cg"


def test_bad_input_errors():
    X, y, _ = _problem(9, 20, 4, n_targets=2)
    with pytest.raises(InvalidParameterError, match="'alpha' parameter of Ridge"):
        Ridge(alpha=-1.0).fit(X, y)
    with pytest.raises(ValueError, match="non-negative"):
        Ridge(alpha=[1.0, -1.0]).fit(X, y)
    with pytest.raises(ValueError, match="Number of targets and number of penalties do not correspond: 3 != 2"):
        Ridge(alpha=[1.0, 2.0, 3.0]).fit(X, y)
    for solver in ["svd", "cholesky", "sparse_cg"]:
        with pytest.raises(ValueError, match="does not support positive fitting"):
            Ridge(solver=solver, positive=True).fit(X, y)
    with pytest.raises(InvalidParameterError, match="'solver' parameter"):
        Ridge(solver="newton").fit(X, y)
    with pytest.raises(ValueError, match=r"alphas\[1\] == 0.0, must be > 0.0"):
        RidgeCV(alphas=[1.0, 0.0]).fit(X, y)
    with pytest.raises(ValueError, match="incompatible"):
        RidgeCV(cv=3, store_cv_results=True).fit(X, y)
    with pytest.raises(ValueError, match="incompatible"):
        RidgeCV(cv=3, alpha_per_target=True).fit(X, y)
    with pytest.raises(ValueError, match="sample_weight"):
        Ridge().fit(X, y, sample_weight=np.ones(5))


@pytest.mark.filterwarnings("ignore:The 'svd' mode is not supported for sparse X")
@pytest.mark.parametrize("layout", ["dense", "csr"])
def test_user_data_not_modified(layout):
    X, y, weights = _problem(10, 25, 6)
    Xfit = LAYOUTS[layout](X)
    copies = (Xfit.copy(), y.copy(), weights.copy())
    for solver in ALL_SOLVERS:
        # scikit-learn's direct solvers refuse an intercept on sparse data.
        intercept = layout == "dense" or solver not in DIRECT
        model = Ridge(solver=solver, copy_X=False, fit_intercept=intercept)
        _fit_quietly(model, Xfit, y, sample_weight=weights)
    for gcv_mode in ["auto", "svd"]:
        RidgeCV(gcv_mode=gcv_mode).fit(Xfit, y, sample_weight=weights)
    if layout == "dense":
        np.testing.assert_array_equal(Xfit, copies[0])
    else:
        np.testing.assert_array_equal(Xfit.toarray(), copies[0].toarray())
    np.testing.assert_array_equal(y, copies[1])
    np.testing.assert_array_equal(weights, copies[2])


# RidgeCV -----------------------------------------------------------------------

ALPHAS = [0.01, 0.1, 1.0, 10.0, 100.0]


@pytest.mark.parametrize("gcv_mode", [None, "svd", "eigen"])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("shape", [(40, 8), (12, 30)], ids=["tall", "wide"])
def test_ridgecv_loo_matches_sklearn(gcv_mode, fit_intercept, weighted, shape):
    X, y, weights = _problem(11, *shape, n_targets=2)
    sw = weights if weighted else None
    for Xfit in (X, sp.csr_matrix(X)):
        for alpha_per_target in (False, True):
            for target in (y, y[:, 0]):
                params = dict(
                    alphas=ALPHAS, fit_intercept=fit_intercept, gcv_mode=gcv_mode,
                    alpha_per_target=alpha_per_target, store_cv_results=True,
                )  # fmt: skip
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", FutureWarning)  # sparse + 'svd'
                    ref = SkRidgeCV(**params).fit(Xfit, target, sample_weight=sw)
                    ours = RidgeCV(**params).fit(Xfit, target, sample_weight=sw)
                np.testing.assert_array_equal(ours.alpha_, ref.alpha_)
                np.testing.assert_allclose(ours.best_score_, ref.best_score_, rtol=1e-8)
                assert np.shape(ours.best_score_) == np.shape(ref.best_score_)
                assert ours.cv_results_.shape == ref.cv_results_.shape
                np.testing.assert_allclose(ours.cv_results_, ref.cv_results_, rtol=1e-7, atol=1e-12)
                np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-7, atol=1e-10)
                np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-7, atol=1e-10)


@pytest.mark.parametrize("scoring", ["r2", "neg_mean_absolute_error"])
def test_ridgecv_loo_with_scoring(scoring):
    X, y, weights = _problem(12, 30, 6, n_targets=2)
    for alpha_per_target in (False, True):
        params = dict(alphas=ALPHAS, scoring=scoring, store_cv_results=True, alpha_per_target=alpha_per_target)
        ref = SkRidgeCV(**params).fit(X, y, sample_weight=weights)
        ours = RidgeCV(**params).fit(X, y, sample_weight=weights)
        np.testing.assert_array_equal(ours.alpha_, ref.alpha_)
        np.testing.assert_allclose(ours.best_score_, ref.best_score_, rtol=1e-8)
        np.testing.assert_allclose(ours.cv_results_, ref.cv_results_, rtol=1e-8)


def test_ridgecv_kfold_matches_sklearn():
    X, y, weights = _problem(13, 60, 8)
    for sw in (None, weights):
        ref = SkRidgeCV(alphas=ALPHAS, cv=5).fit(X, y, sample_weight=sw)
        ours = RidgeCV(alphas=ALPHAS, cv=5).fit(X, y, sample_weight=sw)
        assert ours.alpha_ == ref.alpha_
        np.testing.assert_allclose(ours.best_score_, ref.best_score_, rtol=1e-8)
        np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-8)
    ours = RidgeCV(alphas=ALPHAS, cv=5, scoring="neg_mean_squared_error").fit(X, y)
    ref = SkRidgeCV(alphas=ALPHAS, cv=5, scoring="neg_mean_squared_error").fit(X, y)
    assert ours.alpha_ == ref.alpha_


def test_ridgecv_float32_kept():
    X, y, _ = _problem(14, 30, 6)
    ours = RidgeCV(store_cv_results=True).fit(X.astype(np.float32), y.astype(np.float32))
    ref = SkRidgeCV(store_cv_results=True).fit(X.astype(np.float32), y.astype(np.float32))
    assert ours.coef_.dtype == ref.coef_.dtype == np.float32
    assert ours.cv_results_.dtype == np.float32
    assert ours.alpha_ == ref.alpha_
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-5)


def test_ridgecv_feature_names():
    pd = pytest.importorskip("pandas")
    X, y, _ = _problem(15, 30, 4)
    frame = pd.DataFrame(X, columns=["a", "b", "c", "d"])
    for cv in (None, 3):
        model = RidgeCV(cv=cv).fit(frame, y)
        assert list(model.feature_names_in_) == ["a", "b", "c", "d"]
        assert model.n_features_in_ == 4


# Agreement with scikit-learn's own test suite ------------------------------------


def _ols_wide(seed=0, n_samples=6, n_features=12):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features))
    y = rng.normal(size=n_samples)
    return X, y


@pytest.mark.parametrize("solver", ["sag", "saga", "lsqr"])
def test_sklearn_iterative_names_give_minimum_norm_solution(solver):
    # Unpenalized and underdetermined: scikit-learn's gradient and Krylov
    # solvers, started at zero, return the minimum-norm solution pinv(X) y.
    X, y = _ols_wide()
    model = Ridge(alpha=0.0, fit_intercept=False, solver=solver, tol=1e-15).fit(X, y)
    np.testing.assert_allclose(model.coef_, np.linalg.pinv(X) @ y, rtol=1e-7, atol=1e-10)
    # Duplicated columns on tall data: the minimum-norm solution splits evenly.
    X, y = _ols_wide(1, n_samples=30, n_features=5)
    model = Ridge(alpha=0.0, solver=solver, tol=1e-15).fit(0.5 * np.hstack([X, X]), y)
    ref = SkRidge(alpha=0.0, solver="svd").fit(0.5 * np.hstack([X, X]), y)
    np.testing.assert_allclose(model.coef_, ref.coef_, rtol=1e-7)
    assert model.solver_ == solver


@pytest.mark.parametrize("solver", ["sag", "saga"])
def test_sklearn_sag_tolerance_is_as_accurate_as_sag(solver):
    # scikit-learn's sag stops on the relative change of the coefficients,
    # which at tol=1e-7 lands within 1e-3 of the exact solution here (its
    # test_solver_consistency); the stand-in must too.
    from sklearn.preprocessing import minmax_scale

    # The data of scikit-learn's test (its helper lives in its test module).
    helpers = pytest.importorskip("sklearn.linear_model.tests.test_ridge")
    X, y = helpers._make_sparse_offset_regression(
        bias=10, n_features=30, proportion_nonzero=0.1, noise=500.0, random_state=42, n_samples=20
    )
    X = minmax_scale(X)
    exact = SkRidge(alpha=1.0, solver="svd").fit(X, y)
    for dtype in (np.float64, np.float32):
        ours = Ridge(alpha=1.0, solver=solver, tol=1e-7, max_iter=100_000)
        ours.fit(X.astype(dtype), y.astype(dtype))
        np.testing.assert_allclose(ours.coef_, exact.coef_, rtol=1e-3, atol=1e-3)
        np.testing.assert_allclose(ours.intercept_, exact.intercept_, rtol=1e-3, atol=1e-3)


def test_positive_at_default_tol_is_the_optimum():
    # Positive ridge at the default tol: as close to the constrained optimum
    # as scikit-learn's lbfgs (it is polished to the exact solution on its
    # support, which the KKT conditions then certify).
    from sklearn.datasets import make_regression

    X, y = make_regression(n_samples=120, n_features=120, random_state=42)
    exact = SkRidge(alpha=0.1, positive=True, tol=1e-14, max_iter=100_000).fit(X, y)
    for layout in ("dense", "csc"):
        model = Ridge(alpha=0.1, positive=True).fit(LAYOUTS[layout](X), y)
        np.testing.assert_allclose(model.coef_, exact.coef_, rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(model.intercept_, exact.intercept_, rtol=1e-6, atol=1e-6)


def test_single_column_2d_target_shapes():
    # scikit-learn: a (n, 1) target gives coef_ of shape (n_features,) and an
    # intercept_ of shape (1,).
    X, y, _ = _problem(17, 10, 4)
    for solver in ALL_SOLVERS:
        model = _fit_quietly(Ridge(solver=solver), X, y[:, None])
        ref = SkRidge().fit(X, y[:, None])
        assert model.coef_.shape == ref.coef_.shape == (4,)
        assert np.shape(model.intercept_) == np.shape(ref.intercept_) == (1,)
        model = Ridge(solver=solver, fit_intercept=False).fit(X, y[:, None])
        assert model.coef_.shape == (4,) and model.intercept_ == 0.0
    for params in ({}, {"cv": 3}, {"alpha_per_target": True, "store_cv_results": True}):
        ours = RidgeCV(**params).fit(X, y[:, None])
        ref = SkRidgeCV(**params).fit(X, y[:, None])
        for name in ("coef_", "intercept_", "alpha_", "best_score_", "cv_results_"):
            if hasattr(ref, name):
                assert np.shape(getattr(ours, name)) == np.shape(getattr(ref, name)), name


def test_scikit_learn_errors_and_warnings():
    X, y, _ = _problem(18, 20, 4)
    for solver in ["svd", "cholesky", "lsqr", "sparse_cg", "sag", "saga"]:
        with pytest.raises(ValueError, match=f"solver='{solver}' does not support positive"):
            Ridge(solver=solver, positive=True).fit(X, y)
    with pytest.raises(ValueError, match="'lbfgs' solver can be used only when positive=True"):
        Ridge(solver="lbfgs").fit(X, y)
    for solver in ["svd", "cholesky", "saga"]:
        with pytest.raises(ValueError, match=f"solver='{solver}' does not support fitting the intercept"):
            Ridge(solver=solver).fit(sp.csr_matrix(X), y)
        Ridge(solver=solver, fit_intercept=False).fit(sp.csr_matrix(X), y)
    with pytest.warns(UserWarning, match='"sag" solver requires many iterations'):
        Ridge(solver="sag", tol=1e-3).fit(sp.csr_matrix(X), y)
    with pytest.raises(ValueError, match=r"alphas\[1\] == -1, must be > 0.0"):
        RidgeCV(alphas=(1, -1, -100)).fit(X, y)
    with pytest.raises(TypeError, match=r"alphas\[2\] must be an instance of float, not str"):
        RidgeCV(alphas=(1, 1.0, "1")).fit(X, y)
    with pytest.warns(FutureWarning, match="The 'svd' mode is not supported for sparse X"):
        RidgeCV(gcv_mode="svd").fit(sp.csr_matrix(X), y)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("gcv_mode", ["eigen", "svd"])
def test_ridgecv_loo_predictions_wide_small_alpha(weighted, gcv_mode):
    # Brute-force leave-one-out with an intercept on wide data: the intercept's
    # direction of X X^T has eigenvalue zero, which must not leak into the
    # leverages when alpha is tiny.
    from sklearn.datasets import make_regression
    from sklearn.model_selection import LeaveOneOut

    X, y = make_regression(n_samples=10, n_features=50, random_state=0)
    sw = np.where(np.arange(10) % 2 == 0, 0.5, 1.0) if weighted else None
    alphas = np.logspace(-5, 7, 5)
    model = RidgeCV(
        alphas=alphas, gcv_mode=gcv_mode, scoring="neg_mean_squared_error", store_cv_results=True
    ).fit(X, y, sample_weight=sw)
    expected = np.empty((10, len(alphas)))
    for a, alpha in enumerate(alphas):
        for train, test in LeaveOneOut().split(X):
            ref = SkRidge(alpha=alpha, solver="svd").fit(
                X[train], y[train], sample_weight=None if sw is None else sw[train]
            )
            expected[test, a] = ref.predict(X[test])
    np.testing.assert_allclose(model.cv_results_, expected, rtol=1e-6)


# Metadata routing ----------------------------------------------------------------


def _routing_data():
    X, y, weights = _problem(19, 60, 6)
    groups = np.repeat(np.arange(6), 10)
    return X, y, weights, groups


@pytest.mark.parametrize(
    "params",
    [
        {"cv": "group"},
        {"cv": 4},
        {"cv": "group", "scoring": "neg_mean_absolute_error"},
        {"cv": None, "scoring": "r2"},
        {"cv": None},
    ],
)
@pytest.mark.parametrize("weighted", [False, True])
def test_ridgecv_metadata_routing_matches_sklearn(params, weighted):
    # With routing on, sample_weight goes to the fits and to the scorer (the
    # default scorer requests it), groups to the splitter: same choice and
    # scores as scikit-learn's RidgeCV.
    from sklearn import config_context
    from sklearn.model_selection import GroupKFold

    from sklearn.metrics import get_scorer

    X, y, weights, groups = _routing_data()
    params = dict(params, alphas=ALPHAS)
    metadata = {"sample_weight": weights} if weighted else {}
    if params["cv"] == "group":
        params["cv"] = GroupKFold(n_splits=3)
        metadata["groups"] = groups
    with config_context(enable_metadata_routing=True):
        if "scoring" in params:
            # A named scorer must say whether it takes the weights.
            scorer = get_scorer(params["scoring"])
            params["scoring"] = scorer.set_score_request(sample_weight=True)
        ours = RidgeCV(**params).fit(X, y, **metadata)
        ref = SkRidgeCV(**params).fit(X, y, **metadata)
        routing = RidgeCV(**params).get_metadata_routing()
    assert ours.alpha_ == ref.alpha_
    np.testing.assert_allclose(ours.best_score_, ref.best_score_, rtol=1e-8)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-8)
    assert "sample_weight" in str(routing)  # the default scorer asks for it


def test_ridgecv_metadata_routing_errors():
    from sklearn import config_context
    from sklearn.model_selection import GroupKFold

    X, y, _, groups = _routing_data()
    with pytest.raises(ValueError, match="only supported if enable_metadata_routing=True"):
        RidgeCV(cv=GroupKFold(n_splits=3)).fit(X, y, groups=groups)
    with config_context(enable_metadata_routing=True):
        # A named scorer that was not told whether it takes the weights.
        with pytest.raises(Exception, match="set_score_request"):
            RidgeCV(cv=3, scoring="r2").fit(X, y, sample_weight=np.ones(len(y)))
        # A plain k-fold splitter does not ask for groups.
        with pytest.raises(Exception, match="groups"):
            RidgeCV(cv=3).fit(X, y, groups=groups)
        RidgeCV().get_metadata_routing()  # no recursion with the default scorer
