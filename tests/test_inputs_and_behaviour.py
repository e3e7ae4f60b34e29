"""Bad input answered as scikit-learn answers it; documented behaviours."""

import warnings

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.exceptions import ConvergenceWarning, NotFittedError
from sklearn.linear_model import ElasticNet as SkElasticNet
from sklearn.linear_model import Lasso as SkLasso
from test_certificates import duality_gap

from skreg import ElasticNet, Lasso
from skreg.linear_model._fit_validation import validate_fit_data
from skreg.utils.param_checks import InvalidParameterError


def _data(seed=0, n=30, p=8):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) + 1.0
    y = X[:, 0] - 2 * X[:, 1] + 0.1 * rng.normal(size=n)
    return X, y


def _with_nan(X):
    X = X.copy()
    X[0, 0] = np.nan
    return X


def _with_inf(X):
    X = X.copy()
    X[1, 1] = np.inf
    return X


X0, Y0 = _data()

BAD_FITS = {
    "nan in X": (lambda: (_with_nan(X0), Y0), {}),
    "inf in X": (lambda: (_with_inf(X0), Y0), {}),
    "nan in y": (lambda: (X0, np.r_[np.nan, Y0[1:]]), {}),
    "nan in sparse X": (lambda: (sp.csr_matrix(_with_nan(X0)), Y0), {}),
    "no samples": (lambda: (np.empty((0, 3)), np.empty(0)), {}),
    "no features": (lambda: (np.empty((5, 0)), np.ones(5)), {}),
    "1-D X": (lambda: (Y0, Y0), {}),
    "length mismatch": (lambda: (X0, Y0[:-1]), {}),
    "strings": (lambda: (np.array([["a", "b"], ["c", "d"]]), np.ones(2)), {}),
    "complex": (lambda: (X0 + 1j, Y0), {}),
    "3-D y": (lambda: (X0, np.ones((len(X0), 2, 2))), {}),
    "negative alpha": (lambda: (X0, Y0), {"alpha": -1.0}),
    "max_iter 0": (lambda: (X0, Y0), {"max_iter": 0}),
    "negative tol": (lambda: (X0, Y0), {"tol": -1.0}),
    "bad selection": (lambda: (X0, Y0), {"selection": "foo"}),
    "bad precompute": (lambda: (X0, Y0), {"precompute": "foo"}),
    "l1_ratio above 1": (lambda: (X0, Y0), {"l1_ratio": 1.5}),
    "l1_ratio below 0": (lambda: (X0, Y0), {"l1_ratio": -0.1}),
    "weights of wrong length": (lambda: (X0, Y0), {"sample_weight": np.ones(3)}),
}


def _raised(make, X, y, params):
    params = dict(params)
    sample_weight = params.pop("sample_weight", None)
    try:
        make(**params).fit(X, y, sample_weight=sample_weight)
    except Exception as exc:  # noqa: BLE001 - the type is what is compared
        return exc
    return None


@pytest.mark.parametrize("name", sorted(BAD_FITS))
def test_bad_fit_input_raises_what_sklearn_raises(name):
    build, params = BAD_FITS[name]
    X, y = build()
    expected = _raised(SkElasticNet, X, y, params)
    assert expected is not None, "scikit-learn accepts this; the case is wrong"
    got = _raised(ElasticNet, X, y, params)
    assert isinstance(got, type(expected)), (name, got, expected)
    assert str(got)


def test_negative_sample_weights_are_refused():
    # scikit-learn silently returns coefficients computed from NaN here.
    with pytest.raises(ValueError, match="Negative values"):
        Lasso(alpha=0.1).fit(X0, Y0, sample_weight=np.r_[-1.0, np.ones(len(Y0) - 1)])


def test_predict_before_fit_and_with_other_width():
    with pytest.raises(NotFittedError):
        Lasso().predict(X0)
    model = Lasso(alpha=0.01).fit(X0, Y0)
    with pytest.raises(ValueError, match="features"):
        model.predict(X0[:, :3])


