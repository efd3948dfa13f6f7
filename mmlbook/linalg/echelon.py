"""Gaussian elimination: row echelon form, solving Ax = b, singularity, determinant, inverse.

Everything here works by row operations alone -- swapping two rows, adding a multiple of
one row to another, dividing a row by a number -- in one elimination routine,
:func:`_eliminate`, so that the chapter can show each step. Zero tests use a tolerance
relative to the scale of the matrix, because after a few subtractions an entry that is
zero in exact arithmetic is left as a rounding residue such as ``2e-16``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, as_square_matrix, check_real

__all__ = [
    "determinant",
    "elimination_steps",
    "inverse",
    "is_singular",
    "row_echelon",
    "solve",
]

#: The two ways of finding a non-zero pivot: swap up the largest entry below it
#: (partial pivoting), or add the rows below, one at a time, as the course does.
_PIVOTING = ("partial", "add")

Steps = list[tuple[str, np.ndarray]]

#: Why :func:`_solve` found no unique solution, in the words :func:`solve` uses.
_INCONSISTENT = (
    "the system is inconsistent: A is singular (to working precision, or to the zero "
    "tolerance tol if one is given) and "
    "elimination leaves an equation 0 = c with c ≠ 0, so there is no solution"
)
_MANY_SOLUTIONS = (
    "A is singular (to working precision, or to the zero tolerance tol if one is given) "
    "and the system is consistent, so to that precision it has infinitely many solutions: "
    "a column of A without pivot is a free unknown"
)
_OVERFLOW = "A is so close to singular that the solution overflows float64"


def _zero_tolerance(A: np.ndarray, tol: Any) -> float:
    """The size below which an entry of ``A`` counts as zero during elimination."""
    if tol is not None:
        return check_real(tol, "tol", low=0.0)
    # Partial pivoting keeps every multiplier at most 1 in size, so rounding residues
    # stay within a small multiple of n * eps * max|A|.
    return 10.0 * max(A.shape) * np.finfo(float).eps * float(np.abs(A).max())


def _scale_rows(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Divide each row of ``B`` by the largest entry in size of that row of ``A``.

    Scaling an equation (a row of ``[A | B]``) by a non-zero factor changes neither the
    solution nor singularity, so the default verdicts should not change either: after
    scaling, every non-zero row of ``A`` has largest entry 1 and the zero tolerance is
    relative to each row's own size. Zero rows are left alone.
    """
    sizes = np.abs(A).max(axis=1, keepdims=True)
    with np.errstate(over="ignore"):
        return B / np.where(sizes > 0, sizes, 1.0)


def _check_pivoting(pivoting: Any) -> str:
    if not isinstance(pivoting, str) or pivoting not in _PIVOTING:
        raise ValueError(f"pivoting must be 'partial' or 'add', got {pivoting!r}")
    return pivoting


def _eliminate(
    A: np.ndarray,
    tol: float,
    *,
    pivoting: str = "partial",
    columns: int | None = None,
    steps: Steps | None = None,
) -> tuple[np.ndarray, list[int], int]:
    """Reduce a copy of ``A`` to row echelon form, column by column.

    In each column, find a pivot -- an entry of size above ``tol`` -- in the current row
    or below it. If there is none, the column has no pivot and elimination moves on.
    Otherwise bring it to the current row: with ``pivoting="partial"`` swap up the
    largest entry; with ``"add"`` add the rows below, one at a time, until the pivot is
    non-zero, and divide the pivot row by its pivot (the course's way, with no swaps).
    Then subtract multiples of the pivot row to clear the column below the pivot.

    Only the first ``columns`` columns may hold pivots (``solve`` eliminates ``[A | b]``
    and pivots in ``A`` alone). Returns the reduced matrix, the column of each pivot
    row in order, and the number of swaps. When ``steps`` is a list, every row
    operation is appended to it with the matrix after it.
    """
    U = A.copy()
    n_rows = U.shape[0]
    n_cols = U.shape[1] if columns is None else columns
    pivots: list[int] = []
    swaps = 0
    row = 0
    for col in range(n_cols):
        if row == n_rows:
            break
        if np.all(np.abs(U[row:, col]) <= tol):
            _record_zeroing(steps, U, row, col, tol)
            U[row:, col] = 0.0
            continue
        if pivoting == "partial":
            # The largest candidate keeps every multiplier at most 1 in size, so
            # rounding errors do not grow.
            best = row + int(np.argmax(np.abs(U[row:, col])))
            if best != row:
                U[[row, best]] = U[[best, row]]
                swaps += 1
                _record(steps, f"swap R{row + 1} and R{best + 1}", U)
        else:
            other = row + 1
            while abs(U[row, col]) <= tol and other < n_rows:
                U[row] += U[other]
                _record(steps, f"R{row + 1} ← R{row + 1} + R{other + 1}", U)
                other += 1
            pivot = U[row, col]
            if pivot != 1.0:
                U[row] /= pivot
                _record(steps, f"R{row + 1} ← R{row + 1} / {pivot:.4g}", U)
        factors = U[row + 1 :, col] / U[row, col]
        before = U.copy() if steps is not None else None
        U[row + 1 :, col:] -= np.outer(factors, U[row, col:])
        # Below the pivot the column is zero in exact arithmetic: make it so.
        U[row + 1 :, col] = 0.0
        _record_clearing(steps, before, U, row, factors)
        pivots.append(col)
        row += 1
    return U, pivots, swaps


