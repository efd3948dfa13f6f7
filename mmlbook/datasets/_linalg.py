"""Data sets of the linalg chapters: a micro-internet, a generated web and a bear."""

from __future__ import annotations

import numpy as np

from mmlbook._validation import as_generator, check_int, check_positive_int, check_real

__all__ = [
    "MICRO_INTERNET_PAGES",
    "bear",
    "generated_web",
    "ill_conditioned_matrix",
    "micro_internet",
    "micro_internet_links",
]

#: The names of the six pages of :func:`micro_internet`, in the order of its rows.
MICRO_INTERNET_PAGES: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")

_MICRO_LINKS: dict[str, str] = {
    "A": "BCD",
    "B": "AC",
    "C": "ADF",
    "D": "C",
    "E": "BD",
    "F": "CD",
}


def micro_internet_links() -> list[tuple[str, str]]:
    """The links of the six-page micro-internet, as ``(from, to)`` page names.

    Used in :doc:`/book/linear_algebra/pagerank`.

    Returns
    -------
    list of (str, str)
        The thirteen links: A→B, C, D; B→A, C; C→A, D, F; D→C; E→B, D; F→C, D.

    Examples
    --------
    >>> from mmlbook.datasets import micro_internet_links
    >>> micro_internet_links()[:3]
    [('A', 'B'), ('A', 'C'), ('A', 'D')]
    """
    return [(page, target) for page, targets in _MICRO_LINKS.items() for target in targets]


def micro_internet() -> np.ndarray:
    """The link matrix of the six-page micro-internet of the PageRank chapter.

    Pages A--F link as A→B, C, D; B→A, C; C→A, D, F; D→C; E→B, D; F→C, D. Each page
    shares its vote equally among its links, and ``L[i, j]`` is the probability of
    going from page ``j`` to page ``i``, so every column sums to 1.

    Used in :doc:`/book/linear_algebra/pagerank`.

    Returns
    -------
    numpy.ndarray of shape (6, 6)
        The column-stochastic link matrix, rows and columns in the order of
        ``MICRO_INTERNET_PAGES``.

    Examples
    --------
    >>> from mmlbook.datasets import micro_internet
    >>> L = micro_internet()
    >>> L[:, 0].round(3)          # page A links to B, C and D
    array([0.   , 0.333, 0.333, 0.333, 0.   , 0.   ])
    >>> L.sum(axis=0)
    array([1., 1., 1., 1., 1., 1.])
    """
    index = {name: i for i, name in enumerate(MICRO_INTERNET_PAGES)}
    L = np.zeros((6, 6))
    for page, targets in _MICRO_LINKS.items():
        L[[index[t] for t in targets], index[page]] = 1.0 / len(targets)
    return L


#: The largest web ``generated_web`` draws: its arrays of pages and of links then take
#: under a gigabyte each.
_MAX_WEB_PAGES = 10_000_000
_MAX_WEB_LINKS = 100_000_000
#: The most entries ``ill_conditioned_matrix`` makes (800 MB of float64).
_MAX_MATRIX_ENTRIES = 100_000_000


def generated_web(
    n_pages: int = 200_000,
    n_links: int = 2_000_000,
    seed: int | np.random.Generator = 0,
) -> np.ndarray:
    """A large random web with the features that make PageRank interesting.

    Popularity is skewed -- a few pages attract most links (a Zipf-like law) and a few
    pages link a lot -- and at least one page in ten has no links at all. Links are
    distinct and no page links to itself.

    Used in :doc:`/book/linear_algebra/pagerank`.

    Parameters
    ----------
    n_pages : int, default 200_000
        The number of pages, from 2 to 10_000_000.
    n_links : int, default 2_000_000
        The number of distinct links; at most a quarter of all possible links, and at
        most 100_000_000.
    seed : int or numpy.random.Generator, default 0
        The seed of the random generator (the same seed gives the same web), or a
        generator to draw from.

    Returns
    -------
    numpy.ndarray of int64, shape (n_links, 2)
        Pairs ``(from, to)`` of page numbers, for :func:`mmlbook.linalg.link_matrix`.

    Raises
    ------
    TypeError
        If ``n_pages`` or ``n_links`` is not an integer, or ``seed`` is neither an
        integer nor a generator.
    ValueError
        If ``n_pages`` or ``n_links`` is out of range or ``seed`` is negative.

    Examples
    --------
    >>> from mmlbook.datasets import generated_web
    >>> links = generated_web(n_pages=100, n_links=300, seed=1)
    >>> links.shape
    (300, 2)
    >>> bool((links[:, 0] != links[:, 1]).all())
    True
    """
    n = check_int(n_pages, "n_pages", low=2, high=_MAX_WEB_PAGES)
    k = check_positive_int(n_links, "n_links", maximum=_MAX_WEB_LINKS)
    rng = as_generator(seed)
    linking = rng.permutation(n)[: max(1, (9 * n) // 10)]
    if k > linking.size * (n - 1) // 4:
        raise ValueError(
            f"n_links must be at most a quarter of the {linking.size * (n - 1)} possible "
            f"links between {n} pages, got {k}"
        )
    # Zipf-like weights, assigned to pages in random order.
    popularity = rng.permutation(1.0 / np.arange(1, n + 1) ** 0.8)
    popularity /= popularity.sum()
    activity = 1.0 / np.arange(1, linking.size + 1) ** 0.5
    activity = rng.permutation(activity / activity.sum())
    codes = np.empty(0, dtype=np.int64)
    while codes.size < k:
        draw = int(1.2 * (k - codes.size)) + 16
        sources = linking[rng.choice(linking.size, size=draw, p=activity)]
        targets = rng.choice(n, size=draw, p=popularity)
        keep = sources != targets
        codes = np.sort(np.concatenate([codes, sources[keep] * n + targets[keep]]))
        # A sort and a comparison of neighbours drop repeated links quickly.
        codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])]
    # Choose at random which k links survive, then keep them in sorted order.
    codes = np.sort(rng.choice(codes, size=k, replace=False))
    return np.column_stack(np.divmod(codes, n))