def test_alpha_zero_warns_like_sklearn_and_stays_finite():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = Lasso(alpha=0.0, max_iter=50).fit(X0, Y0)
    assert any(issubclass(w.category, UserWarning) and "alpha=0" in str(w.message) for w in caught)
    assert np.all(np.isfinite(model.coef_))


def test_max_iter_reached_warns_with_gap_and_tolerance():
    X, y = _data(1, n=60, p=40)
    with pytest.warns(ConvergenceWarning, match=r"Duality gap: .*tolerance: ") as record:
        model = Lasso(alpha=1e-4, max_iter=2, tol=1e-12).fit(X, y)
    message = str(record[0].message)
    assert f"{model.dual_gap_:.3e}" in message
    assert model.n_iter_ == 2


def test_constant_target_and_constant_column_give_finite_zeros():
    X, _ = _data()
    X[:, 2] = 3.0
    model = ElasticNet(alpha=0.1).fit(X, np.full(len(X), 5.0))
    assert np.all(model.coef_ == 0) and model.intercept_ == pytest.approx(5.0)
    model = Lasso(alpha=0.01).fit(X, X[:, 0])
    assert np.all(np.isfinite(model.coef_)) and model.coef_[2] == 0


@pytest.mark.parametrize("layout", ["dense", "csr"])
def test_user_arrays_are_not_modified(layout):
    X, y = _data(2)
    sw = np.linspace(0.5, 2.0, len(y))
    Xfit = sp.csr_matrix(X) if layout == "csr" else np.asfortranarray(X)
    copies = (Xfit.copy(), y.copy(), sw.copy())
    ElasticNet(alpha=0.01).fit(Xfit, y, sample_weight=sw)
    Lasso(alpha=0.01, precompute=True).fit(Xfit, y, sample_weight=sw)
    after = Xfit.toarray() if layout == "csr" else Xfit
    before = copies[0].toarray() if layout == "csr" else copies[0]
    np.testing.assert_array_equal(after, before)
    np.testing.assert_array_equal(y, copies[1])
    np.testing.assert_array_equal(sw, copies[2])


def test_copy_X_false_may_centre_in_place_and_gives_the_same_fit():
    X, y = _data(3)
    s = np.random.default_rng(3).uniform(0.5, 2.0, len(y))
    for weights in (None, s):
        reference = Lasso(alpha=0.01).fit(X, y, sample_weight=weights)
        X_f = np.asfortranarray(X.copy())
        model = Lasso(alpha=0.01, copy_X=False).fit(X_f, y, sample_weight=weights)
        np.testing.assert_allclose(model.coef_, reference.coef_, rtol=1e-7, atol=1e-10)
        if weights is None:
            # Centred on the fly by the kernel: not even copy_X=False needs
            # to touch X.
            np.testing.assert_array_equal(X_f, X)
        else:
            assert not np.allclose(X_f, X)  # centred and weighted in place, as allowed


def test_warm_start_at_the_optimum_costs_no_epoch():
    X, y = _data(4)
    # The first fit goes four orders of magnitude below the refit's tol, so
    # that the gap checked before the first epoch passes whatever the last
    # bits of rounding: no epoch is then the behaviour, not luck.
    model = Lasso(alpha=0.01, warm_start=True, tol=1e-12).fit(X, y)
    first = model.coef_.copy()
    model.set_params(tol=1e-8).fit(X, y)
    assert model.n_iter_ == 0
    np.testing.assert_array_equal(model.coef_, first)
    gap = duality_gap(X, y, np.ones(len(y)), model.coef_, model.intercept_, 0.01, 0.0, False)
    assert gap <= 1e-8 * np.var(y)


def test_fits_are_deterministic():
    X, y = _data(5, n=50, p=30)
    for selection in ("cyclic", "random"):
        a = Lasso(alpha=0.01, selection=selection, random_state=3).fit(X, y)
        b = Lasso(alpha=0.01, selection=selection, random_state=3).fit(X, y)
        np.testing.assert_array_equal(a.coef_, b.coef_)
        assert a.intercept_ == b.intercept_


