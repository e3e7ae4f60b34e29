"""Numba kernels: numpy and numba only, never scikit-learn.

Each module holds one algorithm family with all of its numba helpers, so that
numba's per-file disk cache can never keep a stale compiled caller of an
edited helper.
"""
