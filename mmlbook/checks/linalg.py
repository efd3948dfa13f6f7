"""Check your own Linear Algebra assignments against the course's cases and ``mmlbook``.

One checker per function the course asks for, named after it and taking your function
with the course's signature:

==========================================  ==========================================
your function                               checker
==========================================  ==========================================
``isSingular(A)``                           :func:`check_is_singular`
``fixRowZero(A)`` ... ``fixRowThree(A)``    :func:`check_fix_row_zero` ...
                                            :func:`check_fix_row_three`
``gsBasis4(A)``, ``gsBasis(A)``             :func:`check_gs_basis4`, :func:`check_gs_basis`
``dimensions(A)``                           :func:`check_dimensions`
``build_reflection_matrix(bearBasis)``      :func:`check_build_reflection_matrix`
``pageRank(linkMatrix, d)``                 :func:`check_page_rank`
==========================================  ==========================================

Each runs the course's own test cases first (the module constants below), then
``n_random`` seeded random cases, and compares every answer with what ``mmlbook``
computes. The random cases keep to inputs on which the course's procedures are exact
(for ``isSingular``, singular matrices have a zero column, so no rounding residue can
pass for a pivot).

Used in the chapters of :doc:`/book/linear_algebra/index`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mmlbook._validation import as_generator
from mmlbook.checks._core import Case, CheckReport, compare_arrays, compare_scalars, run_cases
from mmlbook.datasets import micro_internet
from mmlbook.linalg import dimensions as _dimensions
from mmlbook.linalg import gram_schmidt, is_singular, pagerank, reflection_matrix
from mmlbook.linalg.echelon import _eliminate, _zero_tolerance

__all__ = [
    "BEAR_BASIS",
    "GS_A",
    "GS_B",
    "GS_C",
    "GS_V",
    "PAGE_RANK_ATOL",
    "PAGE_RANK_DAMPING",
    "SPECIAL_A",
    "SPECIAL_B",
    "check_build_reflection_matrix",
    "check_dimensions",
    "check_fix_row_one",
    "check_fix_row_three",
    "check_fix_row_two",
    "check_fix_row_zero",
    "check_gs_basis",
    "check_gs_basis4",
    "check_is_singular",
    "check_page_rank",
    "seven_page_web",
]

#: The course's singular test matrix of *Identifying special matrices*.
SPECIAL_A = np.array([[2, 0, 0, 0], [0, 3, 0, 0], [0, 0, 4, 4], [0, 0, 5, 5]], dtype=float)
#: The course's invertible test matrix, on which the row fixes are shown.
SPECIAL_B = np.array([[0, 7, -5, 3], [2, 8, 0, 4], [3, 12, 0, 5], [1, 3, 1, 3]], dtype=float)

#: The course's 4 x 4 test matrix of *The Gram--Schmidt process*.
GS_V = np.array([[1, 0, 2, 6], [0, 1, 8, 2], [2, 8, 3, 1], [1, -6, 2, 3]], dtype=float)
#: The course's 4 x 3 test matrix (dimensions 3).
GS_A = np.array([[3, 2, 3], [2, 5, -1], [2, 4, 8], [12, 2, 1]], dtype=float)
#: The course's 3 x 5 test matrix (dimensions 3): five vectors in R^3.
GS_B = np.array([[6, 2, 1, 7, 5], [2, 8, 5, -4, 1], [1, -6, 3, 2, 8]], dtype=float)
#: The course's 3 x 3 test matrix of dimensions 2: its third row repeats the first.
GS_C = np.array([[1, 0, 2], [0, 1, -3], [1, 0, 2]], dtype=float)

#: The course's bear basis of *Reflecting a bear*: the mirror along the first column.
BEAR_BASIS = np.array([[1, -1], [1.5, 2]], dtype=float)

#: The damping at which the course tests ``pageRank``.
PAGE_RANK_DAMPING = 0.5

_FIX_NAMES = ("fixRowZero", "fixRowOne", "fixRowTwo", "fixRowThree")


#: The most random cases a checker runs.
MAX_RANDOM = 1000


def _n_random(n_random: Any) -> int:
    if isinstance(n_random, bool) or not isinstance(n_random, (int, np.integer)):
        raise TypeError(f"n_random must be an integer, got {type(n_random).__name__}")
    if not 0 <= n_random <= MAX_RANDOM:
        raise ValueError(f"n_random must be between 0 and {MAX_RANDOM}, got {n_random}")
    return int(n_random)


def _check_function(function: Any, name: str) -> None:
    if not callable(function):
        raise TypeError(f"{name} must be your function, got {type(function).__name__}")


def _invertible_integer_matrix(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random n x n matrix of small integers, comfortably far from singular."""
    while True:
        M = rng.integers(-9, 10, size=(n, n)).astype(float)
        if np.linalg.cond(M) < 1e3:
            return M