@pytest.mark.parametrize("layout", ["dense", "csc"])
@pytest.mark.parametrize("weighted", [False, True])
def test_alpha_max_is_the_smallest_alpha_with_all_zeros(layout, weighted):
    X, y = _data(6, n=40, p=12)
    s = np.linspace(0.2, 3.0, len(y)) if weighted else np.ones(len(y))
    Xc = X - np.average(X, axis=0, weights=s)
    alpha_max = np.max(np.abs(Xc.T @ (s * (y - np.average(y, weights=s))))) / s.sum()
    Xfit = sp.csc_matrix(X) if layout == "csc" else X
    sw = s if weighted else None
    at_max = Lasso(alpha=alpha_max).fit(Xfit, y, sample_weight=sw)
    assert np.all(at_max.coef_ == 0)
    assert at_max.intercept_ == pytest.approx(np.average(y, weights=s))
    # At the default tol, w = 0 is already certified close enough to the
    # optimum just below alpha_max (its gap is ~1e-4 ||y||^2): ask for more.
    below = Lasso(alpha=0.99 * alpha_max, tol=1e-10).fit(Xfit, y, sample_weight=sw)
    assert np.count_nonzero(below.coef_) >= 1


def test_sparse_coef_and_float32_attributes():
    X, y = _data(7)
    model = Lasso(alpha=0.01).fit(X.astype(np.float32), y.astype(np.float32))
    assert model.coef_.dtype == np.float32
    assert np.asarray(model.intercept_).dtype == np.float32
    assert sp.issparse(model.sparse_coef_)
    np.testing.assert_array_equal(model.sparse_coef_.toarray().ravel(), model.coef_)


def test_int64_sparse_indices_and_coo_input_are_accepted():
    X, y = _data(8)
    coo = sp.coo_matrix(X)
    csc64 = sp.csc_matrix(X)
    csc64.indices = csc64.indices.astype(np.int64)
    csc64.indptr = csc64.indptr.astype(np.int64)
    fits = [Lasso(alpha=0.01, tol=1e-10).fit(M, y) for M in (X, coo, csc64)]
    for fit in fits[1:]:
        np.testing.assert_allclose(fit.coef_, fits[0].coef_, rtol=1e-7, atol=1e-9)


def test_integer_weights_equal_repeated_rows():
    X, y = _data(9, n=25, p=6)
    counts = np.arange(len(y)) % 3
    weighted = ElasticNet(alpha=0.01, tol=1e-12).fit(X, y, sample_weight=counts)
    repeated = ElasticNet(alpha=0.01, tol=1e-12).fit(np.repeat(X, counts, axis=0), np.repeat(y, counts))
    np.testing.assert_allclose(weighted.coef_, repeated.coef_, rtol=1e-7, atol=1e-10)
    assert weighted.intercept_ == pytest.approx(repeated.intercept_, rel=1e-8)


