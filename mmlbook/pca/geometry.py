"""Inner products, lengths, distances and angles, and the k-nearest-neighbour classifier."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from mmlbook._validation import (
    as_float_array,
    binary_exponent,
    check_positive_int,
    check_real,
    unscale,
)

__all__ = [
    "angle",
    "distance",
    "function_inner_product",
    "inner_product",
    "knn_predict",
    "nearest_neighbors",
    "norm",
    "pairwise_distances",
]

#: How many scores :func:`knn_predict` and :func:`nearest_neighbors` aim to hold at once
#: (2**21 of them, 8 MiB in single precision): they take the queries in blocks of about
#: this many scores, fewer for a small training set and more for a large one (see
#: ``_queries_per_block``).
KNN_BLOCK_ELEMENTS = 2**21

#: With at least this many queries, the k-nearest-neighbour search screens in single
#: precision.
KNN_SCREEN_QUERIES = 64

#: How many scores of a query the k-nearest-neighbour search screens by their minimum at
#: once.
KNN_GROUP = 32


def _vector_pair(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape, got {x.shape} and {y.shape}")
    return x, y


def _inner_product_matrix(A: Any, dimension: int, vectors: str) -> np.ndarray | None:
    """Validate an optional symmetric positive definite matrix for ⟨x, y⟩ = xᵀAy
    (``vectors`` names the arguments whose length it must match)."""
    if A is None:
        return None
    A = as_float_array(A, "A", ndim=2)
    if A.shape != (dimension, dimension):
        raise ValueError(
            f"A must have shape ({dimension}, {dimension}) to match {vectors} of length "
            f"{dimension}, got {A.shape}"
        )
    scale = float(np.abs(A).max())
    if not np.allclose(A, A.T, rtol=0.0, atol=1e-12 * scale):
        raise ValueError("A must be symmetric to define an inner product")
    try:
        with np.errstate(all="ignore"):
            factor = np.linalg.cholesky(A)
    except np.linalg.LinAlgError:
        factor = None
    # In the browser (Pyodide's WebAssembly numpy) the factorisation of a matrix that is
    # not positive definite raises no error; its factor is not finite.
    if factor is None or not np.all(np.isfinite(factor)):
        raise ValueError("A must be positive definite to define an inner product")
    return A


def _quadratic_form(u: np.ndarray, v: np.ndarray, A: np.ndarray | None) -> float:
    return float(u @ v) if A is None else float(u @ A @ v)


def inner_product(x: Any, y: Any, A: Any = None) -> float:
    r"""Inner product :math:`\langle \mathbf{x}, \mathbf{y} \rangle = \mathbf{x}^\top A \mathbf{y}`.

    With no ``A`` this is the dot product (``A`` is the identity). Any symmetric positive
    definite ``A`` gives an inner product, and with it its own lengths, distances and
    angles. Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    x, y : array_like of shape (D,)
        The two vectors.
    A : array_like of shape (D, D), optional
        A symmetric positive definite matrix; the identity by default.

    Returns
    -------
    float
        The inner product.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes differ, a value is not finite, or ``A`` is not symmetric positive
        definite.

    Examples
    --------
    >>> from mmlbook.pca import inner_product
    >>> inner_product([1.0, 2.0], [3.0, 4.0])
    11.0
    >>> inner_product([1.0, 2.0], [3.0, 4.0], A=[[2.0, 0.0], [0.0, 1.0]])
    14.0
    """
    x, y = _vector_pair(x, y)
    return _quadratic_form(x, y, _inner_product_matrix(A, x.shape[0], "x and y"))


def function_inner_product(f: Any, g: Any, interval: tuple[float, float]) -> float:
    r"""Inner product of two functions on an interval, :math:`\langle f, g\rangle =
    \int_a^b f(t)\,g(t)\,dt`.

    It is bilinear, symmetric, and positive definite on continuous functions (a
    continuous :math:`f \ne 0` has :math:`\int_a^b f^2 > 0`), so continuous functions on
    :math:`[a, b]` have lengths, distances and angles like vectors. The integral is
    computed by adaptive Gauss--Kronrod quadrature (:func:`scipy.integrate.quad`).
    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    f, g : callable
        Functions of one real variable returning real numbers.
    interval : (float, float)
        The interval :math:`[a, b]`, with :math:`a < b` finite.

    Returns
    -------
    float
        The integral.

    Raises
    ------
    TypeError
        If ``f`` or ``g`` is not callable, or the interval's ends are not numbers.
    ValueError
        If the interval is not increasing, or the integral does not converge to a finite
        number.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.pca import function_inner_product
    >>> round(function_inner_product(np.sin, np.cos, (-np.pi, np.pi)), 12) + 0.0
    0.0
    >>> round(function_inner_product(lambda t: t, lambda t: t**2, (0.0, 1.0)), 12)
    0.25
    """
    from scipy.integrate import IntegrationWarning, quad

    if not callable(f) or not callable(g):
        raise TypeError("f and g must be callable")
    if not isinstance(interval, (tuple, list, np.ndarray)) or len(interval) != 2:
        raise TypeError("interval must be a pair (a, b) of numbers")
    low = check_real(interval[0], "interval[0]")
    high = check_real(interval[1], "interval[1]")
    if not low < high:
        raise ValueError(f"interval must be increasing, got ({low}, {high})")
    with warnings.catch_warnings():
        warnings.simplefilter("error", IntegrationWarning)
        try:
            value, _ = quad(lambda t: float(f(t)) * float(g(t)), low, high, limit=200)
        except IntegrationWarning as warning:
            raise ValueError(f"the integral of f g did not converge: {warning}") from None
    if not np.isfinite(value):
        raise ValueError("the integral of f g is not finite")
    return float(value)


def norm(x: Any, A: Any = None) -> float:
    r"""Length :math:`\|\mathbf{x}\| = \sqrt{\langle \mathbf{x}, \mathbf{x} \rangle}`.

    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    x : array_like of shape (D,)
        The vector.
    A : array_like of shape (D, D), optional
        A symmetric positive definite matrix; the identity by default.

    Returns
    -------
    float
        The length, at least 0. It is correct for any finite ``x`` and ``A`` whose length
        is a float: the entries are scaled by a power of 2 before they are squared.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If a value is not finite, the shapes differ, ``A`` is not symmetric positive
        definite, or the length is beyond the range of float64 (above about 1.8e308).

    Examples
    --------
    >>> from mmlbook.pca import norm
    >>> norm([3.0, 4.0])
    5.0
    """
    x = as_float_array(x, "x", ndim=1)
    return _scaled_norm(x, _inner_product_matrix(A, x.shape[0], "x"), "the length of x", "x")


def _norm(x: np.ndarray, A: np.ndarray | None) -> float:
    if A is None:
        return float(np.linalg.norm(x))
    # xᵀAx is positive for x ≠ 0, but rounding can push a tiny value below zero.
    return float(np.sqrt(max(_quadratic_form(x, x, A), 0.0)))


def _scaled_norm(x: np.ndarray, A: np.ndarray | None, quantity: str, names: str) -> float:
    """‖x‖ for any finite x and A whose answer is a float: computed on x / 2**e and
    A / 2**a, whose squares neither overflow nor underflow, and scaled back by
    2**(e + a/2) (a even). Scaling by powers of 2 is exact, so the digits are those of
    the unscaled formula wherever that does not overflow."""
    e = binary_exponent(x)
    a = 0 if A is None else binary_exponent(A, even=True)
    scaled_A = None if A is None else np.ldexp(A, -a)
    # A length below the smallest normal float comes only from subnormal entries: it is
    # rounded into their range, as their own arithmetic would be, not refused.
    return unscale(
        _norm(np.ldexp(x, -e), scaled_A), e + a // 2, quantity, names, negligible=math.inf
    )


def distance(x: Any, y: Any, A: Any = None) -> float:
    r"""Distance :math:`d(\mathbf{x}, \mathbf{y}) = \|\mathbf{x} - \mathbf{y}\|`.

    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    x, y : array_like of shape (D,)
        The two points.
    A : array_like of shape (D, D), optional
        A symmetric positive definite matrix defining the inner product; the identity
        (Euclidean distance) by default.

    Returns
    -------
    float
        The distance, at least 0, and exactly 0 when ``x`` equals ``y``; correct for any
        finite inputs whose distance is a float (they are scaled by a power of 2 first).

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes differ, a value is not finite, ``A`` is not symmetric positive
        definite, or the distance is beyond the range of float64 (above about 1.8e308).

    Examples
    --------
    >>> from mmlbook.pca import distance
    >>> distance([1.0, 1.0], [4.0, 5.0])
    5.0
    """
    x, y = _vector_pair(x, y)
    A = _inner_product_matrix(A, x.shape[0], "x and y")
    # x - y of finite vectors can overflow: their difference is taken at a scale where
    # it cannot (2**e at least as large as both), and scaled back with the length.
    e = binary_exponent(x, y)
    difference = np.ldexp(x, -e) - np.ldexp(y, -e)
    return unscale(
        _scaled_norm(difference, A, "the distance between x and y", "x and y"),
        e, "the distance between x and y", "x and y", negligible=math.inf,
    )


def angle(x: Any, y: Any, A: Any = None) -> float:
    r"""Angle between two non-zero vectors, in radians, in :math:`[0, \pi]`.

    Mathematically :math:`\cos\theta = \langle\mathbf{x},\mathbf{y}\rangle /
    (\|\mathbf{x}\|\|\mathbf{y}\|)`, but ``arccos`` of a rounded cosine loses half the
    digits near 0 and :math:`\pi` (and a cosine rounded to 1.0000000000000002 gives NaN).
    With the unit vectors :math:`\mathbf{u}, \mathbf{v}` the same angle is
    :math:`\theta = 2\arctan(\|\mathbf{u}-\mathbf{v}\| / \|\mathbf{u}+\mathbf{v}\|)`,
    which is accurate everywhere and exactly 0 for a vector and itself.
    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    x, y : array_like of shape (D,)
        The two vectors; neither may be zero.
    A : array_like of shape (D, D), optional
        A symmetric positive definite matrix defining the inner product; the identity
        by default.

    Returns
    -------
    float
        The angle in radians.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes differ, a value is not finite, a vector is zero, or ``A`` is not
        symmetric positive definite.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.pca import angle
    >>> angle([1.0, 0.0], [1.0, 1.0]) == np.pi / 4
    True
    >>> angle([3.0, 4.0], [3.0, 4.0])
    0.0
    """
    x, y = _vector_pair(x, y)
    A = _inner_product_matrix(A, x.shape[0], "x and y")
    units = []
    for name, vector in (("x", x), ("y", y)):
        largest = float(np.abs(vector).max())
        if largest == 0.0:
            raise ValueError(f"{name} must be a non-zero vector: a zero vector has no angle")
        # Scaling by the largest entry first keeps the squared length from overflowing.
        scaled = vector / largest
        units.append(scaled / _norm(scaled, A))
    u, v = units
    return float(2.0 * np.arctan2(_norm(u - v, A), _norm(u + v, A)))


def pairwise_distances(X: Any, Y: Any = None) -> np.ndarray:
    r"""Euclidean distances between every row of ``X`` and every row of ``Y``.

    Uses :math:`\|\mathbf{x}-\mathbf{y}\|^2 = \|\mathbf{x}\|^2 + \|\mathbf{y}\|^2 -
    2\mathbf{x}^\top\mathbf{y}`, so that the work is one matrix product.
    The points are first scaled by a power of 2 so that no entry exceeds 1, which
    changes no digit of the answer and keeps the squares from overflowing or
    underflowing.
    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    X : array_like of shape (N, D)
        The first set of points, one per row.
    Y : array_like of shape (M, D), optional
        The second set of points; ``X`` itself by default.

    Returns
    -------
    numpy.ndarray of shape (N, M)
        Entry ``(i, j)`` is the distance between ``X[i]`` and ``Y[j]``. When ``Y`` is
        omitted the matrix is symmetric with an exactly zero diagonal.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If an argument is not a 2-D array of finite numbers, the numbers of columns
        differ, or the largest distance is beyond the range of float64 (above about
        1.8e308).

    Examples
    --------
    >>> from mmlbook.pca import pairwise_distances
    >>> pairwise_distances([[0.0, 0.0], [3.0, 4.0]])
    array([[0., 5.],
           [5., 0.]])
    """
    X = as_float_array(X, "X", ndim=2)
    same = Y is None
    Y = X if same else as_float_array(Y, "Y", ndim=2)
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            f"X and Y must have the same number of columns, got {X.shape[1]} and "
            f"{Y.shape[1]}"
        )
    # Squares of very large or very small entries overflow or underflow: the points
    # are scaled by a power of 2 (exactly) so that no entry exceeds 1, and then back.
    e = binary_exponent(X, Y)
    X = np.ldexp(X, -e)
    Y = X if same else np.ldexp(Y, -e)
    squared = X @ Y.T
    squared *= -2.0
    squared += np.einsum("ij,ij->i", X, X)[:, None]
    squared += np.einsum("ij,ij->i", Y, Y)[None, :]
    # Cancellation can leave tiny negative squares for (almost) equal points.
    np.maximum(squared, 0.0, out=squared)
    distances = np.sqrt(squared, out=squared)
    if same:
        distances = 0.5 * (distances + distances.T)
        np.fill_diagonal(distances, 0.0)
    quantity = "a distance between rows of X and Y"
    return unscale(distances, e, quantity, "X and Y", negligible=math.inf)


def _training_and_queries(X_train: Any, X_query: Any) -> tuple[np.ndarray, np.ndarray]:
    """The two point sets as float matrices with matching columns; the training set's
    finiteness is left to :func:`_prepared`, which checks it more cheaply."""
    X_train = as_float_array(X_train, "X_train", ndim=2, finite=False)
    X_query = as_float_array(X_query, "X_query", ndim=2)
    if X_query.shape[1] != X_train.shape[1]:
        raise ValueError(
            f"X_query must have {X_train.shape[1]} columns like X_train, "
            f"got {X_query.shape[1]}"
        )
    return X_train, X_query


def _prepared(
    X_train: np.ndarray, X_query: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Finite point sets, rescaled if need be, and the training points' squared lengths.

    Finiteness is judged first from the squared lengths, which are needed anyway, so that
    the training set is read once. Neighbours do not change when all points are scaled
    alike, so points too large to square or so small that their squares vanish are
    divided by their largest magnitude first.
    """
    squared_norms = np.einsum("ij,ij->i", X_train, X_train)
    largest = float(squared_norms.max())
    query_largest = float(np.einsum("ij,ij->i", X_query, X_query).max(initial=0.0))
    # Within these bounds every score and product is a normal double, far from overflow.
    if 1e-100 < largest and max(largest, query_largest) < 1e300:
        return X_train, X_query, squared_norms
    if not np.all(np.isfinite(X_train)):
        raise ValueError("X_train must contain only finite numbers (no NaN or inf)")
    scale = max(float(np.abs(X_train).max()), float(np.abs(X_query).max(initial=0.0)))
    if scale == 0.0:
        return X_train, X_query, squared_norms
    X_train, X_query = X_train / scale, X_query / scale
    return X_train, X_query, np.einsum("ij,ij->i", X_train, X_train)


