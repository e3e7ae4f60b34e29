"""Regularization paths and cross-validated estimators against scikit-learn's."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import linear_model as sk
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import KFold
from test_certificates import duality_gap

from skreg import ElasticNet, ElasticNetCV, Lasso, LassoCV, enet_path, lasso_path
from skreg.utils.param_checks import InvalidParameterError


def _data(seed, n=80, p=30, density=1.0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.3, 3.0, p) + rng.normal(size=p)
    if density < 1:
        X[rng.random(X.shape) > density] = 0.0
    coef = np.zeros(p)
    coef[:5] = rng.normal(scale=2.0, size=5)
    return X, X @ coef + 1.0 + rng.normal(size=n)


def _centred(X, y):
    return X - X.mean(axis=0), y - y.mean()


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("l1_ratio", [1.0, 0.4])
@pytest.mark.parametrize("precompute", [False, True, "auto"])
@pytest.mark.parametrize("positive", [False, True])
@pytest.mark.parametrize("shape", [(80, 30), (30, 80)])
def test_dense_path_matches_sklearn_and_is_certified(seed, l1_ratio, precompute, positive, shape):
    Xc, yc = _centred(*_data(seed, *shape))
    kwargs = dict(l1_ratio=l1_ratio, alphas=15, eps=1e-2, precompute=precompute,
                  positive=positive, tol=1e-12, max_iter=100_000)  # fmt: skip
    alphas, coefs, gaps = enet_path(Xc, yc, **kwargs)
    ref_alphas, ref_coefs, _ = sk.enet_path(Xc, yc, **kwargs)
    np.testing.assert_allclose(alphas, ref_alphas, rtol=1e-12)
    assert coefs.shape == ref_coefs.shape == (shape[1], 15)
    s = np.ones(len(yc))
    for i, alpha in enumerate(alphas):
        a1, a2 = alpha * l1_ratio, alpha * (1 - l1_ratio)
        gap = duality_gap(Xc, yc, s, coefs[:, i], 0.0, a1, a2, positive)
        # The kernel's reported gap and the independent one both certify tol.
        bound = 1e-12 * (yc @ yc) / len(yc) + 1e-13 * np.abs(yc).max() ** 2
        assert gaps[i] <= bound and gap <= bound
        # Predictions agree within what the two gaps allow (strong
        # convexity); a gap is only known to its rounding error.
        ref_gap = duality_gap(Xc, yc, s, ref_coefs[:, i], 0.0, a1, a2, positive)
        floor = 1e-14 * (yc @ yc) / len(yc)
        limit = sum(np.sqrt(2 * len(yc) * max(g, floor)) for g in (gap, ref_gap))
        assert np.linalg.norm(Xc @ (coefs[:, i] - ref_coefs[:, i])) <= limit
    assert np.all(coefs[:, 0] == 0)  # the grid starts at alpha_max


def test_column_norms_are_computed_once_per_path(monkeypatch):
    """The dense kernel's column norms are a property of X, not of alpha."""
    from skreg.linear_model import _enet_problem

    calls = []
    original = _enet_problem.centred_column_norms

    def counting(*args):
        calls.append(1)
        return original(*args)

    monkeypatch.setattr(_enet_problem, "centred_column_norms", counting)
    rng = np.random.default_rng(4)
    X = np.asfortranarray(rng.normal(size=(60, 30)))
    y = X[:, :3] @ np.ones(3) + rng.normal(size=60)
    alphas, coefs, _ = lasso_path(X, y - y.mean(), n_alphas=15, precompute=False)
    assert len(calls) == 1 and coefs.shape == (30, 15)


@pytest.mark.parametrize("container", [sp.csc_matrix, sp.csr_matrix])
def test_sparse_path_centres_implicitly_with_X_offset(container):
    X, y = _data(4, density=0.3)
    Xc, yc = _centred(X, y)
    dense = lasso_path(Xc, yc, alphas=10, tol=1e-12)
    sparse = lasso_path(container(X), yc, alphas=10, tol=1e-12,
                        X_offset=X.mean(axis=0), X_scale=np.ones(X.shape[1]))  # fmt: skip
    np.testing.assert_allclose(sparse[0], dense[0], rtol=1e-12)
    np.testing.assert_allclose(sparse[1], dense[1], rtol=1e-6, atol=1e-8)
    assert not sp.issparse(sparse[1])


