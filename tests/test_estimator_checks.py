"""scikit-learn's own estimator checks, over every public estimator of skreg.

Every estimator runs at its default settings, as a user constructs it (Ridge,
RidgeCV and StandardScaler are checked in their own test files), then in the
variants that take other code paths.
"""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skreg import ElasticNet, ElasticNetCV, Lasso, LassoCV

# The weighted-versus-repeated checks compare predictions at rtol 1e-7 on a
# 15-sample, 30-feature problem where the CV estimators pick alpha ~ 3e-4: at
# the default tol=1e-4 the duality gap leaves the coefficients far freer
# than that. scikit-learn's classes pass the sparse variants (and fail the
# dense one of LassoCV) because its unconverged solver follows the same
# iterates on both data sets for all of max_iter; skreg's stops, certified,
# on different iterates. Listed in docs/differences.rst.
_WEIGHTS_VS_REPEATS = (
    "tol=1e-4 leaves more freedom than the check's rtol=1e-7 at the tiny "
    "alpha chosen (see docs/differences.rst)"
)


_DENSE = "check_sample_weight_equivalence_on_dense_data"
_SPARSE = "check_sample_weight_equivalence_on_sparse_data"
# Which of the two fail depends on where the rounding first sends the two
# fits apart; these are the ones that do, per instance.
EXPECTED_FAILURES = {
    "LassoCV()": (_DENSE, _SPARSE),
    "ElasticNetCV()": (_SPARSE,),
    "LassoCV(alpha_rule='1se', cv=3, n_jobs=2)": (_DENSE,),
    "ElasticNetCV(alphas=10, cv=3, l1_ratio=[0.3, 1.0])": (_SPARSE,),
}


def _expected_failures(estimator):
    names = EXPECTED_FAILURES.get(repr(estimator), ())
    return {name: _WEIGHTS_VS_REPEATS for name in names}


@parametrize_with_checks(
    [
        Lasso(),
        ElasticNet(),
        LassoCV(),
        ElasticNetCV(),
        Lasso(positive=True),
        ElasticNet(precompute=True),
        Lasso(precompute=False),
        Lasso(solver="fista"),
        ElasticNet(solver="fista", positive=True),
        LassoCV(cv=3, alpha_rule="1se", n_jobs=2),
        ElasticNetCV(l1_ratio=[0.3, 1.0], cv=3, alphas=10),
    ],
    expected_failed_checks=_expected_failures,
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
