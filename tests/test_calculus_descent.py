"""Tests of mmlbook.calculus.descent: step rules, the descent driver, minima, momentum."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import minimize

from mmlbook.calculus import (
    STOP_REASONS,
    Pit,
    descend,
    gradient_flow,
    hybrid_step,
    intro_pit,
    local_minima,
    momentum_descent,
    newton_step,
    random_pit,
    steepest_descent_step,
)

vector = arrays(np.float64, 3, elements=st.floats(-10, 10))
coordinate = st.floats(0.0, 6.0, allow_nan=False)


def bowl(centre):
    """A pit with no bumps: its lowest point on the square is ``centre`` clipped to it."""
    return Pit(centre=centre, bowl=0.15, heights=[], centres=np.empty((0, 2)), widths=[])


@settings(max_examples=50, deadline=None)
@given(vector, arrays(np.float64, (3, 3), elements=st.floats(-3, 3)), vector)
def test_newton_lands_on_a_quadratics_stationary_point_in_one_step(x0, B, centre):
    # f(x) = ½ (x − c)ᵀ A (x − c) with A positive definite: J = A(x − c), H = A.
    A = B @ B.T + np.eye(3)
    step = newton_step(A @ (x0 - centre), A)
    np.testing.assert_allclose(x0 + step, centre, atol=1e-8 * (1 + np.abs(centre).max()))


def test_newton_on_a_bowl_pit_lands_in_one_step():
    pit = random_pit(4, n_wells=0, n_rocks=0)
    walk = descend(pit, [0.5, 5.5], method="newton")
    np.testing.assert_allclose(walk.path[1], pit.centre, atol=1e-12)
    assert walk.steps == 1 and walk.reason == "converged" and walk.kind == "minimum"


def test_steepest_step_is_minus_learning_rate_times_J():
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
    step = hybrid_step(J, H, max_step=2.0, learning_rate=0.5)
    steepest = -0.5 * J
    assert J @ step <= 1e-12
    if not np.allclose(step, steepest):
        assert np.linalg.norm(step) <= 2.0 + 1e-12
        np.testing.assert_allclose(
            H @ step, -J, atol=1e-8 * (1 + np.abs(H).max() * np.abs(step).max())
        )


def test_hybrid_refuses_long_and_uphill_newton_steps():
    assert np.allclose(hybrid_step([1.0, 0.0], -np.eye(2), learning_rate=0.2), [-0.2, 0.0])
    assert np.allclose(
        hybrid_step([10.0, 0.0], np.eye(2), max_step=2.0, learning_rate=0.2), [-2.0, 0.0]
    )
    assert np.allclose(hybrid_step([1.0, 0.0], np.zeros((2, 2)), learning_rate=0.3), [-0.3, 0.0])
    assert np.allclose(hybrid_step([1.0, 0.0], 4 * np.eye(2)), [-0.25, 0.0])


@pytest.mark.parametrize("scale", [2.0**-1000, 2.0**-500, 2.0**500, 2.0**1000])
def test_the_hybrid_step_scales_with_j_and_max_step(scale):
    # J and max_step in another unit, H fixed: both candidate steps scale with J, and the
    # rule's choice (downhill, short enough) does not change; the products J·s and |s|²
    # would overflow or underflow here if taken as they are.
    H = np.array([[2.0, 0.0], [0.0, 3.0]])
    for J, expected in (([1.0, 0.5], [-0.5, -1 / 6]), ([10.0, 0.0], [-5.0, 0.0])):
        step = hybrid_step(np.array(J) * scale, H, max_step=2.0 * scale)
        np.testing.assert_allclose(step / scale, expected, rtol=1e-14)


def test_a_newton_step_beyond_the_range_of_floats_is_refused_and_the_hybrid_falls_back():
    H = 1e-300 * np.eye(2)
    with pytest.raises(ValueError, match="the Newton step is beyond the range of float64"):
        newton_step([1e10, 0.0], H)
    np.testing.assert_allclose(hybrid_step([1e10, 0.0], H, learning_rate=0.5), [-5e9, 0.0])
    # A tiny H whose Newton step is a float: the step is long, so steepest descent is taken.
    np.testing.assert_allclose(hybrid_step([1.0, 0.0], 1e-300 * np.eye(2)), [-0.5, 0.0])


def test_descent_on_the_intro_pit():
    pit = intro_pit()
    deepest = pit.deepest_point()
    for method in ("steepest", "hybrid"):
        walk = descend(pit, [2.0, 2.0], method, learning_rate=0.05)
        assert walk.reason == "converged" and walk.kind == "minimum"
        np.testing.assert_allclose(walk.end, deepest, atol=1e-5)
    # Newton from here is drawn to the dome's top: it finds a stationary point, not the phone.
    top = descend(pit, [2.0, 2.0], "newton")
    assert top.reason == "converged" and top.kind == "maximum"
    assert np.linalg.norm(pit.gradient(*top.end)) < 1e-6
    assert np.linalg.eigvalsh(pit.hessian(*top.end)).max() < 0


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), coordinate, coordinate, st.sampled_from([0.05, 0.5, 5.0]))
def test_the_hybrid_walk_never_climbs_and_stays_in_the_pit(seed, x, y, learning_rate):
    pit = random_pit(seed)
    walk = descend(pit, [x, y], "hybrid", learning_rate=learning_rate, max_steps=60)
    heights = pit(walk.path[:, 0], walk.path[:, 1])
    assert np.all(np.diff(heights) <= 0)
    assert np.all((walk.path >= 0) & (walk.path <= pit.size))
    assert walk.reason in STOP_REASONS


def test_a_walk_slides_along_the_wall_to_the_lowest_point_on_it():
    # The bowl's centre (8, 3) lies outside the pit: its lowest point inside is (6, 3).
    walk = descend(bowl((8.0, 3.0)), [1.0, 1.0], "steepest", learning_rate=0.5, max_steps=500)
    assert walk.reason == "converged" and walk.kind == "constrained minimum"
    np.testing.assert_allclose(walk.end, [6.0, 3.0], atol=1e-5)
    on_wall = np.isclose(walk.path[:, 0], 6.0)
    assert on_wall.sum() > 2, "the walk went on along the wall after touching it"
    corner = descend(bowl((8.0, -2.0)), [1.0, 5.0], "hybrid")
    assert corner.kind == "constrained minimum"
    np.testing.assert_allclose(corner.end, [6.0, 0.0])


def test_where_a_walk_ends_scipy_finds_no_lower_point_nearby():
    # An independent check of "converged at a (constrained) minimum": L-BFGS-B with bounds,
    # started at the walk's end, stays there.
    for seed in range(4):
        pit = random_pit(seed)
        for start in ([0.5, 0.5], [5.5, 3.0], [3.0, 5.9]):
            walk = descend(pit, start, "hybrid", learning_rate=0.2, max_steps=300)
            assert walk.reason == "converged"
            if "minimum" not in walk.kind:
                continue
            polished = minimize(
                lambda p, pit=pit: float(pit(*p)), walk.end,
                jac=lambda p, pit=pit: pit.gradient(*p),
                bounds=[(0, pit.size)] * 2, method="L-BFGS-B",
            ).x
            np.testing.assert_allclose(polished, walk.end, atol=1e-4)


def test_the_step_limit_and_a_step_rule_that_stands_still():
    walk = descend(intro_pit(), [3.0, 3.0], "steepest", learning_rate=1e-4, max_steps=3)
    assert walk.reason == "step limit" and walk.kind is None and walk.steps == 3
    still = descend(intro_pit(), [3.0, 3.0], lambda f, J, H: np.zeros(2))
    assert still.reason == "stalled" and still.steps == 0


def test_a_learners_step_rule_gets_the_height_jacobian_and_hessian():
    pit = random_pit(6)
    seen = []

    def next_step(f, J, H):
        seen.append((f, J.copy(), H.copy()))
        return -0.1 * J

    ours = descend(pit, [2.0, 3.0], next_step, max_steps=20)
    builtin = descend(pit, [2.0, 3.0], "steepest", learning_rate=0.1, max_steps=20)
    np.testing.assert_array_equal(ours.path, builtin.path)
    f, J, H = seen[0]
    assert f == pytest.approx(float(pit(2.0, 3.0)))
    np.testing.assert_allclose(J, pit.gradient(2.0, 3.0))
    np.testing.assert_allclose(H, pit.hessian(2.0, 3.0))


def test_the_gradient_flow_follows_minus_J_and_slides_along_walls():
    pit = intro_pit()
    starts = np.array([[2.0, 3.0], [5.5, 5.5], [0.5, 5.5]])
    paths = gradient_flow(pit, starts, step=0.01, n_steps=2000)
    assert paths.shape == (2001, 3, 2)
    np.testing.assert_allclose(paths[1], np.clip(starts - 0.01 * pit.gradient(*starts.T), 0, 6))
    np.testing.assert_allclose(paths[-1], [pit.deepest_point(), [6.0, 6.0], [0.0, 6.0]],
                               atol=1e-5)
    assert np.all((paths >= 0) & (paths <= 6))
    heights = pit(paths[..., 0], paths[..., 1])
    assert np.all(np.diff(heights, axis=0) <= 1e-12)
    # A path from one start is the same walk as steepest descent with that small step.
    walk = descend(pit, starts[0], "steepest", learning_rate=0.01, max_steps=50, tol=0.0)
    np.testing.assert_allclose(walk.path, paths[:51, 0])


def test_local_minima_of_the_intro_pit_are_the_well_and_four_corners():
    minima = local_minima(intro_pit())
    assert [m.kind for m in minima] == ["minimum"] + ["constrained minimum"] * 4
    np.testing.assert_allclose(minima[0].point, intro_pit().deepest_point(), atol=1e-5)
    corners = sorted(tuple(m.point) for m in minima[1:])
    assert corners == [(0.0, 0.0), (0.0, 6.0), (6.0, 0.0), (6.0, 6.0)]
    assert [m.height for m in minima] == sorted(m.height for m in minima)


def test_momentum_zero_is_steepest_descent_on_a_quadratic():
    # On f = (x² + 10 y²)/2 each coordinate shrinks by (1 − γλ) a step.
    walk = momentum_descent(lambda r: r * [1.0, 10.0], [1.0, 1.0], learning_rate=0.05,
                            max_steps=5, tol=0.0)
    k = np.arange(6)
    np.testing.assert_allclose(walk, np.column_stack([0.95**k, 0.5**k]))


def test_momentum_speeds_up_an_ill_conditioned_valley():
    curvature = np.array([1.0, 100.0])
    gradient = lambda r: r * curvature  # noqa: E731
    plain = momentum_descent(gradient, [1.0, 1.0], learning_rate=0.0198, max_steps=5000)
    # The heavy ball's classical best setting for curvatures between 1 and 100.
    ball = momentum_descent(gradient, [1.0, 1.0], learning_rate=4 / 121, momentum=(9 / 11) ** 2,
                            max_steps=5000)
    assert len(ball) * 5 < len(plain)


def test_a_diverging_walk_stops_before_overflowing():
    walk = momentum_descent(lambda r: 3.0 * r, [1.0], learning_rate=1.0, max_steps=10_000)
    assert np.all(np.isfinite(walk)) and len(walk) < 10_001


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: steepest_descent_step([1.0], learning_rate=0),
            ValueError,
            "learning_rate must be >",
        ),
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
        (lambda: descend(intro_pit(), [1, 1], learning_rate=-1), ValueError, "learning_rate"),
        (
            lambda: descend(intro_pit(), [1, 1], max_steps=0),
            ValueError,
            "max_steps must be at least 1",
        ),
        (
            lambda: descend(intro_pit(), [1, 1], lambda f, J, H: [1.0, 2.0, 3.0]),
            ValueError,
            r"next_step must return a step of shape \(2,\)",
        ),
        (
            lambda: descend(intro_pit(), [1, 1], lambda f, J, H: [np.nan, 0.0]),
            ValueError,
            "the step next_step returned must contain only finite",
        ),
        (lambda: local_minima("pit"), TypeError, "pit must be a Pit"),
        (lambda: gradient_flow(intro_pit(), [[1.0, 7.0]]), ValueError, "starts must lie inside"),
        (lambda: gradient_flow(intro_pit(), [[1.0]]), ValueError, r"starts must have shape"),
        (lambda: gradient_flow(intro_pit(), [[1.0, 1.0]], step=2.0), ValueError, "step must be"),
        (lambda: momentum_descent(3, [1.0], learning_rate=0.1), TypeError, "gradient must be"),
        (
            lambda: momentum_descent(lambda r: r, [1.0], learning_rate=0.1, momentum=1.0),
            ValueError,
            "momentum must be <",
        ),
        (
            lambda: momentum_descent(lambda r: r[:1], [1.0, 2.0], learning_rate=0.1),
            ValueError,
            r"gradient must return an array of the shape of start, \(2,\)",
        ),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
