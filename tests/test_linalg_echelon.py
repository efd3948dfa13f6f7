"""Tests of mmlbook.linalg.echelon: row echelon form, singularity, determinant, inverse."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mmlbook.linalg import (
    determinant,
    elimination_steps,
    inverse,
    is_singular,
    row_echelon,
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
    assert determinant(A) == 0.0


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
def test_singular_exactly_when_determinant_is_zero(A: np.ndarray) -> None:
    try:
        det = determinant(A)
    except ValueError as error:
        assert "outside the range of floats" in str(error)
        assert not is_singular(A)
        return
    assert is_singular(A) == (det == 0.0)
    if not is_singular(A):
        scale = max(1.0, float(np.abs(A).max())) ** A.shape[0]
        assert det == pytest.approx(np.linalg.det(A), rel=1e-6, abs=1e-9 * scale)


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


@pytest.mark.parametrize("fn", [row_echelon, is_singular, determinant, inverse, elimination_steps])
def test_bad_input_is_refused_with_a_message(fn) -> None:
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
