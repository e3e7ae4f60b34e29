"""``python -m skreg``: fit Lasso and ElasticNet on the diabetes data and report.

Shows what a user wants from a sparse linear model: which features the Lasso
kept, their coefficients, the test R², the duality gap that certifies the fit,
and the fit time next to scikit-learn's on the same data.

``python -m skreg warmup [--jobs N]`` instead compiles every kernel ahead of
the first fit (see :mod:`skreg._warmup`).
"""

import sys
import time

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

from . import ElasticNet, Lasso, __version__


def _timed_fit(model, X, y):
    start = time.perf_counter()
    model.fit(X, y)
    return model, time.perf_counter() - start


def main():
    """Run the demonstration and print its report."""
    data = load_diabetes()
    X_train, X_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.25, random_state=0
    )
    names = np.asarray(data.feature_names)
    print(f"skreg {__version__}: diabetes data, {X_train.shape[0]} training samples, "
          f"{X_train.shape[1]} features\n")

    # The first fit in a fresh environment compiles the kernel (cached on disk).
    _, first = _timed_fit(Lasso(alpha=0.1), X_train, y_train)
    lasso, seconds = _timed_fit(Lasso(alpha=0.1, tol=1e-8), X_train, y_train)
    kept = np.flatnonzero(lasso.coef_)
    print(f"Lasso(alpha=0.1) kept {kept.size} of {names.size} features:")
    for j in kept[np.argsort(-np.abs(lasso.coef_[kept]))]:
        print(f"  {names[j]:>4s}  {lasso.coef_[j]:+9.2f}")
    print(f"  dropped: {', '.join(names[lasso.coef_ == 0]) or 'none'}")
    print(f"  intercept {lasso.intercept_:.2f}, test R^2 {lasso.score(X_test, y_test):.3f}")
    print(f"  duality gap {lasso.dual_gap_:.2e} after {lasso.n_iter_} epochs "
          f"(certified suboptimality bound)")

    enet, enet_seconds = _timed_fit(ElasticNet(alpha=0.01, l1_ratio=0.5, tol=1e-8), X_train, y_train)
    print(f"\nElasticNet(alpha=0.01, l1_ratio=0.5): {np.count_nonzero(enet.coef_)} nonzero "
          f"coefficients, test R^2 {enet.score(X_test, y_test):.3f}")

    try:
        from sklearn.linear_model import Lasso as SklearnLasso

        reference, ref_seconds = _timed_fit(SklearnLasso(alpha=0.1, tol=1e-8), X_train, y_train)
        same = np.max(np.abs(reference.coef_ - lasso.coef_))
        print(f"\nscikit-learn's Lasso on the same data: max |coef difference| {same:.1e}")
    except ImportError:  # pragma: no cover - scikit-learn is a dependency
        ref_seconds = float("nan")
    print(f"fit time: skreg Lasso {seconds * 1e3:.2f} ms, ElasticNet {enet_seconds * 1e3:.2f} ms, "
          f"scikit-learn Lasso {ref_seconds * 1e3:.2f} ms "
          f"(first skreg fit, with kernel loading/compilation: {first:.2f} s)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["warmup"]:
        from ._warmup import main as warmup_main

        warmup_main(sys.argv[2:])
    else:
        main()
