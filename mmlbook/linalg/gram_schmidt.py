"""The Gram--Schmidt process: an orthonormal basis for the span of some vectors.

Three versions live here. :func:`gram_schmidt_modified` is the loop of the course's
assignment: one column at a time, subtracting one projection at a time.
:func:`gram_schmidt_textbook` is the formula of the lecture, subtracting all projections
at once, optionally twice ("twice is enough"). :func:`gram_schmidt`
computes the same columns in blocks, so that nearly all its work is matrix--matrix
products that BLAS runs at full speed; it also projects twice, so it stays orthogonal to
working precision on ill-conditioned input.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.linalg.blas
import scipy.linalg.lapack

from mmlbook._validation import as_float_array, check_flag, check_real

__all__ = ["dimensions", "gram_schmidt", "gram_schmidt_modified", "gram_schmidt_textbook"]

#: Columns per block of :func:`gram_schmidt`: wide enough for matrix--matrix products
#: to run at BLAS-3 speed (and few enough calls that a busy machine does not stall
#: them), narrow enough that the per-block factorisations stay cheap.
_BLOCK = 128


def _as_columns(A: Any) -> np.ndarray:
    return as_float_array(A, "A", ndim=2)


def _scaled_with_tolerance(A: np.ndarray, tol: Any) -> tuple[np.ndarray, float]:
    """``A``, rescaled if its numbers are extreme, and the dependence tolerance.

    The orthonormal columns do not change when ``A`` is scaled by a positive number.
    When the largest entry is far from 1 (beyond 2**±500) the matrix is divided by it,
    so that no norm or quotient can overflow or underflow, however large or tiny (even
    subnormal) the caller's numbers are; ordinary matrices are used as they are.
    """
    threshold = None if tol is None else check_real(tol, "tol", low=0.0)
    # max |a_ij| without an array of the absolute values: a fifth of the time.
    largest = max(float(A.max()), -float(A.min()))
    scale = largest if largest and not 2.0**-500 < largest < 2.0**500 else 1.0
    scaled = A / scale if scale != 1.0 else A
    if threshold is not None:
        return scaled, threshold / scale
    # The scale-relative rule of numpy.linalg.matrix_rank, max(m, n) * eps * ||A||_2,
    # with the Frobenius norm (an upper bound of ||A||_2 that needs no SVD): the
    # remainder of a dependent column is rounding of that order, magnified by how
    # ill-conditioned the earlier columns are.
    return scaled, max(A.shape) * np.finfo(float).eps * float(np.linalg.norm(scaled))


def gram_schmidt_textbook(
    A: Any, tol: float | None = None, *, reorthogonalise: bool = False
) -> np.ndarray:
    """Orthonormalise the columns of ``A`` one at a time, as in the lecture.

    Each column has its components along the earlier basis vectors subtracted all at
    once (classical Gram--Schmidt), and what is left is normalised. In floating point the
    subtraction leaves a little of the earlier directions behind, and on an
    ill-conditioned matrix the columns drift far from orthogonal. With
    ``reorthogonalise=True`` the subtraction is done a second time, which restores
    orthogonality to working precision.

    Derived in :doc:`/book/linear_algebra/gram_schmidt`.

    Parameters
    ----------
    A : array_like of shape (m, n)
        The vectors, as columns. When n > m at most m of them are independent, and
        the others become zero columns.
    tol : float, optional
        A column whose remainder has norm at most ``tol`` depends on the earlier ones
        and becomes a zero column. By default ``max(m, n) * eps`` times the
        Frobenius norm of ``A``.
    reorthogonalise : bool, default False
        Project each column twice.

    Returns
    -------
    numpy.ndarray of shape (m, n)
        Orthonormal columns (or zero columns for dependent vectors), in order.

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number, or
        ``reorthogonalise`` is not a bool.
    ValueError
        If ``A`` is not a finite 2-D array, or ``tol`` is negative.

    Examples
    --------
    >>> from mmlbook.linalg import gram_schmidt_textbook
    >>> gram_schmidt_textbook([[3, 1], [4, 2]]).round(3)
    array([[ 0.6, -0.8],
           [ 0.8,  0.6]])
    """
    passes = 2 if check_flag(reorthogonalise, "reorthogonalise") else 1
    matrix, threshold = _scaled_with_tolerance(_as_columns(A), tol)
    Q = np.zeros_like(matrix)
    for k in range(matrix.shape[1]):
        v = matrix[:, k].copy()
        for _ in range(passes):
            v -= Q[:, :k] @ (Q[:, :k].T @ v)
        norm = np.linalg.norm(v)
        if norm > threshold:
            Q[:, k] = v / norm
    return Q


def gram_schmidt_modified(A: Any, tol: float | None = None) -> np.ndarray:
    """Orthonormalise the columns of ``A`` one at a time, one projection at a time.

    This is the loop of the course's assignment: column ``k`` has its component along
    each earlier basis vector subtracted in turn, each computed from what is left so
    far (modified Gram--Schmidt). In exact arithmetic it gives the same vectors as the
    classical formula of :func:`gram_schmidt_textbook`; in floating point its loss of
    orthogonality grows like ``eps * cond(A)`` rather than ``eps * cond(A)**2``.

    Derived in :doc:`/book/linear_algebra/gram_schmidt`.

    Parameters
    ----------
    A : array_like of shape (m, n)
        The vectors, as columns. When n > m at most m of them are independent, and
        the others become zero columns.
    tol : float, optional
        A column whose remainder has norm at most ``tol`` depends on the earlier ones
        and becomes a zero column. By default ``max(m, n) * eps`` times the
        Frobenius norm of ``A``.

    Returns
    -------
    numpy.ndarray of shape (m, n)
        Orthonormal columns (or zero columns for dependent vectors), in order.

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite 2-D array, or ``tol`` is negative.

    Examples
    --------
    >>> from mmlbook.linalg import gram_schmidt_modified
    >>> gram_schmidt_modified([[1, 1, 1], [0, 1, 2]]).round(3) + 0.0
    array([[1., 0., 0.],
           [0., 1., 0.]])
    """
    matrix, threshold = _scaled_with_tolerance(_as_columns(A), tol)
    Q = np.zeros_like(matrix)
    for k in range(matrix.shape[1]):
        v = matrix[:, k].copy()
        for i in range(k):
            v -= (Q[:, i] @ v) * Q[:, i]
        norm = np.linalg.norm(v)
        if norm > threshold:
            Q[:, k] = v / norm
    return Q


def _columns_one_by_one(
    W: np.ndarray, Q_before: np.ndarray, threshold: float
) -> np.ndarray:
    """Classical Gram--Schmidt twice, column by column, against ``Q_before`` too.

    The fallback for a block in which some column is (nearly) dependent: a
    factorisation of the whole block cannot tell which column to drop.
    """
    block = np.zeros_like(W)
    for k in range(W.shape[1]):
        basis = np.hstack([Q_before, block[:, :k]])
        v = W[:, k].copy()
        for _ in range(2):
            v -= basis @ (basis.T @ v)
        norm = np.linalg.norm(v)
        if norm > threshold:
            block[:, k] = v / norm
    return block


#: The largest (estimated, 1-norm) condition number of a block for which its first
#: orthonormalisation may be a Cholesky QR: it loses orthogonality like eps * cond**2,
#: here at most about 1e-4, which the second pass removes. Beyond it, Householder.
_CHOLESKY_CONDITION = 1e6


def _project_out(earlier: np.ndarray, X: np.ndarray) -> np.ndarray:
    """``X - E (E^T X)`` for ``E = earlier``, as a new Fortran-ordered array.

    The subtraction is folded into the second product (``beta=1``), which saves a
    pass over the block and a temporary.
    """
    if not earlier.shape[1]:
        return np.asfortranarray(X)
    # One Fortran-ordered copy serves both products (BLAS would copy a block sliced
    # from a C-ordered matrix for the first one too) and receives the result.
    result = np.array(X, order="F")
    coefficients = scipy.linalg.blas.dgemm(1.0, earlier, result, trans_a=1)
    return scipy.linalg.blas.dgemm(
        -1.0, earlier, coefficients, beta=1.0, c=result, overwrite_c=1
    )


def _cholesky_factor(W: np.ndarray) -> np.ndarray | None:
    """The upper triangular ``R`` with ``W^T W = R^T R``, or None if that breaks down.

    The Gram matrix comes from a symmetric rank-k update (half the work of a general
    product), and its Cholesky factor is the ``R`` of a QR of ``W`` with ``r_kk > 0``.
    """
    gram = scipy.linalg.blas.dsyrk(1.0, W, trans=1)
    R, info = scipy.linalg.lapack.dpotrf(gram, lower=0, clean=1)
    return None if info else R


def _orthonormal_within(W: np.ndarray, threshold: float) -> np.ndarray | None:
    """``W R^-1`` for the ``R`` of a QR of ``W`` with ``r_kk > 0``: nearly orthonormal.

    Returns None when some ``|r_kk|`` (the length of what is left of column ``k``) is at
    most ``threshold``, so the block holds a dependent column. A well-conditioned block
    gets ``R`` from a Cholesky QR, whose ``r_kk`` are then accurate to far better than
    the factor 2 asked of them below; any other block from Householder QR, which is
    stable however ill-conditioned the block is but runs its panels at matrix--vector
    speed.
    """
    R = _cholesky_factor(W)
    if R is not None and np.diag(R).min() > 2 * threshold:
        # R as its own LU factors (L = I): dgecon estimates its reciprocal condition as
        # dtrcon would, and SciPy 1.14, the in-browser kernel's, has only dgecon.
        rcond, _ = scipy.linalg.lapack.dgecon(R, np.abs(R).sum(axis=0).max(), norm="1")
        if rcond * _CHOLESKY_CONDITION > 1.0:
            return scipy.linalg.blas.dtrsm(1.0, R, W, side=1)
    # Householder QR for R only (dgeqrt: its recursive panels run at BLAS-3 speed,
    # about twice as fast as dgeqrf on a tall block).
    packed, _, _ = scipy.linalg.lapack.dgeqrt(min(32, W.shape[1]), W)
    R = np.triu(packed[: W.shape[1]])
    diagonal = np.diag(R)
    if np.any(np.abs(diagonal) <= threshold):
        return None
    # Householder leaves signs arbitrary; Gram--Schmidt keeps each column on the
    # side of the vector it came from.
    return scipy.linalg.blas.dtrsm(1.0, R, W, side=1) * np.sign(diagonal)


def _cholesky_qr(W: np.ndarray) -> np.ndarray | None:
    """The orthonormal factor of a nearly orthonormal ``W``, or None if ``W`` is not."""
    R = _cholesky_factor(W)
    return None if R is None else scipy.linalg.blas.dtrsm(1.0, R, W, side=1)


def gram_schmidt(A: Any, tol: float | None = None) -> np.ndarray:
    """Orthonormalise the columns of ``A`` in order, fast and to working precision.

    Column ``k`` of the result is the part of ``a_k`` orthogonal to ``a_1, ..., a_{k-1}``,
    normalised; a column that depends on the earlier ones becomes a zero column. The
    result is what :func:`gram_schmidt_textbook` computes in exact arithmetic, but the
    columns are processed in blocks of 128 (block classical Gram--Schmidt with
    re-orthogonalisation, "BCGS2"):

    1. project the block against all earlier columns, with two matrix--matrix products;
    2. orthonormalise it within itself: ``Q1 = W R1^-1`` with the triangular factor
       ``R1`` of a QR of ``W`` -- from a Cholesky QR (``W^T W = R1^T R1``) when the
       block is well-conditioned, else from a Householder QR (stable however
       ill-conditioned the block is);
    3. project ``Q1`` against the earlier columns once more, which removes the
       rounding left behind by steps 1 and 2, and orthonormalise it again with a
       Cholesky QR (cheap, and accurate because ``Q1`` is already nearly orthonormal).

    Derived in :doc:`/book/linear_algebra/gram_schmidt`.

    Parameters
    ----------
    A : array_like of shape (m, n)
        The vectors, as columns. When n > m at most m of them are independent, and
        the others become zero columns.
    tol : float, optional
        A column whose remainder has norm at most ``tol`` depends on the earlier ones
        and becomes a zero column. By default ``max(m, n) * eps`` times the
        Frobenius norm of ``A``, close to the rule of ``numpy.linalg.matrix_rank``.

    Returns
    -------
    numpy.ndarray of shape (m, n)
        Orthonormal columns (or zero columns for dependent vectors), in order.

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite 2-D array, or ``tol`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.linalg import gram_schmidt
    >>> gram_schmidt([[1, 1, 2], [0, 1, 1], [0, 0, 0]])
    array([[1., 0., 0.],
           [0., 1., 0.],
           [0., 0., 0.]])
    >>> Q = gram_schmidt(np.vander(np.linspace(0, 1, 50), 8))
    >>> bool(np.allclose(Q.T @ Q, np.eye(8)))
    True
    """
    matrix, threshold = _scaled_with_tolerance(_as_columns(A), tol)
    m, n = matrix.shape
    # Fortran order keeps each column contiguous, which is how the blocks are sliced.
    Q = np.zeros((m, n), order="F")
    for start in range(0, n, _BLOCK):
        stop = min(start + _BLOCK, n)
        earlier = Q[:, :start]
        W = _project_out(earlier, matrix[:, start:stop])
        # A block that reaches past column m holds dependent columns for sure (at
        # most m vectors of R^m are independent); None marks a dependent column.
        Q1 = _orthonormal_within(W, threshold) if stop <= m else None
        # The Cholesky QR fails only when the columns are dependent to within
        # rounding, which the test in step 2 did not catch.
        block = None if Q1 is None else _cholesky_qr(_project_out(earlier, Q1))
        if block is None:
            # Let the careful path decide column by column.
            block = _columns_one_by_one(W, earlier, threshold)
        Q[:, start:stop] = block
    return Q


def dimensions(A: Any, tol: float | None = None) -> int:
    """The number of linearly independent columns of ``A``.

    It is the number of non-zero columns that :func:`gram_schmidt` returns: the
    dimension of the space the columns span.

    Derived in :doc:`/book/linear_algebra/gram_schmidt`.

    Parameters
    ----------
    A : array_like of shape (m, n)
        The vectors, as columns. When n > m at most m of them are independent, and
        the others become zero columns.
    tol : float, optional
        The dependence tolerance of :func:`gram_schmidt`.

    Returns
    -------
    int
        The dimension of the span of the columns.

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite 2-D array, or ``tol`` is negative.

    Examples
    --------
    >>> from mmlbook.linalg import dimensions
    >>> dimensions([[1, 2, 0], [2, 4, 0], [0, 0, 1]])
    2
    """
    Q = gram_schmidt(A, tol)
    return int(np.count_nonzero(np.any(Q != 0.0, axis=0)))
