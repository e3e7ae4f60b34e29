"""Fingerprints that tell whether an array's bits changed (no other kernel uses it).

A multilinear hash (the family Lemire and Kaser study in "Strongly universal
string hashing is fast", 2014): each column's 32-bit words ``m_i`` give
``sum_i k_i m_i mod 2**64`` with random 64-bit keys ``k_i``. Integer
arithmetic is exact. An edit changes some words by ``d_i`` (``|d_i| <
2**32``, so the lowest set bit of some ``d_i`` is bit ``t <= 31``); given
the other keys, at most ``2**t`` of the ``2**64`` values of that word's key
hide the edit, so it goes unseen with probability at most ``2**-33`` over
the keys, for any edit not chosen with their knowledge. A floating-point
checksum would miss edits below the rounding of the column's sum, and
pairs of sign flips cancel in a sum of bit patterns without keys."""

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def column_fingerprints(words, keys, out):
    """``out[j] = sum_i keys[i] * words[j, i]`` modulo ``2**64``.

    Four columns per pass share each load of the keys, which are twice the
    size of a float64 column (measured on 200000 x 100: 11 ms, against
    22 ms column by column and 8 ms for BLAS's ``X.T @ v``).

    Parameters
    ----------
    words : ndarray of shape (n_columns, n_words), uint32, C order
        Each row the bits of one column (a float64 entry is two words).
    keys : ndarray of shape (n_words,), uint64
        Random keys.
    out : ndarray of shape (n_columns,), uint64
        Receives the fingerprints.
    """
    n_columns, n_words = words.shape
    n_blocked = n_columns - n_columns % 4
    for j in range(0, n_blocked, 4):
        w0 = words[j]
        w1 = words[j + 1]
        w2 = words[j + 2]
        w3 = words[j + 3]
        a0 = np.uint64(0)
        a1 = np.uint64(0)
        a2 = np.uint64(0)
        a3 = np.uint64(0)
        for i in range(n_words):
            k = keys[i]
            a0 += k * np.uint64(w0[i])
            a1 += k * np.uint64(w1[i])
            a2 += k * np.uint64(w2[i])
            a3 += k * np.uint64(w3[i])
        out[j] = a0
        out[j + 1] = a1
        out[j + 2] = a2
        out[j + 3] = a3
    for j in range(n_blocked, n_columns):
        row = words[j]
        acc = np.uint64(0)
        for i in range(n_words):
            acc += keys[i] * np.uint64(row[i])
        out[j] = acc
