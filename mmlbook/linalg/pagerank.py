"""PageRank: the principal eigenvector of a damped link matrix, by the power method.

Convention: ``L[i, j]`` is the probability that a surfer on page ``j`` follows a link to
page ``i``, so each column of ``L`` sums to 1 (or is all zero for a page without links)
and the ranks ``r`` satisfy ``r = M r`` for the damped matrix ``M``.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import numpy as np
import scipy.sparse

from mmlbook._validation import as_float_array, check_flag, check_positive_int, check_real

__all__ = ["link_matrix", "pagerank", "pagerank_iterates"]

#: How far a column sum of a link matrix may be from 1 (or 0) and still count as 1.
_COLUMN_SUM_TOLERANCE = 1e-8

#: The largest web the dense textbook loop accepts: its damped matrix has n² entries.
_TEXTBOOK_MAX_PAGES = 5000
#: The most steps ``pagerank_iterates`` keeps: every iterate is stored, so with the most
#: pages the array stays below half a gigabyte.
_TEXTBOOK_MAX_STEPS = 10_000
#: The most pages ``link_matrix`` numbers: each link is encoded as ``from * n + to`` in
#: one int64, which must not overflow.
_MAX_PAGES = 2**31 - 1

#: Links from which a sparse product is worth splitting across threads.
_PARALLEL_MIN_LINKS = 500_000


def link_matrix(
    links: Any, n_pages: int | None = None, *, sparse: bool = False
) -> np.ndarray | scipy.sparse.csc_array:
    """The link matrix of a web given as a list of links.

    Each page shares its vote equally among the distinct pages it links to: if page
    ``j`` links to ``k`` pages, ``L[i, j] = 1 / k`` for each of them. A page without
    links gives an all-zero column, which :func:`pagerank` treats as linking to every
    page equally. Repeated links count once.

    Derived in :doc:`/book/linear_algebra/pagerank`.

    Parameters
    ----------
    links : array_like of int, shape (k, 2)
        Pairs ``(from, to)`` of page numbers, counted from 0.
    n_pages : int, optional
        The number of pages, at most ``2**31 - 1``; by default one more than the largest
        page number.
    sparse : bool, default False
        Return a ``scipy.sparse.csc_array`` instead of a dense array.

    Returns
    -------
    numpy.ndarray or scipy.sparse.csc_array of shape (n_pages, n_pages)
        The column-stochastic link matrix (zero columns for pages without links).

    Raises
    ------
    TypeError
        If ``links`` does not hold integers, ``n_pages`` is not an integer or ``sparse``
        is not a bool.
    ValueError
        If ``links`` is ragged or does not have shape (k, 2), a page number is negative
        or not less than ``n_pages``, there are no pages, or more than ``2**31 - 1``.

    Examples
    --------
    >>> from mmlbook.linalg import link_matrix
    >>> link_matrix([(0, 1), (0, 2), (1, 0), (2, 0)])
    array([[0. , 1. , 1. ],
           [0.5, 0. , 0. ],
           [0.5, 0. , 0. ]])
    """
    as_sparse = check_flag(sparse, "sparse")
    try:
        pairs = np.asarray(links)
    except ValueError:  # ragged nested lists
        raise ValueError(
            "links must be a rectangular array of (from, to) pairs, but its rows differ "
            "in length"
        ) from None
    if pairs.size == 0:
        pairs = pairs.reshape(0, 2).astype(np.int64)
    if pairs.dtype == bool or not np.issubdtype(pairs.dtype, np.integer):
        raise TypeError(f"links must hold integer page numbers, got dtype {pairs.dtype}")
    if pairs.ndim != 2 or pairs.shape[1] != 2:
        raise ValueError(f"links must have shape (k, 2), got shape {pairs.shape}")
    pairs = pairs.astype(np.int64, copy=False)
    if pairs.size and pairs.min() < 0:
        raise ValueError("links must hold page numbers >= 0")
    largest = int(pairs.max()) + 1 if pairs.size else 0
    if largest > _MAX_PAGES:
        raise ValueError(
            f"links must hold page numbers < 2**31 - 1 = {_MAX_PAGES}, got {largest - 1}"
        )
    n = largest if n_pages is None else check_positive_int(
        n_pages, "n_pages", maximum=_MAX_PAGES
    )
    if n == 0:
        raise ValueError("links is empty: give n_pages to say how many pages there are")
    if largest > n:
        raise ValueError(f"links must hold page numbers < n_pages = {n}, got {largest - 1}")
    # Encode each pair as one integer to drop repeats in a single vectorised pass.
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    sources, targets = np.divmod(codes, n)
    # Offsets as np.intp: on a 32-bit build (Pyodide's wasm32) an int64 array is refused.
    out_degree = np.bincount(sources.astype(np.intp), minlength=n)
    # Compressed by column: column j, page j's links, is one contiguous slice.
    L = scipy.sparse.csc_array(
        (1.0 / out_degree[sources], (targets, sources)), shape=(n, n)
    )
    return L if as_sparse else L.toarray()


def _as_link_matrix(L: Any) -> tuple[np.ndarray | scipy.sparse.sparray, np.ndarray]:
    """Validate a link matrix; return it (dense, CSR or CSC) and its column sums."""
    if scipy.sparse.issparse(L):
        if L.ndim != 2 or L.shape[0] != L.shape[1] or L.shape[0] == 0:
            raise ValueError(f"L must be a non-empty square matrix, got shape {L.shape}")
        # CSR and CSC multiply a vector fastest; anything else is converted once.
        if L.format == "csr":
            matrix = scipy.sparse.csr_array(L, dtype=np.float64)
        else:
            matrix = scipy.sparse.csc_array(L, dtype=np.float64)
        entries = as_float_array(matrix.data, "L", min_size=0)
        if matrix.format == "csc":
            # Column sums straight from the compressed columns, without a product;
            # reduceat needs the empty columns left out (it would copy an entry).
            sums = np.zeros(L.shape[1])
            filled = np.diff(matrix.indptr) > 0
            if entries.size:
                sums[filled] = np.add.reduceat(
                    entries, matrix.indptr[:-1][filled].astype(np.intp)
                )
        else:
            sums = np.bincount(
                matrix.indices.astype(np.intp), weights=entries, minlength=L.shape[1]
            )
    else:
        matrix = as_float_array(L, "L", ndim=2)
        if matrix.shape[0] != matrix.shape[1]:
            raise ValueError(f"L must be a square matrix, got shape {matrix.shape}")
        entries = matrix
        sums = matrix.sum(axis=0)
    if entries.size and entries.min() < 0:
        raise ValueError("L must have non-negative entries (they are probabilities)")
    bad = ~(
        (np.abs(sums - 1.0) <= _COLUMN_SUM_TOLERANCE)
        | (np.abs(sums) <= _COLUMN_SUM_TOLERANCE)
    )
    if np.any(bad):
        j = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"L must be column-stochastic: each column sums to 1 (or is all zero for a "
            f"page without links), but column {j} sums to {sums[j]:.6g}"
        )
    return matrix, sums


def _split_product(
    matrix: scipy.sparse.sparray, pool: ThreadPoolExecutor, pieces: int
) -> Callable[[np.ndarray], np.ndarray]:
    """``r -> matrix @ r`` for a large sparse matrix, split across a pool's threads.

    SciPy's sparse products release the GIL, so the pieces run in parallel: row
    blocks of a CSR matrix give pieces of the result; column blocks of a CSC matrix
    give partial results to add.
    """
    bounds = np.linspace(0, matrix.shape[0], pieces + 1).astype(int)
    spans = list(zip(bounds[:-1], bounds[1:], strict=True))
    if matrix.format == "csr":
        rows = [matrix[a:b] for a, b in spans]
        return lambda r: np.concatenate(list(pool.map(lambda part: part @ r, rows)))
    columns = [(matrix[:, a:b], a, b) for a, b in spans]
    return lambda r: sum(pool.map(lambda part: part[0] @ r[part[1] : part[2]], columns))


def pagerank(
    L: Any,
    damping: float = 0.85,
    tol: float = 1e-10,
    max_iter: int = 1000,
    *,
    total: float = 1.0,
    norm: int = 1,
) -> np.ndarray:
    """The PageRank of every page, by the power method on the damped link matrix.

    A surfer follows a random link with probability ``damping`` and otherwise jumps to
    a page chosen uniformly; on a page without links they always jump. The ranks are
    the long-run share of time spent on each page: the eigenvector of eigenvalue 1 of

    .. math:: M = d\\,\\hat L + \\frac{1 - d}{n}\\,\\mathbf{1}\\mathbf{1}^\\top,

    where :math:`\\hat L` is ``L`` with its zero columns replaced by :math:`\\mathbf{1}/n`.
    :math:`M` is never formed: one step costs one product with ``L`` (sparse or
    dense) and a few vector operations, because everything that is not following a link
    -- jumping and leaving a page without links -- lands uniformly on all pages, and so
    adds the same number to every rank.

    The course's assignment scales the ranks to sum to 100 and stops when the 2-norm
    of the change is at most 0.01: ``pagerank(L, d, tol=0.01, total=100, norm=2)``
    takes exactly its steps.

    Derived in :doc:`/book/linear_algebra/pagerank`.

    Parameters
    ----------
    L : array_like or scipy.sparse matrix of shape (n, n)
        Column-stochastic link matrix, ``L[i, j]`` the probability of going from page
        ``j`` to page ``i``; an all-zero column is a page without links.
    damping : float, default 0.85
        The probability of following a link, ``0 < damping <= 1``. With 1 there is no
        jumping, and a page that links only to itself ends up with all the rank.
    tol : float, default 1e-10
        Stop when one step changes the ranks by at most ``tol``, measured in the
        ``norm`` and in the units of ``total``.
    max_iter : int, default 1000
        The most steps to take.
    total : float, default 1.0
        What the ranks sum to (the course uses 100).
    norm : {1, 2}, default 1
        The norm of the change compared with ``tol`` (the course uses 2).

    Returns
    -------
    numpy.ndarray of shape (n,)
        Non-negative ranks that sum to ``total``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``L`` is not a finite, non-negative, square, column-stochastic matrix, or a
        number is out of range.
    RuntimeError
        If the ranks have not converged after ``max_iter`` steps (possible only for
        ``damping`` close to 1).

    Examples
    --------
    >>> from mmlbook.linalg import pagerank
    >>> pagerank([[0, 1, 0], [0, 0, 1], [1, 0, 0]])   # a cycle: all pages alike
    array([0.33333333, 0.33333333, 0.33333333])
    >>> pagerank([[0, 0], [1, 0]], damping=0.5).round(4)   # page 1 has no links
    array([0.4, 0.6])
    >>> pagerank([[0, 0], [1, 0]], 0.5, tol=0.01, total=100, norm=2).round(2)
    array([40., 60.])
    """
    matrix, _ = _as_link_matrix(L)
    d = check_real(damping, "damping", low=0.0, high=1.0, low_inclusive=False)
    scale = check_real(total, "total", low=0.0, low_inclusive=False)
    # The change is measured in units of total: divide tol by it once, here.
    tolerance = check_real(tol, "tol", low=0.0, low_inclusive=False) / scale
    steps = check_positive_int(max_iter, "max_iter")
    if isinstance(norm, bool) or not isinstance(norm, numbers.Integral) or norm not in (1, 2):
        raise ValueError(f"norm must be 1 or 2, got {norm!r}")
    with _link_product(matrix) as product:
        return scale * _power_method(product, matrix.shape[0], d, tolerance, steps, norm)


@contextmanager
def _link_product(
    matrix: np.ndarray | scipy.sparse.sparray,
) -> Iterator[Callable[[np.ndarray], np.ndarray]]:
    """``r -> L @ r``; on a large sparse web, split across a pool of threads."""
    threads = min(os.cpu_count() or 1, 4)
    if scipy.sparse.issparse(matrix) and matrix.nnz >= _PARALLEL_MIN_LINKS and threads > 1:
        with ThreadPoolExecutor(threads) as pool:
            yield _split_product(matrix, pool, threads)
    else:
        yield lambda r: matrix @ r


def _power_method(
    product: Callable[[np.ndarray], np.ndarray], n: int, d: float, tolerance: float,
    steps: int, norm: int = 1,
) -> np.ndarray:
    """Iterate ``r <- M r`` from the uniform vector (see :func:`pagerank`)."""
    ranks = np.full(n, 1.0 / n)
    difference = np.empty(n)
    for _ in range(steps):
        new = product(ranks)
        new *= d
        # The rank that did not follow a link (jumps, and pages without links) is
        # spread evenly; computing it as 1 - sum also keeps the total at exactly 1.
        new += (1.0 - new.sum()) / n
        # In place: on a large web, fresh temporaries each step cost as much as the
        # arithmetic.
        np.subtract(new, ranks, out=difference)
        change = (
            np.abs(difference, out=difference).sum() if norm == 1
            else np.linalg.norm(difference)
        )
        ranks = new
        if change <= tolerance:
            # Rounding may push a zero rank to -1e-18; ranks are probabilities.
            return np.maximum(ranks, 0.0)
    raise RuntimeError(
        f"pagerank did not converge in max_iter={steps} steps: the last change, "
        f"{change:.3g} for ranks summing to 1, is above tol / total = {tolerance:g}; "
        "lower damping, raise max_iter or raise tol"
    )


def pagerank_iterates(L: Any, damping: float = 0.85, n_iter: int = 50) -> np.ndarray:
    """The power method as in the lecture, returning every iterate.

    The damped matrix :math:`M = d\\,\\hat L + \\frac{1-d}{n}\\mathbf{1}\\mathbf{1}^\\top`
    is formed explicitly and the uniform vector is multiplied by it ``n_iter`` times.
    Readable, and fine for a handful of pages; :func:`pagerank` does the same without
    forming :math:`M`.

    Derived in :doc:`/book/linear_algebra/pagerank`.

    Parameters
    ----------
    L : array_like or scipy.sparse matrix of shape (n, n), n <= 5000
        Column-stochastic link matrix (see :func:`pagerank`).
    damping : float, default 0.85
        The probability of following a link, ``0 < damping <= 1``.
    n_iter : int, default 50
        How many steps to take, at most 10 000 (every iterate is kept).

    Returns
    -------
    numpy.ndarray of shape (n_iter + 1, n)
        Row ``k`` is the rank vector after ``k`` steps; row 0 is uniform.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``L`` is not a valid link matrix or is larger than 5000 pages, ``n_iter`` is
        more than 10 000, or a number is out of range.

    Examples
    --------
    >>> from mmlbook.linalg import pagerank_iterates
    >>> pagerank_iterates([[0, 1], [1, 0]], damping=1.0, n_iter=2)
    array([[0.5, 0.5],
           [0.5, 0.5],
           [0.5, 0.5]])
    """
    matrix, sums = _as_link_matrix(L)
    d = check_real(damping, "damping", low=0.0, high=1.0, low_inclusive=False)
    steps = check_positive_int(n_iter, "n_iter", maximum=_TEXTBOOK_MAX_STEPS)
    n = matrix.shape[0]
    if n > _TEXTBOOK_MAX_PAGES:
        raise ValueError(
            f"L has {n} pages; the textbook loop forms an n × n matrix and takes at most "
            f"{_TEXTBOOK_MAX_PAGES}: use pagerank for large webs"
        )
    dense = matrix.toarray() if scipy.sparse.issparse(matrix) else matrix.copy()
    dense[:, sums <= _COLUMN_SUM_TOLERANCE] = 1.0 / n
    M = d * dense + (1.0 - d) / n
    iterates = np.empty((steps + 1, n))
    iterates[0] = 1.0 / n
    for k in range(steps):
        iterates[k + 1] = M @ iterates[k]
    return iterates
