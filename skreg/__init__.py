"""Regularized linear models on numba kernels, a drop-in for scikit-learn's."""

from .linear_model import (
    ElasticNet,
    ElasticNetCV,
    Lasso,
    LassoCV,
    Ridge,
    RidgeCV,
    enet_path,
    lasso_path,
)
from .preprocessing import StandardScaler

__version__ = "0.1.0.dev0"

__all__ = [
    "ElasticNet",
    "ElasticNetCV",
    "Lasso",
    "LassoCV",
    "Ridge",
    "RidgeCV",
    "StandardScaler",
    "__version__",
    "enet_path",
    "lasso_path",
]
