"""Tests of mmlbook.calculus.roots: Newton–Raphson in one variable and in n."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq, root
from scipy.optimize import newton as scipy_newton

from mmlbook.calculus import RootResult, newton_raphson


def test_square_root_of_two_by_hand():
    # x ← (x + 2/x)/2 from 1: 3/2, 17/12, 577/408, then converged digits.
    result = newton_raphson(lambda x: x**2 - 2, lambda x: 2 * x, 1.0)
    assert isinstance(result, RootResult) and isinstance(result.root, float)
    np.testing.assert_allclose(result.path[:4], [1.0, 3 / 2, 17 / 12, 577 / 408], rtol=1e-15)
    assert result.converged and result.message == "the last step was negligible"
    assert result.root == pytest.approx(math.sqrt(2), rel=1e-15)
    assert result.path.shape == (result.n_iter + 1,)
    assert abs(result.residual) < 1e-15


def test_one_variable_against_scipy():
    f, df = (lambda x: math.cos(x) - x), (lambda x: -math.sin(x) - 1)
    ours = newton_raphson(f, df, 1.0)
    assert ours.converged
    assert ours.root == pytest.approx(brentq(f, 0.0, 1.0, xtol=1e-15), abs=1e-14)
    assert ours.root == pytest.approx(scipy_newton(f, 1.0, fprime=df, tol=1e-14), abs=1e-14)


def test_convergence_is_quadratic_near_a_simple_root():
    result = newton_raphson(lambda x: x**3 - 2, lambda x: 3 * x**2, 1.5, tol=1e-15)
    errors = np.abs(result.path - 2 ** (1 / 3))
    usable = errors[(errors > 1e-12) & (errors < 0.1)]
    assert usable.size >= 2
    # e_{k+1} ≈ (f''/2f') e_k² = e_k² / r at the root r = 2^(1/3).
    np.testing.assert_allclose(usable[1:] / usable[:-1] ** 2, 1 / 2 ** (1 / 3), rtol=0.05)


def test_n_variables_against_scipy_root():
    def f(p):
        x, y, z = p
        return np.array([x**2 + y**2 + z**2 - 3, x * y - z, x - y + z**3 - 1])

    def jacobian(p):
        x, y, z = p
        return np.array([[2 * x, 2 * y, 2 * z], [y, x, -1.0], [1.0, -1.0, 3 * z**2]])

    ours = newton_raphson(f, jacobian, [1.2, 0.8, 0.9])
    reference = root(f, [1.2, 0.8, 0.9], jac=jacobian, method="hybr", tol=1e-14)
    assert ours.converged and reference.success
    np.testing.assert_allclose(ours.root, reference.x, atol=1e-12)
    np.testing.assert_allclose(ours.residual, f(ours.root), atol=0)
    assert ours.path.shape == (ours.n_iter + 1, 3)
    np.testing.assert_array_equal(ours.path[0], [1.2, 0.8, 0.9])
    np.testing.assert_array_equal(ours.path[-1], ours.root)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.integers(1, 6))
def test_a_linear_system_is_solved_by_the_first_step(seed, n):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, n)) + n * np.eye(n)
    b = rng.normal(size=n)
    result = newton_raphson(lambda x: A @ x - b, lambda x: A, rng.normal(size=n))
    assert result.converged and result.n_iter <= 2
    np.testing.assert_allclose(result.path[1], np.linalg.solve(A, b), atol=1e-10)


@settings(max_examples=40, deadline=None)
@given(st.floats(1e-3, 1e6))
def test_square_roots_of_any_positive_number(a):
    result = newton_raphson(lambda x: x**2 - a, lambda x: 2 * x, max(1.0, a))
    assert result.converged
    assert result.root == pytest.approx(math.sqrt(a), rel=1e-13)


def test_a_one_element_array_stays_an_array():
    result = newton_raphson(lambda x: x**2 - 4, lambda x: np.array([[2 * x[0]]]), [3.0])
    assert isinstance(result.root, np.ndarray) and result.root.shape == (1,)
    np.testing.assert_allclose(result.root, [2.0])
    assert newton_raphson(lambda x: x - 1, lambda x: 1.0, np.float64(5.0)).root == 1.0
    assert newton_raphson(lambda x: x - 1, lambda x: 1.0, np.array(5.0)).root == 1.0


def test_an_exact_root_needs_no_step():
    result = newton_raphson(lambda x: x - 3.0, lambda x: 1.0, 3.0)
    assert result.converged and result.n_iter == 0 and result.message == "f is exactly zero"


def test_a_flat_tangent_stops_the_iteration():
    result = newton_raphson(lambda x: x**2 + 1, lambda x: 2 * x, 0.0)
    assert not result.converged and result.n_iter == 0
    assert "derivative is zero at x = 0.0" in result.message
    singular = newton_raphson(
        lambda p: np.array([p[0] + p[1], p[0] + p[1] - 1]),
        lambda p: np.ones((2, 2)),
        [0.0, 0.0],
    )
    assert not singular.converged and "Jacobian is singular" in singular.message


def test_a_singular_jacobian_is_caught_where_solve_raises_no_error(monkeypatch):
    # Pyodide's WebAssembly numpy returns values that are not finite for a singular
    # system instead of raising LinAlgError.
    def silent_solve(a, b):
        with np.errstate(all="ignore"):
            return np.full(np.shape(b), np.nan)

    monkeypatch.setattr(np.linalg, "solve", silent_solve)
    singular = newton_raphson(
        lambda p: np.array([p[0] + p[1], p[0] + p[1] - 1]),
        lambda p: np.ones((2, 2)),
        [0.0, 0.0],
    )
    assert not singular.converged and "Jacobian is singular" in singular.message


def test_a_cycle_is_reported_at_the_iteration_limit():
    # x³ − 2x + 2 from 0: the tangents lead 0 → 1 → 0 → 1 ...
    result = newton_raphson(lambda x: x**3 - 2 * x + 2, lambda x: 3 * x**2 - 2, 0.0, max_iter=20)
    assert not result.converged and result.n_iter == 20
    np.testing.assert_allclose(result.path[::2], 0.0, atol=1e-12)
    np.testing.assert_allclose(result.path[1::2], 1.0, atol=1e-12)
    assert "max_iter = 20" in result.message


def test_runaway_iterates_are_reported():
    # The cube root from 1: each tangent lands at −2x, so |x| doubles until it overflows.
    result = newton_raphson(np.cbrt, lambda x: 1 / (3 * np.cbrt(x) ** 2), 1.0, max_iter=2000)
    assert not result.converged and "runs away to infinity" in result.message
    assert np.all(np.isfinite(result.path)) and result.root == result.path[-1]
    np.testing.assert_allclose(result.path, (-2.0) ** np.arange(result.path.size))
    # arctan from 2: each tangent overshoots further, until f' underflows to zero.
    result = newton_raphson(math.atan, lambda x: 1 / (1 + x**2), 2.0)
    assert not result.converged and "derivative is zero" in result.message
    assert "too small to represent" in result.message and abs(result.root) > 1e150
    assert np.all(np.diff(np.abs(result.path)) > 0)


def test_leaving_the_domain_is_reported():
    # log x from 3: the first step would land at 3(1 − ln 3) < 0, where log is undefined.
    result = newton_raphson(np.log, lambda x: 1 / x, 3.0)
    assert not result.converged and result.n_iter == 0 and result.root == 3.0
    assert f"x = {3 * (1 - math.log(3)):.12f}" in result.message
    assert "leaves f's domain" in result.message


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: newton_raphson(None, abs, 1.0), TypeError, "f must be callable"),
        (lambda: newton_raphson(abs, 3, 1.0), TypeError, "derivative must be callable"),
        (lambda: newton_raphson(abs, abs, "1"), TypeError, "x0 must be an array of real"),
        (lambda: newton_raphson(abs, abs, True), TypeError, "x0 must be a real number"),
        (lambda: newton_raphson(abs, abs, [[1.0]]), ValueError, "x0 must be a 1-D"),
        (lambda: newton_raphson(abs, abs, math.nan), ValueError, "x0 must be finite"),
        (lambda: newton_raphson(abs, abs, 1.0, tol=0), ValueError, "tol must be >"),
        (lambda: newton_raphson(abs, abs, 1.0, max_iter=0), ValueError, "max_iter must be at"),
        (lambda: newton_raphson(abs, abs, 1.0, max_iter=2.0), TypeError, "max_iter must be an"),
        (
            lambda: newton_raphson(lambda x: [x, x], abs, 1.0),
            ValueError,
            r"f must return a single number, got shape \(2,\)",
        ),
        (
            lambda: newton_raphson(lambda x: x, lambda x: np.eye(3), [1.0, 2.0]),
            ValueError,
            r"derivative must return an array of shape \(2, 2\)",
        ),
        (lambda: newton_raphson(lambda x: "a", abs, 1.0), TypeError, "f must return real"),
        (lambda: newton_raphson(lambda x: 1j * x, abs, 1.0), TypeError, "f must return real"),
        (lambda: newton_raphson(lambda x: math.inf, abs, 1.0), ValueError, "must be finite at x0"),
        (
            lambda: newton_raphson(lambda p: p[1], lambda p: np.eye(2), [1.0]),
            ValueError,
            r"fails at x0 = \[1.\] \(IndexError, above\): does x0 have the length",
        ),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
