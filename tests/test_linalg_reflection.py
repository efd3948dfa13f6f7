"""Tests of mmlbook.linalg.reflection and the bear of mmlbook.datasets."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mmlbook.datasets import bear
from mmlbook.linalg import reflection_matrix, transform_in_basis


def random_basis(n: int, seed: int) -> np.ndarray:
    """A random basis, kept away from dependence so the tests are about reflections."""
    rng = np.random.default_rng(seed)
    while True:
        B = rng.standard_normal((n, n))
        if np.linalg.cond(B) < 1e6:
            return B


# --- hand-derived cases -------------------------------------------------------------


def test_mirror_along_the_x_axis_flips_y() -> None:
    np.testing.assert_allclose(reflection_matrix([[2, 1], [0, 3]]), [[1, 0], [0, -1]], atol=1e-15)


def test_mirror_the_plane_z_equals_zero_in_3d() -> None:
    # The mirror is spanned by (1, 1, 0) and (1, -1, 0); the third vector only has to
    # leave it.
    T = reflection_matrix([[1, 1, 5], [1, -1, 2], [0, 0, 1]])
    np.testing.assert_allclose(T, np.diag([1.0, 1.0, -1.0]), atol=1e-15)


def test_diagonal_mirror_swaps_coordinates() -> None:
    np.testing.assert_allclose(reflection_matrix([[1, 1], [1, -3]]), [[0, 1], [1, 0]], atol=1e-15)


def test_one_dimensional_reflection_is_minus_one() -> None:
    np.testing.assert_allclose(reflection_matrix([[4.0]]), [[-1.0]])


def test_transform_in_basis_by_hand() -> None:
    # In basis e1, e1 + e2, stretch the first coordinate by 2: e1 -> 2 e1 and
    # e1 + e2 -> e1 + e2, so e2 -> e2 - e1.
    np.testing.assert_allclose(
        transform_in_basis([[2, 0], [0, 1]], [[1, 1], [0, 1]]), [[2, -1], [0, 1]]
    )


# --- against an independent construction (Householder, normal from scipy) -------------


@pytest.mark.parametrize("n", [2, 3, 5])
def test_matches_householder_formula_with_the_normal_from_numpy(n: int) -> None:
    B = random_basis(n, seed=n)
    # The mirror's normal spans the null space of the transposed mirror vectors.
    normal = scipy.linalg.null_space(B[:, :-1].T)[:, 0]
    householder = np.eye(n) - 2 * np.outer(normal, normal)
    np.testing.assert_allclose(reflection_matrix(B), householder, atol=1e-12)


def test_reflection_equals_change_of_basis_of_the_flip() -> None:
    B = random_basis(3, seed=7)
    Q, R = np.linalg.qr(B)
    flip = np.diag([1.0, 1.0, -1.0])
    np.testing.assert_allclose(transform_in_basis(flip, Q), reflection_matrix(B), atol=1e-12)


# --- properties ---------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_a_reflection_is_its_own_inverse_with_determinant_minus_one(n: int, seed: int) -> None:
    B = random_basis(n, seed)
    T = reflection_matrix(B)
    np.testing.assert_allclose(T @ T, np.eye(n), atol=1e-12)
    np.testing.assert_allclose(T, T.T, atol=1e-12)
    assert np.linalg.det(T) == pytest.approx(-1.0, abs=1e-10)
    # The mirror's vectors stay where they are.
    np.testing.assert_allclose(T @ B[:, :-1], B[:, :-1], atol=1e-10 * np.abs(B).max())


# --- the bear -------------------------------------------------------------------------


def test_bear_parts_are_closed_polygons_right_of_the_origin() -> None:
    parts = bear()
    assert {"body", "head", "left eye", "right arm"} <= set(parts)
    for name, points in parts.items():
        assert points.ndim == 2 and points.shape[0] == 2 and points.shape[1] >= 3, name
        assert np.all(np.isfinite(points))
    assert min(p[0].min() for p in parts.values()) > 0.5
    # A fresh copy each time: changing one bear does not change the next.
    parts["body"][:] = 0
    assert bear()["body"].any()


def test_reflected_bear_keeps_its_size() -> None:
    T = reflection_matrix([[1, 0], [2, 1]])
    for points in bear().values():
        mirrored = T @ points
        np.testing.assert_allclose(
            np.linalg.norm(np.diff(mirrored, axis=1), axis=0),
            np.linalg.norm(np.diff(points, axis=1), axis=0),
        )


# --- bad input ----------------------------------------------------------------------


def test_bad_input_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="basis must have linearly independent columns"):
        reflection_matrix([[1, 2], [1, 2]])
    with pytest.raises(ValueError, match="basis must be a square matrix"):
        reflection_matrix(np.ones((3, 2)))
    with pytest.raises(ValueError, match="basis must contain only finite"):
        reflection_matrix([[1, np.nan], [0, 1]])
    with pytest.raises(TypeError, match="basis must be an array of real numbers"):
        reflection_matrix("mirror")
    with pytest.raises(ValueError, match="transform and basis must have the same shape"):
        transform_in_basis(np.eye(2), np.eye(3))
    with pytest.raises(ValueError, match="basis must have linearly independent columns"):
        transform_in_basis(np.eye(2), [[1, 1], [1, 1]])
    with pytest.raises(ValueError, match="overflows float64"):
        transform_in_basis([[1e308, 0], [0, -1e308]], [[1, 1], [0, 1]])
    with pytest.raises(ValueError, match="transform must be a square matrix"):
        transform_in_basis(np.ones((2, 3)), np.eye(2))


def test_the_characterisation_of_a_reflection() -> None:
    from mmlbook.linalg import is_reflection

    # -I3 is symmetric, squares to I and has det -1, yet flips every direction.
    minus_identity = -np.eye(3)
    assert np.allclose(minus_identity @ minus_identity, np.eye(3))
    assert np.linalg.det(minus_identity) == pytest.approx(-1.0)
    assert not is_reflection(minus_identity)
    assert not is_reflection(np.eye(3))             # no direction flipped
    assert not is_reflection([[0.0, -1.0], [1.0, 0.0]])  # a rotation
    assert not is_reflection([[1.0, 1.0], [0.0, -1.0]])  # oblique: T^2 = I, not symmetric
    assert is_reflection([[0.0, 1.0], [1.0, 0.0]])


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_every_reflection_matrix_is_a_reflection(n: int, seed: int) -> None:
    from mmlbook.linalg import is_reflection

    basis = np.random.default_rng(seed).standard_normal((n, n))
    assume(np.linalg.cond(basis) < 1e6)
    T = reflection_matrix(basis)
    assert is_reflection(T)
    # Two reflections in different mirrors make a rotation (det 1): not a reflection.
    other = reflection_matrix(np.random.default_rng(seed + 1).standard_normal((n, n)))
    assert not is_reflection(T @ other)
