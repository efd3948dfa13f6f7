"""Tests of mmlbook.calculus.derivatives: forward and central difference quotients."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook.calculus import SCHEMES, best_step, derivative, numeric_gradient

EPS = np.finfo(float).eps

#: Functions with their analytic derivatives, the rules of the chapter.
ANALYTIC = [
    (np.exp, np.exp),
    (np.sin, np.cos),
    (np.cos, lambda x: -np.sin(x)),
    (lambda x: 1 / x, lambda x: -1 / x**2),
    (lambda x: x**5 - 2 * x, lambda x: 5 * x**4 - 2),
    (lambda x: x**2 * np.sin(x), lambda x: 2 * x * np.sin(x) + x**2 * np.cos(x)),
    (lambda x: np.exp(np.sin(x)), lambda x: np.cos(x) * np.exp(np.sin(x))),
    (lambda x: np.sin(x) / x, lambda x: (x * np.cos(x) - np.sin(x)) / x**2),
]
POINTS = np.array([0.5, 1.0, 2.0, 3.7])


def test_by_hand_on_a_parabola():
    # (x + h)² − x² = 2xh + h²: the forward quotient is 2x + h, the central one 2x exactly.
    assert derivative(lambda x: x**2, 3.0, step=0.5, scheme="forward") == 6.5
    assert derivative(lambda x: x**2, 3.0, step=0.5, scheme="central") == 6.0
    np.testing.assert_allclose(
        derivative(lambda x: x**2, [1.0, -2.0], step=0.25, scheme="forward"), [2.25, -3.75]
    )


def test_shape_follows_x():
    assert derivative(np.sin, 1.0).shape == ()
    assert derivative(np.sin, np.zeros((2, 3))).shape == (2, 3)
    assert derivative(np.sin, []).shape == (0,)
    np.testing.assert_array_equal(
        derivative(lambda x: np.full_like(x, 3.0), [1.0, 2.0]), [0.0, 0.0]
    )


@pytest.mark.parametrize(("f", "df"), ANALYTIC)
@pytest.mark.parametrize(("scheme", "tol"), [("forward", 1e-6), ("central", 1e-9)])
def test_against_analytic_derivatives_at_the_default_step(f, df, scheme, tol):
    np.testing.assert_allclose(derivative(f, POINTS, scheme=scheme), df(POINTS), rtol=tol, atol=tol)


@pytest.mark.parametrize(("f", "df"), ANALYTIC)
def test_against_the_complex_step(f, df):
    # Im f(x + ih) / h has no subtraction, hence no cancellation: at h = 1e-20 it is f'(x)
    # to round-off for these analytic functions (a reference scipy 1.14, the oldest
    # supported, has; scipy.differentiate is 1.15 and later).
    reference = f(POINTS + 1e-20j).imag / 1e-20
    np.testing.assert_allclose(reference, df(POINTS), rtol=1e-14)
    np.testing.assert_allclose(derivative(f, POINTS), reference, rtol=1e-9, atol=1e-9)


def test_against_numpy_gradient_on_a_grid():
    # numpy.gradient uses the central quotient inside the grid, with the grid spacing as h.
    grid = np.linspace(0.0, 2.0, 41)
    h = grid[1] - grid[0]
    inner = derivative(np.exp, grid[1:-1], step=h)
    np.testing.assert_allclose(inner, np.gradient(np.exp(grid), h)[1:-1], rtol=1e-12)


def _log_log_slope(f, df, x, scheme, steps):
    errors = [float(np.abs(derivative(f, x, step=h, scheme=scheme) - df(x))) for h in steps]
    return np.polyfit(np.log(steps), np.log(errors), 1)[0]


@pytest.mark.parametrize(("f", "df"), ANALYTIC[:4] + ANALYTIC[5:7])
@pytest.mark.parametrize("scheme", ["forward", "central"])
def test_truncation_error_falls_as_the_power_of_h_the_scheme_promises(f, df, scheme):
    # Steps where truncation dominates rounding by orders of magnitude.
    steps = np.geomspace(1e-4, 1e-2, 9) if scheme == "forward" else np.geomspace(1e-3, 3e-2, 9)
    slope = _log_log_slope(f, df, 1.3, scheme, steps)
    assert slope == pytest.approx(SCHEMES[scheme], abs=0.05)


@pytest.mark.parametrize("scheme", ["forward", "central"])
def test_rounding_error_grows_as_one_over_h(scheme):
    steps = np.geomspace(1e-14, 1e-11, 16)
    slope = _log_log_slope(np.exp, np.exp, 1.0, scheme, steps)
    assert -1.4 < slope < -0.6


@pytest.mark.parametrize("scheme", ["forward", "central"])
def test_the_best_step_is_near_the_theoretical_one(scheme):
    steps = np.geomspace(1e-13, 1e-1, 241)
    errors = [abs(float(derivative(np.exp, 1.0, step=h, scheme=scheme)) - np.e) for h in steps]
    best = steps[int(np.argmin(errors))]
    assert best_step(scheme) / 30 < best < 30 * best_step(scheme)
    # And the default step does nearly as well as the best one found by search.
    assert abs(float(derivative(np.exp, 1.0, scheme=scheme)) - np.e) < 30 * min(errors)


def test_best_step_values():
    assert best_step("forward") == pytest.approx(np.sqrt(EPS))
    assert best_step("central") == pytest.approx(np.cbrt(EPS))
    assert best_step() == best_step("central")


@settings(max_examples=60, deadline=None)
@given(
    a=st.floats(-10, 10),
    b=st.floats(-10, 10),
    x=st.floats(-3, 3),
    scheme=st.sampled_from(["forward", "central"]),
)
def test_linearity(a, b, x, scheme):
    # The quotient is linear in f, so the rules of sums and constant factors hold exactly
    # up to rounding, whatever the step.
    def f(t):
        return np.sin(t)

    def g(t):
        return t**3

    combined = derivative(lambda t: a * f(t) + b * g(t), x, step=1e-3, scheme=scheme)
    separate = a * derivative(f, x, step=1e-3, scheme=scheme) + b * derivative(
        g, x, step=1e-3, scheme=scheme
    )
    assert combined == pytest.approx(separate, abs=1e-8 * (1 + abs(a) + abs(b)))


@settings(max_examples=40, deadline=None)
@given(c=st.floats(-100, 100), m=st.floats(-100, 100), x=st.floats(-1e3, 1e3))
def test_a_line_has_its_slope_everywhere(c, m, x):
    assert derivative(lambda t: m * t + c, x, step=1e-2) == pytest.approx(m, abs=1e-6)


def test_numeric_gradient_is_the_central_quotient_along_each_axis():
    def f(p):
        return np.exp(p[0]) * np.sin(p[1])

    point = np.array([0.3, 1.1])
    along_x = derivative(lambda t: np.exp(t) * np.sin(point[1]), point[0], step=1e-5)
    along_y = derivative(lambda t: np.exp(point[0]) * np.sin(t), point[1], step=1e-5)
    np.testing.assert_allclose(
        numeric_gradient(f, point, step=1e-5), [along_x, along_y], rtol=1e-12
    )


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: derivative(3.0, 1.0), TypeError, "f must be callable"),
        (lambda: derivative(np.sin, "1"), TypeError, "x must be an array of real numbers"),
        (lambda: derivative(np.sin, np.nan), ValueError, "x must contain only finite"),
        (lambda: derivative(np.sin, 1.0, step=0.0), ValueError, "step must be > 0"),
        (lambda: derivative(np.sin, 1.0, step="1"), TypeError, "step must be a real number"),
        (lambda: derivative(np.sin, 1.0, scheme="backward"), ValueError, "scheme must be one"),
        (lambda: derivative(np.log, 0.0), ValueError, "non-finite value near x"),
        (lambda: derivative(lambda x: x > 0, 1.0), TypeError, "f must return real numbers"),
        (lambda: derivative(lambda x: 1j * x, 1.0), TypeError, "f must return real numbers"),
        (lambda: derivative(np.sum, [1.0, 2.0]), ValueError, "element by element"),
        (lambda: derivative(np.sin, 1.7e308, step=1e308), ValueError, "overflows"),
        (lambda: best_step("backward"), ValueError, "scheme must be one"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
