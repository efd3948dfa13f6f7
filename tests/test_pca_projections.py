"""Tests of mmlbook.pca.projections: projections onto a line and onto a subspace."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mmlbook.pca import (
    project,
    project_1d,
    projection_coordinates,
    projection_matrix,
    projection_matrix_1d,
)


def well_conditioned_basis(seed, d, m):
    rng = np.random.default_rng(seed)
    B = rng.normal(size=(d, m))
    return B, rng


def test_1d_by_hand():
    b = np.array([1.0, 2.0, 2.0])
    # bbᵀ / bᵀb with bᵀb = 9
    expected = np.array([[1, 2, 2], [2, 4, 4], [2, 4, 4]]) / 9.0
    np.testing.assert_allclose(projection_matrix_1d(b), expected)
    # x = (1, 1, 1): bᵀx = 5, so π(x) = 5/9 b
    np.testing.assert_allclose(project_1d([1.0, 1.0, 1.0], b), 5.0 / 9.0 * b)


def test_subspace_by_hand():
    B = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    x = np.array([6.0, 0.0, 0.0])
    # Normal equations: BᵀB = [[3, 3], [3, 5]], Bᵀx = (6, 0) → λ = (5, -3)
    np.testing.assert_allclose(projection_coordinates(x, B), [5.0, -3.0])
    np.testing.assert_allclose(project(x, B), [5.0, 2.0, -1.0])
    expected_P = np.array([[5.0, 2.0, -1.0], [2.0, 2.0, 2.0], [-1.0, 2.0, 5.0]]) / 6.0
    np.testing.assert_allclose(projection_matrix(B), expected_P, atol=1e-15)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.data())
def test_projection_matrix_properties(seed, d, data):
    m = data.draw(st.integers(1, d))
    B, rng = well_conditioned_basis(seed, d, m)
    assume(np.linalg.cond(B) < 1e6)
    P = projection_matrix(B)
    np.testing.assert_array_equal(P, P.T)
    np.testing.assert_allclose(P @ P, P, atol=1e-10)
    np.testing.assert_allclose(P @ B, B, atol=1e-9 * max(1.0, np.abs(B).max()))
    assert np.isclose(np.trace(P), m)
    x = rng.normal(size=(5, d))
    projected = project(x, B)
    np.testing.assert_allclose(projected, x @ P.T, atol=1e-10)
    # The residual is orthogonal to every basis vector.
    np.testing.assert_allclose((x - projected) @ B, 0.0, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_1d_agrees_with_subspace_of_one_vector(seed, d):
    rng = np.random.default_rng(seed)
    b = rng.normal(size=d)
    x = rng.normal(size=d)
    P1 = projection_matrix_1d(b)
    np.testing.assert_allclose(P1, projection_matrix(b[:, None]), atol=1e-12)
    np.testing.assert_allclose(P1 @ P1, P1, atol=1e-12)
    np.testing.assert_array_equal(P1, P1.T)
    np.testing.assert_allclose(project_1d(x, b), project(x, b[:, None]), atol=1e-12)
    assert abs((x - project_1d(x, b)) @ b) <= 1e-10 * np.linalg.norm(x) * np.linalg.norm(b)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 8), st.data())
def test_least_squares_against_numpy(seed, d, data):
    m = data.draw(st.integers(1, d - 1))
    B, rng = well_conditioned_basis(seed, d, m)
    assume(np.linalg.cond(B) < 1e6)
    x = rng.normal(size=d)
    reference, *_ = np.linalg.lstsq(B, x, rcond=None)
    np.testing.assert_allclose(projection_coordinates(x, B), reference, atol=1e-8)
    np.testing.assert_allclose(project(x, B), B @ reference, atol=1e-9)


def test_rows_are_projected_one_by_one():
    rng = np.random.default_rng(0)
    B = rng.normal(size=(4, 2))
    X = rng.normal(size=(3, 4))
    stacked = project(X, B)
    for row, result in zip(X, stacked, strict=True):
        np.testing.assert_allclose(project(row, B), result, atol=1e-14)
    np.testing.assert_allclose(
        projection_coordinates(X, B)[1], projection_coordinates(X[1], B), atol=1e-14
    )


def test_huge_and_tiny_directions_span_the_same_line():
    b = np.array([3.0, 4.0])
    for scale in (1e-200, 1e200):
        np.testing.assert_allclose(projection_matrix_1d(scale * b), projection_matrix_1d(b))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: projection_matrix_1d([0.0, 0.0]), "b must be a non-zero vector"),
        (lambda: project_1d([1.0, 2.0], [0.0, 0.0]), "b must be a non-zero vector"),
        (lambda: project_1d([1.0, 2.0, 3.0], [1.0, 0.0]), "x must have 2 entries"),
        (lambda: projection_matrix([[1.0, 2.0], [2.0, 4.0]]), "linearly independent"),
        (lambda: projection_matrix(np.ones((2, 3))), "at most as many columns as rows"),
        (lambda: projection_matrix([1.0, 2.0]), "B must be a 2-D array"),
        (lambda: project([1.0, 2.0], np.ones((3, 1))), "x must have 3 entries"),
        (lambda: project([np.nan, 0.0], np.eye(2)), "x must contain only finite"),
        (
            lambda: projection_coordinates([1.0, 1.0], [[1.0, 1.0], [1.0, 1.0]]),
            "linearly independent",
        ),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_wrong_type():
    with pytest.raises(TypeError, match="b must be an array of real numbers"):
        projection_matrix_1d(["a", "b"])


def test_orthogonal_columns_of_very_different_lengths_are_a_basis():
    # Rank 2: the old test, |r_kk| against the largest diagonal entry, refused it.
    B = np.array([[1.0, 0.0], [0.0, 1e-16], [0.0, 0.0]])
    expected = np.diag([1.0, 1.0, 0.0])
    np.testing.assert_allclose(projection_matrix(B), expected, atol=1e-15)
    np.testing.assert_allclose(project([1.0, 2.0, 3.0], B), [1.0, 2.0, 0.0], atol=1e-15)
    # Coordinates in the basis B: the second column is 1e-16 long, so 2 = λ₂ · 1e-16.
    np.testing.assert_allclose(projection_coordinates([1.0, 2.0, 3.0], B), [1.0, 2e16])
    extreme = np.array([[1e200, 0.0], [0.0, 1e-200], [0.0, 0.0]])
    np.testing.assert_allclose(projection_matrix(extreme), expected, atol=1e-15)


def test_a_short_column_along_another_is_still_dependent():
    for B in ([[1.0, 1e-16], [0.0, 0.0], [0.0, 0.0]],
              [[1e-200, 3e-200], [2e-200, 6e-200]],
              [[1.0, 1.0], [1.0, 1.0 + 1e-17]]):
        with pytest.raises(ValueError, match="linearly independent"):
            projection_matrix(B)


@settings(max_examples=50, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    exponents=st.lists(st.integers(-150, 150), min_size=3, max_size=3),
)
def test_scaling_the_columns_leaves_the_projection(seed, exponents):
    # The span, and so P, does not depend on the columns' lengths.
    B, _ = well_conditioned_basis(seed, 5, 3)
    scaled = B * 10.0 ** np.array(exponents, dtype=float)
    np.testing.assert_allclose(projection_matrix(scaled), projection_matrix(B), atol=1e-12)


def test_nearly_parallel_columns_and_their_difference_are_dependent():
    b1 = np.array([1.0, 1.0, 1.0])
    b2 = np.array([1.0, 1.0, 1.01])
    B = np.column_stack([b1, b2, b1 - b2])
    with pytest.raises(ValueError, match="B must have linearly independent"):
        projection_matrix(B)


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    d=st.integers(2, 6),
    data=st.data(),
)
def test_a_column_combining_the_others_is_rejected(seed, d, data):
    m = data.draw(st.integers(2, d))
    rng = np.random.default_rng(seed)
    others = rng.normal(size=(d, m - 1)) * 10.0 ** rng.integers(-3, 4, size=m - 1)
    coefficients = rng.normal(size=m - 1)
    combination = others @ coefficients
    assume(np.linalg.norm(combination) > 1e-8 * np.linalg.norm(others))
    B = np.column_stack([others, combination])
    B = B[:, rng.permutation(m)]
    with pytest.raises(ValueError, match="linearly dependent"):
        projection_matrix(B)


def test_nearly_dependent_but_well_enough_conditioned_basis_is_accepted():
    b1 = np.array([1.0, 1.0, 1.0])
    b2 = np.array([1.0, 1.0, 1.0 + 1e-6])
    P = projection_matrix(np.column_stack([b1, b2]))
    np.testing.assert_allclose(P @ P, P, atol=1e-9)
    np.testing.assert_allclose(np.trace(P), 2.0, atol=1e-9)
    np.testing.assert_allclose(P @ b1, b1, atol=1e-9)
