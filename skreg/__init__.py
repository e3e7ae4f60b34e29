"""Regularized linear models on numba kernels, a drop-in for scikit-learn's."""

from .linear_model import ElasticNet, Lasso
from .preprocessing import StandardScaler

__version__ = "0.1.0.dev0"

__all__ = ["ElasticNet", "Lasso", "StandardScaler", "__version__"]