def _with_zero_column(rng: np.random.Generator, n: int) -> np.ndarray:
    M = rng.integers(-9, 10, size=(n, n)).astype(float)
    M[:, rng.integers(n)] = 0.0
    return M


# --- Identifying special matrices --------------------------------------------------


def check_is_singular(isSingular: Callable[[Any], Any], *, n_random: int = 20,
                      seed: int = 0) -> CheckReport:
    """Check ``isSingular(A)``: True for a singular 4 x 4 matrix, False otherwise.

    Parameters
    ----------
    isSingular : callable
        Your function: takes a 4 x 4 array, returns True or False.
    n_random : int, default 20
        How many random cases follow the course's two; half of them are singular.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If ``isSingular`` is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_is_singular
    >>> from mmlbook.linalg import is_singular
    >>> print(check_is_singular(is_singular))
    is_singular passed all 22 cases.
    """
    _check_function(isSingular, "isSingular")
    count, rng = _n_random(n_random), as_generator(seed)
    cases = [
        Case("the course's matrix A (its last two rows are proportional)",
             {"A": SPECIAL_A}, True),
        Case("the course's matrix B", {"A": SPECIAL_B}, False),
    ]
    for k in range(count):
        M = _with_zero_column(rng, 4) if k % 2 else _invertible_integer_matrix(rng, 4)
        kind = "with a zero column" if k % 2 else "invertible"
        cases.append(Case(f"random 4 x 4 matrix {k + 1} ({kind})", {"A": M},
                          bool(is_singular(M))))
    return run_cases(isSingular, cases, compare_scalars(), name=_name(isSingular))


def _course_row_states(M: np.ndarray) -> list[np.ndarray]:
    """The matrix after each of the course's row fixes: state k has rows 0..k-1 fixed.

    The course fixes one row at a time -- clear the entries left of the diagonal with
    the rows above, add the rows below while the diagonal entry is zero, divide by it
    -- and leaves the rows below untouched. ``pivoting="add"`` does the same row
    operations column by column, so its rows are the fixed rows.
    """
    U, pivots, _ = _eliminate(M, _zero_tolerance(M, None), pivoting="add")
    assert pivots == list(range(len(M))), "the course's row fixes need an invertible matrix"
    return [np.vstack([U[:k], M[k:]]) for k in range(len(M) + 1)]


def _check_fix_row(function: Callable[[Any], Any], row: int, n_random: int,
                   seed: int) -> CheckReport:
    course = _FIX_NAMES[row]
    _check_function(function, course)
    count, rng = _n_random(n_random), as_generator(seed)
    matrices = [("the course's matrix B", SPECIAL_B)] + [
        (f"random 4 x 4 matrix {k + 1}", _invertible_integer_matrix(rng, 4))
        for k in range(count)
    ]
    cases = []
    for description, M in matrices:
        states = _course_row_states(M)
        # Rows are numbered from 0, as in fixRowZero ... fixRowThree and in NumPy.
        fixed = "row 0" if row == 1 else f"rows 0 to {row - 1}"
        above = f", {fixed} already fixed" if row else ""
        cases.append(Case(description + above, {"A": states[row]}, states[row + 1]))
    return run_cases(function, cases, compare_arrays(), name=_name(function))


