"""Data sets of the calculus chapters: the heart curve and the histogram of heights."""

from __future__ import annotations

import numpy as np

from mmlbook._validation import check_positive_int

__all__ = ["heart_curve", "heights_histogram"]

#: Bin width and left edges of the course's histogram of heights (in cm).
_BIN_WIDTH = 2.5
_LEFT_EDGES = 50.0 + _BIN_WIDTH * np.arange(100)
#: Raw frequencies of the 16 occupied bins, whose left edges are 160, 162.5, ..., 197.5.
_OCCUPIED_FIRST_EDGE = 160.0
_RAW_FREQUENCIES = np.array(
    [
        0.031,
        0.013,
        0.023,
        0.064,
        0.065,
        0.126,
        0.132,
        0.127,
        0.113,
        0.091,
        0.105,
        0.050,
        0.018,
        0.018,
        0.018,
        0.001,
    ]
)


def heart_curve(n: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """The heart the backpropagation chapter's network learns to draw.

    For ``x`` in [0, 1) the target is
    ``y = ([16 sin³(2πx), 13 cos(2πx) − 5 cos(4πx) − 2 cos(6πx) − cos(8πx)] / 20 + 1) / 2``,
    a closed curve scaled into the sigmoid's range (0, 1). Derived in
    :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    n : int, default 100
        Number of equally spaced points ``x = 0, 1/n, ..., (n − 1)/n``.

    Returns
    -------
    x : numpy.ndarray of shape (1, n)
        The inputs, one example per column.
    y : numpy.ndarray of shape (2, n)
        The points of the heart, one per column.

    Raises
    ------
    TypeError
        If ``n`` is not an integer.
    ValueError
        If ``n < 1``.

    Examples
    --------
    >>> x, y = heart_curve(4)
    >>> x.shape, y.shape
    ((1, 4), (2, 4))
    >>> y[:, 0]
    array([0.5  , 0.625])
    """
    count = check_positive_int(n, "n", maximum=10_000_000)
    x = np.arange(count)[None, :] / count
    t = 2 * np.pi * x[0]
    across = 16 * np.sin(t) ** 3
    up = 13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t)
    return x, (np.stack([across, up]) / 20 + 1) / 2


def heights_histogram() -> tuple[np.ndarray, np.ndarray]:
    """The course's histogram of heights, normalised to a probability density.

    100 bins of width 2.5 cm with left edges 50, 52.5, ..., 297.5; ``x`` holds the bin
    centres. Only the 16 bins from 160 to 200 cm are occupied; the frequencies are divided
    by ``Σ raw · 2.5`` so that the bars' total area is one. Derived in
    :doc:`/book/calculus/fitting_heights`.

    Returns
    -------
    x : numpy.ndarray of shape (100,)
        Bin centres in cm.
    y : numpy.ndarray of shape (100,)
        Density in each bin, per cm.

    Examples
    --------
    >>> x, y = heights_histogram()
    >>> x[:2], float(round(y.sum() * 2.5, 12))
    (array([51.25, 53.75]), 1.0)
    """
    raw = np.zeros(_LEFT_EDGES.size)
    first = int(round((_OCCUPIED_FIRST_EDGE - _LEFT_EDGES[0]) / _BIN_WIDTH))
    raw[first : first + _RAW_FREQUENCIES.size] = _RAW_FREQUENCIES
    return _LEFT_EDGES + _BIN_WIDTH / 2, raw / (raw.sum() * _BIN_WIDTH)
