"""Check your own solutions of the PCA course's assignments.

One checker per function the course asks for, each taking your function with the
course's signature and data layout:

- week 1, mean and covariance (data sets are D × N, one point per *column*):
  :func:`check_mean`, :func:`check_cov`, :func:`check_affine_mean`,
  :func:`check_affine_covariance`;
- week 2, distances and angles (data sets are N × D, one point per row):
  :func:`check_distance`, :func:`check_angle`, :func:`check_pairwise_distance_matrix`,
  :func:`check_knn`;
- week 3, orthogonal projections: :func:`check_projection_matrix_1d`,
  :func:`check_project_1d`, :func:`check_projection_matrix_general`,
  :func:`check_project_general`;
- week 4, principal component analysis (N × D): :func:`check_pca`.

Each runs the course's own cases (and cases worked by hand, where the course has none)
first, then ``n_random`` seeded random cases whose expected answers come from
:mod:`mmlbook.pca`, and returns a :class:`~mmlbook.checks.CheckReport`. Vector answers
may come as a flat array of shape (D,) or as a column of shape (D, 1), as the course's
notebooks return them. :func:`course_cases` lists the fixed cases of each function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mmlbook._validation import as_generator, check_int
from mmlbook.checks._core import (
    Case,
    CheckReport,
    Compare,
    compare_arrays,
    compare_scalars,
    run_cases,
)

# Modules, not their functions: each checker's argument is named after the course's
# function, which is often the name of mmlbook's.
from mmlbook.pca import geometry, projections, statistics
from mmlbook.pca.pca import PCAResult, pca

__all__ = [
    "check_affine_covariance",
    "check_affine_mean",
    "check_angle",
    "check_cov",
    "check_distance",
    "check_knn",
    "check_mean",
    "check_pairwise_distance_matrix",
    "check_pca",
    "check_project_1d",
    "check_project_general",
    "check_projection_matrix_1d",
    "check_projection_matrix_general",
    "course_cases",
]


def _compare_vectors(*, rtol: float = 1e-6, atol: float = 1e-8) -> Compare:
    """Like :func:`compare_arrays`, but a column (D, 1) or row (1, D) answers a vector (D,)."""
    compare = compare_arrays(rtol=rtol, atol=atol)

    def compare_vector(got: Any, expected: Any) -> str | None:
        want = np.asarray(expected)
        try:
            have = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return compare(got, expected)
        if want.ndim == 1 and have.shape in ((want.size, 1), (1, want.size)):
            have = have.ravel()
        return compare(have, want)

    return compare_vector


def _check(
    function: Callable[..., Any],
    name: str,
    random_cases: Callable[[np.random.Generator, int], list[Case]],
    compare: Compare,
    n_random: Any,
    seed: Any,
) -> CheckReport:
    if not callable(function):
        raise TypeError(f"{name} must be your function, got {type(function).__name__}")
    count = check_int(n_random, "n_random", low=0, high=1000)
    rng = as_generator(seed)
    cases = course_cases(name) + random_cases(rng, count)
    return run_cases(function, cases, compare, name=name)


# Week 1: mean and covariance; the course's data sets are D × N.

_COURSE_X = np.arange(6.0).reshape(2, 3)  # three points (0, 3), (1, 4), (2, 5) as columns


def _course_mean() -> list[Case]:
    return [
        Case(
            "the course's X = np.arange(6).reshape(2, 3): three points in 2-D, as columns",
            {"X": _COURSE_X.copy()},
            np.array([1.0, 4.0]),
        ),
        Case(
            "hand-worked: the points (1, 0), (3, 2), (2, 4) as the columns of a 2 x 3 X",
            {"X": np.array([[1.0, 3.0, 2.0], [0.0, 2.0, 4.0]])},
            np.array([2.0, 2.0]),
        ),
    ]


def _course_cov() -> list[Case]:
    return [
        Case(
            "the course's X = np.arange(6).reshape(2, 3): three points in 2-D, as columns",
            {"X": _COURSE_X.copy()},
            np.full((2, 2), 2.0 / 3.0),
        ),
        Case(
            "hand-worked: the points (1, 0), (3, 2), (2, 4) as the columns of a 2 x 3 X",
            {"X": np.array([[1.0, 3.0, 2.0], [0.0, 2.0, 4.0]])},
            np.array([[2.0, 2.0], [2.0, 8.0]]) / 3.0,
        ),
        Case(
            "hand-worked: a single point has no spread",
            {"X": np.array([[3.0], [-1.0]])},
            np.zeros((2, 2)),
        ),
    ]


def _course_affine_mean() -> list[Case]:
    return [
        Case(
            "hand-worked: mean (1, 2), A = diag(2, 3), b = (1, -1)",
            {"mean": np.array([1.0, 2.0]), "A": np.diag([2.0, 3.0]), "b": np.array([1.0, -1.0])},
            np.array([3.0, 5.0]),
        ),
        Case(
            "hand-worked: a map from 2-D to 1-D, A = [[1, 1]], b = (5,)",
            {"mean": np.array([1.0, 2.0]), "A": np.array([[1.0, 1.0]]), "b": np.array([5.0])},
            np.array([8.0]),
        ),
    ]


def _course_affine_covariance() -> list[Case]:
    return [
        Case(
            "hand-worked: S = diag(1, 4), A = [[1, 1]], b = (5,); the shift changes nothing",
            {"S": np.diag([1.0, 4.0]), "A": np.array([[1.0, 1.0]]), "b": np.array([5.0])},
            np.array([[5.0]]),
        ),
        Case(
            "hand-worked: S = [[2, 1], [1, 2]] turned by 90 degrees",
            {
                "S": np.array([[2.0, 1.0], [1.0, 2.0]]),
                "A": np.array([[0.0, -1.0], [1.0, 0.0]]),
                "b": np.array([3.0, 3.0]),
            },
            np.array([[2.0, -1.0], [-1.0, 2.0]]),
        ),
    ]


def _random_data_sets(rng: np.random.Generator, n: int) -> list[tuple[str, np.ndarray]]:
    sets = []
    for number in range(1, n + 1):
        dimension, count = int(rng.integers(1, 6)), int(rng.integers(2, 12))
        X = rng.normal(size=(dimension, count)) * rng.uniform(0.5, 5.0) + rng.normal()
        sets.append((f"random case {number}: D = {dimension}, N = {count}", X))
    return sets


def _random_affine(
    rng: np.random.Generator, n: int
) -> list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]:
    maps = []
    for number in range(1, n + 1):
        dimension, image = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        points = rng.normal(size=(dimension, dimension + 3))
        maps.append(
            (
                f"random case {number}: D = {dimension}, A is {image} x {dimension}",
                points,
                rng.normal(size=(image, dimension)),
                rng.normal(size=image),
            )
        )
    return maps


def check_mean(mean: Callable[[np.ndarray], Any], *, n_random: int = 10,
               seed: Any = 0) -> CheckReport:
    """Check ``mean(X)`` of the course: the mean of a D × N data set, one point per column.

    Derived in :doc:`/book/pca/mean_covariance`.

    Parameters
    ----------
    mean : callable
        Your function, ``mean(X) -> (D,)`` or ``(D, 1)``; ``mean_naive`` too.
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``mean`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> from mmlbook.checks.pca import check_mean
    >>> print(check_mean(lambda X: X.mean(axis=1)))
    mean passed all 12 cases.
    >>> check_mean(lambda X: X.mean(axis=0)).passed   # averaged the wrong axis
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        return [Case(text, {"X": X}, statistics.mean(X.T)) for text, X in _random_data_sets(rng, n)]

    return _check(mean, "mean", random_cases, _compare_vectors(), n_random, seed)


def check_cov(cov: Callable[[np.ndarray], Any], *, n_random: int = 10,
              seed: Any = 0) -> CheckReport:
    """Check ``cov(X)`` of the course: the covariance (divisor N) of a D × N data set.

    Derived in :doc:`/book/pca/mean_covariance`.

    Parameters
    ----------
    cov : callable
        Your function, ``cov(X) -> (D, D)``; ``cov_naive`` too.
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``cov`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.checks.pca import check_cov
    >>> check_cov(lambda X: np.cov(X, bias=True)).passed
    True
    >>> check_cov(lambda X: np.cov(X)).passed          # divides by N - 1
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        return [Case(text, {"X": X}, statistics.cov(X.T)) for text, X in _random_data_sets(rng, n)]

    return _check(cov, "cov", random_cases, compare_arrays(), n_random, seed)


