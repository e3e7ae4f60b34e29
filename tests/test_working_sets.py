"""Working-set sizes: twice the support, and up to four times for sparse data fitted from zero."""

import numpy as np
import pytest

from skreg._kernels.working_set import WS_SPARSE_SHARE, WS_START, next_ws_size


def _coef(n_features, n_nonzero):
    w = np.zeros(n_features)
    w[:: n_features // n_nonzero][:n_nonzero] = 1.0
    assert np.count_nonzero(w) == n_nonzero
    return w


@pytest.mark.parametrize(
    "n_features, n_nonzero, previous, dense_size, sparse_size",
    [
        (10000, 40, 10, 80, 160),  # four times the support on sparse data
        (10000, 200, 10, 400, 10000 // WS_SPARSE_SHARE),  # capped by the share
        (10000, 400, 10, 800, 800),  # twice the support beyond the cap
        (10000, 40, 700, 700, 700),  # never shrinks
        (100, 10, 10, 20, 20),  # small problems: the share is below twice the support
        (10000, 0, 0, WS_START, WS_START),
        (30, 20, 10, 30, 30),  # at most every feature
    ],
)
def test_next_working_set_size(n_features, n_nonzero, previous, dense_size, sparse_size):
    w = _coef(n_features, n_nonzero) if n_nonzero else np.zeros(n_features)
    assert next_ws_size(w, previous, False) == dense_size
    assert next_ws_size(w, previous, True) == sparse_size
