"""Gaussian elimination: row echelon form, singularity, determinant and inverse.

Everything here works by row operations alone -- swapping two rows and subtracting a
multiple of one row from another -- so that the chapter can show each step. Zero tests
use a tolerance relative to the scale of the matrix, because after a few subtractions an
entry that is zero in exact arithmetic is left as a rounding residue such as ``2e-16``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook._validation import as_square_matrix, check_real

__all__ = [
    "determinant",
    "elimination_steps",
    "inverse",
    "is_singular",
    "row_echelon",
]


def _zero_tolerance(A: np.ndarray, tol: Any) -> float:
    """The size below which an entry of ``A`` counts as zero during elimination."""
    if tol is not None:
        return check_real(tol, "tol", low=0.0)
    # Partial pivoting keeps every multiplier at most 1 in size, so rounding residues
    # stay within a small multiple of n * eps * max|A|.
    n = A.shape[0]
    return 10.0 * n * np.finfo(float).eps * float(np.abs(A).max())


def _eliminate(
    A: np.ndarray, tol: float, steps: list[tuple[str, np.ndarray]] | None = None
) -> tuple[np.ndarray, list[int], int]:
    """Reduce ``A`` (a copy) to upper echelon form with partial pivoting.

    Returns the reduced matrix (pivots not yet scaled to 1), the pivot column of each
    non-zero row, and the number of row swaps. When ``steps`` is a list, every row
    operation is appended to it as ``(description, matrix after it)``.
    """
    U = A.copy()
    n_rows, n_cols = U.shape
    pivots: list[int] = []
    swaps = 0
    row = 0
    for col in range(n_cols):
        if row == n_rows:
            break
        # The largest candidate is the most trustworthy pivot: dividing by it keeps
        # the multipliers at most 1, so rounding errors do not grow.
        best = row + int(np.argmax(np.abs(U[row:, col])))
        if abs(U[best, col]) <= tol:
            if steps is not None and np.any(U[row:, col] != 0.0):
                steps.append(
                    (f"|entries| ≤ {tol:.1e} in C{col + 1} count as 0", _zeroed(U, row, col))
                )
            U[row:, col] = 0.0
            continue
        if best != row:
            U[[row, best]] = U[[best, row]]
            swaps += 1
            if steps is not None:
                steps.append((f"swap R{row + 1} and R{best + 1}", U.copy()))
        factors = U[row + 1 :, col] / U[row, col]
        if steps is None:
            U[row + 1 :, col:] -= np.outer(factors, U[row, col:])
            # Below the pivot the column is zero in exact arithmetic: make it so.
            U[row + 1 :, col] = 0.0
        else:
            # The same arithmetic one row at a time, so each operation can be shown.
            for offset in np.flatnonzero(factors):
                target = row + 1 + offset
                U[target, col:] -= factors[offset] * U[row, col:]
                U[target, col] = 0.0
                factor = factors[offset]
                sign = "−" if factor > 0 else "+"
                steps.append(
                    (f"R{target + 1} ← R{target + 1} {sign} {abs(factor):.4g} R{row + 1}", U.copy())
                )
        pivots.append(col)
        row += 1
    return U, pivots, swaps


def _zeroed(U: np.ndarray, row: int, col: int) -> np.ndarray:
    """A copy of ``U`` with the rounding residues of a column without pivot set to 0."""
    shown = U.copy()
    shown[row:, col] = 0.0
    return shown


def row_echelon(A: Any, tol: float | None = None) -> np.ndarray:
    """Reduce a square matrix to row echelon form by Gaussian elimination.

    Rows are swapped to bring the largest available entry into pivot position (partial
    pivoting), entries below each pivot are eliminated, and each pivot row is finally
    divided by its pivot, so every pivot is 1. Rows without a pivot are zero and sit at
    the bottom.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, optional
        Entries of size at most ``tol`` count as zero. By default
        ``10 * n * eps * max|A|``, so rounding residues of order ``1e-16`` relative to
        the entries of ``A`` count as zero.

    Returns
    -------
    numpy.ndarray of shape (n, n)
        The row echelon form: upper triangular in the staircase sense, pivots equal to 1.

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite square matrix or ``tol`` is negative.

    Examples
    --------
    >>> from mmlbook.linalg import row_echelon
    >>> row_echelon([[0, 2], [1, 1]])
    array([[1., 1.],
           [0., 1.]])
    >>> row_echelon([[1, 2], [2, 4]])
    array([[1., 2.],
           [0., 0.]])
    """
    matrix = as_square_matrix(A, "A")
    threshold = _zero_tolerance(matrix, tol)
    U, pivots, _ = _eliminate(matrix, threshold)
    rows = np.arange(len(pivots))
    U[rows] /= U[rows, pivots][:, None]
    # Dividing a zero by a negative pivot gives -0.0; adding 0.0 makes it a plain 0.
    return U + 0.0


def is_singular(A: Any, tol: float | None = None) -> bool:
    """Decide whether a square matrix is singular by reducing it to echelon form.

    A square matrix is singular exactly when elimination leaves a row of zeros, that is
    when some column has no pivot.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, optional
        The zero tolerance of :func:`row_echelon`.

    Returns
    -------
    bool
        True if ``A`` has no inverse (to the tolerance).

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite square matrix or ``tol`` is negative.

    Examples
    --------
    >>> from mmlbook.linalg import is_singular
    >>> is_singular([[2, 0, 0], [0, 1, 1], [0, 1, 1]])
    True
    >>> is_singular([[2, 1], [1, 2]])
    False
    """
    matrix = as_square_matrix(A, "A")
    _, pivots, _ = _eliminate(matrix, _zero_tolerance(matrix, tol))
    return len(pivots) < matrix.shape[0]


def determinant(A: Any, tol: float | None = None) -> float:
    """The determinant of a square matrix, as the signed product of its pivots.

    Subtracting a multiple of one row from another leaves the determinant unchanged and
    each swap flips its sign, so after elimination it is the product of the diagonal of
    the triangular result, times ``(-1)**swaps``.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, optional
        The zero tolerance of :func:`row_echelon`; a singular matrix gives exactly 0.

    Returns
    -------
    float
        The determinant.

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite square matrix or ``tol`` is negative, or the
        determinant is too large or too small to represent as a float.

    Examples
    --------
    >>> from mmlbook.linalg import determinant
    >>> determinant([[0, 2], [3, 1]])
    -6.0
    >>> determinant([[1, 2], [2, 4]])
    0.0
    """
    matrix = as_square_matrix(A, "A")
    U, pivots, swaps = _eliminate(matrix, _zero_tolerance(matrix, tol))
    if len(pivots) < matrix.shape[0]:
        return 0.0
    with np.errstate(over="ignore", under="ignore"):
        value = float((-1) ** swaps * np.prod(np.diag(U)))
    # Outside the range of normal floats the product is inf, 0 or imprecise; a 0 for
    # an invertible matrix would be a silently wrong answer.
    if not np.finfo(float).tiny <= abs(value) < np.inf:
        raise ValueError(
            f"the determinant of A is outside the range of floats ({value:g} after "
            "overflow or underflow); is_singular decides singularity without it"
        )
    return value


def inverse(A: Any, tol: float | None = None) -> np.ndarray:
    """The inverse of a square matrix by Gauss--Jordan elimination on ``[A | I]``.

    Elimination turns the left block into the identity; the same row operations turn
    the right block into :math:`A^{-1}`.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, optional
        The zero tolerance of :func:`row_echelon`.

    Returns
    -------
    numpy.ndarray of shape (n, n)
        The inverse.

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite square matrix or ``tol`` is negative, or if ``A`` is
        singular or its inverse is too large to represent.

    Examples
    --------
    >>> from mmlbook.linalg import inverse
    >>> inverse([[2, 0], [1, 1]])
    array([[ 0.5,  0. ],
           [-0.5,  1. ]])
    """
    matrix = as_square_matrix(A, "A")
    n = matrix.shape[0]
    threshold = _zero_tolerance(matrix, tol)
    augmented = np.hstack([matrix, np.eye(n)])
    # Forward elimination on the square left block only, carrying the right block along.
    U = augmented.copy()
    # An inverse can be too large for floating point (A = [[1e-320]]): let the
    # arithmetic overflow quietly and refuse the result below instead.
    with np.errstate(over="ignore", invalid="ignore"):
        for col in range(n):
            best = col + int(np.argmax(np.abs(U[col:, col])))
            if abs(U[best, col]) <= threshold:
                raise ValueError("A is singular, so it has no inverse")
            U[[col, best]] = U[[best, col]]
            U[col] /= U[col, col]
            U[col + 1 :] -= np.outer(U[col + 1 :, col], U[col])
        # Back substitution: clear the entries above each pivot, last pivot first.
        for col in range(n - 1, 0, -1):
            U[:col] -= np.outer(U[:col, col], U[col])
    if not np.all(np.isfinite(U[:, n:])):
        raise ValueError("A is so close to singular that its inverse overflows float64")
    return U[:, n:]


def elimination_steps(A: Any, tol: float | None = None) -> list[tuple[str, np.ndarray]]:
    """Every row operation of :func:`row_echelon`, with the matrix after it.

    Useful to watch elimination happen: the list starts with the matrix itself and
    ends with its row echelon form.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, optional
        The zero tolerance of :func:`row_echelon`.

    Returns
    -------
    list of (str, numpy.ndarray)
        Pairs of a description such as ``"R2 ← R2 − 0.5 R1"`` and the matrix after
        that operation. Dividing a row by a pivot that is already 1 is left out.

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite square matrix or ``tol`` is negative.

    Examples
    --------
    >>> from mmlbook.linalg import elimination_steps
    >>> for what, M in elimination_steps([[1, 2], [3, 4]]):
    ...     print(what, M.tolist())
    start [[1.0, 2.0], [3.0, 4.0]]
    swap R1 and R2 [[3.0, 4.0], [1.0, 2.0]]
    R2 ← R2 − 0.3333 R1 [[3.0, 4.0], [0.0, 0.6666666666666667]]
    R1 ← R1 / 3 [[1.0, 1.3333333333333333], [0.0, 0.6666666666666667]]
    R2 ← R2 / 0.6667 [[1.0, 1.3333333333333333], [0.0, 1.0]]
    """
    matrix = as_square_matrix(A, "A")
    steps: list[tuple[str, np.ndarray]] = [("start", matrix.copy())]
    U, pivots, _ = _eliminate(matrix, _zero_tolerance(matrix, tol), steps)
    for row, col in enumerate(pivots):
        pivot = U[row, col]
        if pivot != 1.0:
            U[row] = U[row] / pivot + 0.0
            steps.append((f"R{row + 1} ← R{row + 1} / {pivot:.4g}", U.copy()))
    return steps