def check_affine_mean(affine_mean: Callable[..., Any], *, n_random: int = 10,
                      seed: Any = 0) -> CheckReport:
    """Check ``affine_mean(mean, A, b)`` of the course: the mean after x ↦ Ax + b.

    Derived in :doc:`/book/pca/mean_covariance`.

    Parameters
    ----------
    affine_mean : callable
        Your function, ``affine_mean(mean, A, b) -> (M,)`` or ``(M, 1)``.
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``affine_mean`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> from mmlbook.checks.pca import check_affine_mean
    >>> check_affine_mean(lambda mean, A, b: A @ mean + b).passed
    True
    >>> check_affine_mean(lambda mean, A, b: A @ mean).passed     # forgot the shift
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        cases = []
        for text, points, A, b in _random_affine(rng, n):
            mu = statistics.mean(points.T)
            expected = statistics.affine_mean(mu, A, b)
            cases.append(Case(text, {"mean": mu, "A": A, "b": b}, expected))
        return cases

    return _check(
        affine_mean, "affine_mean", random_cases, _compare_vectors(), n_random, seed
    )


def check_affine_covariance(affine_covariance: Callable[..., Any], *,
                            n_random: int = 10, seed: Any = 0) -> CheckReport:
    """Check ``affine_covariance(S, A, b)`` of the course: the covariance after x ↦ Ax + b.

    Derived in :doc:`/book/pca/mean_covariance`.

    Parameters
    ----------
    affine_covariance : callable
        Your function, ``affine_covariance(S, A, b) -> (M, M)``.
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``affine_covariance`` is not callable, or ``n_random`` or ``seed`` is not an
        integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> from mmlbook.checks.pca import check_affine_covariance
    >>> check_affine_covariance(lambda S, A, b: A @ S @ A.T).passed
    True
    >>> check_affine_covariance(lambda S, A, b: A @ S @ A.T + b).passed  # shifted it
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        cases = []
        for text, points, A, b in _random_affine(rng, n):
            S = statistics.cov(points.T)
            expected = statistics.affine_covariance(S, A, b)
            cases.append(Case(text, {"S": S, "A": A, "b": b}, expected))
        return cases

    return _check(
        affine_covariance, "affine_covariance", random_cases, compare_arrays(),
        n_random, seed,
    )