def _ellipse(
    centre: tuple[float, float], radii: tuple[float, float], angle: float = 0.0,
    points: int = 40,
) -> np.ndarray:
    """A closed polygon approximating an ellipse, as a (2, points) array."""
    t = np.linspace(0.0, 2.0 * np.pi, points, endpoint=False)
    c, s = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    x, y = radii[0] * np.cos(t), radii[1] * np.sin(t)
    return np.array([centre[0] + c * x - s * y, centre[1] + s * x + c * y])


# Our own teddy bear, drawn from ellipses: (centre, radii, angle in degrees). It waves
# its right arm, so that its mirror image is told apart from it at a glance.
_BEAR_PARTS: dict[str, tuple[tuple[float, float], tuple[float, float], float]] = {
    "left ear": ((-0.52, 1.45), (0.24, 0.24), 0.0),
    "right ear": ((0.52, 1.45), (0.24, 0.24), 0.0),
    "left arm": ((-0.88, -0.55), (0.24, 0.58), -25.0),
    "right arm": ((0.95, 0.35), (0.22, 0.58), 50.0),
    "left leg": ((-0.48, -1.65), (0.36, 0.26), 0.0),
    "right leg": ((0.48, -1.65), (0.36, 0.26), 0.0),
    "body": ((0.0, -0.55), (0.9, 1.1), 0.0),
    "belly": ((0.0, -0.7), (0.55, 0.65), 0.0),
    "head": ((0.0, 0.9), (0.68, 0.62), 0.0),
    "snout": ((0.0, 0.72), (0.3, 0.21), 0.0),
    "nose": ((0.0, 0.84), (0.1, 0.065), 0.0),
    "left eye": ((-0.24, 1.06), (0.065, 0.075), 0.0),
    "right eye": ((0.24, 1.06), (0.065, 0.075), 0.0),
}

#: Where the bear stands: off the origin, so that it and its mirror image do not overlap.
_BEAR_OFFSET = np.array([[2.2], [0.4]])


def bear() -> dict[str, np.ndarray]:
    """A teddy bear made of polygons, to be transformed by matrices.

    Our own drawing: each part (ears, arms, legs, body, belly, head, snout, nose, eyes)
    is a closed polygon given as a (2, k) array whose columns are points, so a matrix
    ``T`` moves a part with ``T @ part``. The parts are listed back to front, in the
    order to draw them. The bear stands to the right of the origin and waves its right
    arm.

    Used in :doc:`/book/linear_algebra/reflecting_a_bear`.

    Returns
    -------
    dict of str to numpy.ndarray of shape (2, k)
        The bear's parts, back to front.

    Examples
    --------
    >>> from mmlbook.datasets import bear
    >>> parts = bear()
    >>> list(parts)[:3]
    ['left ear', 'right ear', 'left arm']
    >>> parts["head"].shape
    (2, 40)
    """
    return {
        name: _ellipse(centre, radii, angle) + _BEAR_OFFSET
        for name, (centre, radii, angle) in _BEAR_PARTS.items()
    }


def ill_conditioned_matrix(
    m: int, n: int, condition: float, seed: int | np.random.Generator = 0
) -> np.ndarray:
    """A random m × n matrix whose singular values fall log-evenly from 1 to 1/condition.

    ``U diag(σ) Vᵀ`` with random orthonormal ``U`` and ``V``: its condition number is
    ``condition``, the input on which Gram--Schmidt shows its rounding.
    Used in :doc:`/book/linear_algebra/gram_schmidt`.

    Parameters
    ----------
    m, n : int
        The shape, ``m >= n``, with at most 100_000_000 entries ``m * n``.
    condition : float
        The ratio of the largest to the smallest singular value (>= 1).
    seed : int or numpy.random.Generator, default 0
        The seed of the random generator, or a generator.

    Returns
    -------
    numpy.ndarray of shape (m, n)
        The matrix.

    Raises
    ------
    TypeError
        If a size is not an integer, ``condition`` not a real number or ``seed``
        neither an integer nor a Generator.
    ValueError
        If ``m < n``, ``m * n > 100_000_000``, ``condition < 1`` or ``seed`` is
        negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.datasets import ill_conditioned_matrix
    >>> A = ill_conditioned_matrix(50, 10, 1e6, seed=1)
    >>> float(np.linalg.cond(A)).__round__(-3)
    1000000.0
    """
    rows = check_positive_int(m, "m")
    columns = check_positive_int(n, "n", maximum=rows)
    if rows * columns > _MAX_MATRIX_ENTRIES:
        raise ValueError(
            f"m * n must be at most {_MAX_MATRIX_ENTRIES:_} entries, got m = {rows}, "
            f"n = {columns}"
        )
    kappa = check_real(condition, "condition", low=1.0)
    rng = as_generator(seed)
    U, _ = np.linalg.qr(rng.standard_normal((rows, columns)))
    V, _ = np.linalg.qr(rng.standard_normal((columns, columns)))
    return (U * np.logspace(0, -np.log10(kappa), columns)) @ V.T
