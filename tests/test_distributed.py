"""The same search on Dask's distributed scheduler, through joblib's dask backend."""

import joblib
import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV, KFold

distributed = pytest.importorskip("distributed")

from skreg import Lasso  # noqa: E402


def _kernel_cache_stats():
    """(compilations, loads from the disk cache) of skreg's kernels in this process."""
    import numba

    from skreg._kernels import cd_dense, cd_gram, cd_sparse, fista

    kernels = [
        obj
        for module in (cd_dense, cd_gram, cd_sparse, fista)
        for obj in vars(module).values()
        if isinstance(obj, numba.core.registry.CPUDispatcher)
    ]
    misses = sum(sum(k.stats.cache_misses.values()) for k in kernels)
    hits = sum(sum(k.stats.cache_hits.values()) for k in kernels)
    return misses, hits


def test_grid_search_on_a_local_dask_cluster_matches_one_process():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(150, 20))
    y = X[:, :4] @ np.array([3.0, -2.0, 1.0, 0.5]) + rng.normal(size=150)
    grid = {"alpha": np.geomspace(1.0, 1e-3, 20)}
    cv = KFold(5, shuffle=True, random_state=0)
    # Fitted here first: the kernels are compiled (or loaded) and in the cache.
    local = GridSearchCV(Lasso(tol=1e-8), grid, cv=cv).fit(X, y)

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        with joblib.parallel_backend("dask"):
            remote = GridSearchCV(Lasso(tol=1e-8), grid, cv=cv, n_jobs=-1).fit(X, y)
        stats = client.run(_kernel_cache_stats)

    assert remote.best_params_ == local.best_params_
    np.testing.assert_allclose(
        remote.cv_results_["mean_test_score"], local.cv_results_["mean_test_score"], rtol=1e-12
    )
    # Both workers fitted, loading the kernels from the shared disk cache
    # without compiling anything.
    assert len(stats) == 2
    assert all(misses == 0 and hits > 0 for misses, hits in stats.values()), stats
