"""Taylor polynomials, their error bound, and the linear and quadratic models.

References: ``math`` for the functions and factorials, ``numpy.polynomial`` for the
polynomials, the complex step for the derivatives of the multivariate models, and
Lagrange's remainder as a hypothesis property.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.polynomial import Polynomial

from mmlbook.calculus import (
    derivative_bound,
    derivatives_at,
    linear_model,
    quadratic_model,
    radius_of_convergence,
    taylor_error_bound,
    taylor_polynomial,
)

# -- derivatives of the example functions, by hand


def test_derivatives_of_exp_and_cos_follow_their_cycles() -> None:
    assert np.allclose(derivatives_at("exp", 1.5, 5), math.exp(1.5))
    a = 0.7
    expected = [math.cos(a), -math.sin(a), -math.cos(a), math.sin(a)] * 2
    assert np.allclose(derivatives_at("cos", a, 7), expected)
    # cos at 0: the odd derivatives vanish exactly, with no -0.0 left
    assert derivatives_at("cos", 0.0, 5).tolist() == [1.0, 0.0, -1.0, 0.0, 1.0, 0.0]


@pytest.mark.parametrize("a", [-0.5, 0.0, 2.0])
def test_derivatives_of_log1p_are_signed_factorials(a: float) -> None:
    expected = [math.log1p(a)] + [
        (-1) ** (k - 1) * math.factorial(k - 1) / (1 + a) ** k for k in range(1, 9)
    ]
    assert np.allclose(derivatives_at("log1p", a, 8), expected, rtol=1e-13)


@pytest.mark.parametrize("a", [-2.0, 0.5, 1.0, 3.0])
def test_derivatives_of_the_reciprocal_are_signed_factorials(a: float) -> None:
    expected = [(-1) ** k * math.factorial(k) / a ** (k + 1) for k in range(9)]
    assert np.allclose(derivatives_at("reciprocal", a, 8), expected, rtol=1e-13)


def test_derivatives_match_central_differences() -> None:
    h = 1e-5
    for name, f, a in (
        ("exp", np.exp, 0.3),
        ("cos", np.cos, 1.1),
        ("log1p", np.log1p, 0.4),
        ("reciprocal", np.reciprocal, 1.7),
    ):
        first = (f(a + h) - f(a - h)) / (2 * h)
        second = (f(a + h) - 2 * f(a) + f(a - h)) / h**2
        d = derivatives_at(name, a, 2)
        assert abs(d[0] - f(a)) < 1e-15 and abs(d[1] - first) < 1e-8
        assert abs(d[2] - second) < 1e-4


# -- the Taylor polynomial


def test_taylor_polynomial_is_numpys_polynomial_in_x_minus_a() -> None:
    rng = np.random.default_rng(0)
    d = rng.normal(size=7)
    a = 0.8
    coefficients = d / np.array([math.factorial(k) for k in range(7)])
    x = np.linspace(-2, 3, 41)
    assert np.allclose(taylor_polynomial(d, a, x), Polynomial(coefficients)(x - a), rtol=1e-13)


def test_taylor_polynomial_keeps_the_shape_of_x_and_returns_a_float_for_a_number() -> None:
    d = derivatives_at("cos", 0.0, 6)
    assert taylor_polynomial(d, 0.0, np.zeros((2, 3))).shape == (2, 3)
    value = taylor_polynomial(d, 0.0, 0.5)
    assert isinstance(value, float)
    assert value == pytest.approx(1 - 0.5**2 / 2 + 0.5**4 / 24 - 0.5**6 / 720, rel=1e-15)


def test_order_zero_is_the_constant_and_order_one_the_tangent_line() -> None:
    assert taylor_polynomial([2.5], 1.0, [0.0, 7.0]).tolist() == [2.5, 2.5]
    tangent = taylor_polynomial(derivatives_at("log1p", 0.0, 1), 0.0, np.array([-0.5, 0.3]))
    assert np.allclose(tangent, [-0.5, 0.3])


def test_high_order_maclaurin_series_reproduce_math() -> None:
    x = np.linspace(-3, 3, 13)
    exp_series = taylor_polynomial(derivatives_at("exp", 0.0, 30), 0.0, x)
    cos_series = taylor_polynomial(derivatives_at("cos", 0.0, 30), 0.0, x)
    assert np.allclose(exp_series, [math.exp(t) for t in x], rtol=1e-14)
    assert np.allclose(cos_series, [math.cos(t) for t in x], atol=1e-14)


def test_a_polynomial_is_its_own_taylor_series_about_any_point() -> None:
    p = Polynomial([1.0, -2.0, 0.5, 3.0])
    a = -1.3
    d = [p.deriv(k)(a) for k in range(4)]
    x = np.linspace(-4, 4, 17)
    assert np.allclose(taylor_polynomial(d, a, x), p(x), rtol=1e-12)


def test_the_log1p_series_converges_inside_its_radius_and_diverges_outside() -> None:
    def error(x: float, n: int) -> float:
        return abs(taylor_polynomial(derivatives_at("log1p", 0.0, n), 0.0, x) - math.log1p(x))

    assert error(0.5, 40) < 1e-13 < error(0.5, 10)
    assert error(1.5, 40) > error(1.5, 20) > error(1.5, 10) > 1


# -- Lagrange's bound on the error


@settings(max_examples=200, deadline=None)
@given(a=st.floats(-3, 3), x=st.floats(-3, 3), n=st.integers(0, 25))
def test_the_exp_error_lies_within_lagranges_bound(a: float, x: float, n: int) -> None:
    error = abs(math.exp(x) - taylor_polynomial(derivatives_at("exp", a, n), a, x))
    # |f^(n+1)| = e^ξ is largest at the right end of the interval between a and x.
    bound = taylor_error_bound(math.exp(max(a, x)), a, x, n)
    assert error <= bound + 1e-13 * math.exp(max(abs(a), abs(x)))


@settings(max_examples=200, deadline=None)
@given(a=st.floats(-4, 4), x=st.floats(-4, 4), n=st.integers(0, 25))
def test_the_cos_error_lies_within_lagranges_bound(a: float, x: float, n: int) -> None:
    error = abs(math.cos(x) - taylor_polynomial(derivatives_at("cos", a, n), a, x))
    assert error <= taylor_error_bound(1.0, a, x, n) + 1e-13


def test_the_bound_is_the_formula_and_is_tight_for_a_polynomial() -> None:
    assert taylor_error_bound(2.0, 1.0, 3.0, 2) == pytest.approx(2.0 * 2.0**3 / 6)
    assert np.array_equal(taylor_error_bound(5.0, 1.0, [1.0, 1.0], 3), [0.0, 0.0])
    # f = x^3 about 0: T_2 = 0 and f''' = 6 everywhere, so the bound is the error itself.
    assert taylor_error_bound(6.0, 0.0, 0.7, 2) == pytest.approx(0.7**3)
    # a large order does not overflow on the way: |h|^(n+1) and (n+1)! are not formed
    assert 0.0 < taylor_error_bound(1.0, 0.0, 10.0, 300) < 1e-300


def test_derivative_bound_is_the_largest_derivative_on_a_fine_grid() -> None:
    for name, low, high in (
        ("exp", -1.0, 2.0),
        ("cos", 0.2, 1.3),
        ("cos", -3.0, 3.0),
        ("log1p", -0.5, 2.0),
        ("reciprocal", 0.5, 3.0),
        ("reciprocal", -2.0, -0.25),
    ):
        grid = np.linspace(low, high, 2001)
        for k in range(6):
            on_grid = max(abs(derivatives_at(name, xi, k)[k]) for xi in grid)
            assert derivative_bound(name, k, low, high) == pytest.approx(on_grid, rel=1e-5)


# -- radius of convergence


@pytest.mark.parametrize(
    ("name", "a", "radius"),
    [
        ("exp", 1.0, math.inf),
        ("cos", -2.0, math.inf),
        ("log1p", 0.0, 1.0),
        ("log1p", 1.5, 2.5),
        ("reciprocal", 1.0, 1.0),
        ("reciprocal", -3.0, 3.0),
    ],
)
def test_radius_of_convergence_by_name(name: str, a: float, radius: float) -> None:
    assert radius_of_convergence(name, a) == radius


@pytest.mark.parametrize(("name", "a"), [("log1p", 0.0), ("log1p", 0.5), ("reciprocal", 2.0)])
def test_the_ratio_test_on_the_coefficients_gives_the_radius(name: str, a: float) -> None:
    n = np.arange(1, 150)
    d = derivatives_at(name, a, 150)
    coefficients = np.array([d[k] / math.factorial(k) for k in range(151)], dtype=float)
    ratios = np.abs(coefficients[n] / coefficients[n + 1])
    assert ratios[-1] == pytest.approx(radius_of_convergence(name, a), rel=0.01)


# -- linear and quadratic models


def _bump(p: np.ndarray) -> float:
    return float(np.exp(-(p @ p) / 2))


def _bump_gradient(p: np.ndarray) -> np.ndarray:
    return -p * _bump(p)


def _bump_hessian(p: np.ndarray) -> np.ndarray:
    return (np.outer(p, p) - np.eye(p.size)) * _bump(p)


def test_the_models_of_an_affine_and_a_quadratic_function_are_exact() -> None:
    rng = np.random.default_rng(1)
    A = rng.normal(size=(3, 3))
    b = rng.normal(size=3)

    def quadratic(p: np.ndarray) -> float:
        return float(p @ A @ p + b @ p + 2.0)

    def affine(p: np.ndarray) -> float:
        return float(b @ p - 1.0)

    point = np.array([0.5, -1.0, 2.0])
    x = rng.normal(size=(5, 3))
    exact_quadratic = [quadratic(p) for p in x]
    assert np.allclose(
        quadratic_model(quadratic, point, x, gradient=(A + A.T) @ point + b, hessian=2 * A),
        exact_quadratic,
        rtol=1e-12,
    )
    assert np.allclose(quadratic_model(quadratic, point, x), exact_quadratic, atol=1e-6)
    assert np.allclose(linear_model(affine, point, x), [affine(p) for p in x], atol=1e-8)


def _complex_step_gradient(f, point: np.ndarray, h: float = 1e-20) -> np.ndarray:
    """Im f(p + ih e_i) / h along each axis: no subtraction, so exact to round-off."""
    return np.array([f(point + 1j * h * e).imag / h for e in np.eye(len(point))])


def test_numerical_derivatives_agree_with_the_complex_step() -> None:
    point = np.array([0.5, 0.25])

    def complex_bump(p: np.ndarray) -> complex:
        return np.exp(-(p**2).sum() / 2)

    gradient = _complex_step_gradient(complex_bump, point)
    # The Hessian: central differences (step 1e-5) of the complex-step gradient.
    delta = 1e-5
    hessian = np.column_stack([
        (_complex_step_gradient(complex_bump, point + delta * e)
         - _complex_step_gradient(complex_bump, point - delta * e)) / (2 * delta)
        for e in np.eye(2)
    ])
    x = point + np.array([[0.1, -0.2], [0.3, 0.05]])
    ours = quadratic_model(_bump, point, x)
    reference = quadratic_model(_bump, point, x, gradient=gradient, hessian=hessian)
    assert np.allclose(ours, reference, atol=1e-7)
    assert np.allclose(gradient, _bump_gradient(point)) and np.allclose(
        hessian, _bump_hessian(point)
    )


@settings(max_examples=50, deadline=None)
@given(angle=st.floats(0, 2 * math.pi), px=st.floats(-1.5, 1.5), py=st.floats(-1.5, 1.5))
def test_the_errors_of_the_models_shrink_like_the_second_and_third_power(
    angle: float, px: float, py: float
) -> None:
    point = np.array([px, py])
    direction = np.array([math.cos(angle), math.sin(angle)])
    g, H = _bump_gradient(point), _bump_hessian(point)

    def errors(step: float) -> tuple[float, float]:
        x = point + step * direction
        return (
            abs(_bump(x) - linear_model(_bump, point, x, gradient=g)),
            abs(_bump(x) - quadratic_model(_bump, point, x, gradient=g, hessian=H)),
        )

    # Taylor's theorem with |third derivatives| of the bump below 3 in every direction:
    # error(linear) ≤ ½ max|f''| δ² ≤ ½ δ², error(quadratic) ≤ max|f'''| δ³/6 ≤ δ³/2.
    for step in (0.1, 0.01):
        linear_error, quadratic_error = errors(step)
        assert linear_error <= 0.5 * step**2 + 1e-15
        assert quadratic_error <= 0.5 * step**3 + 1e-15


def test_a_single_point_gives_a_float_and_a_grid_keeps_its_shape() -> None:
    point = np.array([0.5, 0.25])
    assert isinstance(linear_model(_bump, point, [0.6, 0.3]), float)
    grid = np.stack(np.meshgrid(np.linspace(0, 1, 4), np.linspace(0, 1, 3)), axis=-1)
    assert quadratic_model(_bump, point, grid).shape == (3, 4)
    assert linear_model(_bump, point, point) == pytest.approx(_bump(point), rel=1e-15)


# -- bad input


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: derivatives_at("sin", 0.0, 3), ValueError, "function must be one of"),
        (lambda: derivatives_at("log1p", -1.0, 3), ValueError, "a must be > -1"),
        (lambda: derivatives_at("reciprocal", 0.0, 3), ValueError, "a must be non-zero"),
        (lambda: derivatives_at("exp", 0.0, -1), ValueError, "order must be at least 0"),
        (lambda: derivatives_at("exp", 800.0, 2), ValueError, "overflow the range"),
        (lambda: derivatives_at("exp", 0.0, 2.0), TypeError, "order must be an integer"),
        (lambda: taylor_polynomial([], 0.0, 1.0), ValueError, "derivatives must have at least"),
        (lambda: taylor_polynomial([[1.0]], 0.0, 1.0), ValueError, "derivatives must be a 1-D"),
        (lambda: taylor_polynomial([1.0, 1.0], np.nan, 1.0), ValueError, "a must be finite"),
        (lambda: taylor_polynomial([1.0, 1.0], 0.0, "1"), TypeError, "x must be an array"),
        (lambda: taylor_polynomial([1.0] * 5, 0.0, 1e300), ValueError, "x is too far from a"),
        (lambda: taylor_error_bound(-1.0, 0.0, 1.0, 2), ValueError, "max_derivative must be >="),
        (lambda: taylor_error_bound(1.0, 0.0, 1e300, 3), ValueError, "overflow the range"),
        (lambda: radius_of_convergence("log1p", -2.0), ValueError, "a must be > -1"),
        (lambda: derivative_bound("exp", 2, 1.0, 0.0), ValueError, "low must be <= high"),
        (lambda: derivative_bound("reciprocal", 2, -1.0, 1.0), ValueError, "contains the pole"),
        (lambda: derivative_bound("log1p", 2, -1.0, 1.0), ValueError, "low must be > -1"),
        (lambda: derivative_bound("exp", 2, 0.0, 1e3), ValueError, "over \\[low, high\\]"),
        (lambda: linear_model(3.0, [0.0], [1.0]), TypeError, "f must be callable"),
        (
            lambda: linear_model(_bump, [0.0, 0.0], [1.0]),
            ValueError,
            "x must hold points of length 2",
        ),
        (
            lambda: linear_model(_bump, [0.0, 0.0], [1.0, 1.0], gradient=[1.0]),
            ValueError,
            "gradient must have length 2",
        ),
        (
            lambda: quadratic_model(_bump, [0.0, 0.0], [1.0, 1.0], hessian=np.eye(3)),
            ValueError,
            r"hessian must have shape \(2, 2\)",
        ),
        (
            lambda: quadratic_model(_bump, [0.0, 0.0], [1.0, 1.0], hessian=np.ones((2, 3))),
            ValueError,
            "hessian must be a square matrix",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_it(call, error, match) -> None:
    with pytest.raises(error, match=match):
        call()