# Week 2: distances, angles and k-nearest neighbours; data sets are N × D.


def _course_distance() -> list[Case]:
    return [
        Case(
            "the course's a = (1, 0), b = (0, 1)",
            {"x0": np.array([1.0, 0.0]), "x1": np.array([0.0, 1.0])},
            float(np.sqrt(2.0)),
        ),
        Case(
            "hand-worked: (1, 1) and (4, 5), a 3-4-5 triangle",
            {"x0": np.array([1.0, 1.0]), "x1": np.array([4.0, 5.0])},
            5.0,
        ),
        Case(
            "hand-worked: a point and itself",
            {"x0": np.array([2.0, -1.0, 3.0]), "x1": np.array([2.0, -1.0, 3.0])},
            0.0,
        ),
    ]


def _course_angle() -> list[Case]:
    return [
        Case(
            "the course's a = (1, 0), b = (0, 1): 90 degrees",
            {"x0": np.array([1.0, 0.0]), "x1": np.array([0.0, 1.0])},
            float(np.pi / 2),
        ),
        Case(
            "hand-worked: (1, 0) and (1, 1), 45 degrees",
            {"x0": np.array([1.0, 0.0]), "x1": np.array([1.0, 1.0])},
            float(np.pi / 4),
        ),
        Case(
            "hand-worked: (1, 2, 3) and (-2, -4, -6), opposite directions",
            {"x0": np.array([1.0, 2.0, 3.0]), "x1": np.array([-2.0, -4.0, -6.0])},
            float(np.pi),
        ),
    ]


def _course_pairwise_distance_matrix() -> list[Case]:
    return [
        Case(
            "hand-worked: X holds (0, 0) and (3, 4), Y holds (0, 0), (3, 0) and (0, 4)",
            {
                "X": np.array([[0.0, 0.0], [3.0, 4.0]]),
                "Y": np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 4.0]]),
            },
            np.array([[0.0, 3.0, 4.0], [5.0, 4.0, 3.0]]),
        ),
    ]


def _course_knn() -> list[Case]:
    line = np.array([[0.0], [1.0], [2.0], [4.0], [7.0], [8.0]])
    labels = np.array([0, 0, 0, 1, 1, 1])
    return [
        Case(
            "hand-worked: points 0, 1, 2 (label 0) and 4, 7, 8 (label 1); k = 3, x = 3",
            {"k": 3, "X": line.copy(), "y": labels.copy(), "x": np.array([3.0])},
            0,
        ),
        Case(
            "hand-worked: the same points; k = 3, x = 5",
            {"k": 3, "X": line.copy(), "y": labels.copy(), "x": np.array([5.0])},
            1,
        ),
        Case(
            "hand-worked: the same points; k = 1, x = 6.2",
            {"k": 1, "X": line.copy(), "y": labels.copy(), "x": np.array([6.2])},
            1,
        ),
    ]


