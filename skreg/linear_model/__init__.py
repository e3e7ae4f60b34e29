"""Regularized linear estimators."""

from ._coordinate_descent import ElasticNet, Lasso

__all__ = ["ElasticNet", "Lasso"]
