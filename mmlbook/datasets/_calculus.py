"""Data sets of the calculus chapters: the heart curve, a spring's stretch, the heights."""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook._validation import as_generator, check_positive_int, check_real

__all__ = ["SPRING_LINE", "heart_curve", "heights_histogram", "spring_measurements"]

#: The spring's true line: it stretches 2.5 cm per newton from a length of 12 cm.
SPRING_LINE: tuple[float, float] = (2.5, 12.0)
#: Its uncertainty: 0.2 cm at no load, and 0.1 cm more per newton.
_SPRING_SIGMA = (0.2, 0.1)

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


def spring_measurements(
    n: int = 12, *, seed: Any = 0, softening: float = 0.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A simulated experiment: the length of a spring under loads of 0.5 to 6 newtons.

    The loads are ``n`` equally spaced values ``F`` from 0.5 to 6 N. The true length is
    ``L(F) = 12 + 2.5 F + softening · F²`` cm (:data:`SPRING_LINE`: Hooke's law, a
    straight line, when ``softening`` is 0), and each measurement has the uncertainty
    ``σ = 0.2 + 0.1 F`` cm -- a heavier load makes the spring bob more as it is read --
    and is drawn from a normal distribution of that standard deviation about ``L(F)``.
    Derived in :doc:`/book/calculus/linear_regression`.

    Parameters
    ----------
    n : int, default 12
        Number of loads (2 to 100000).
    seed : int or numpy.random.Generator, default 0
        Seed of the measurement errors.
    softening : float, default 0.0
        Coefficient of ``F²`` in cm/N² (0 to 1): a spring pulled beyond its elastic
        range stretches more than Hooke's law says.

    Returns
    -------
    load : numpy.ndarray of shape (n,)
        The loads ``F`` in N.
    length : numpy.ndarray of shape (n,)
        The measured lengths in cm.
    sigma : numpy.ndarray of shape (n,)
        Each length's uncertainty in cm.

    Raises
    ------
    TypeError
        If ``n`` is not an integer, ``seed`` not a seed or ``softening`` not a number.
    ValueError
        If ``n`` or ``softening`` is out of range.

    Examples
    --------
    >>> load, length, sigma = spring_measurements(4)
    >>> load.tolist(), sigma.round(3).tolist()
    ([0.5, 2.333333333333333, 4.166666666666666, 6.0], [0.25, 0.433, 0.617, 0.8])
    >>> length.round(2)
    array([13.28, 17.78, 22.81, 27.08])
    """
    count = check_positive_int(n, "n", maximum=100_000)
    if count < 2:
        raise ValueError(f"n must be at least 2 to measure a line, got {count}")
    rng = as_generator(seed)
    curvature = check_real(softening, "softening", low=0.0, high=1.0)
    load = np.linspace(0.5, 6.0, count)
    slope, intercept = SPRING_LINE
    sigma = _SPRING_SIGMA[0] + _SPRING_SIGMA[1] * load
    length = intercept + slope * load + curvature * load**2 + rng.normal(scale=sigma)
    return load, length, sigma