def check_fix_row_zero(fixRowZero: Callable[[Any], Any], *, n_random: int = 10,
                       seed: int = 0) -> CheckReport:
    """Check ``fixRowZero(A)``: row 0 made to start with 1, other rows untouched.

    The checkers of the four row fixes all work alike: the input is the matrix with
    the rows above already fixed, the expected answer the matrix with this row fixed
    too. Only invertible matrices are used, on which the course's fixes do not raise.

    Parameters
    ----------
    fixRowZero : callable
        Your function: takes a 4 x 4 array, returns it with row 0 fixed.
    n_random : int, default 10
        How many random invertible matrices follow the course's B.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If the function is not callable or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_fix_row_zero
    >>> print(check_fix_row_zero(lambda A: A))  # doctest: +ELLIPSIS
    <lambda> failed 11 of 11 cases.
    ...
    """
    return _check_fix_row(fixRowZero, 0, n_random, seed)


def check_fix_row_one(fixRowOne: Callable[[Any], Any], *, n_random: int = 10,
                      seed: int = 0) -> CheckReport:
    """Check ``fixRowOne(A)``, as :func:`check_fix_row_zero` does for row 0.

    Parameters
    ----------
    fixRowOne : callable
        Your function: takes a 4 x 4 array whose rows above are fixed, returns it with
        row one fixed too.
    n_random : int, default 10
        How many random invertible matrices follow the course's B.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If the function is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_fix_row_one
    >>> check_fix_row_one(lambda A: A).passed
    False
    """
    return _check_fix_row(fixRowOne, 1, n_random, seed)


def check_fix_row_two(fixRowTwo: Callable[[Any], Any], *, n_random: int = 10,
                      seed: int = 0) -> CheckReport:
    """Check ``fixRowTwo(A)``, as :func:`check_fix_row_zero` does for row 0.

    Parameters
    ----------
    fixRowTwo : callable
        Your function: takes a 4 x 4 array whose rows above are fixed, returns it with
        row two fixed too.
    n_random : int, default 10
        How many random invertible matrices follow the course's B.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If the function is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_fix_row_two
    >>> check_fix_row_two(lambda A: A).passed
    False
    """
    return _check_fix_row(fixRowTwo, 2, n_random, seed)


def check_fix_row_three(fixRowThree: Callable[[Any], Any], *, n_random: int = 10,
                        seed: int = 0) -> CheckReport:
    """Check ``fixRowThree(A)``, as :func:`check_fix_row_zero` does for row 0.

    Parameters
    ----------
    fixRowThree : callable
        Your function: takes a 4 x 4 array whose rows above are fixed, returns it with
        row three fixed too.
    n_random : int, default 10
        How many random invertible matrices follow the course's B.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If the function is not callable, or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_fix_row_three
    >>> check_fix_row_three(lambda A: A).passed
    False
    """
    return _check_fix_row(fixRowThree, 3, n_random, seed)


# --- The Gram--Schmidt process ------------------------------------------------------


def _random_spanning_sets(rng: np.random.Generator, count: int) -> list[tuple[str, np.ndarray]]:
    """Random sets of vectors, some tall, some wide, some with dependent columns.

    The independent columns are well conditioned, so that the course's loop, with its
    absolute threshold of 1e-14, sees the dependent ones as dependent.
    """
    sets = []
    for k in range(count):
        m = int(rng.integers(2, 6))
        n = int(rng.integers(1, 7))
        rank = min(m, n)
        while True:
            independent = rng.integers(-5, 6, size=(m, rank)).astype(float)
            if np.linalg.cond(independent) < 10:
                break
        what = f"random {m} x {n} matrix {k + 1}"
        extra = rng.integers(-2, 3, size=(rank, n - rank)).astype(float)
        M = np.hstack([independent, independent @ extra])
        if k % 3 == 2 and rank >= 3:
            # A column that is the sum of two earlier ones adds no dimension.
            M[:, rank - 1] = M[:, 0] + M[:, 1]
            what += f" (column {rank} is the sum of the first two)"
        sets.append((what, M))
    return sets


def check_gs_basis4(gsBasis4: Callable[[Any], Any], *, n_random: int = 10,
                    seed: int = 0) -> CheckReport:
    """Check ``gsBasis4(A)``: the orthonormal basis of four independent columns.

    Parameters
    ----------
    gsBasis4 : callable
        Your function: takes a 4 x 4 array with independent columns, returns the
        Gram--Schmidt basis as columns.
    n_random : int, default 10
        How many random invertible 4 x 4 matrices follow the course's V.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If ``gsBasis4`` is not callable or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_gs_basis4
    >>> from mmlbook.linalg import gram_schmidt
    >>> check_gs_basis4(gram_schmidt).passed
    True
    """
    _check_function(gsBasis4, "gsBasis4")
    count, rng = _n_random(n_random), as_generator(seed)
    matrices = [("the course's matrix V", GS_V)] + [
        (f"random 4 x 4 matrix {k + 1}", _invertible_integer_matrix(rng, 4))
        for k in range(count)
    ]
    cases = [Case(what, {"A": M}, gram_schmidt(M)) for what, M in matrices]
    return run_cases(gsBasis4, cases, compare_arrays(), name=_name(gsBasis4))