def _random_vector_pairs(
    rng: np.random.Generator, n: int
) -> list[tuple[str, np.ndarray, np.ndarray]]:
    pairs = []
    for number in range(1, n + 1):
        dimension = int(rng.integers(1, 8))
        x0, x1 = rng.normal(size=(2, dimension)) * rng.uniform(0.5, 10.0)
        pairs.append((f"random case {number}: D = {dimension}", x0, x1))
    return pairs


def check_distance(distance: Callable[[np.ndarray, np.ndarray], Any], *,
                   n_random: int = 10, seed: Any = 0) -> CheckReport:
    """Check ``distance(x0, x1)`` of the course: the Euclidean distance of two vectors.

    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    distance : callable
        Your function, ``distance(x0, x1) -> float``.
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``distance`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.checks.pca import check_distance
    >>> check_distance(lambda x0, x1: np.sqrt(np.sum((x0 - x1) ** 2))).passed
    True
    >>> check_distance(lambda x0, x1: np.sum((x0 - x1) ** 2)).passed   # the square
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        return [
            Case(text, {"x0": x0, "x1": x1}, geometry.distance(x0, x1))
            for text, x0, x1 in _random_vector_pairs(rng, n)
        ]

    return _check(distance, "distance", random_cases, compare_scalars(), n_random,
                  seed)


def check_angle(angle: Callable[[np.ndarray, np.ndarray], Any], *,
                n_random: int = 10, seed: Any = 0) -> CheckReport:
    """Check ``angle(x0, x1)`` of the course: the angle between two vectors, in radians.

    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    angle : callable
        Your function, ``angle(x0, x1) -> float`` in radians, between 0 and pi.
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``angle`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.checks.pca import check_angle
    >>> def angle(x0, x1):
    ...     cosine = x0 @ x1 / (np.linalg.norm(x0) * np.linalg.norm(x1))
    ...     return np.arccos(np.clip(cosine, -1.0, 1.0))
    >>> check_angle(angle).passed
    True
    >>> check_angle(lambda x0, x1: np.degrees(angle(x0, x1))).passed   # degrees
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        return [
            Case(text, {"x0": x0, "x1": x1}, geometry.angle(x0, x1))
            for text, x0, x1 in _random_vector_pairs(rng, n)
        ]

    return _check(angle, "angle", random_cases, compare_scalars(), n_random, seed)


def check_pairwise_distance_matrix(
    pairwise_distance_matrix: Callable[[np.ndarray, np.ndarray], Any], *, n_random: int = 10,
    seed: Any = 0,
) -> CheckReport:
    """Check ``pairwise_distance_matrix(X, Y)`` of the course: all distances, N × M.

    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    pairwise_distance_matrix : callable
        Your function; ``X`` is N × D and ``Y`` is M × D (points as rows), and entry
        ``(i, j)`` of the answer is the distance of ``X[i]`` and ``Y[j]``.
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``pairwise_distance_matrix`` is not callable, or ``n_random`` or ``seed`` is not
        an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> from scipy.spatial.distance import cdist
    >>> from mmlbook.checks.pca import check_pairwise_distance_matrix
    >>> check_pairwise_distance_matrix(cdist).passed
    True
    >>> check_pairwise_distance_matrix(lambda X, Y: cdist(Y, X)).passed  # transposed
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        cases = []
        for number in range(1, n + 1):
            rows, columns, dimension = (int(v) for v in rng.integers(1, 8, size=3))
            X = rng.normal(size=(rows, dimension)) * 3.0
            Y = rng.normal(size=(columns, dimension)) * 3.0
            text = f"random case {number}: X is {rows} x {dimension}, Y is {columns} x {dimension}"
            cases.append(Case(text, {"X": X, "Y": Y}, geometry.pairwise_distances(X, Y)))
        return cases

    return _check(
        pairwise_distance_matrix, "pairwise_distance_matrix", random_cases,
        compare_arrays(rtol=1e-6, atol=1e-6), n_random, seed,
    )


def _unambiguous_knn_case(
    rng: np.random.Generator,
) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """A k-NN problem whose answer no tie-breaking rule can change."""
    while True:
        n_classes = int(rng.integers(2, 5))
        count = int(rng.integers(n_classes + 3, 30))
        dimension = int(rng.integers(1, 5))
        k = int(rng.integers(1, min(count, 9) + 1))
        X = rng.normal(size=(count, dimension)) * 2.0
        # Every class 0, ..., C - 1 occurs, as the course's KNN assumes.
        y = np.concatenate(
            [np.arange(n_classes), rng.integers(0, n_classes, count - n_classes)]
        ).astype(np.intp)  # np.bincount of the labels needs platform integers (wasm32 too)
        x = rng.normal(size=dimension) * 2.0
        distances = np.linalg.norm(X - x, axis=1)
        order = np.argsort(distances)
        clear_kth = k == count or distances[order[k]] - distances[order[k - 1]] > 1e-6
        votes = np.bincount(y[order[:k]], minlength=n_classes)
        if clear_kth and np.count_nonzero(votes == votes.max()) == 1:
            return k, X, y, x


def check_knn(KNN: Callable[..., Any], *, n_random: int = 10,
              seed: Any = 0) -> CheckReport:
    """Check ``KNN(k, X, y, x)`` of the course: the label k-nearest neighbours give ``x``.

    The random cases have no ties, neither among the distances at the k-th place nor in
    the vote, so any way of breaking ties gives the same answer.
    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    KNN : callable
        Your function, ``KNN(k, X, y, x) -> label``: ``X`` is N × D (points as rows),
        ``y`` holds the N labels 0, ..., C - 1 and ``x`` is one point of shape (D,).
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``KNN`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.checks.pca import check_knn
    >>> def KNN(k, X, y, x):
    ...     nearest = np.argsort(np.linalg.norm(X - x, axis=1))[:k]
    ...     return int(np.bincount(y[nearest]).argmax())
    >>> check_knn(KNN).passed
    True
    >>> check_knn(lambda k, X, y, x: KNN(1, X, y, x)).passed   # ignores k
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        cases = []
        for number in range(1, n + 1):
            k, X, y, x = _unambiguous_knn_case(rng)
            text = f"random case {number}: N = {X.shape[0]}, D = {X.shape[1]}, k = {k}"
            expected = int(geometry.knn_predict(X, y, x[None, :], k)[0])
            cases.append(Case(text, {"k": k, "X": X, "y": y, "x": x}, expected))
        return cases

    return _check(KNN, "KNN", random_cases, compare_scalars(), n_random, seed)