def test_lasso_matches_sklearn_on_a_multi_target_positive_fit():
    X, y = _data(10, n=40, p=10)
    Y = np.c_[y, -y + 0.5 * X[:, 3]]
    ours = Lasso(alpha=0.01, positive=True, tol=1e-12).fit(X, Y)
    ref = SkLasso(alpha=0.01, positive=True, tol=1e-12, max_iter=100_000).fit(X, Y)
    np.testing.assert_allclose(ours.coef_, ref.coef_, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(ours.intercept_, ref.intercept_, rtol=1e-6)
    assert len(ours.n_iter_) == 2 and ours.dual_gap_.shape == (2,)


def test_short_validation_path_behaves_as_validate_data():
    """Plain float arrays skip validate_data; the outcome must be the same."""
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(3)
    X = rng.normal(size=(30, 4))
    y = X @ np.array([1.0, -1.0, 0.5, 0.0]) + 0.1 * rng.normal(size=30)
    model = Lasso(alpha=0.01).fit(pd.DataFrame(X, columns=list("abcd")), y)
    assert list(model.feature_names_in_) == list("abcd")
    refit = model.fit(X, y)  # refitting on an ndarray forgets the names
    assert not hasattr(refit, "feature_names_in_") and refit.n_features_in_ == 4
    # C-ordered, float32 target: same answer as through the general path.
    through_list = Lasso(alpha=0.01).fit(X.tolist(), y.tolist())
    fast = Lasso(alpha=0.01).fit(np.ascontiguousarray(X), y.astype(np.float32))
    np.testing.assert_allclose(fast.coef_, through_list.coef_, rtol=1e-6)
    # Non-finite values fall through to scikit-learn's own errors.
    bad = y.copy()
    bad[3] = np.inf
    with pytest.raises(ValueError, match="Input y contains infinity"):
        Lasso().fit(X, bad)
    # A total that overflows is not taken for a non-finite value.
    huge = np.zeros((5, 2))
    huge[0, 0] = huge[1, 1] = 1e308
    assert not np.isfinite(huge.sum())
    assert np.all(np.isfinite(Lasso(alpha=1.0).fit(huge, np.arange(5.0)).coef_))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_validation_statistics_are_the_column_means_and_centred_norms(dtype):
    """The short path's finiteness check also yields means and norms."""
    rng = np.random.default_rng(12)
    X = (rng.normal(size=(300, 7)) * 3.0 + 1e6).astype(dtype)
    y = rng.normal(size=300)
    _, _, (means, norm2) = validate_fit_data(Lasso(), X, y, column_stats=True)
    exact = X.astype(np.float64)
    np.testing.assert_allclose(means, exact.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(norm2, ((exact - exact.mean(axis=0)) ** 2).sum(axis=0), rtol=1e-9)
    for bad in (np.nan, np.inf, -np.inf):
        X_bad = X.copy()
        X_bad[5, 2] = bad
        with pytest.raises(ValueError, match="Input X contains"):
            validate_fit_data(Lasso(), X_bad, y, column_stats=True)


@pytest.mark.parametrize("shift", [1e4, 1e7])
def test_columns_with_large_means_are_centred_exactly(shift):
    """The kernel centres on the fly: a large shift must not cost digits."""
    rng = np.random.default_rng(8)
    X = rng.normal(size=(200, 50))
    y = X[:, :5] @ np.ones(5) + rng.normal(size=200)
    reference = Lasso(alpha=0.01, tol=1e-10).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        shifted = Lasso(alpha=0.01, tol=1e-10, precompute=False).fit(np.asfortranarray(X + shift), y)
    np.testing.assert_allclose(shifted.coef_, reference.coef_, rtol=0, atol=1e-8)
    np.testing.assert_allclose(
        shifted.intercept_, reference.intercept_ - shift * reference.coef_.sum(), rtol=1e-9
    )


def test_parameters_are_checked_again_after_set_params():
    X, y = _data(9)
    model = Lasso(alpha=0.1).fit(X, y)
    model.set_params(alpha=-1.0)
    with pytest.raises(InvalidParameterError, match="alpha"):
        model.fit(X, y)
    model.alpha = "strong"  # direct attribute assignment, no set_params
    with pytest.raises(InvalidParameterError, match="alpha"):
        model.fit(X, y)
    model.set_params(alpha=0.1).fit(X, y)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"fit_intercept": False},
        {"positive": True},
        {"l1_ratio": 0.3},
        {"selection": "random", "random_state": 3},
        {"precompute": False, "max_iter": 5},
    ],
)
def test_1d_target_fit_equals_the_one_column_2d_fit(dtype, params):
    """A 1-D y and a 2-D y of one column give the same fit, the same work,
    and attributes of the right shapes and dtypes."""
    X, y = _data(21)
    X = np.ascontiguousarray(X, dtype=dtype)  # C order: converted, as validation does
    y = y.astype(dtype)
    # float32 rounding reaches about 1e-7 of ||y||^2 in the gap: a looser tol.
    tol = 1e-10 if dtype == np.float64 else 1e-5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        one = ElasticNet(alpha=0.05, tol=tol, **params).fit(X, y)
        general = ElasticNet(alpha=0.05, tol=tol, **params).fit(X, y[:, None])
    rtol = 1e-3 if dtype == np.float32 else 1e-9
    np.testing.assert_allclose(one.coef_, general.coef_[0], rtol=rtol, atol=rtol)
    np.testing.assert_allclose(
        one.intercept_, np.ravel(general.intercept_)[0], rtol=rtol, atol=rtol
    )
    assert one.coef_.dtype == dtype
    if one.fit_intercept:
        assert np.asarray(one.intercept_).dtype == dtype
    else:
        assert one.intercept_ == 0.0  # scikit-learn's float
    assert isinstance(one.n_iter_, int) and np.isscalar(one.dual_gap_)
    if dtype == np.float64:
        _check_same_work_and_certified(one, general, X, y, tol, params.get("max_iter", 1000))


