"""Warm-started refits reuse the Gram matrix only while the data are unchanged."""

import copy
import pickle

import numpy as np
import pytest

import skreg.linear_model._coordinate_descent as cd_module
from skreg import ElasticNet, Lasso
from skreg._kernels.fingerprint import column_fingerprints, hash_key


def _tall(seed=0, n_samples=3000, n_features=5):
    # n_samples >= 500 * n_features: precompute='auto' uses the Gram matrix.
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features)) + 2.0
    y = X @ rng.normal(size=n_features) + 0.5 * rng.normal(size=n_samples)
    return np.asfortranarray(X), y


@pytest.fixture
def preparations(monkeypatch):
    """The number of problems prepared (Gram matrices formed) so far."""
    calls = []
    original = cd_module.prepare_enet_problem

    def counting(*args, **kwargs):
        calls.append(kwargs["precompute"])
        return original(*args, **kwargs)

    monkeypatch.setattr(cd_module, "prepare_enet_problem", counting)
    return calls


def _fresh(estimator, X, y):
    return copy.deepcopy(estimator).set_params(warm_start=False).fit(X, y)


@pytest.mark.parametrize(
    "estimator", [Lasso(), ElasticNet(l1_ratio=0.3), Lasso(solver="fista")]
)
def test_a_warm_started_alpha_loop_forms_the_gram_matrix_once(preparations, estimator):
    X, y = _tall()
    model = estimator.set_params(warm_start=True, tol=1e-12, max_iter=10_000)
    for alpha in (0.5, 0.1, 0.02):
        model.set_params(alpha=alpha).fit(X, y)
        expected = _fresh(model, X, y)
        np.testing.assert_allclose(model.coef_, expected.coef_, rtol=1e-8, atol=1e-10)
        np.testing.assert_allclose(model.intercept_, expected.intercept_, rtol=1e-9, atol=1e-8)
    # One Gram matrix for the loop; each fresh fit formed its own.
    assert preparations.count(True) == 1 + 3


def _edit_keeping_column_sum(X, y):
    # Two entries of one column move in opposite directions: the plain
    # column sum is unchanged, the Gram matrix is not.
    X[3, 1] += 1.0
    X[7, 1] -= 1.0


def _edit_y(X, y):
    y[5] += 1.0


def _swap_two_entries(X, y):
    X[[0, 1], 2] = X[[1, 0], 2]


def _negate_two_entries(X, y):
    # Two sign flips change a plain sum of bit patterns by 2**64: no change.
    X[[2, 9], 0] *= -1.0


def _move_one_entry_by_one_ulp(X, y):
    # Far below the rounding of any floating-point sum of the column.
    X[4, 3] = np.nextafter(X[4, 3], np.inf)


@pytest.mark.parametrize(
    "edit",
    [_edit_keeping_column_sum, _edit_y, _swap_two_entries, _negate_two_entries,
     _move_one_entry_by_one_ulp],
)  # fmt: skip
def test_data_edited_in_place_are_not_taken_for_the_old_data(preparations, edit):
    X, y = _tall(seed=1)
    model = Lasso(alpha=0.05, warm_start=True, tol=1e-12).fit(X, y)
    edit(X, y)
    model.fit(X, y)
    assert preparations.count(True) == 2
    expected = _fresh(model, X, y)
    np.testing.assert_allclose(model.coef_, expected.coef_, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(model.intercept_, expected.intercept_, rtol=1e-9, atol=1e-8)


def test_settings_that_change_the_gram_matrix_form_it_again(preparations):
    X, y = _tall(seed=2)
    model = Lasso(alpha=0.05, warm_start=True).fit(X, y)
    model.set_params(fit_intercept=False).fit(X, y)
    model.fit(X, y, sample_weight=np.linspace(0.5, 1.5, X.shape[0]))
    model.fit(X[:-1], y[:-1])
    model.fit(X.astype(np.float32), y)
    assert preparations.count(True) == 5
    # Without warm start nothing is kept between fits.
    cold = Lasso(alpha=0.05).fit(X, y)
    assert not hasattr(cold, "_gram_reuse")


def test_a_non_finite_entry_written_after_a_fit_raises(preparations):
    X, y = _tall(seed=3)
    model = Lasso(alpha=0.05, warm_start=True).fit(X, y)
    X[10, 0] = np.nan
    with pytest.raises(ValueError, match="Input X contains NaN"):
        model.fit(X, y)
    X[10, 0] = np.inf
    with pytest.raises(ValueError, match="Input X contains infinity"):
        model.fit(X, y)


def test_the_cache_is_not_pickled_or_copied():
    X, y = _tall(seed=4)
    model = Lasso(alpha=0.05, warm_start=True).fit(X, y)
    assert hasattr(model, "_gram_reuse")
    for restored in (pickle.loads(pickle.dumps(model)), copy.deepcopy(model)):
        assert not hasattr(restored, "_gram_reuse")
        np.testing.assert_array_equal(restored.coef_, model.coef_)
        # A restored model refits (and warm-starts) as usual.
        restored.set_params(alpha=0.01).fit(X, y)
        np.testing.assert_allclose(
            restored.coef_, _fresh(restored, X, y).coef_, rtol=1e-6, atol=1e-9
        )
    assert hasattr(model, "_gram_reuse")


def test_converted_and_float32_data_are_recognised(preparations):
    X, y = _tall(seed=5)
    model = Lasso(alpha=0.05, warm_start=True).fit(X, y)
    # A C-ordered copy is converted to the same Fortran-ordered bits.
    model.set_params(alpha=0.01).fit(np.ascontiguousarray(X), y)
    assert preparations.count(True) == 1
    X32 = X.astype(np.float32)
    model.fit(X32, y)
    model.set_params(alpha=0.05).fit(X32, y)
    assert preparations.count(True) == 2
    X32[0, 0] *= -1.0
    model.fit(X32, y)
    assert preparations.count(True) == 3


def test_column_fingerprints_are_the_keyed_sums_of_the_words():
    rng = np.random.default_rng(6)
    # 70000 rows: 140000 words, several key blocks, the last one partial;
    # six columns: one group of four and two left over.
    X = np.asfortranarray(rng.normal(size=(70000, 6)))
    words = X.T.view(np.uint32)
    seed = np.uint64(987654321)
    out = np.empty(6, dtype=np.uint64)
    column_fingerprints(words, seed, out)
    keys = [int(hash_key(seed, i)) for i in range(words.shape[1])]
    for j in range(6):
        exact = sum(k * int(m) for k, m in zip(keys, words[j])) % 2**64
        assert int(out[j]) == exact


def test_hash_keys_are_splitmix64():
    # The first outputs of the reference SplitMix64 from the state 1234567.
    expected = [6457827717110365317, 3203168211198807973, 9817491932198370423,
                4593380528125082431, 16408922859458223821]  # fmt: skip
    assert [int(hash_key(np.uint64(1234567), i)) for i in range(5)] == expected


def test_the_cache_holds_nothing_of_the_length_of_the_columns():
    X, y = _tall(seed=7)
    model = Lasso(alpha=0.05, warm_start=True).fit(X, y)
    entry = model._gram_reuse
    sizes = [a.size for a in vars(entry.problem).values() if isinstance(a, np.ndarray)]
    sizes += [entry.X_fingerprints.size, entry.Y_fingerprints.size]
    assert max(sizes) == X.shape[1] ** 2