# Week 3: orthogonal projections.


def _course_projection_matrix_1d() -> list[Case]:
    return [
        Case(
            "the course's b = (1, 2, 2)",
            {"b": np.array([1.0, 2.0, 2.0])},
            np.array([[1.0, 2.0, 2.0], [2.0, 4.0, 4.0], [2.0, 4.0, 4.0]]) / 9.0,
        ),
        Case(
            "hand-worked: b = (1, 1), the diagonal of the plane",
            {"b": np.array([1.0, 1.0])},
            np.full((2, 2), 0.5),
        ),
    ]


def _course_project_1d() -> list[Case]:
    return [
        Case(
            "the course's x = (1, 1, 1), b = (1, 2, 2)",
            {"x": np.ones(3), "b": np.array([1.0, 2.0, 2.0])},
            np.array([5.0, 10.0, 10.0]) / 9.0,
        ),
        Case(
            "hand-worked: x = (3, 1, 2), b = (1, 1, 0)",
            {"x": np.array([3.0, 1.0, 2.0]), "b": np.array([1.0, 1.0, 0.0])},
            np.array([2.0, 2.0, 0.0]),
        ),
    ]


_COURSE_B = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])


def _course_projection_matrix_general() -> list[Case]:
    return [
        Case(
            "the course's B with columns (1, 1, 1) and (0, 1, 2)",
            {"B": _COURSE_B.copy()},
            np.array([[5.0, 2.0, -1.0], [2.0, 2.0, 2.0], [-1.0, 2.0, 5.0]]) / 6.0,
        ),
        Case(
            "hand-worked: B spans the x1-x2 plane of 3-D space",
            {"B": np.array([[1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])},
            np.diag([1.0, 1.0, 0.0]),
        ),
    ]


def _course_project_general() -> list[Case]:
    return [
        Case(
            "the course's B and x = (6, 0, 0), as a column",
            {"x": np.array([[6.0], [0.0], [0.0]]), "B": _COURSE_B.copy()},
            np.array([5.0, 2.0, -1.0]),
        ),
        Case(
            "hand-worked: a point already in the plane stays where it is",
            {"x": np.array([[1.0], [3.0], [5.0]]), "B": _COURSE_B.copy()},
            np.array([1.0, 3.0, 5.0]),
        ),
    ]


def _random_basis(rng: np.random.Generator, columns: int, dimension: int) -> np.ndarray:
    # Well-conditioned: the identity's first columns, turned and stretched a little.
    Q, _ = np.linalg.qr(rng.normal(size=(dimension, dimension)))
    return Q[:, :columns] @ (np.eye(columns) + 0.3 * rng.normal(size=(columns, columns)))


def check_projection_matrix_1d(projection_matrix_1d: Callable[[np.ndarray], Any], *,
                               n_random: int = 10, seed: Any = 0) -> CheckReport:
    """Check ``projection_matrix_1d(b)`` of the course: the D × D matrix projecting onto
    the line spanned by ``b``.

    Derived in :doc:`/book/pca/projections`.

    Parameters
    ----------
    projection_matrix_1d : callable
        Your function, ``projection_matrix_1d(b) -> (D, D)`` for ``b`` of shape (D,).
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``projection_matrix_1d`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.checks.pca import check_projection_matrix_1d
    >>> check_projection_matrix_1d(lambda b: np.outer(b, b) / (b @ b)).passed
    True
    >>> check_projection_matrix_1d(lambda b: np.outer(b, b)).passed   # not normalised
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        cases = []
        for number in range(1, n + 1):
            dimension = int(rng.integers(1, 7))
            b = rng.normal(size=dimension) * rng.uniform(0.5, 5.0)
            text = f"random case {number}: D = {dimension}"
            cases.append(Case(text, {"b": b}, projections.projection_matrix_1d(b)))
        return cases

    return _check(
        projection_matrix_1d, "projection_matrix_1d", random_cases, compare_arrays(),
        n_random, seed,
    )


def check_project_1d(project_1d: Callable[[np.ndarray, np.ndarray], Any], *,
                     n_random: int = 10, seed: Any = 0) -> CheckReport:
    """Check ``project_1d(x, b)`` of the course: the projection of ``x`` onto the line
    spanned by ``b``.

    Derived in :doc:`/book/pca/projections`.

    Parameters
    ----------
    project_1d : callable
        Your function, ``project_1d(x, b) -> (D,)`` (or ``(D, 1)``) for ``x`` and ``b``
        of shape (D,).
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``project_1d`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> from mmlbook.checks.pca import check_project_1d
    >>> check_project_1d(lambda x, b: (b @ x) / (b @ b) * b).passed
    True
    >>> check_project_1d(lambda x, b: (b @ x) * b).passed   # forgot to divide by bᵀb
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        cases = []
        for number in range(1, n + 1):
            dimension = int(rng.integers(1, 7))
            x, b = rng.normal(size=(2, dimension)) * rng.uniform(0.5, 5.0)
            text = f"random case {number}: D = {dimension}"
            cases.append(Case(text, {"x": x, "b": b}, projections.project_1d(x, b)))
        return cases

    return _check(project_1d, "project_1d", random_cases, _compare_vectors(), n_random,
                  seed)


def check_projection_matrix_general(projection_matrix_general: Callable[[np.ndarray], Any], *,
                                    n_random: int = 10, seed: Any = 0) -> CheckReport:
    """Check ``projection_matrix_general(B)`` of the course: the D × D matrix projecting
    onto the span of the columns of ``B``.

    Derived in :doc:`/book/pca/projections`.

    Parameters
    ----------
    projection_matrix_general : callable
        Your function, ``projection_matrix_general(B) -> (D, D)`` for a basis ``B`` of
        shape (D, M), one basis vector per column.
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``projection_matrix_general`` is not callable, or ``n_random`` or ``seed`` is not
        an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.checks.pca import check_projection_matrix_general
    >>> check_projection_matrix_general(
    ...     lambda B: B @ np.linalg.inv(B.T @ B) @ B.T).passed
    True
    >>> check_projection_matrix_general(lambda B: B @ B.T).passed   # only if orthonormal
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        cases = []
        for number in range(1, n + 1):
            dimension = int(rng.integers(2, 7))
            columns = int(rng.integers(1, dimension + 1))
            B = _random_basis(rng, columns, dimension)
            text = f"random case {number}: B is {dimension} x {columns}"
            cases.append(Case(text, {"B": B}, projections.projection_matrix(B)))
        return cases

    return _check(
        projection_matrix_general, "projection_matrix_general", random_cases, compare_arrays(),
        n_random, seed,
    )


def check_project_general(project_general: Callable[[np.ndarray, np.ndarray], Any], *,
                          n_random: int = 10, seed: Any = 0) -> CheckReport:
    """Check ``project_general(x, B)`` of the course: the projection of ``x`` onto the
    span of the columns of ``B``.

    ``x`` is passed as a column of shape (D, 1), as the course's test passes it.
    Derived in :doc:`/book/pca/projections`.

    Parameters
    ----------
    project_general : callable
        Your function, ``project_general(x, B) -> (D, 1)`` (or ``(D,)``).
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``project_general`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.checks.pca import check_project_general
    >>> check_project_general(
    ...     lambda x, B: B @ np.linalg.solve(B.T @ B, B.T @ x)).passed
    True
    >>> check_project_general(lambda x, B: B @ (B.T @ x)).passed   # only if orthonormal
    False
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        cases = []
        for number in range(1, n + 1):
            dimension = int(rng.integers(2, 7))
            columns = int(rng.integers(1, dimension + 1))
            B = _random_basis(rng, columns, dimension)
            x = rng.normal(size=(dimension, 1)) * 3.0
            text = f"random case {number}: B is {dimension} x {columns}"
            cases.append(Case(text, {"x": x, "B": B}, projections.project(x.ravel(), B)))
        return cases

    return _check(
        project_general, "project_general", random_cases, _compare_vectors(), n_random, seed
    )


# Week 4: principal component analysis; data sets are N × D, one point per row.


def _course_pca() -> list[Case]:
    root = np.sqrt(0.5)
    return [
        Case(
            "hand-worked: three points on the line y = x, one component",
            {"X": np.array([[1.0, 1.0], [3.0, 3.0], [5.0, 5.0]]), "num_components": 1},
            PCAResult(
                np.array([[1.0, 1.0], [3.0, 3.0], [5.0, 5.0]]),
                np.array([3.0, 3.0]),
                np.array([16.0 / 3.0]),
                np.array([[root], [root]]),
            ),
        ),
        Case(
            "hand-worked: the corners of a 4 x 2 rectangle around (1, 1), one component",
            {"X": np.array([[-1.0, 0.0], [3.0, 0.0], [-1.0, 2.0], [3.0, 2.0]]),
             "num_components": 1},
            PCAResult(
                np.array([[-1.0, 1.0], [3.0, 1.0], [-1.0, 1.0], [3.0, 1.0]]),
                np.array([1.0, 1.0]),
                np.array([4.0]),
                np.array([[1.0], [0.0]]),
            ),
        ),
        Case(
            "hand-worked: a 2 x 1 rectangle in the plane z = 5 of 3-D, two components",
            {"X": np.array([[0.0, 0.0, 5.0], [2.0, 0.0, 5.0], [0.0, 1.0, 5.0],
                            [2.0, 1.0, 5.0]]),
             "num_components": 2},
            PCAResult(
                np.array([[0.0, 0.0, 5.0], [2.0, 0.0, 5.0], [0.0, 1.0, 5.0],
                          [2.0, 1.0, 5.0]]),
                np.array([1.0, 0.5, 5.0]),
                np.array([1.0, 0.25]),
                np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]),
            ),
        ),
    ]


