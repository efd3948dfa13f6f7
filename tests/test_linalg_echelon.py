"""Tests of mmlbook.linalg.echelon: row echelon form, singularity, determinant, inverse."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mmlbook.linalg import (
    determinant,
    elimination_steps,
    inverse,
    is_singular,
    row_echelon,
    solve,
)


def square_matrices(max_n: int = 6):
    """Square matrices with entries of moderate size (integers make exact zeros likely)."""
    return st.integers(1, max_n).flatmap(
        lambda n: arrays(
            np.float64,
            (n, n),
            elements=st.one_of(
                st.integers(-5, 5).map(float),
                st.floats(-10, 10, allow_nan=False, width=64),
            ),
        )
    )


def matrices(max_m: int = 6, max_n: int = 7):
    """Matrices of any shape, with entries as in ``square_matrices``."""
    return st.tuples(st.integers(1, max_m), st.integers(1, max_n)).flatmap(
        lambda shape: arrays(
            np.float64,
            shape,
            elements=st.one_of(
                st.integers(-5, 5).map(float),
                st.floats(-10, 10, allow_nan=False, width=64),
            ),
        )
    )


def is_row_echelon(U: np.ndarray) -> bool:
    """Each non-zero row starts (with a 1) strictly right of the row above; zero rows last."""
    leads = []
    for row in U:
        nonzero = np.flatnonzero(row)
        leads.append(nonzero[0] if nonzero.size else U.shape[1])
    n = U.shape[1]
    staircase = all(a < b or a == n == b for a, b in zip(leads, leads[1:], strict=False))
    return staircase and all(U[i, j] == 1.0 for i, j in enumerate(leads) if j < n)


# --- hand-derived cases -------------------------------------------------------------


def test_row_echelon_of_a_hand_reduced_matrix() -> None:
    # R1 = [2, 4, 2] is the largest pivot of column 1; R2 - 0.5 R1 = [0, 0, 1],
    # R3 - 0 R1 = [0, 3, 3]; swap to bring 3 up; scale pivots to 1.
    A = [[1, 2, 2], [2, 4, 2], [0, 3, 3]]
    expected = np.array([[1.0, 2.0, 1.0], [0.0, 1.0, 1.0], [0.0, 0.0, 1.0]])
    np.testing.assert_allclose(row_echelon(A), expected)


def test_singular_matrix_of_the_course_assignment_style() -> None:
    # Row 3 = row 1 + row 2: elimination leaves a zero row.
    A = np.array([[2, 0, 0, 0], [0, 3, 0, 0], [2, 3, 0, 0], [0, 0, 1, 1]])
    U = row_echelon(A)
    assert is_singular(A)
    np.testing.assert_array_equal(U[-1], 0.0)


def test_rounding_residue_counts_as_zero() -> None:
    # In exact arithmetic row 3 = 0.1 row 1 + 0.2 row 2; in floating point the
    # elimination leaves a residue of order 1e-17 that must count as zero.
    A = np.array([[0.3, 0.7, 0.1], [0.2, 0.9, 0.4], [0.0, 0.0, 0.0]])
    A[2] = 0.1 * A[0] + 0.2 * A[1]
    assert is_singular(A)
    # The determinant is a value: the residue shows, as in numpy, but stays tiny.
    assert abs(determinant(A)) < 1e-15
    assert determinant(A, tol=1e-12) == 0.0


def test_the_tolerance_decides_singularity_not_the_determinant() -> None:
    A = np.diag([1e15, 1.0])
    assert determinant(A) == 1e15
    assert determinant(np.diag([1e-200, 1e200])) == pytest.approx(1.0)
    # Rows of very different sizes are still independent: the default tolerance is
    # relative to each row, so neither matrix is singular.
    assert not is_singular(A)
    assert not is_singular(np.diag([1.0, 1e-15]))
    assert not is_singular(np.diag([1e-200, 1e200]))
    # An explicit tolerance is absolute.
    assert is_singular(A, tol=1.0)


@pytest.mark.parametrize("scale", [1e-12, 1e-3, 1e3, 1e15])
def test_scaling_a_row_does_not_change_the_verdict(scale: float) -> None:
    rng = np.random.default_rng(3)
    invertible = rng.standard_normal((4, 4))
    singular = invertible.copy()
    singular[3] = singular[0] - 2 * singular[1]
    for M, expected in [(invertible, False), (singular, True)]:
        scaled = M.copy()
        scaled[1] *= scale
        assert is_singular(scaled) is expected
        assert is_singular(M) is expected


def test_nearly_equal_rows_are_singular_to_working_precision() -> None:
    assert is_singular([[1.0, 1.0], [1.0, 1.0 + 1e-15]])
    assert is_singular([[1e15, 1e15], [1.0, 1.0 + 1e-15]])
    assert not is_singular([[1.0, 1.0], [1.0, 1.0 + 1e-13]])


def test_zero_matrix_and_one_by_one() -> None:
    assert is_singular(np.zeros((3, 3)))
    np.testing.assert_array_equal(row_echelon(np.zeros((3, 3))), 0.0)
    assert not is_singular([[5.0]])
    assert is_singular([[0.0]])
    np.testing.assert_allclose(row_echelon([[5.0]]), [[1.0]])


def test_determinant_and_inverse_by_hand() -> None:
    assert determinant([[0, 2], [3, 1]]) == pytest.approx(-6.0)
    assert determinant(np.diag([2.0, 3.0, 4.0])) == pytest.approx(24.0)
    np.testing.assert_allclose(inverse([[2, 1], [1, 1]]), [[1, -1], [-1, 2]])


def test_elimination_steps_show_every_operation() -> None:
    steps = elimination_steps([[0, 1], [2, 4]])
    assert [what for what, _ in steps] == [
        "start",
        "swap R1 and R2",
        "R1 ← R1 / 2",
    ]
    np.testing.assert_allclose(steps[-1][1], row_echelon([[0, 1], [2, 4]]))


def test_explicit_tolerance_decides_what_is_zero() -> None:
    A = [[1.0, 0.0], [0.0, 1e-6]]
    assert not is_singular(A)
    assert is_singular(A, tol=1e-5)


# --- against numpy ------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_determinant_and_inverse_match_numpy(seed: int) -> None:
    A = np.random.default_rng(seed).standard_normal((7, 7))
    assert determinant(A) == pytest.approx(np.linalg.det(A), rel=1e-10)
    np.testing.assert_allclose(inverse(A), np.linalg.inv(A), rtol=1e-9, atol=1e-10)


@pytest.mark.parametrize("rank", [0, 1, 3, 5])
def test_singularity_matches_the_rank_from_numpy(rank: int) -> None:
    rng = np.random.default_rng(rank)
    A = rng.standard_normal((6, rank)) @ rng.standard_normal((rank, 6))
    assert is_singular(A) == (np.linalg.matrix_rank(A) < 6)
    U = row_echelon(A)
    assert np.count_nonzero(np.any(U != 0, axis=1)) == rank


# --- properties ---------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(square_matrices())
def test_row_echelon_has_the_echelon_shape(A: np.ndarray) -> None:
    U = row_echelon(A)
    assert U.shape == A.shape
    assert np.all(np.isfinite(U))
    assert is_row_echelon(U)


@settings(max_examples=60, deadline=None)
@given(square_matrices())
def test_the_determinant_matches_numpy(A: np.ndarray) -> None:
    try:
        det = determinant(A)
    except ValueError as error:
        assert "outside the range of floats" in str(error)
        return
    scale = max(1.0, float(np.abs(A).max())) ** A.shape[0]
    assert det == pytest.approx(np.linalg.det(A), rel=1e-6, abs=1e-9 * scale)
    if det == 0.0:
        # An exact zero pivot is a zero at any tolerance.
        assert is_singular(A)


@settings(max_examples=40, deadline=None)
@given(square_matrices(max_n=5))
def test_inverse_is_an_inverse_or_refused(A: np.ndarray) -> None:
    if is_singular(A):
        with pytest.raises(ValueError, match="singular"):
            inverse(A)
        return
    try:
        A_inv = inverse(A)
    except ValueError as error:
        # Only a matrix of tiny numbers can have an inverse beyond the largest float.
        assert "inverse overflows" in str(error)
        assert np.abs(A).max() < 1e-290
        return
    assert np.all(np.isfinite(A_inv))
    if np.linalg.cond(A) < 1e8:
        np.testing.assert_allclose(A_inv @ A, np.eye(A.shape[0]), atol=1e-6)


# --- bad input ----------------------------------------------------------------------


def test_results_too_large_for_floats_are_refused() -> None:
    with pytest.raises(ValueError, match="inverse overflows"):
        inverse([[5e-324]])
    with pytest.raises(ValueError, match="determinant of A is outside the range of floats"):
        determinant(np.diag([1e200, 1e200]))
    with pytest.raises(ValueError, match="determinant of A is outside the range of floats"):
        determinant(np.diag([1e-200, 1e-200]))


@pytest.mark.parametrize(
    "fn",
    [row_echelon, is_singular, determinant, inverse, elimination_steps,
     lambda A, tol=None: solve(A, np.ones(np.shape(A)[0]) if np.ndim(A) else 1.0, tol)],
)
def test_bad_input_is_refused_with_a_message(fn) -> None:
    if fn not in (row_echelon, elimination_steps):
        with pytest.raises(ValueError, match="A must be a square matrix"):
            fn(np.ones((2, 3)))
    with pytest.raises(ValueError, match="A must contain only finite"):
        fn([[1.0, np.nan], [0.0, 1.0]])
    with pytest.raises(TypeError, match="A must be an array of real numbers"):
        fn([["a", "b"], ["c", "d"]])
    with pytest.raises(ValueError, match="A must be a 2-D array"):
        fn([1.0, 2.0])
    with pytest.raises(ValueError, match="tol must be >= 0"):
        fn(np.eye(2), tol=-1.0)
    with pytest.raises(TypeError, match="tol must be a real number"):
        fn(np.eye(2), tol="small")


# --- rectangular and augmented matrices -----------------------------------------------


def test_an_augmented_matrix_reduces_to_its_echelon_form() -> None:
    # x + 2y = 3 and 2x + 4y = 7 are inconsistent: the echelon form has a row 0 = 1.
    U = row_echelon([[1, 2, 3], [2, 4, 7]])
    np.testing.assert_allclose(U, [[1.0, 2.0, 3.5], [0.0, 0.0, 1.0]])
    tall = row_echelon([[1, 2], [2, 4], [0, 1]])
    np.testing.assert_allclose(tall, [[1.0, 2.0], [0.0, 1.0], [0.0, 0.0]])


@pytest.mark.parametrize("shape, rank", [((3, 5), 2), ((5, 3), 3), ((4, 6), 4), ((6, 2), 1)])
def test_pivots_count_the_rank_from_numpy(shape, rank) -> None:
    rng = np.random.default_rng(sum(shape) + rank)
    A = rng.standard_normal((shape[0], rank)) @ rng.standard_normal((rank, shape[1]))
    for pivoting in ("partial", "add"):
        U = row_echelon(A, pivoting=pivoting)
        assert np.count_nonzero(np.any(U != 0, axis=1)) == np.linalg.matrix_rank(A) == rank


def test_the_course_way_adds_rows_instead_of_swapping() -> None:
    steps = elimination_steps([[0, 2], [1, 1]], pivoting="add")
    assert [what for what, _ in steps] == [
        "start", "R1 ← R1 + R2", "R2 ← R2 − 1 R1", "R2 ← R2 / -2",
    ]
    # Two correct echelon forms of one matrix: they differ, and span the same rows.
    add, partial = row_echelon([[0, 2], [1, 1]], pivoting="add"), row_echelon([[0, 2], [1, 1]])
    np.testing.assert_allclose(add, [[1.0, 3.0], [0.0, 1.0]])
    np.testing.assert_allclose(partial, [[1.0, 1.0], [0.0, 1.0]])


def test_the_steps_end_at_the_echelon_form_for_both_ways() -> None:
    A = np.array([[0, 7, -5, 3], [2, 8, 0, 4], [3, 12, 0, 5], [1, 3, 1, 3]], dtype=float)
    for pivoting in ("partial", "add"):
        steps = elimination_steps(A, pivoting=pivoting)
        np.testing.assert_allclose(steps[-1][1], row_echelon(A, pivoting=pivoting))


@settings(max_examples=60, deadline=None)
@given(matrices(), st.sampled_from(["partial", "add"]))
def test_echelon_forms_of_any_shape_keep_the_row_space(A: np.ndarray, pivoting: str) -> None:
    U = row_echelon(A, pivoting=pivoting)
    assert U.shape == A.shape
    assert is_row_echelon(U)
    # Row operations are invertible: U's rows span the rows of A, and no more.
    if np.linalg.cond(A) < 1e8 or np.abs(A).max() == 0:
        rank = np.linalg.matrix_rank(A)
        assert np.linalg.matrix_rank(np.vstack([A, U])) == rank
        assert np.count_nonzero(np.any(U != 0, axis=1)) == rank


# --- solving Ax = b -----------------------------------------------------------------------


def test_solve_by_hand_and_against_numpy() -> None:
    np.testing.assert_allclose(solve([[2, 1], [1, 3]], [3, 5]), [0.8, 1.4])
    rng = np.random.default_rng(3)
    A, b, B = rng.standard_normal((8, 8)), rng.standard_normal(8), rng.standard_normal((8, 3))
    np.testing.assert_allclose(solve(A, b), np.linalg.solve(A, b), rtol=1e-10)
    np.testing.assert_allclose(solve(A, B), np.linalg.solve(A, B), rtol=1e-10)
    assert solve(A, B).shape == (8, 3)


def test_inverse_is_the_solution_of_a_x_equals_the_identity() -> None:
    A = np.random.default_rng(4).standard_normal((5, 5))
    np.testing.assert_array_equal(inverse(A), solve(A, np.eye(5)))


def test_column_scaling_is_not_undone_as_the_docstring_says() -> None:
    # [[1, 1], [1, 2]] with its first column times 1e15: numpy sees rank 2 and the
    # determinant is 1e15, but only rows are scaled, so the default verdict is singular.
    A = np.array([[1e15, 1.0], [1e15, 2.0]])
    assert np.linalg.matrix_rank(A) == 2
    assert determinant(A) == pytest.approx(np.linalg.det(A), rel=1e-12)
    assert is_singular(A)
    assert not is_singular(A / np.array([1e15, 1.0]))
    with pytest.raises(ValueError, match="working precision.*infinitely many solutions"):
        solve(A, [1.0, 2.0])
    with pytest.raises(ValueError, match="to the zero tolerance tol if one is given"):
        inverse(A)


def test_singular_systems_say_whether_they_have_no_or_many_solutions() -> None:
    with pytest.raises(ValueError, match="inconsistent.*no solution"):
        solve([[1, 2], [2, 4]], [1, 3])
    with pytest.raises(ValueError, match="infinitely many solutions"):
        solve([[1, 2], [2, 4]], [1, 2])
    with pytest.raises(ValueError, match="b must have 2 rows"):
        solve(np.eye(2), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="b must be a 1-D or 2-D array"):
        solve(np.eye(2), np.ones((2, 2, 2)))
    with pytest.raises(ValueError, match="solution overflows"):
        solve([[1e-300]], [1e300])


@settings(max_examples=60, deadline=None)
@given(square_matrices(), st.integers(0, 2**32 - 1))
@example(np.array([[5e-324]]), 0)
def test_a_solution_satisfies_its_equations(A: np.ndarray, seed: int) -> None:
    b = np.random.default_rng(seed).standard_normal(A.shape[0])
    if is_singular(A):
        with pytest.raises(ValueError, match="singular"):
            solve(A, b)
        return
    try:
        x = solve(A, b)
    except ValueError as error:
        # A nonsingular A with tiny entries (e.g. [[5e-324]]) has a solution beyond float64.
        assert "overflows" in str(error)
        with np.errstate(all="ignore"):
            reference = np.linalg.solve(A, b)
        assert not np.isfinite(reference).all() or np.abs(reference).max() > 1e300
        return
    if np.linalg.cond(A) < 1e8:
        scale = np.abs(A).max() * np.abs(x).max() + np.abs(b).max()
        np.testing.assert_allclose(A @ x, b, atol=1e-9 * scale)
