"""scikit-learn's own estimator checks, over every public estimator of skreg."""

from sklearn.base import clone
from sklearn.utils.estimator_checks import (
    check_sample_weight_equivalence_on_dense_data,
    check_sample_weight_equivalence_on_sparse_data,
    parametrize_with_checks,
)

from skreg import ElasticNet, ElasticNetCV, Lasso, LassoCV

# The weight-equivalence checks compare a weighted fit with a fit on repeated
# samples at rtol 1e-7. The CV estimators choose tiny alphas on the checks'
# 15-sample data, where only a tight tol gets that close: those two checks
# run on a tight-tol copy of the CV instances.
WEIGHT_CHECKS = {
    check_sample_weight_equivalence_on_dense_data,
    check_sample_weight_equivalence_on_sparse_data,
}


@parametrize_with_checks(
    [
        Lasso(),
        ElasticNet(),
        Lasso(positive=True),
        ElasticNet(precompute=True),
        Lasso(precompute=False),
        Lasso(solver="fista"),
        ElasticNet(solver="fista", positive=True),
        LassoCV(cv=3),
        LassoCV(cv=3, alpha_rule="1se", n_jobs=2),
        ElasticNetCV(l1_ratio=[0.3, 1.0], cv=3, alphas=10),
    ]
)
def test_sklearn_compatible_estimator(estimator, check):
    if isinstance(estimator, ElasticNetCV) and check.func in WEIGHT_CHECKS:
        estimator = clone(estimator).set_params(tol=1e-15, max_iter=100_000)
    check(estimator)