def _compare_pca(*, rtol: float = 1e-6, atol: float = 1e-8) -> Compare:
    """Compare the course's 4-tuple part by part; each component may have either sign."""
    arrays, vectors = compare_arrays(rtol=rtol, atol=atol), _compare_vectors(rtol=rtol, atol=atol)
    parts = ("the reconstruction", "the mean", "the eigenvalues", "the components")

    def compare(got: Any, expected: Any) -> str | None:
        if not isinstance(got, (tuple, list)) or len(got) != 4:
            return (
                "expected four results (reconstruction, mean, eigenvalues, components), "
                f"got {type(got).__name__}"
            )
        reconstruction, mu, eigenvalues, components = got
        for part, problem in (
            (parts[0], arrays(reconstruction, expected.reconstruction)),
            (parts[1], vectors(mu, expected.mean)),
            (parts[2], vectors(eigenvalues, expected.eigenvalues)),
        ):
            if problem is not None:
                return f"{part}: {problem}"
        try:
            have = np.asarray(components, dtype=float)
        except (TypeError, ValueError):
            return f"{parts[3]}: expected an array of numbers, got {type(components).__name__}"
        want = expected.components
        if have.shape == want.shape and np.all(np.isfinite(have)):
            # An eigenvector's sign is arbitrary: turn each column to face the expected one.
            have = have * np.where(np.sum(have * want, axis=0) < 0, -1.0, 1.0)
        problem = arrays(have, want)
        return None if problem is None else f"{parts[3]} (up to sign): {problem}"

    return compare