def _record(steps: Steps | None, what: str, U: np.ndarray) -> None:
    if steps is not None:
        steps.append((what, U.copy()))


def _record_zeroing(steps: Steps | None, U: np.ndarray, row: int, col: int, tol: float) -> None:
    """Record that the rounding residues of a column without a pivot are set to 0."""
    if steps is not None and np.any(U[row:, col] != 0.0):
        shown = U.copy()
        shown[row:, col] = 0.0
        steps.append((f"|entries| ≤ {tol:.1e} in C{col + 1} count as 0", shown))


def _record_clearing(
    steps: Steps | None,
    before: np.ndarray | None,
    after: np.ndarray,
    row: int,
    factors: np.ndarray,
) -> None:
    """Record the clearing of one column as one operation per changed row.

    The vectorised update does each row's subtraction with the same arithmetic as a
    loop over the rows would, so the matrix after each single operation is ``before``
    with the rows done so far taken from ``after``.
    """
    if steps is None or before is None:
        return
    shown = before.copy()
    for offset in np.flatnonzero(factors):
        target = row + 1 + offset
        shown[target] = after[target]
        factor = factors[offset]
        sign = "−" if factor > 0 else "+"
        steps.append(
            (f"R{target + 1} ← R{target + 1} {sign} {abs(factor):.4g} R{row + 1}", shown.copy())
        )


