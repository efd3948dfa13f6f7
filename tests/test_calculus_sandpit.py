"""Tests of mmlbook.calculus.sandpit: pits, finite differences, stationary points."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import approx_fprime, minimize

from mmlbook.calculus import (
    Pit,
    classify_stationary_point,
    find_stationary_points,
    grid_probes,
    intro_pit,
    numeric_gradient,
    numeric_hessian,
    numeric_jacobian,
    random_pit,
    random_probes,
)

coordinate = st.floats(0.0, 6.0, allow_nan=False)


def intro_formula(x, y):
    return -((x - 4.1) ** 2 + (y - 0.9) ** 2) - 30 * np.exp(
        -((x - 1.5) ** 2 + (y - 3.7) ** 2) / 2.8
    )


def intro_gradient_formula(x, y):
    e = np.exp(-((x - 1.5) ** 2 + (y - 3.7) ** 2) / 2.8)
    return np.array(
        [-2 * (x - 4.1) + 60 / 2.8 * (x - 1.5) * e, -2 * (y - 0.9) + 60 / 2.8 * (y - 3.7) * e]
    )


def test_intro_pit_matches_the_chapters_formula():
    x, y = np.meshgrid(np.linspace(0, 6, 7), np.linspace(0, 6, 5))
    np.testing.assert_allclose(intro_pit()(x, y), intro_formula(x, y), rtol=1e-13)


@settings(max_examples=40, deadline=None)
@given(coordinate, coordinate)
def test_intro_gradient_matches_hand_derivative(x, y):
    np.testing.assert_allclose(
        intro_pit().gradient(x, y), intro_gradient_formula(x, y), rtol=1e-10, atol=1e-10
    )


def test_intro_deepest_point_is_where_the_issue_says():
    point = intro_pit().deepest_point()
    np.testing.assert_allclose(point, [1.21, 4.01], atol=0.01)
    reference = minimize(lambda p: intro_formula(*p), [1.0, 4.0], bounds=[(0, 6)] * 2)
    np.testing.assert_allclose(point, reference.x, atol=1e-5)


def test_quadratic_pit_has_constant_hessian():
    pit = random_pit(seed=1, n_wells=0, n_rocks=0)
    H = pit.hessian(np.array([0.5, 3.0]), np.array([2.0, 5.0]))
    np.testing.assert_allclose(H, np.broadcast_to(2 * pit.bowl * np.eye(2), (2, 2, 2)))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), coordinate, coordinate)
def test_random_pit_gradient_and_hessian_agree_with_scipy_and_differences(seed, x, y):
    pit = random_pit(seed)
    f = lambda p: float(pit(p[0], p[1]))  # noqa: E731
    p = np.array([x, y])
    grad = pit.gradient(x, y)
    np.testing.assert_allclose(
        grad, approx_fprime(p, f, 1e-7), atol=1e-4 * (1 + np.abs(grad).max())
    )
    np.testing.assert_allclose(grad, numeric_gradient(f, p), atol=1e-5 * (1 + np.abs(grad).max()))
    H = pit.hessian(x, y)
    np.testing.assert_allclose(H, H.T)
    np.testing.assert_allclose(H, numeric_hessian(f, p), atol=2e-3 * (1 + np.abs(H).max()))


def test_vectorised_evaluation_matches_pointwise():
    pit = random_pit(5)
    xs, ys = random_probes(20, seed=2).T
    heights = pit(xs, ys)
    assert heights.shape == (20,)
    np.testing.assert_allclose(heights, [pit(a, b) for a, b in zip(xs, ys, strict=True)])
    assert pit.gradient(xs, ys).shape == (20, 2)
    assert pit.hessian(xs[:, None], ys[None, :]).shape == (20, 20, 2, 2)


def test_random_pit_is_reproducible_and_seeds_differ():
    a, b = random_pit(7), random_pit(7)
    for field in ("heights", "centres", "widths"):
        np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
    assert a.centre == b.centre
    assert not np.array_equal(random_pit(7).centres, random_pit(8).centres)
    rng = np.random.default_rng(3)
    assert isinstance(random_pit(rng), Pit)


def test_narrow_well_is_narrow_and_deep():
    pit = random_pit(0, n_wells=3, n_rocks=1)
    assert pit.widths[2] < 0.1 and pit.heights[2] < -9
    assert pit.heights[3] > 0


def test_probes():
    g = grid_probes(3, size=6.0)
    np.testing.assert_allclose(np.unique(g[:, 0]), [1.0, 3.0, 5.0])
    r = random_probes(1000, seed=0)
    assert r.shape == (1000, 2) and r.min() >= 0 and r.max() <= 6
    np.testing.assert_array_equal(r, random_probes(1000, seed=0))


def test_numeric_derivatives_of_a_polynomial():
    f = lambda p: p[0] ** 3 + p[0] * p[1] ** 2  # noqa: E731
    np.testing.assert_allclose(numeric_gradient(f, [1.0, 2.0]), [7.0, 4.0], atol=1e-6)
    np.testing.assert_allclose(numeric_hessian(f, [1.0, 2.0]), [[6.0, 4.0], [4.0, 2.0]], atol=1e-5)


@pytest.mark.parametrize(
    ("H", "kind"),
    [
        ([[2, 0], [0, 3]], "minimum"),
        ([[-2, 1], [1, -2]], "maximum"),
        ([[1, 2], [2, 1]], "saddle"),
        ([[1, 0], [0, 0]], "degenerate"),
        ([[0.0]], "degenerate"),
    ],
)
def test_classify(H, kind):
    assert classify_stationary_point(H) == kind


@settings(max_examples=60, deadline=None)
@given(
    # Entries of a few digits, so that scaling by 10⁻¹² underflows nothing.
    arrays(np.float64, (3, 3), elements=st.integers(-50, 50).map(lambda k: k / 10)),
    st.floats(-12, 12),
)
def test_classification_does_not_depend_on_units(B, exponent):
    # Measuring f (or every coordinate) in other units multiplies H by a positive constant.
    H = B + B.T
    assert classify_stationary_point(10.0**exponent * H) == classify_stationary_point(H)


def test_a_small_hessian_is_not_mistaken_for_zero():
    assert classify_stationary_point(1e-9 * np.array([[2.0, 0.0], [0.0, 1.0]])) == "minimum"
    assert classify_stationary_point(np.zeros((2, 2))) == "degenerate"
    assert classify_stationary_point([[1.0, 0.0], [0.0, 1e-12]]) == "degenerate"


def test_numeric_jacobian_of_the_polar_map():
    def polar(q):
        return np.array([q[0] * np.cos(q[1]), q[0] * np.sin(q[1])])

    r, theta = 2.0, 0.7
    exact = np.array([[np.cos(theta), -r * np.sin(theta)], [np.sin(theta), r * np.cos(theta)]])
    np.testing.assert_allclose(numeric_jacobian(polar, [r, theta]), exact, atol=1e-8)
    assert np.linalg.det(exact) == pytest.approx(r)
    # A scalar function's Jacobian is the row of its partial derivatives.
    row = numeric_jacobian(lambda p: p[0] ** 2 * p[1], [1.0, 3.0])
    np.testing.assert_allclose(row, [[6.0, 1.0]], atol=1e-8)


def test_a_pit_refuses_a_bad_shape_of_sand():
    good = dict(centre=(3.0, 3.0), bowl=1.0, heights=[-2.0], centres=[[1.0, 1.0]], widths=[0.5])
    pit = Pit(**good)
    assert pit.heights.flags.writeable is False and isinstance(pit.centre[0], float)
    for change, error, message in [
        ({"widths": [-0.5]}, ValueError, "widths must be positive"),
        ({"widths": [0.0]}, ValueError, "widths must be positive"),
        ({"size": 0.0}, ValueError, "size must be >"),
        ({"size": -6.0}, ValueError, "size must be >"),
        ({"widths": [0.5, 1.0]}, ValueError, r"widths must have shape \(1,\)"),
        ({"centres": [[1.0, 1.0], [2.0, 2.0]]}, ValueError, r"centres must have shape \(1, 2\)"),
        ({"centre": (1.0, 2.0, 3.0)}, ValueError, "centre must hold two coordinates"),
        ({"heights": [-2.0 + 1j]}, TypeError, "heights must be an array of real"),
        ({"bowl": 1j}, TypeError, "bowl must be a real number"),
        ({"bowl": np.nan}, ValueError, "bowl must be finite"),
        ({"centres": [[1.0, np.inf]]}, ValueError, "centres must contain only finite"),
        ({"size": "6"}, TypeError, "size must be a real number"),
    ]:
        with pytest.raises(error, match=message):
            Pit(**{**good, **change})


def test_stationary_points_of_intro_pit():
    points = find_stationary_points(intro_pit())
    assert [p.kind for p in points] == ["minimum", "saddle", "maximum"]
    for p in points:
        np.testing.assert_allclose(intro_pit().gradient(*p.point), 0, atol=1e-9)
    np.testing.assert_allclose(points[0].point, intro_pit().deepest_point(), atol=1e-6)


def test_stationary_points_are_stationary_and_classified_by_eigenvalues():
    pit = random_pit(2)
    points = find_stationary_points(pit)
    assert len(points) >= 3
    for p in points:
        assert np.linalg.norm(pit.gradient(*p.point)) < 1e-8
        eig = np.linalg.eigvalsh(pit.hessian(*p.point))
        expected = {(True, True): "minimum", (False, False): "maximum"}.get(
            (bool(eig[0] > 0), bool(eig[1] > 0)), "saddle"
        )
        assert p.kind == expected
    heights = [p.height for p in points]
    assert heights == sorted(heights)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: intro_pit()("a", 1.0), TypeError, "x must be an array of real numbers"),
        (lambda: intro_pit()(np.nan, 1.0), ValueError, "x must contain only finite"),
        (lambda: intro_pit()(1e200, 1.0), ValueError, "x and y are too large"),
        (lambda: random_pit(1).hessian(1.0, 1e170), ValueError, "x and y are too large"),
        (lambda: intro_pit().gradient([1.0, 2.0], [1.0, 2.0, 3.0]), ValueError, "broadcastable"),
        (lambda: intro_pit().deepest_point(1), ValueError, "resolution must be at least 2"),
        (lambda: random_pit(1.5), TypeError, "seed must be an integer seed"),
        (lambda: random_pit(-1), ValueError, "seed must be a non-negative seed"),
        (lambda: random_pit(0, n_wells=-1), ValueError, "n_wells must be between"),
        (lambda: random_pit(0, n_rocks=2.0), TypeError, "n_rocks must be an integer"),
        (lambda: random_probes(0, seed=0), ValueError, "n must be at least 1"),
        (lambda: grid_probes(3, size=-1.0), ValueError, "size must be >"),
        (lambda: numeric_gradient(3, [1.0]), TypeError, "f must be callable"),
        (lambda: numeric_gradient(lambda p: p, [1.0, 2.0]), ValueError, "single number"),
        (lambda: numeric_gradient(lambda p: p[0] * np.inf, [1.0]), ValueError, "non-finite"),
        (lambda: numeric_hessian(lambda p: p[0], [[1.0]]), ValueError, "point must be a 1-D"),
        (lambda: numeric_hessian(lambda p: p[0], [1.0], step=0), ValueError, "step must be >"),
        (lambda: numeric_hessian(lambda p: p[0], [1.0], step=1e-200), ValueError,
         "step must be between 1e-150 and 1e\\+150"),
        (lambda: numeric_hessian(lambda p: p[0], [1.0], step=1e200), ValueError,
         "step must be between 1e-150 and 1e\\+150"),
        (lambda: numeric_gradient(lambda p: p @ p, [1.0, 2.0], step=1e300), ValueError,
         "non-finite value inf at .*, a step of 1e\\+300 from point"),
        (lambda: numeric_hessian(lambda p: p @ p, [1e300, 2.0]), ValueError,
         "f returned a non-finite value inf"),
        (lambda: classify_stationary_point([[1, 2], [0, 1]]), ValueError, "symmetric"),
        (lambda: classify_stationary_point([[1, 2]]), ValueError, "square"),
        (lambda: find_stationary_points("pit"), TypeError, "pit must be a Pit"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