def check_pca(PCA: Callable[[np.ndarray, int], Any], *, n_random: int = 10,
              seed: Any = 0) -> CheckReport:
    """Check ``PCA(X, num_components)`` of the course against :func:`mmlbook.pca.pca`.

    Your function returns four things, in this order: the reconstruction of ``X``
    (N × D), the mean (D,), the eigenvalues of the covariance matrix with divisor N,
    largest first (num_components,), and the principal components, one per column
    (D × num_components). Each component may come with either sign: an eigenvector is
    only defined up to its sign, so the checker accepts both. The random cases have
    well-separated eigenvalues, so that the components are determined.
    Derived in :doc:`/book/pca/pca`.

    Parameters
    ----------
    PCA : callable
        Your function, ``PCA(X, num_components)`` for ``X`` of shape (N, D), one point
        per row.
    n_random : int, default 10
        How many random cases to add to the fixed ones, at most 1000.
    seed : int or numpy.random.Generator, default 0
        Seeds the random cases.

    Returns
    -------
    CheckReport
        Every case run and every failure, in plain words.

    Raises
    ------
    TypeError
        If ``PCA`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``n_random`` is negative or above 1000, or ``seed`` is negative.

    Examples
    --------
    >>> from mmlbook.checks.pca import check_pca
    >>> from mmlbook.pca import pca
    >>> print(check_pca(pca))
    PCA passed all 13 cases.
    >>> def flipped(X, num_components):      # every component with the other sign
    ...     reconstruction, mean, values, components = pca(X, num_components)
    ...     return reconstruction, mean, values, -components
    >>> check_pca(flipped).passed
    True
    """

    def random_cases(rng: np.random.Generator, n: int) -> list[Case]:
        cases = []
        for number in range(1, n + 1):
            dimension = int(rng.integers(2, 7))
            count = int(rng.integers(dimension + 2, 20))
            k = int(rng.integers(1, dimension + 1))
            # Spreads a factor of two apart along random orthogonal directions.
            axes = np.linalg.qr(rng.normal(size=(dimension, dimension)))[0]
            spreads = 2.0 ** -np.arange(dimension)
            X = rng.normal(size=(count, dimension)) * spreads @ axes.T + rng.normal(size=dimension)
            text = f"random case {number}: N = {count}, D = {dimension}, {k} components"
            cases.append(
                Case(text, {"X": X, "num_components": k}, pca(X, k))
            )
        return cases

    return _check(PCA, "PCA", random_cases, _compare_pca(), n_random, seed)


