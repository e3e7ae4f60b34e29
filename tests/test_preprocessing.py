"""StandardScaler against scikit-learn's, plus what it adds."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler as SkStandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from skreg import Lasso, StandardScaler


@parametrize_with_checks([StandardScaler(), StandardScaler(with_mean=False)])
def test_sklearn_compatible_transformer(estimator, check):
    check(estimator)


def _data(seed, dtype=np.float64, n=50, p=6):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.1, 10, p) + rng.normal(scale=5, size=p)
    X[rng.random(X.shape) < 0.3] = 0.0
    return X.astype(dtype)


CASES = [
    (layout, weighted, dtype, with_mean, with_std)
    for layout in ("dense", "csr", "csc")
    for weighted in (False, True)
    for dtype in (np.float32, np.float64)
    for with_mean in (True, False)
    for with_std in (True, False)
    if not (layout != "dense" and with_mean)
]


@pytest.mark.parametrize("layout, weighted, dtype, with_mean, with_std", CASES)
def test_agrees_with_sklearn(layout, weighted, dtype, with_mean, with_std):
    X = _data(0, dtype)
    sw = np.random.default_rng(1).uniform(0.1, 3.0, len(X)) if weighted else None
    Xin = {"csr": sp.csr_matrix, "csc": sp.csc_matrix}.get(layout, np.asarray)(X)
    ours = StandardScaler(with_mean=with_mean, with_std=with_std).fit(Xin, sample_weight=sw)
    ref = SkStandardScaler(with_mean=with_mean, with_std=with_std).fit(Xin, sample_weight=sw)
    rtol = 1e-5 if dtype == np.float32 else 1e-10
    for name in ("mean_", "var_", "scale_"):
        a, b = getattr(ours, name), getattr(ref, name)
        assert (a is None) == (b is None), name
        if a is not None:
            np.testing.assert_allclose(a, b, rtol=rtol, atol=1e-12, err_msg=name)
    if not (weighted and layout == "dense" and not with_mean and not with_std):
        # scikit-learn 1.9 counts rows instead of summing weights in exactly
        # this case (dense, weighted, nothing to estimate), against its own
        # documentation and its sparse path; skreg sums the weights always.
        np.testing.assert_allclose(ours.n_samples_seen_, ref.n_samples_seen_, rtol=rtol)
    out, expected = ours.transform(Xin), ref.transform(Xin)
    assert out.dtype == dtype
    out = out.toarray() if sp.issparse(out) else out
    expected = expected.toarray() if sp.issparse(expected) else expected
    np.testing.assert_allclose(out, expected, rtol=rtol, atol=rtol)


@pytest.mark.parametrize("layout", ["dense", "csr"])
@pytest.mark.parametrize("weighted", [False, True])
def test_partial_fit_in_chunks_equals_one_fit(layout, weighted):
    X = _data(2, n=90)
    sw = np.random.default_rng(3).uniform(0.1, 3.0, len(X)) if weighted else None
    convert = sp.csr_matrix if layout == "csr" else np.asarray
    with_mean = layout == "dense"
    whole = StandardScaler(with_mean=with_mean).fit(convert(X), sample_weight=sw)
    chunked = StandardScaler(with_mean=with_mean)
    for rows in np.array_split(np.arange(len(X)), 3):
        chunked.partial_fit(convert(X[rows]), sample_weight=None if sw is None else sw[rows])
    np.testing.assert_allclose(chunked.mean_, whole.mean_, rtol=1e-12)
    np.testing.assert_allclose(chunked.var_, whole.var_, rtol=1e-10)
    np.testing.assert_allclose(chunked.n_samples_seen_, whole.n_samples_seen_)


def test_inverse_transform_round_trips_and_input_is_kept():
    X = _data(4)
    kept = X.copy()
    scaler = StandardScaler().fit(X)
    np.testing.assert_allclose(scaler.inverse_transform(scaler.transform(X)), X, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(X, kept)
    S = sp.csr_matrix(X)
    sparse_scaler = StandardScaler(with_mean=False).fit(S)
    back = sparse_scaler.inverse_transform(sparse_scaler.transform(S))
    np.testing.assert_allclose(back.toarray(), X, rtol=1e-12, atol=1e-12)


def test_constant_and_near_constant_columns_get_scale_one():
    X = np.c_[np.full(20, 3.0), 1e8 + np.r_[np.zeros(19), 1e-8], np.arange(20.0)]
    scaler = StandardScaler().fit(X)
    assert scaler.scale_[0] == 1.0 and scaler.scale_[1] == 1.0
    out = scaler.transform(X)
    assert np.all(np.isfinite(out))


def test_float32_with_large_offset_gets_an_accurate_mean():
    rng = np.random.default_rng(5)
    X = (1e4 + rng.normal(size=(1_000_000, 1))).astype(np.float32)
    scaler = StandardScaler().fit(X)
    exact = X.astype(np.float64).mean()
    assert abs(scaler.mean_[0] - exact) < 1e-6
    assert scaler.transform(X).dtype == np.float32


def test_sparse_centring_is_refused_like_sklearn():
    with pytest.raises(ValueError, match="Cannot center sparse matrices"):
        StandardScaler().fit(sp.csr_matrix(_data(6)))


def test_pandas_output_keeps_feature_names():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(_data(7), columns=[f"f{i}" for i in range(6)])
    out = StandardScaler().set_output(transform="pandas").fit_transform(frame)
    assert list(out.columns) == list(frame.columns)


def test_pipeline_with_lasso_equals_lasso_on_hand_standardized_data():
    rng = np.random.default_rng(8)
    X = _data(8, n=80, p=10)
    y = X[:, :3] @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=80)
    pipe = Pipeline([("scale", StandardScaler()), ("lasso", Lasso(alpha=0.1, tol=1e-12))]).fit(X, y)
    by_hand = (X - X.mean(axis=0)) / X.std(axis=0)
    direct = Lasso(alpha=0.1, tol=1e-12).fit(by_hand, y)
    np.testing.assert_allclose(pipe.named_steps["lasso"].coef_, direct.coef_, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("n_samples", [10, 100, 10_000])
def test_columns_constant_after_rounding_get_zero_variance_like_sklearn(n_samples):
    # A tiny spread around 1e-10 that rounds away: every value in such a column
    # is the same float, so its variance is exactly 0, as scikit-learn reports.
    scales = 10.0 ** np.arange(-30, 20)
    X = np.empty((n_samples, scales.size))
    X[: n_samples // 2] = 1e-10 + scales
    X[n_samples // 2 :] = 1e-10 - scales
    ours = StandardScaler(with_mean=False).fit(X)
    ref = SkStandardScaler(with_mean=False).fit(X)
    rounded_away = X[0] == X[-1]
    assert rounded_away.any()
    np.testing.assert_array_equal(ours.var_[rounded_away], 0.0)
    np.testing.assert_array_equal(ref.var_[rounded_away], 0.0)
    np.testing.assert_array_equal(ours.mean_[rounded_away], X[0, rounded_away])
    # Near-constant columns get scale 1 in both, the others sqrt(var_).
    np.testing.assert_allclose(ours.scale_, ref.scale_, rtol=1e-6)
    np.testing.assert_allclose(ours.var_[~rounded_away], ref.var_[~rounded_away], rtol=1e-6)


@pytest.mark.parametrize("container", [sp.csr_matrix, sp.csr_array, np.asarray])
def test_partial_fit_with_an_all_nan_batch_keeps_the_statistics(container):
    rng = np.random.default_rng(9)
    first = sp.random(5, 2, density=0.8, random_state=10, format="csr").toarray()
    nan_batch = np.full((10, 2), np.nan)
    with_mean = container is np.asarray
    ours = StandardScaler(with_mean=with_mean).fit(container(first)).partial_fit(container(nan_batch))
    # An empty batch changes nothing: the statistics are those of the first.
    np.testing.assert_allclose(ours.mean_, first.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(ours.var_, first.var(axis=0), rtol=1e-12)
    assert ours.n_samples_seen_ == 5
    if not with_mean:
        # scikit-learn agrees on sparse input (its dense path gives NaN here).
        ref = SkStandardScaler(with_mean=False).fit(container(first)).partial_fit(container(nan_batch))
        for name in ("mean_", "var_", "scale_", "n_samples_seen_"):
            np.testing.assert_allclose(getattr(ours, name), getattr(ref, name), rtol=1e-12, err_msg=name)
    # More data after the empty batch still combines correctly.
    more = rng.normal(size=(7, 2))
    ours.partial_fit(container(more))
    whole = StandardScaler(with_mean=with_mean).fit(container(np.r_[first, more]))
    np.testing.assert_allclose(ours.var_, whole.var_, rtol=1e-12)


class _RecordingCallback:
    """The smallest callback of scikit-learn's protocol: it lists the hooks called."""

    def __init__(self):
        self.calls = []

    def setup(self, estimator, context):
        self.calls.append(("setup", None))

    def on_fit_task_begin(self, estimator, context, *, X=None, y=None, metadata=None, fitted_estimator=None):
        self.calls.append(("on_fit_task_begin", None))

    def on_fit_task_end(self, estimator, context, *, X=None, y=None, metadata=None, fitted_estimator=None):
        self.calls.append(("on_fit_task_end", fitted_estimator))

    def teardown(self, estimator, context):
        self.calls.append(("teardown", None))


@pytest.mark.parametrize("method", ["fit", "partial_fit"])
def test_callbacks_are_called_like_sklearn(method):
    pytest.importorskip("sklearn.callback")
    X = _data(11)
    calls = {}
    for name, cls in (("ours", StandardScaler), ("ref", SkStandardScaler)):
        callback = _RecordingCallback()
        scaler = cls().set_callbacks(callback)
        getattr(scaler, method)(X)
        calls[name] = callback.calls
        assert not hasattr(scaler, "_callback_fit_ctx")  # torn down after fit
    assert [hook for hook, _ in calls["ours"]] == [hook for hook, _ in calls["ref"]]
    fitted = [est for hook, est in calls["ours"] if hook == "on_fit_task_end"][0]
    np.testing.assert_allclose(fitted.transform(X), StandardScaler().fit(X).transform(X))
    # Teardown runs even when fit fails after the callbacks were set up.
    callback = _RecordingCallback()
    with pytest.raises(ValueError, match="non-zero"):
        getattr(StandardScaler().set_callbacks(callback), method)(X, sample_weight=np.zeros(len(X)))
    assert [hook for hook, _ in callback.calls] == ["setup", "on_fit_task_begin", "teardown"]
