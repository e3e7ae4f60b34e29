"""Regularized linear estimators."""

from ._coordinate_descent import ElasticNet, Lasso
from ._coordinate_descent_cv import ElasticNetCV, LassoCV
from ._path import enet_path, lasso_path
from ._ridge import Ridge, RidgeCV

__all__ = [
    "ElasticNet",
    "ElasticNetCV",
    "Lasso",
    "LassoCV",
    "Ridge",
    "RidgeCV",
    "enet_path",
    "lasso_path",
]
