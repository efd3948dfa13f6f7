"""Tests of mmlbook.calculus.descent: step rules and the descent driver."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mmlbook.calculus import (
    descend,
    hybrid_step,
    intro_pit,
    newton_step,
    random_pit,
    steepest_descent_step,
)

vector = arrays(np.float64, 3, elements=st.floats(-10, 10))


@settings(max_examples=50, deadline=None)
@given(vector, arrays(np.float64, (3, 3), elements=st.floats(-3, 3)), vector)
def test_newton_lands_on_a_quadratics_stationary_point_in_one_step(x0, B, centre):
    # f(x) = ½ (x − c)ᵀ A (x − c) with A positive definite: J = A(x − c), H = A.
    A = B @ B.T + np.eye(3)
    step = newton_step(A @ (x0 - centre), A)
    np.testing.assert_allclose(x0 + step, centre, atol=1e-8 * (1 + np.abs(centre).max()))


def test_newton_on_a_bowl_pit_lands_in_one_step():
    pit = random_pit(4, n_wells=0, n_rocks=0)
    path = descend(pit, [0.5, 5.5], method="newton")
    np.testing.assert_allclose(path[1], pit.centre, atol=1e-12)
    assert len(path) == 2


def test_steepest_step_is_minus_gamma_J():
    np.testing.assert_allclose(steepest_descent_step([1.0, -2.0], 0.1), [-0.1, 0.2])


def test_newton_step_matches_numpy_solve():
    J, H = np.array([1.0, 2.0]), np.array([[3.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(newton_step(J, H), -np.linalg.solve(H, J))


@settings(max_examples=50, deadline=None)
@given(
    arrays(np.float64, 2, elements=st.floats(-5, 5)),
    arrays(np.float64, (2, 2), elements=st.floats(-3, 3)),
)
def test_hybrid_step_is_newton_or_steepest_and_never_uphill(J, B):
    H = B + B.T
    step = hybrid_step(J, H, max_step=2.0, gamma=0.5)
    steepest = -0.5 * J
    assert J @ step <= 1e-12
    if not np.allclose(step, steepest):
        assert np.linalg.norm(step) <= 2.0 + 1e-12
        np.testing.assert_allclose(
            H @ step, -J, atol=1e-8 * (1 + np.abs(H).max() * np.abs(step).max())
        )


def test_hybrid_refuses_long_and_uphill_newton_steps():
    assert np.allclose(hybrid_step([1.0, 0.0], -np.eye(2), gamma=0.2), [-0.2, 0.0])
    assert np.allclose(hybrid_step([10.0, 0.0], np.eye(2), max_step=2.0, gamma=0.2), [-2.0, 0.0])
    assert np.allclose(hybrid_step([1.0, 0.0], [[0.0, 0.0], [0.0, 0.0]], gamma=0.3), [-0.3, 0.0])
    assert np.allclose(hybrid_step([1.0, 0.0], 4 * np.eye(2)), [-0.25, 0.0])


def test_descent_on_the_intro_pit():
    pit = intro_pit()
    deepest = pit.deepest_point()
    for method in ("steepest", "hybrid"):
        path = descend(pit, [2.0, 2.0], method, gamma=0.05)
        np.testing.assert_allclose(path[-1], deepest, atol=1e-6)
        assert np.all(np.diff(pit(path[:, 0], path[:, 1])) <= 1e-12)
    # Newton from here is drawn to the dome's top: it finds a stationary point, not the phone.
    top = descend(pit, [2.0, 2.0], "newton")[-1]
    assert np.linalg.norm(pit.gradient(*top)) < 1e-8
    assert np.linalg.eigvalsh(pit.hessian(*top)).max() < 0


def test_descent_stops_at_the_wall():
    path = descend(intro_pit(), [2.0, 2.0], "steepest", gamma=0.5)
    assert np.all((path >= 0) & (path <= 6))
    assert np.isclose(path[-1].min(), 0.0) or np.isclose(path[-1].max(), 6.0)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: steepest_descent_step([1.0], gamma=0), ValueError, "gamma must be >"),
        (lambda: steepest_descent_step([[1.0]]), ValueError, "J must be a 1-D"),
        (lambda: newton_step([1.0, 2.0], np.eye(3)), ValueError, r"H must have shape \(2, 2\)"),
        (lambda: newton_step([1.0, 2.0], np.zeros((2, 2))), ValueError, "H is singular"),
        (lambda: newton_step([1.0, np.inf], np.eye(2)), ValueError, "J must contain only finite"),
        (lambda: hybrid_step([1.0], [[1.0]], max_step=-1), ValueError, "max_step must be >"),
        (lambda: hybrid_step("a", [[1.0]]), TypeError, "J must be an array of real"),
        (lambda: descend("pit", [1, 1]), TypeError, "pit must be a Pit"),
        (lambda: descend(intro_pit(), [1, 1], "adam"), ValueError, "method must be one of"),
        (lambda: descend(intro_pit(), [1, 7]), ValueError, "start must lie inside"),
        (lambda: descend(intro_pit(), [1, 1, 1]), ValueError, r"start must have shape \(2,\)"),
        (
            lambda: descend(intro_pit(), [1, 1], max_steps=0),
            ValueError,
            "max_steps must be at least 1",
        ),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