def test_weighted_path_equals_the_path_on_repeated_samples():
    X, y = _data(5, n=40, p=12)
    Xc, yc = _centred(X, y)
    repeats = np.random.default_rng(0).integers(1, 4, size=len(y))
    weighted = lasso_path(Xc, yc, alphas=np.geomspace(1, 0.01, 8), sample_weight=repeats,
                          tol=1e-13)  # fmt: skip
    repeated = lasso_path(np.repeat(Xc, repeats, axis=0), np.repeat(yc, repeats),
                          alphas=np.geomspace(1, 0.01, 8), tol=1e-13)  # fmt: skip
    np.testing.assert_allclose(weighted[1], repeated[1], rtol=1e-6, atol=1e-9)


def test_path_options_coef_init_n_iter_alphas_and_float32():
    Xc, yc = _centred(*_data(6))
    alphas = [0.01, 1.0, 0.1]
    out, coefs, gaps, n_iters = lasso_path(Xc, yc, alphas=alphas, return_n_iter=True)
    np.testing.assert_array_equal(out, [1.0, 0.1, 0.01])  # solved from the largest
    assert len(n_iters) == 3 and all(isinstance(k, int) for k in n_iters)
    # Starting the last alpha from its own solution needs (almost) no work.
    _, _, _, again = lasso_path(Xc, yc, alphas=[0.01], coef_init=coefs[:, -1],
                                return_n_iter=True)  # fmt: skip
    assert again[0] <= n_iters[-1]
    X32, y32 = Xc.astype(np.float32), yc.astype(np.float32)
    _, coefs32, _ = lasso_path(X32, y32, alphas=alphas)
    assert coefs32.dtype == np.float32
    np.testing.assert_allclose(coefs32, coefs, rtol=1e-3, atol=1e-3)


def test_path_leaves_input_untouched_and_rejects_bad_arguments():
    X, y = _data(7)
    X_copy, y_copy = X.copy(), y.copy()
    lasso_path(X, y, alphas=5, sample_weight=np.arange(1.0, 81.0), precompute=False)
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    with pytest.raises(InvalidParameterError, match="eps"):
        lasso_path(X, y, eps=0)
    with pytest.raises(ValueError, match="non-negative"):
        lasso_path(X, y, alphas=[1.0, -1.0])
    with pytest.raises(ValueError, match="Unexpected parameters"):
        lasso_path(X, y, not_a_parameter=1)
    with pytest.raises(ValueError, match="l1_ratio=0"):
        enet_path(X, y, l1_ratio=0.0)
    with pytest.raises(ValueError, match="one-column target"):
        lasso_path(X, np.c_[y, y])
    with pytest.warns(ConvergenceWarning, match="Duality gap"):
        lasso_path(X, y, alphas=[1e-4], max_iter=1, tol=1e-12)


def _cv_pair(X, y, estimator, reference, **fit):
    ours = estimator.fit(X, y, **fit)
    ref = reference.fit(X, y, **fit)
    return ours, ref


CV_CASES = [
    dict(),
    dict(fit_intercept=False),
    dict(positive=True),
    dict(alphas=np.geomspace(2.0, 0.002, 12)),
    dict(precompute=False),
]


@pytest.mark.parametrize("params", CV_CASES)
@pytest.mark.parametrize("layout", ["dense", "csc"])
@pytest.mark.parametrize("weighted", [False, True])
def test_lasso_cv_matches_sklearn(params, layout, weighted):
    X, y = _data(8, n=90, p=25, density=0.5)
    X = sp.csc_matrix(X) if layout == "csc" else X
    cv = KFold(4, shuffle=True, random_state=1)
    fit = {"sample_weight": np.random.default_rng(2).uniform(0.2, 2.0, 90)} if weighted else {}
    common = {"cv": cv, "tol": 1e-12, "max_iter": 100_000, "alphas": 30, **params}
    ours, ref = _cv_pair(X, y, LassoCV(**common), sk.LassoCV(**common), **fit)
    np.testing.assert_allclose(ours.alphas_, ref.alphas_, rtol=1e-12)
    np.testing.assert_allclose(ours.mse_path_, ref.mse_path_, rtol=1e-6)
    assert ours.alpha_ == pytest.approx(ref.alpha_, rel=1e-12)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-6, atol=1e-8)
    assert not hasattr(ours, "l1_ratio_")


