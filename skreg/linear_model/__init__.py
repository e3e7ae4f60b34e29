"""Regularized linear estimators."""

from ._coordinate_descent import ElasticNet, Lasso
from ._coordinate_descent_cv import ElasticNetCV, LassoCV
from ._path import enet_path, lasso_path

__all__ = ["ElasticNet", "ElasticNetCV", "Lasso", "LassoCV", "enet_path", "lasso_path"]
