"""Numba kernels: numpy and numba only, never scikit-learn.

``enet_math`` holds what every kernel shares (the one-dimensional update, the
duality gap, column products); ``cd`` holds coordinate descent with working
sets for dense, sparse and Gram data. Kernel modules record the SHA-1 of
``enet_math.py`` so that numba's per-file disk cache can never keep a stale
compiled caller of an edited helper (a test checks the records).
"""