_COURSE_CASES: dict[str, Callable[[], list[Case]]] = {
    "mean": _course_mean,
    "cov": _course_cov,
    "affine_mean": _course_affine_mean,
    "affine_covariance": _course_affine_covariance,
    "distance": _course_distance,
    "angle": _course_angle,
    "pairwise_distance_matrix": _course_pairwise_distance_matrix,
    "KNN": _course_knn,
    "projection_matrix_1d": _course_projection_matrix_1d,
    "project_1d": _course_project_1d,
    "projection_matrix_general": _course_projection_matrix_general,
    "project_general": _course_project_general,
    "PCA": _course_pca,
}


def course_cases(function_name: str) -> list[Case]:
    """The fixed cases a checker runs before its random ones: the course's, then by hand.

    Each case's description says whether it is the course's or worked by hand. The
    chapters print them in their *Check your own solution* tables.

    Parameters
    ----------
    function_name : str
        The course's name of the function, e.g. ``"projection_matrix_1d"`` or ``"KNN"``.

    Returns
    -------
    list of Case
        Fresh copies; changing them changes no checker.

    Raises
    ------
    TypeError
        If ``function_name`` is not a string.
    ValueError
        If no checker of this module checks a function of that name.

    Examples
    --------
    >>> from mmlbook.checks.pca import course_cases
    >>> [case.description for case in course_cases("projection_matrix_1d")][0]
    "the course's b = (1, 2, 2)"
    """
    if not isinstance(function_name, str):
        raise TypeError(f"function_name must be a string, got {type(function_name).__name__}")
    if function_name not in _COURSE_CASES:
        names = ", ".join(sorted(_COURSE_CASES))
        raise ValueError(f"function_name must be one of {names}; got {function_name!r}")
    return _COURSE_CASES[function_name]()
