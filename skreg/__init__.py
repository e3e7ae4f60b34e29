"""Regularized linear models on numba kernels, a drop-in for scikit-learn's."""

from .linear_model import ElasticNet, Lasso

__version__ = "0.1.0.dev0"

__all__ = ["ElasticNet", "Lasso", "__version__"]