class _Scores:
    """Scores ‖x‖² − 2qᵀx of a training set against queries, block by block of queries.

    A block's scores form one matrix, training points by queries, computed into one
    buffer that every block reuses. Blocks hold at most a quarter of the training set's
    bytes (see :func:`_queries_per_block`), so that the scores, and in single precision
    the training set's copy, stay within the training set's size.

    With many queries the matrix product is the cost, and in single precision it takes
    half the time. Rounding then moves each score of a query by at most its ``slack``, a
    bound computed in advance (Higham 2002, section 3.1): the product of D + 1 terms,
    each factor rounded to single precision, is off by at most γ_{D+5} times the sum
    of the magnitudes of the terms, and by Cauchy–Schwarz that sum is at most
    2‖q‖ max‖x‖ + max‖x‖²; one more term of γ covers the double-precision rescoring.
    Data too large or too small for single precision's range, and few queries (when
    copying the training set costs more than the faster product saves), are scored in
    double precision, with ``slack`` zero.

    In single precision the training set is padded with points of infinite score to a
    multiple of ``KNN_GROUP`` rows, which :func:`_k_smallest` screens group by group.
    """

    def __init__(self, train: np.ndarray, queries: np.ndarray, k: int) -> None:
        train, queries, squared_norms = _prepared(train, queries)
        self.train, self.queries, self.squared_norms = train, queries, squared_norms
        self.largest = float(np.sqrt(squared_norms.max()))
        n_train, dimension = train.shape
        self.single = (
            queries.shape[0] >= KNN_SCREEN_QUERIES and 1e-10 < self.largest < 1e15
        )
        dtype = np.dtype(np.float32 if self.single else np.float64)
        self.per_block = min(
            queries.shape[0], _queries_per_block(n_train, dimension, k, dtype.itemsize)
        )
        self.n_rows = n_train
        if self.single:
            # Each training point becomes (x, ‖x‖²) and each query (−2q, 1), so that one
            # matrix product gives the whole score.
            self.n_rows = -(-n_train // KNN_GROUP) * KNN_GROUP
            augmented = np.zeros((self.n_rows, dimension + 1), dtype=np.float32)
            augmented[:n_train, :-1] = train
            augmented[:n_train, -1] = squared_norms
            augmented[n_train:, -1] = np.inf
            self.augmented = augmented
            unit = float(np.finfo(np.float32).eps) / 2
            terms = dimension + 6
            self.gamma = terms * unit / (1 - terms * unit)
        self.buffer = np.empty(self.n_rows * self.per_block, dtype=dtype)

    def blocks(self) -> Iterator[slice]:
        """The blocks of queries, as slices of ``X_query``."""
        n_queries = self.queries.shape[0]
        for start in range(0, n_queries, self.per_block):
            yield slice(start, min(start + self.per_block, n_queries))

    def __call__(self, block: slice) -> tuple[np.ndarray, np.ndarray]:
        """The scores of a block (training points by queries) and each query's slack."""
        queries = self.queries[block]
        n_queries = queries.shape[0]
        # A contiguous view of the buffer's start, so that the product writes into it.
        scores = self.buffer[: self.n_rows * n_queries].reshape(self.n_rows, n_queries)
        # The queries go in as columns of a contiguous matrix: numpy's product into
        # ``out`` with a transposed view of them is several times slower for narrow blocks.
        dimension = queries.shape[1]
        if not self.single:
            factors = np.empty((dimension, n_queries))
            np.multiply(queries.T, -2.0, out=factors)
            np.matmul(self.train, factors, out=scores)
            scores += self.squared_norms[:, None]
            return scores, np.zeros(n_queries)
        augmented = np.empty((dimension + 1, n_queries), dtype=np.float32)
        augmented[:-1] = -2.0 * queries.T
        augmented[-1] = 1.0
        np.matmul(self.augmented, augmented, out=scores)
        lengths = np.sqrt(np.einsum("ij,ij->i", queries, queries))
        magnitude = 2.0 * lengths * self.largest + self.largest**2
        # The absolute term covers single precision's gradual underflow.
        return scores, self.gamma * magnitude + 1e-30

    def k_smallest(
        self, block: slice, scores: np.ndarray, slack: np.ndarray, k: int
    ) -> np.ndarray:
        """Indices of the k nearest training points of each query of ``block``, from
        the block's ``scores`` and ``slack``."""
        return _k_smallest(
            scores, slack, k, self.queries[block], self.train, self.squared_norms
        )


def _k_smallest(
    scores: np.ndarray,
    slack: np.ndarray,
    k: int,
    queries: np.ndarray,
    train: np.ndarray,
    squared_norms: np.ndarray,
) -> np.ndarray:
    """Indices of the k training points of smallest exact score, per query, nearest first.

    ``scores`` (training points by queries) are within ``slack`` (per query) of the
    exact scores ‖x‖² − 2qᵀx. Let s_k be a query's k-th smallest rounded score. Every
    true neighbour has a rounded score of at most s_k + 2·slack, so only those
    candidates are rescored in double precision, and the k smallest exact scores among
    them are the answer, equal ones in index order.

    ``np.argpartition`` of whole columns would find s_k but selects slowly, entry by
    entry. Instead the training points are dealt into groups (point i into group
    i mod G), and each group's minimum is taken: one fast pass over contiguous rows.
    The k-th smallest of the minima is at least s_k (it is the k-th smallest of k of
    the entries), and only groups whose minimum is below that bound plus 2·slack can
    hold a neighbour.
    """
    n_points, n_queries = scores.shape
    size = KNN_GROUP if n_points % KNN_GROUP == 0 and 4 * k * KNN_GROUP <= n_points else 1
    n_groups = n_points // size
    minima = scores.reshape(size, n_groups, n_queries).min(axis=0) if size > 1 else scores
    bound = np.partition(minima, k - 1, axis=0)[k - 1]
    widened = _round_up(bound.astype(np.float64) + 2.0 * slack, scores.dtype)
    groups, rows = np.nonzero(minima <= widened)
    rows = np.repeat(rows, size)
    columns = (groups[:, None] + n_groups * np.arange(size)).ravel()
    values = scores[columns, rows]
    keep = values <= widened[rows]
    rows, columns, values = rows[keep], columns[keep], values[keep]
    # Every query keeps its k smallest rounded scores; the k-th of them is s_k.
    order = np.lexsort((values, rows))
    rows, columns, values = rows[order], columns[order], values[order]
    first = np.searchsorted(rows, np.arange(n_queries))
    threshold = _round_up(values[first + k - 1].astype(np.float64) + 2.0 * slack,
                          scores.dtype)
    near = values <= threshold[rows]
    rows, columns = rows[near], columns[near]
    exact = squared_norms[columns] - 2.0 * np.einsum("ij,ij->i", queries[rows], train[columns])
    order = np.lexsort((columns, exact, rows))
    rows, columns = rows[order], columns[order]
    first = np.searchsorted(rows, np.arange(n_queries))
    return columns[first[:, None] + np.arange(k)]


def _round_up(values: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``values`` in ``dtype``, rounded up rather than to the nearest."""
    rounded = values.astype(dtype)
    return np.where(rounded < values, np.nextafter(rounded, dtype.type(np.inf)), rounded)


def _queries_per_block(n_train: int, dimension: int, k: int, itemsize: int = 4) -> int:
    """How many queries :func:`knn_predict` and :func:`nearest_neighbors` score at once.

    Each block reads the whole training set, so bigger blocks mean fewer passes over it.
    A block holds about ``KNN_BLOCK_ELEMENTS`` scores of ``itemsize`` bytes, but no more
    than a quarter of the training set's bytes (half its numbers in single precision),
    unless that is under 2**16 scores. Then it grows to D / 4 queries, whose N·D / 4
    scores take at most that quarter, but to no more than N / (32k) queries, whose
    rescored candidates (about 2k points of D coordinates for each query, with the
    query) take about as much.
    """
    most = max(2**16, n_train * dimension * 2 // itemsize)
    return max(
        1,
        min(KNN_BLOCK_ELEMENTS, most) // n_train,
        min(dimension // 4, n_train // (32 * k)),
    )


def nearest_neighbors(X_train: Any, X_query: Any, k: int) -> np.ndarray:
    r"""Indices of the k training points nearest to each query, nearest first.

    Distances are Euclidean. Of
    :math:`\lVert\mathbf{q}-\mathbf{x}\rVert^2 = \lVert\mathbf{q}\rVert^2 +
    \lVert\mathbf{x}\rVert^2 - 2\mathbf{q}^\top\mathbf{x}` the first term is the same for
    every training point, so the order of :math:`\lVert\mathbf{x}\rVert^2 -
    2\mathbf{q}^\top\mathbf{x}` is the order of the distances. The queries are taken in
    blocks whose scores take at most a quarter of the training set's memory (but always
    room for 2**16 of them, or for one query).
    Equally far neighbours are listed in the order of their indices; when several
    training points tie for the k-th place, which of them is returned is not specified.
    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    X_train : array_like of shape (N, D)
        The training points, one per row.
    X_query : array_like of shape (Q, D)
        The query points.
    k : int
        How many neighbours to find, ``1 <= k <= N``.

    Returns
    -------
    numpy.ndarray of shape (Q, k)
        Row ``q`` holds the indices into ``X_train`` of the k points nearest to
        ``X_query[q]``, nearest first.

    Raises
    ------
    TypeError
        If the points are not numeric or ``k`` is not an integer.
    ValueError
        If the shapes do not fit together, a value is not finite, or ``k`` is out of
        range.

    Examples
    --------
    >>> from mmlbook.pca import nearest_neighbors
    >>> nearest_neighbors([[0.0], [1.0], [5.0], [2.0]], [[1.9], [4.0]], k=2)
    array([[3, 1],
           [2, 3]])
    """
    X_train, X_query = _training_and_queries(X_train, X_query)
    k = check_positive_int(k, "k", maximum=X_train.shape[0])
    scores = _Scores(X_train, X_query, k)
    nearest = np.empty((X_query.shape[0], k), dtype=np.intp)
    for block in scores.blocks():
        # ‖x‖² − 2qᵀx of every training point x for every query q of the block, and a
        # bound on each query's rounding error (zero in double precision).
        values, slack = scores(block)
        # The k smallest of each query's scores, exact, nearest first.
        nearest[block] = scores.k_smallest(block, values, slack, k)
    return nearest


def _labels(y_train: Any, n_train: int) -> np.ndarray:
    """The training labels as a 1-D array of integers or strings, one per point."""
    try:
        labels = np.asarray(y_train)
    except ValueError:  # a ragged list
        raise ValueError("y_train must be a 1-D array of labels, one per row of X_train") from None
    if labels.dtype.kind not in "iuUS":
        raise TypeError(
            f"y_train must hold integer or string labels, got dtype {labels.dtype}"
        )
    if labels.shape != (n_train,):
        raise ValueError(
            f"y_train must have shape ({n_train},), one label per row of "
            f"X_train, got {labels.shape}"
        )
    return labels


def knn_predict(X_train: Any, y_train: Any, X_query: Any, k: int) -> np.ndarray:
    """Classify points by a majority vote of their k nearest training points.

    The queries are taken in blocks. For a block, the scores ‖x‖² − 2qᵀx of every
    training point x against every query q come from one matrix product (they order
    the training points as the distances do, see :func:`nearest_neighbors`); the k
    smallest of each query's scores are its neighbours; each neighbour casts one vote
    for its label and the label with the most votes wins. A tied vote goes to the
    smallest label. When several training points are equally far from a query at the
    k-th place, which of them votes is not specified. The scores of a block take at
    most a quarter of the training set's memory (but always room for 2**16 of them, or
    for one query), and no setting of the process (such as the number of BLAS threads)
    is changed.
    Derived in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    X_train : array_like of shape (N, D)
        The training points, one per row.
    y_train : array_like of shape (N,)
        Their labels: integers or strings.
    X_query : array_like of shape (Q, D)
        The points to classify.
    k : int
        How many neighbours vote, ``1 <= k <= N``.

    Returns
    -------
    numpy.ndarray of shape (Q,)
        The predicted label of each query, of the same type as ``y_train``.

    Raises
    ------
    TypeError
        If the points are not numeric, the labels are neither integers nor strings, or
        ``k`` is not an integer.
    ValueError
        If the shapes do not fit together, a value is not finite, or ``k`` is out of
        range.

    Examples
    --------
    >>> from mmlbook.pca import knn_predict
    >>> X_train = [[0.0], [1.0], [2.0], [10.0], [11.0]]
    >>> y_train = [0, 0, 0, 1, 1]
    >>> knn_predict(X_train, y_train, [[1.5], [9.0]], k=3)
    array([0, 1])
    """
    X_train, X_query = _training_and_queries(X_train, X_query)
    labels = _labels(y_train, X_train.shape[0])
    k = check_positive_int(k, "k", maximum=X_train.shape[0])
    # np.unique sorts, so code c stands for the c-th smallest label.
    classes, codes = np.unique(labels, return_inverse=True)
    n_classes = classes.shape[0]
    scores = _Scores(X_train, X_query, k)
    predicted = np.empty(X_query.shape[0], dtype=np.intp)
    for block in scores.blocks():
        # ‖x‖² − 2qᵀx of every training point x for every query q of the block, by one
        # matrix product, and a bound on each query's rounding error (many queries are
        # scored in single precision, and their candidates rescored exactly).
        values, slack = scores(block)
        # The k smallest scores of each query: its k nearest training points.
        nearest = scores.k_smallest(block, values, slack, k)
        # One bincount tallies every query's votes: query i's vote for class c falls
        # in bin i·C + c.
        ballots = codes[nearest] + n_classes * np.arange(nearest.shape[0])[:, None]
        votes = np.bincount(ballots.ravel(), minlength=nearest.shape[0] * n_classes)
        # argmax takes the first of equal counts: a tied vote goes to the smallest label.
        predicted[block] = votes.reshape(-1, n_classes).argmax(axis=1)
    return classes[predicted]
