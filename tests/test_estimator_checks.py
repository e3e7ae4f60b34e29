"""scikit-learn's own estimator checks, over every public estimator of skreg."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skreg import ElasticNet, Lasso


@parametrize_with_checks(
    [
        Lasso(),
        ElasticNet(),
        Lasso(positive=True),
        ElasticNet(precompute=True),
        Lasso(solver="fista"),
        ElasticNet(solver="fista", positive=True),
    ]
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
