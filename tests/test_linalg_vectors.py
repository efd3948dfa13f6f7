"""Tests of mmlbook.linalg.vectors: scalar projections and coordinates by projection."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mmlbook.linalg import coordinates_in_basis, scalar_projection


def test_by_hand() -> None:
    assert scalar_projection([3, 4], [1, 0]) == 3.0
    assert scalar_projection([3, 4], [0, -2]) == -4.0
    # r = (3, 4) in b1 = (2, 1), b2 = (-2, 4): (10/5, 10/20).
    np.testing.assert_allclose(coordinates_in_basis([3, 4], [[2, -2], [1, 4]]), [2.0, 0.5])


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_coordinates_rebuild_the_vector_and_match_numpy_solve(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.standard_normal((n, n)))
    B = Q * rng.uniform(0.1, 10.0, size=n)  # orthogonal, not orthonormal
    x = rng.standard_normal(n)
    c = coordinates_in_basis(x, B)
    np.testing.assert_allclose(B @ c, x, atol=1e-10)
    np.testing.assert_allclose(c, np.linalg.solve(B, x), rtol=1e-8, atol=1e-10)


vectors = st.integers(1, 6).flatmap(
    lambda n: st.tuples(*[arrays(np.float64, n, elements=st.floats(-1e3, 1e3)) for _ in "xb"])
)


@settings(max_examples=80, deadline=None)
@given(vectors)
def test_scalar_projection_is_length_times_cosine(pair) -> None:
    x, b = pair
    assume(np.linalg.norm(b) > 1e-6)
    p = scalar_projection(x, b)
    assert abs(p) <= np.linalg.norm(x) * (1 + 1e-12) + 1e-12
    assert p == pytest.approx(x @ b / np.linalg.norm(b), rel=1e-9, abs=1e-9)
    # Scaling b by a positive number does not change the shadow's length.
    assert scalar_projection(x, 3.0 * b) == pytest.approx(p, rel=1e-9, abs=1e-9)


def test_bad_input_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="b must not be the zero vector"):
        scalar_projection([1, 2], [0, 0])
    with pytest.raises(ValueError, match="x and b must have the same length"):
        scalar_projection([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="columns 0 and 1 are not orthogonal"):
        coordinates_in_basis([1, 2], [[1, 1], [0, 1]])
    with pytest.raises(ValueError, match="basis column 1 is the zero vector"):
        coordinates_in_basis([1, 2], [[1, 0], [0, 0]])
    with pytest.raises(ValueError, match="x has 2 entries, so basis must hold 2 vectors"):
        coordinates_in_basis([1, 2], np.eye(3))
    with pytest.raises(TypeError, match="x must be an array of real numbers"):
        scalar_projection(["a", "b"], [1, 2])