def _check_same_work_and_certified(one, general, X, y, tol, max_iter):
    """The 1-D fit stops where the 2-D one stops, for the same reason.

    The same iterates up to rounding, but the epoch at which the gap crosses
    ``tol`` may move by the last bits: compare epoch counts within a factor
    of two, and certify convergence by the gap recomputed here.
    """
    steps = one.n_iter_, general.n_iter_[0]
    if max(steps) >= max_iter:
        # Out of epochs: both must be (scikit-learn reports max_iter).
        assert steps == (max_iter, max_iter)
        return
    assert max(steps) <= 2 * min(steps), steps
    a1, a2 = one.alpha * one.l1_ratio, one.alpha * (1 - one.l1_ratio)
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if not one.fit_intercept:
        # Without intercept: the data and their mirror image have mean 0 and
        # the same objective at every w, so the centring gap certifies it.
        X, y = np.r_[X, -X], np.r_[y, -y]
    intercept = one.intercept_ if one.fit_intercept else 0.0
    gap = duality_gap(X, y, np.ones(len(y)), one.coef_, intercept, a1, a2, one.positive)
    # scikit-learn's stopping rule: gap <= tol * ||y - mean||^2 / n.
    assert gap <= tol * np.var(y) * (1 + 1e-6)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_warm_start_of_1d_and_2d_targets_agree(fit_intercept):
    """A warm start forms its residual from the means of its non-zero columns only."""
    X, y = _data(23)
    X = X + 50.0  # large means: a wrong centring would show
    models = []
    for target in (y, y[:, None]):
        model = ElasticNet(alpha=0.2, tol=1e-10, warm_start=True, fit_intercept=fit_intercept)
        model.fit(X, target)
        assert np.count_nonzero(model.coef_) > 0
        models.append(model.set_params(alpha=0.05).fit(X, target))
    one, general = models
    np.testing.assert_allclose(one.coef_, general.coef_[0], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(one.intercept_, np.ravel(general.intercept_)[0], rtol=1e-9)
    # The same iterates up to rounding, both certified.
    _check_same_work_and_certified(one, general, X, y, 1e-10, 1000)
    cold = ElasticNet(alpha=0.05, tol=1e-10, fit_intercept=fit_intercept).fit(X, y)
    np.testing.assert_allclose(one.coef_, cold.coef_, rtol=1e-6, atol=1e-8)


def test_non_finite_data_gets_scikit_learns_message():
    X, y = _data(22)
    for bad_X, bad_y, message in [
        (_with_nan(X), y, "Input X contains NaN"),
        (_with_inf(X), y, "Input X contains infinity"),
        (X, np.r_[np.inf, y[1:]], "Input y contains infinity"),
    ]:
        with pytest.raises(ValueError, match=message):
            Lasso().fit(bad_X, bad_y)


def test_a_non_finite_solution_raises_scikit_learns_message(monkeypatch):
    """Coefficients that overflowed in the solver are an error, not a result."""
    import skreg.linear_model._coordinate_descent as cd_module

    X, y = _data(seed=5)
    real = cd_module.SolveDriver.solve

    def overflowing(self, k, w, *args, **kwargs):
        # As an overflow in the kernel would leave them: an infinite
        # coefficient and the gap of that point, NaN.
        _, tol_gap, n_iter = real(self, k, w, *args, **kwargs)
        w[0] = np.inf
        return np.nan, tol_gap, n_iter

    monkeypatch.setattr(cd_module.SolveDriver, "solve", overflowing)
    with pytest.raises(ValueError, match="non-finite parameter values"):
        Lasso(alpha=0.01).fit(X, y)
