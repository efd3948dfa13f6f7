"""Inner products, lengths, distances and angles, and the k-nearest-neighbour classifier."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from mmlbook._validation import as_float_array, check_positive_int

__all__ = [
    "angle",
    "distance",
    "inner_product",
    "knn_predict",
    "norm",
    "pairwise_distances",
]

#: How many distances each worker thread of ``knn_predict`` holds at once (2**20 of
#: them: 4 MiB in single precision).
KNN_BLOCK_ELEMENTS = 2**20

#: Into how many groups ``knn_predict`` splits each row of distances to find the nearest.
KNN_GROUPS = 32


def _vector_pair(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    x = as_float_array(x, "x", ndim=1)
    y = as_float_array(y, "y", ndim=1)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape, got {x.shape} and {y.shape}")
    return x, y


def _inner_product_matrix(A: Any, dimension: int) -> np.ndarray | None:
    """Validate an optional symmetric positive definite matrix for ⟨x, y⟩ = xᵀAy."""
    if A is None:
        return None
    A = as_float_array(A, "A", ndim=2)
    if A.shape != (dimension, dimension):
        raise ValueError(
            f"A must have shape ({dimension}, {dimension}) to match the vectors, "
            f"got {A.shape}"
        )
    scale = float(np.abs(A).max())
    if not np.allclose(A, A.T, rtol=0.0, atol=1e-12 * scale):
        raise ValueError("A must be symmetric to define an inner product")
    try:
        np.linalg.cholesky(A)
    except np.linalg.LinAlgError:
        raise ValueError("A must be positive definite to define an inner product") from None
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
    return _quadratic_form(x, y, _inner_product_matrix(A, x.shape[0]))


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
        The length, at least 0.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If a value is not finite or ``A`` is not symmetric positive definite.

    Examples
    --------
    >>> from mmlbook.pca import norm
    >>> norm([3.0, 4.0])
    5.0
    """
    x = as_float_array(x, "x", ndim=1)
    return _norm(x, _inner_product_matrix(A, x.shape[0]))


def _norm(x: np.ndarray, A: np.ndarray | None) -> float:
    if A is None:
        return float(np.linalg.norm(x))
    # xᵀAx is positive for x ≠ 0, but rounding can push a tiny value below zero.
    return float(np.sqrt(max(_quadratic_form(x, x, A), 0.0)))


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
        The distance, at least 0, and exactly 0 when ``x`` equals ``y``.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes differ, a value is not finite, or ``A`` is not symmetric positive
        definite.

    Examples
    --------
    >>> from mmlbook.pca import distance
    >>> distance([1.0, 1.0], [4.0, 5.0])
    5.0
    """
    x, y = _vector_pair(x, y)
    return _norm(x - y, _inner_product_matrix(A, x.shape[0]))


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
    A = _inner_product_matrix(A, x.shape[0])
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


def _single_precision_screen(train: np.ndarray, queries: np.ndarray) -> tuple[type, np.ndarray]:
    """The dtype to screen neighbours in, and each query's bound on its rounding error.

    Single precision is used when every non-zero magnitude lies where float32 keeps its
    relative precision (so the bound holds); otherwise the screen is double precision
    and the slack is zero.
    """
    magnitudes = np.abs(np.concatenate([train.ravel(), queries.ravel()]))
    nonzero = magnitudes[magnitudes > 0]
    if nonzero.size and (nonzero.min() < 1e-15 or nonzero.max() > 1e15):
        return np.float64, np.zeros(queries.shape[0])
    terms = train.shape[0] + 3  # the products, plus rounding both factors to float32
    unit = float(np.finfo(np.float32).eps) / 2
    gamma = terms * unit / (1 - terms * unit)
    return np.float32, gamma * (np.abs(queries) @ np.abs(train).max(axis=1))


def _k_nearest(
    scores: np.ndarray, k: int, slack: np.ndarray, queries: np.ndarray, points: np.ndarray
) -> np.ndarray:
    """Column indices of the k smallest exact scores of each row, in no particular order.

    ``scores`` are ``queries @ points.T`` rounded to within ``slack`` per row.
    ``np.argpartition`` on whole rows would do, but its selection is slow per entry.
    Instead, split each row's columns into interleaved groups of the same size (column
    ``j`` goes with ``j + M``, ``j + 2M``, ... for M groups): the k smallest entries of a
    row lie in the k groups with the smallest minima. Taking minima is fast vectorised
    arithmetic, and only the groups whose minimum is within ``2 * slack`` of the k-th
    smallest score are searched entry by entry and rescored exactly. The number of
    columns must be a multiple of ``KNN_GROUPS``.
    """
    n_rows, n_columns = scores.shape
    size = KNN_GROUPS if k * KNN_GROUPS < n_columns else 1
    n_groups = n_columns // size
    minima = scores.reshape(n_rows, size, n_groups).min(axis=1)
    best = np.argpartition(minima, k - 1, axis=1)[:, :k]
    in_best = (best[:, :, None] + n_groups * np.arange(size)).reshape(n_rows, -1)
    kth = np.partition(np.take_along_axis(scores, in_best, axis=1), k - 1, axis=1)[:, k - 1]
    threshold = (kth.astype(np.float64) + 2.0 * slack).astype(scores.dtype)
    # Round the threshold up, never down, when it is stored in single precision.
    threshold = np.nextafter(threshold, np.inf) if scores.dtype == np.float32 else threshold
    rows, groups = np.nonzero(minima <= threshold[:, None])
    rows = np.repeat(rows, size)
    columns = (groups[:, None] + n_groups * np.arange(size)).ravel()
    near = scores[rows, columns] <= threshold[rows]
    rows, columns = rows[near], columns[near]
    exact = np.einsum("ij,ij->i", queries[rows], points[columns])
    order = np.lexsort((exact, rows))
    rows, columns = rows[order], columns[order]
    # Each row has at least its k screened nearest among the candidates.
    first = np.searchsorted(rows, np.arange(n_rows))
    return columns[first[:, None] + np.arange(k)]


def pairwise_distances(X: Any, Y: Any = None) -> np.ndarray:
    r"""Euclidean distances between every row of ``X`` and every row of ``Y``.

    Uses :math:`\|\mathbf{x}-\mathbf{y}\|^2 = \|\mathbf{x}\|^2 + \|\mathbf{y}\|^2 -
    2\mathbf{x}^\top\mathbf{y}`, so that the work is one matrix product.
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
        If an argument is not a 2-D array of finite numbers, or the numbers of columns
        differ.

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
    return distances