def test_elastic_net_cv_matches_sklearn_over_l1_ratios():
    X, y = _data(9, n=70, p=40)
    common = dict(l1_ratio=[0.1, 0.5, 0.9, 1.0], cv=KFold(3), tol=1e-14, max_iter=100_000,
                  alphas=20)  # fmt: skip
    ours, ref = _cv_pair(X, y, ElasticNetCV(**common), sk.ElasticNetCV(**common))
    assert ours.mse_path_.shape == ref.mse_path_.shape == (4, 20, 3)
    assert ours.alphas_.shape == ref.alphas_.shape == (4, 20)
    np.testing.assert_allclose(ours.mse_path_, ref.mse_path_, rtol=1e-6)
    assert (ours.alpha_, ours.l1_ratio_) == pytest.approx((ref.alpha_, ref.l1_ratio_))
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-5, atol=1e-8)


def test_one_standard_error_rule_picks_the_largest_alpha_within_one_se():
    X, y = _data(10, n=100, p=40)
    cv = KFold(5, shuffle=True, random_state=0)
    lowest = LassoCV(cv=cv, alphas=40).fit(X, y)
    sparser = LassoCV(cv=cv, alphas=40, alpha_rule="1se").fit(X, y)
    np.testing.assert_array_equal(sparser.mse_path_, lowest.mse_path_)
    mean = lowest.mse_path_.mean(axis=1)
    best = np.argmin(mean)
    se = lowest.mse_path_[best].std(ddof=1) / np.sqrt(5)
    expected = max(a for a, m in zip(lowest.alphas_, mean) if m <= mean[best] + se)
    assert sparser.alpha_ == expected
    assert lowest.alpha_ == lowest.alphas_[best]
    assert sparser.alpha_ > lowest.alpha_  # this problem has a real plateau
    assert np.count_nonzero(sparser.coef_) <= np.count_nonzero(lowest.coef_)
    refit = Lasso(alpha=sparser.alpha_).fit(X, y)
    np.testing.assert_allclose(sparser.coef_, refit.coef_, rtol=1e-6, atol=1e-10)


def test_threads_give_the_same_answer_and_verbose_reports_progress(capsys):
    X, y = _data(11, n=120, p=30)
    one = LassoCV(cv=4, n_jobs=1, verbose=1).fit(X, y)
    progress = capsys.readouterr().err
    assert progress.count("fold") == 4
    two = LassoCV(cv=4, n_jobs=2).fit(X, y)
    np.testing.assert_array_equal(one.mse_path_, two.mse_path_)
    assert one.alpha_ == two.alpha_


def test_cv_errors_and_final_model():
    X, y = _data(12)
    with pytest.raises(ValueError, match="multi-task"):
        LassoCV().fit(X, np.c_[y, y])
    with pytest.raises(InvalidParameterError, match="alpha_rule"):
        LassoCV(alpha_rule="2se").fit(X, y)
    with pytest.raises(InvalidParameterError, match="cv"):
        LassoCV(cv=1).fit(X, y)
    with pytest.raises(ValueError, match="l1_ratio=0"):
        ElasticNetCV(l1_ratio=[0.0, 0.5]).fit(X, y)
    model = ElasticNetCV(l1_ratio=[0.0, 0.5], alphas=[1.0, 0.1], cv=3).fit(X, y)
    final = ElasticNet(alpha=model.alpha_, l1_ratio=model.l1_ratio_).fit(X, y)
    np.testing.assert_allclose(model.coef_, final.coef_, rtol=1e-6, atol=1e-10)
    assert model.dual_gap_ == pytest.approx(final.dual_gap_)
