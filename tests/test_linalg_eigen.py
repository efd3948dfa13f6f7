"""Tests of mmlbook.linalg.eigen: 2 x 2 eigenvalues and the power method."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mmlbook.linalg import eigenvalues_2x2, power_method


def test_the_special_cases_by_hand() -> None:
    np.testing.assert_allclose(eigenvalues_2x2([[2, 0], [0, 2]]), [2, 2])      # scaling
    np.testing.assert_allclose(eigenvalues_2x2([[1, 1], [0, 1]]), [1, 1])      # shear
    np.testing.assert_allclose(eigenvalues_2x2([[0, -1], [1, 0]]), [1j, -1j])  # rotation
    theta = 0.3
    R = [[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]]
    np.testing.assert_allclose(eigenvalues_2x2(R), [np.exp(1j * theta), np.exp(-1j * theta)])


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, (2, 2), elements=st.floats(-100, 100)))
def test_eigenvalues_2x2_match_numpy(A: np.ndarray) -> None:
    ours = eigenvalues_2x2(A)
    theirs = np.linalg.eigvals(A)
    order = lambda z: sorted(z, key=lambda w: (-w.real, -w.imag))  # noqa: E731
    scale = max(1.0, float(np.abs(A).max()))
    # Close eigenvalues are sensitive (a square-root's worth): compare loosely.
    np.testing.assert_allclose(order(ours), order(theirs), atol=1e-6 * scale)
    assert ours.sum() == pytest.approx(np.trace(A), abs=1e-9 * scale)


def test_power_method_against_numpy() -> None:
    rng = np.random.default_rng(1)
    Q, _ = np.linalg.qr(rng.standard_normal((6, 6)))
    A = Q @ np.diag([5.0, -3.0, 2.0, 1.0, 0.5, 0.0]) @ Q.T
    value, vector = power_method(A)
    assert value == pytest.approx(5.0, abs=1e-10)
    np.testing.assert_allclose(abs(vector @ Q[:, 0]), 1.0, atol=1e-10)
    # A non-symmetric matrix with a dominant real eigenvalue.
    B = np.array([[2.0, 1.0], [0.5, 1.5]])
    value, vector = power_method(B)
    assert value == pytest.approx(2.5, abs=1e-10)
    np.testing.assert_allclose(vector, np.array([2.0, 1.0]) / np.sqrt(5), atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_power_method_finds_an_eigenpair(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n))
    A = A + A.T  # symmetric: real eigenvalues
    values = np.linalg.eigvalsh(A)
    top = np.sort(np.abs(values))
    assume(n == 1 or top[-1] > 1.05 * top[-2])
    value, vector = power_method(A)
    np.testing.assert_allclose(A @ vector, value * vector, atol=1e-9 * np.abs(A).max())
    assert abs(value) == pytest.approx(top[-1], rel=1e-9)


def test_no_dominant_eigenvalue_is_reported() -> None:
    with pytest.raises(RuntimeError, match="did not converge"):
        power_method([[0, -1], [1, 0]], max_iter=500)
    with pytest.raises(RuntimeError, match="did not converge"):
        power_method([[1, 0], [0, -1]], max_iter=500)


def test_bad_input_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="A must be a 2 × 2 matrix"):
        eigenvalues_2x2(np.eye(3))
    with pytest.raises(ValueError, match="A must be a square matrix"):
        power_method(np.ones((2, 3)))
    with pytest.raises(ValueError, match="tol must be > 0"):
        power_method(np.eye(2), tol=0.0)
    with pytest.raises(TypeError, match="max_iter must be an integer"):
        power_method(np.eye(2), max_iter=1.5)