def knn_predict(X_train: Any, y_train: Any, X_query: Any, k: int) -> np.ndarray:
    """Classify points by a majority vote of their k nearest training points.

    Distances are Euclidean. The distance matrix is never built whole: queries are taken
    in blocks so that each worker thread (one per core) holds at most
    ``KNN_BLOCK_ELEMENTS`` distances at a time.
    A tied vote goes to the smallest label. When several training points are equally far
    from a query at the k-th place, which of them votes is not specified.
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
    X_train = as_float_array(X_train, "X_train", ndim=2)
    X_query = as_float_array(X_query, "X_query", ndim=2)
    n_train, dimension = X_train.shape
    if X_query.shape[1] != dimension:
        raise ValueError(
            f"X_query must have {dimension} columns like X_train, got {X_query.shape[1]}"
        )
    labels = np.asarray(y_train)
    if labels.dtype.kind not in "iuUS":
        raise TypeError(
            f"y_train must hold integer or string labels, got dtype {labels.dtype}"
        )
    if labels.shape != (n_train,):
        raise ValueError(
            f"y_train must have shape ({n_train},), one label per row of X_train, "
            f"got {labels.shape}"
        )
    k = check_positive_int(k, "k", maximum=n_train)

    # np.unique sorts, so code order is label order and argmax's first-maximum rule
    # breaks a tied vote in favour of the smallest label.
    classes, codes = np.unique(labels, return_inverse=True)
    n_classes = classes.shape[0]
    # ‖q − t‖² = ‖q‖² + ‖t‖² − 2 q·t, and ‖q‖² is the same for every t, so it cannot
    # change which t are nearest. The rest is one matrix product: each training point
    # becomes (−2t, ‖t‖²) and each query (q, 1).
    # Padding with points at infinite distance makes the number of columns a multiple of
    # KNN_GROUPS, as _k_nearest needs; they are never among the k nearest.
    n_columns = -(-n_train // KNN_GROUPS) * KNN_GROUPS
    train = np.zeros((dimension + 1, n_columns))
    train[:dimension, :n_train] = -2.0 * X_train.T
    train[dimension, :n_train] = np.einsum("ij,ij->i", X_train, X_train)
    train[dimension, n_train:] = np.inf
    queries = np.hstack([X_query, np.ones((X_query.shape[0], 1))])
    # The product is the cost. Done in single precision it is twice as fast, and its
    # rounding error is bounded (Higham 2002, section 3.1): |s32 − s| <= slack per query.
    # Every true neighbour then scores within 2·slack of the k-th smallest s32, so those
    # candidates, rescored in double precision, give exactly the double-precision answer.
    screen, slack = _single_precision_screen(train[:, :n_train], queries)
    train_screen = train.astype(screen)
    points = np.ascontiguousarray(train.T)  # rows to gather when rescoring exactly
    queries_screen = queries.astype(screen)
    block = max(1, KNN_BLOCK_ELEMENTS // n_columns)
    n_blocks = -(-queries.shape[0] // block)
    workers = max(1, min(os.cpu_count() or 1, n_blocks))
    predicted = np.empty(queries.shape[0], dtype=np.intp)

    def classify_blocks(worker: int) -> None:
        # Each worker reuses one buffer for its blocks: fresh arrays of megabytes cost a
        # page fault per 4 KiB, which is slower than the arithmetic.
        buffer = np.empty((block, n_columns), dtype=screen)
        for start in range(worker * block, queries.shape[0], workers * block):
            stop = min(start + block, queries.shape[0])
            scores = np.matmul(queries_screen[start:stop], train_screen, out=buffer[: stop - start])
            nearest = _k_nearest(scores, k, slack[start:stop], queries[start:stop], points)
            votes = codes[nearest] + n_classes * np.arange(stop - start)[:, None]
            counts = np.bincount(votes.ravel(), minlength=(stop - start) * n_classes)
            predicted[start:stop] = counts.reshape(-1, n_classes).argmax(1)

    # numpy releases the GIL in all the heavy steps, so the workers run in parallel;
    # each one's matrix products stay single-threaded so they do not fight for cores.
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(workers) as pool:
        list(pool.map(classify_blocks, range(workers)))
    return classes[predicted]