def _back_substitute(U: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Solve ``U x = c`` for an upper triangular ``U`` with non-zero diagonal.

    The last equation has one unknown; each equation above it has one more, whose
    value follows once the unknowns below it are known.
    """
    n = U.shape[0]
    x = np.zeros_like(c)
    for k in range(n - 1, -1, -1):
        x[k] = (c[k] - U[k, k + 1 :] @ x[k + 1 :]) / U[k, k]
    return x


def row_echelon(A: Any, tol: float | None = None, *, pivoting: str = "partial") -> np.ndarray:
    """Reduce a matrix to row echelon form by Gaussian elimination.

    Column by column, a pivot is brought into place and the entries below it are
    eliminated; finally each pivot row is divided by its pivot, so every pivot is 1.
    Rows without a pivot are zero and sit at the bottom. The matrix may be of any
    shape, such as an augmented matrix ``[A | b]``.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (m, n)
        A finite real matrix.
    tol : float, optional
        Entries of size at most ``tol`` count as zero. By default
        ``10 * max(m, n) * eps * max|A|``, so rounding residues of order ``1e-16``
        relative to the entries of ``A`` count as zero.
    pivoting : {"partial", "add"}, default "partial"
        How a pivot is found: swap up the largest entry of the column (partial
        pivoting), or add the rows below one at a time until the pivot is non-zero,
        without swaps, as the course's assignment does. The two can give different
        echelon forms of the same matrix; both are correct.

    Returns
    -------
    numpy.ndarray of shape (m, n)
        The row echelon form: each pivot is 1 and lies right of the pivot above.

    Raises
    ------
    TypeError
        If ``A`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite 2-D array, ``tol`` is negative or ``pivoting`` is
        unknown.

    Examples
    --------
    >>> from mmlbook.linalg import row_echelon
    >>> row_echelon([[0, 2], [1, 1]])
    array([[1., 1.],
           [0., 1.]])
    >>> row_echelon([[0, 2], [1, 1]], pivoting="add")
    array([[1., 3.],
           [0., 1.]])
    >>> row_echelon([[1, 2, 3], [2, 4, 7]])     # an augmented matrix [A | b]
    array([[1. , 2. , 3.5],
           [0. , 0. , 1. ]])
    """
    matrix = as_float_array(A, "A", ndim=2)
    method = _check_pivoting(pivoting)
    U, pivots, _ = _eliminate(matrix, _zero_tolerance(matrix, tol), pivoting=method)
    rows = np.arange(len(pivots))
    U[rows] /= U[rows, pivots][:, None]
    # Dividing a zero by a negative pivot gives -0.0; adding 0.0 makes it a plain 0.
    return U + 0.0


def solve(A: Any, b: Any, tol: float | None = None) -> np.ndarray:
    """Solve ``A x = b`` by Gaussian elimination and back substitution.

    Elimination with partial pivoting reduces the augmented matrix ``[A | b]`` to
    ``[U | c]`` with ``U`` upper triangular; back substitution then solves ``U x = c``
    from the last unknown up.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    b : array_like of shape (n,) or (n, k)
        The right-hand side; with k columns, k systems are solved at once.
    tol : float, optional
        An absolute zero tolerance for elimination; by default each equation is
        scaled to largest coefficient 1 and the tolerance of :func:`is_singular` used.

    Returns
    -------
    numpy.ndarray of the shape of ``b``
        The solution ``x``.

    Raises
    ------
    TypeError
        If ``A`` or ``b`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``A`` is not a finite square matrix, ``b`` does not have n rows, ``tol`` is
        negative, or ``A`` is singular: then the message says whether the system has
        no solution (it is inconsistent) or infinitely many.

    Examples
    --------
    >>> from mmlbook.linalg import solve
    >>> solve([[2, 1], [1, 3]], [3, 5])
    array([0.8, 1.4])
    >>> solve([[1, 2], [2, 4]], [1, 3])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: the system is inconsistent: A is singular ...
    """
    matrix = as_square_matrix(A, "A")
    n = matrix.shape[0]
    rhs = as_float_array(b, "b", ndim=(1, 2))
    if rhs.shape[0] != n:
        raise ValueError(f"b must have {n} rows, one per equation of A, got shape {rhs.shape}")
    x, problem = _solve(matrix, rhs.reshape(n, -1), tol)
    if problem is not None:
        raise ValueError(problem)
    return x.reshape(rhs.shape)


def _solve(A: np.ndarray, B: np.ndarray, tol: Any) -> tuple[np.ndarray, str | None]:
    """Eliminate on ``[A | B]``, then back-substitute; or say why there is no solution."""
    n = A.shape[0]
    if tol is None:
        A, B = _scale_rows(A, A), _scale_rows(A, B)
    threshold = _zero_tolerance(A, tol)
    augmented = np.hstack([A, B])
    # A solution can be too large for floating point: let the arithmetic overflow
    # quietly and refuse the result instead.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        U, pivots, _ = _eliminate(augmented, threshold, columns=n)
        if len(pivots) < n:
            leftover = U[len(pivots) :, n:]
            if np.any(np.abs(leftover) > _zero_tolerance(augmented, tol)):
                return B, _INCONSISTENT
            return B, _MANY_SOLUTIONS
        x = _back_substitute(U[:, :n], U[:, n:])
    if not np.all(np.isfinite(x)):
        return B, _OVERFLOW
    return x, None


def is_singular(A: Any, tol: float | None = None) -> bool:
    """Decide whether a square matrix is singular by reducing it to echelon form.

    A square matrix is singular exactly when elimination leaves a row of zeros, that is
    when some column has no pivot.

    By default each non-zero row is first divided by its largest entry in size, and an
    entry then counts as zero below ``10 * n * eps``. The verdict is therefore
    unchanged by scaling any row (except, through rounding, for matrices within rounding
    of the threshold): ``diag(1e15, 1)`` and ``diag(1, 1e-15)`` are both
    invertible (their rows are independent, however different their sizes), while
    ``[[1, 1], [1, 1 + 1e-15]]`` is singular to working precision (its second row
    differs from the first only by rounding). Columns are not scaled, so scaling a
    column can change the verdict: ``[[1e15, 1], [1e15, 2]]`` (determinant ``1e15``)
    counts as singular. With an explicit ``tol`` the rows are not scaled and entries of
    size at most ``tol`` count as zero.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, optional
        An absolute zero tolerance for the unscaled matrix, as in :func:`row_echelon`;
        by default the row-scaled tolerance above.

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
    >>> is_singular([[1e15, 0], [0, 1]])
    False
    """
    matrix = as_square_matrix(A, "A")
    if tol is None:
        matrix = _scale_rows(matrix, matrix)
    _, pivots, _ = _eliminate(matrix, _zero_tolerance(matrix, tol))
    return len(pivots) < matrix.shape[0]


def determinant(A: Any, tol: float | None = None) -> float:
    """The determinant of a square matrix, as the signed product of elimination's diagonal.

    Subtracting a multiple of one row from another leaves the determinant unchanged and
    each swap flips its sign, so after elimination to a triangular matrix, before any
    pivot row is divided by its pivot, it is the product of that matrix's diagonal,
    times ``(-1)**swaps``. (:func:`row_echelon` divides the pivot rows, so its diagonal
    holds only 1s and 0s.)

    A determinant is a value, not a verdict: by default only exact zeros are skipped
    as pivots, so ``determinant(diag(1e15, 1))`` is ``1e15``, and a singular matrix
    whose elimination leaves a rounding residue gets a tiny determinant, as from
    ``numpy.linalg.det``. Whether a matrix counts as singular is decided by
    :func:`is_singular` and its tolerance.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, optional
        Entries of size at most ``tol`` count as zero during elimination; by default
        only exact zeros do.

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
        determinant of an invertible matrix is too large or too small to represent as
        a float.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.linalg import determinant
    >>> determinant([[0, 2], [3, 1]])
    -6.0
    >>> determinant([[1, 2], [2, 4]])
    0.0
    >>> determinant(np.diag([1e15, 1.0]))
    1000000000000000.0
    """
    matrix = as_square_matrix(A, "A")
    threshold = 0.0 if tol is None else check_real(tol, "tol", low=0.0)
    U, pivots, swaps = _eliminate(matrix, threshold)
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
    """The inverse of a square matrix, by solving ``A X = I``.

    Column ``j`` of :math:`A^{-1}` solves :math:`A\\mathbf{x} = \\mathbf{e}_j`:
    elimination on ``[A | I]`` and back substitution, as in :func:`solve`.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, optional
        The zero tolerance, as in :func:`solve`.

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
    X, problem = _solve(matrix, np.eye(matrix.shape[0]), tol)
    if problem == _OVERFLOW:
        raise ValueError("A is so close to singular that its inverse overflows float64")
    if problem is not None:
        raise ValueError(
            "A is singular (to working precision, or to the zero tolerance tol if one is "
            "given), so it has no inverse"
        )
    return X


def elimination_steps(
    A: Any, tol: float | None = None, *, pivoting: str = "partial"
) -> list[tuple[str, np.ndarray]]:
    """Every row operation of :func:`row_echelon`, with the matrix after it.

    Useful to watch elimination happen: the list starts with the matrix itself and
    ends with its row echelon form.

    Derived in :doc:`/book/linear_algebra/special_matrices`.

    Parameters
    ----------
    A : array_like of shape (m, n)
        A finite real matrix.
    tol : float, optional
        The zero tolerance of :func:`row_echelon`.
    pivoting : {"partial", "add"}, default "partial"
        How a pivot is found, as in :func:`row_echelon`.

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
        If ``A`` is not a finite 2-D array, ``tol`` is negative or ``pivoting`` is
        unknown.

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
    matrix = as_float_array(A, "A", ndim=2)
    method = _check_pivoting(pivoting)
    steps: Steps = [("start", matrix.copy())]
    U, pivots, _ = _eliminate(matrix, _zero_tolerance(matrix, tol), pivoting=method, steps=steps)
    for row, col in enumerate(pivots):
        pivot = U[row, col]
        if pivot != 1.0:
            U[row] = U[row] / pivot + 0.0
            steps.append((f"R{row + 1} ← R{row + 1} / {pivot:.4g}", U.copy()))
    return steps
