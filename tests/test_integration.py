"""skreg inside scikit-learn's meta-estimators, as users drop it in."""

import pickle

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.feature_selection import SelectFromModel
from sklearn.linear_model import Lasso as SkLasso
from sklearn.model_selection import GridSearchCV, KFold, cross_validate
from sklearn.pipeline import Pipeline

from skreg import ElasticNet, Lasso, StandardScaler


def _data(seed=0, n=120, p=15):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 5.0, p) + rng.normal(size=p)
    coef = np.zeros(p)
    coef[:4] = [3.0, -2.0, 1.5, 1.0]
    return X, X @ coef + rng.normal(size=n)


def test_grid_search_picks_sklearns_alpha():
    X, y = _data()
    grid = {"alpha": np.geomspace(1.0, 1e-3, 12)}
    cv = KFold(5, shuffle=True, random_state=0)
    ours = GridSearchCV(Lasso(tol=1e-10), grid, cv=cv, n_jobs=2).fit(X, y)
    ref = GridSearchCV(SkLasso(tol=1e-10, max_iter=100_000), grid, cv=cv, n_jobs=2).fit(X, y)
    assert ours.best_params_ == ref.best_params_
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], ref.cv_results_["mean_test_score"], rtol=1e-6
    )


def test_select_from_model_keeps_exactly_the_nonzero_coefficients():
    X, y = _data(1)
    selector = SelectFromModel(Lasso(alpha=0.3), threshold=1e-12).fit(X, y)
    kept = selector.get_support()
    np.testing.assert_array_equal(kept, selector.estimator_.coef_ != 0)
    assert 0 < kept.sum() < X.shape[1]
    assert selector.transform(X).shape[1] == kept.sum()


def test_cross_validate_clone_and_pickle_of_a_fitted_pipeline():
    X, y = _data(2)
    pipe = Pipeline([("scale", StandardScaler()), ("enet", ElasticNet(alpha=0.05))])
    scores = cross_validate(pipe, X, y, cv=3)
    assert np.all(np.isfinite(scores["test_score"]))
    fitted = clone(pipe).fit(X, y)
    restored = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(restored.predict(X), fitted.predict(X))
    assert clone(fitted).get_params()["enet__alpha"] == 0.05


def test_pandas_feature_names_flow_through_a_pipeline():
    pd = pytest.importorskip("pandas")
    X, y = _data(3, p=5)
    frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(5)])
    pipe = Pipeline([("scale", StandardScaler()), ("lasso", Lasso(alpha=0.05))])
    pipe.set_output(transform="pandas").fit(frame, y)
    np.testing.assert_array_equal(pipe[:-1].get_feature_names_out(), frame.columns)
    np.testing.assert_array_equal(pipe[-1].feature_names_in_, frame.columns)