def check_gs_basis(gsBasis: Callable[[Any], Any], *, n_random: int = 20,
                   seed: int = 0) -> CheckReport:
    """Check ``gsBasis(A)``: orthonormal columns, zero columns for dependent vectors.

    Parameters
    ----------
    gsBasis : callable
        Your function: takes an m x n array, returns an m x n array.
    n_random : int, default 20
        How many random matrices follow the course's V, A and B.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If ``gsBasis`` is not callable or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_gs_basis
    >>> from mmlbook.linalg import gram_schmidt
    >>> print(check_gs_basis(gram_schmidt))
    gram_schmidt passed all 23 cases.
    """
    _check_function(gsBasis, "gsBasis")
    count, rng = _n_random(n_random), as_generator(seed)
    matrices = [
        ("the course's matrix V", GS_V),
        ("the course's 4 x 3 matrix A", GS_A),
        ("the course's 3 x 5 matrix B (five vectors in R^3)", GS_B),
        *_random_spanning_sets(rng, count),
    ]
    cases = [Case(what, {"A": M}, gram_schmidt(M)) for what, M in matrices]
    return run_cases(gsBasis, cases, compare_arrays(), name=_name(gsBasis))


def check_dimensions(dimensions: Callable[[Any], Any], *, n_random: int = 20,
                     seed: int = 0) -> CheckReport:
    """Check ``dimensions(A)``: the dimension of the space the columns span.

    The course computes it as a sum of column norms, a float such as 3.0; any number
    within 1e-6 of the right whole number passes.

    Parameters
    ----------
    dimensions : callable
        Your function: takes an m x n array, returns a number.
    n_random : int, default 20
        How many random matrices follow the course's V, A, B and C.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If ``dimensions`` is not callable, or ``n_random`` or ``seed`` is not an
        integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_dimensions
    >>> from mmlbook.linalg import dimensions
    >>> print(check_dimensions(dimensions))
    dimensions passed all 24 cases.
    """
    _check_function(dimensions, "dimensions")
    count, rng = _n_random(n_random), as_generator(seed)
    matrices = [
        ("the course's matrix V", GS_V),
        ("the course's 4 x 3 matrix A", GS_A),
        ("the course's 3 x 5 matrix B (five vectors in R^3)", GS_B),
        ("the course's matrix C (its third row repeats the first)", GS_C),
        *_random_spanning_sets(rng, count),
    ]
    # A float expectation, so that the course's 3.0000000000000004 passes.
    cases = [Case(what, {"A": M}, float(_dimensions(M))) for what, M in matrices]
    return run_cases(dimensions, cases, compare_scalars(), name=_name(dimensions))


# --- Reflecting a bear --------------------------------------------------------------


def check_build_reflection_matrix(build_reflection_matrix: Callable[[Any], Any], *,
                                  n_random: int = 10, seed: int = 0) -> CheckReport:
    """Check ``build_reflection_matrix(bearBasis)``: the reflection in the first column.

    The mirror is the line along the first column of the basis; the second column only
    has to leave it.

    Parameters
    ----------
    build_reflection_matrix : callable
        Your function: takes a 2 x 2 basis, returns the 2 x 2 reflection matrix.
    n_random : int, default 10
        How many random bases follow the course's bear basis.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If the function is not callable or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_build_reflection_matrix
    >>> from mmlbook.linalg import reflection_matrix
    >>> check_build_reflection_matrix(reflection_matrix).passed
    True
    """
    _check_function(build_reflection_matrix, "build_reflection_matrix")
    count, rng = _n_random(n_random), as_generator(seed)
    bases = [("the course's bear basis", BEAR_BASIS)] + [
        (f"random basis {k + 1}", _invertible_integer_matrix(rng, 2) / 2)
        for k in range(count)
    ]
    cases = [Case(what, {"bearBasis": E}, reflection_matrix(E)) for what, E in bases]
    return run_cases(build_reflection_matrix, cases, compare_arrays(),
                     name=_name(build_reflection_matrix))


# --- PageRank -----------------------------------------------------------------------


def seven_page_web() -> np.ndarray:
    """A seven-page web on which to test ``pageRank`` at d = 0.5: our own, not the course's.

    Every page links somewhere, so every column sums to 1; page 6 has no incoming links.

    Returns
    -------
    numpy.ndarray of shape (7, 7)
        Its column-stochastic link matrix.

    Examples
    --------
    >>> from mmlbook.checks.linalg import seven_page_web
    >>> seven_page_web().sum(axis=0)
    array([1., 1., 1., 1., 1., 1., 1.])
    """
    links = {0: (1, 2), 1: (2, 3, 4), 2: (0,), 3: (0, 4), 4: (5,), 5: (0, 3, 4), 6: (1, 5)}
    L = np.zeros((7, 7))
    for page, targets in links.items():
        L[list(targets), page] = 1.0 / len(targets)
    return L


def _course_page_rank(L: np.ndarray, d: float) -> np.ndarray:
    """PageRank with the course's conventions: ranks sum to 100, stop at a change of 0.01
    in the 2-norm (the course's own steps, see :func:`mmlbook.linalg.pagerank`)."""
    return pagerank(L, d, tol=0.01, total=100.0, norm=2)


#: How far a rank may be from the course's answer and pass: the course's stopping
#: rule leaves its answer within about 0.01 of the exact ranks at d = 0.5, so an
#: exact eigenvector passes too.
PAGE_RANK_ATOL = 0.05


def _random_web(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random web in which every page links to between one and three others."""
    L = np.zeros((n, n))
    for page in range(n):
        others = np.delete(np.arange(n), page)
        targets = rng.choice(others, size=int(rng.integers(1, min(3, n - 1) + 1)),
                             replace=False)
        L[targets, page] = 1.0 / targets.size
    return L


def check_page_rank(pageRank: Callable[[Any, Any], Any], *, n_random: int = 10,
                    seed: int = 0) -> CheckReport:
    """Check ``pageRank(linkMatrix, d)``: the ranks, summing to 100, of every page.

    Expected answers are ``pagerank(linkMatrix, d, tol=0.01, total=100, norm=2)``, the
    course's conventions; an answer passes within ``PAGE_RANK_ATOL`` = 0.05 of it, so
    both the course's power method and an exact eigenvector pass.

    Parameters
    ----------
    pageRank : callable
        Your function: takes a link matrix and a damping ``d``, returns the ranks.
    n_random : int, default 10
        How many random webs (5 to 12 pages, d = 0.5) follow the fixed cases.
    seed : int, default 0
        The seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If ``pageRank`` is not callable or ``n_random`` or ``seed`` is not an integer.
    ValueError
        If ``seed`` is negative or ``n_random`` is not between 0 and 1000.

    Examples
    --------
    >>> from mmlbook.checks.linalg import check_page_rank
    >>> from mmlbook.linalg import pagerank
    >>> def pageRank(linkMatrix, d):
    ...     return pagerank(linkMatrix, d, tol=0.01, total=100, norm=2)
    >>> print(check_page_rank(pageRank))
    pageRank passed all 12 cases.
    """
    _check_function(pageRank, "pageRank")
    count, rng = _n_random(n_random), as_generator(seed)
    d = PAGE_RANK_DAMPING
    webs = [
        ("the course's micro-internet at d = 0.5", micro_internet()),
        ("a 7-page web, d = 0.5", seven_page_web()),
    ] + [
        (f"random web {k + 1}, d = 0.5", _random_web(rng, int(rng.integers(5, 13))))
        for k in range(count)
    ]
    cases = [Case(what, {"linkMatrix": L, "d": d}, _course_page_rank(L, d))
             for what, L in webs]
    return run_cases(pageRank, cases, compare_arrays(rtol=0.0, atol=PAGE_RANK_ATOL),
                     name=_name(pageRank))


def _name(function: Callable[..., Any]) -> str:
    return getattr(function, "__name__", "your function")

