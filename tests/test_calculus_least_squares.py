"""Tests of mmlbook.calculus.least_squares: Gauss–Newton and Levenberg–Marquardt for any model."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from mmlbook.calculus import ConvergenceWarning, LeastSquaresResult, least_squares


def _decay_problem(seed=0, n=200):
    """Noisy samples of a e^{−b t} + c, the residuals and their Jacobian."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 5.0, n)
    y = 2.5 * np.exp(-1.3 * t) + 0.5 + rng.normal(scale=0.02, size=n)

    def residual(p):
        a, b, c = p
        return y - (a * np.exp(-b * t) + c)

    def jacobian(p):
        a, b, _ = p
        e = np.exp(-b * t)
        return -np.column_stack([e, -a * t * e, np.ones_like(t)])

    return residual, jacobian


def _rosenbrock():
    return (
        lambda p: np.array([10 * (p[1] - p[0] ** 2), 1 - p[0]]),
        lambda p: np.array([[-20 * p[0], 10.0], [-1.0, 0.0]]),
    )


@pytest.mark.parametrize("method", ["levenberg-marquardt", "gauss-newton"])
def test_a_nonlinear_fit_matches_scipy(method):
    residual, jacobian = _decay_problem()
    ours = least_squares(residual, jacobian, [1.0, 1.0, 0.0], method)
    theirs = optimize.least_squares(
        residual, [1.0, 1.0, 0.0], jac=jacobian, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15
    )
    assert isinstance(ours, LeastSquaresResult) and ours.converged and ours.method == method
    np.testing.assert_allclose(ours.x, theirs.x, atol=1e-8)
    assert ours.chi2 == pytest.approx(2 * theirs.cost, rel=1e-10)
    np.testing.assert_allclose(ours.residuals, residual(ours.x), atol=0)
    np.testing.assert_allclose(ours.jacobian, jacobian(ours.x), atol=0)


def test_levenberg_marquardt_walks_down_the_rosenbrock_valley():
    residual, jacobian = _rosenbrock()
    fit = least_squares(residual, jacobian, [-1.2, 1.0])
    assert fit.converged
    np.testing.assert_allclose(fit.x, [1.0, 1.0], atol=1e-10)
    chi2_along = [float(residual(p) @ residual(p)) for p in fit.path]
    assert np.all(np.diff(chi2_along) < 0), "an accepted step must lower χ²"
    assert fit.path.shape == (len(chi2_along), 2)
    np.testing.assert_array_equal(fit.path[0], [-1.2, 1.0])


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.integers(3, 40), st.integers(1, 3))
def test_a_linear_model_is_solved_by_one_gauss_newton_step(seed, m, n):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(m, n))
    y = rng.normal(size=m)
    reference = np.linalg.lstsq(A, y, rcond=None)[0]
    fit = least_squares(lambda p: y - A @ p, lambda p: -A, np.zeros(n), "gauss-newton")
    assert fit.converged and len(fit.path) == 2
    np.testing.assert_allclose(fit.path[1], reference, atol=1e-9)
    damped = least_squares(lambda p: y - A @ p, lambda p: -A, np.zeros(n))
    np.testing.assert_allclose(damped.x, reference, atol=1e-7)


def test_steepest_descent_needs_a_learning_rate_and_reaches_the_same_minimum():
    A = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    y = np.array([1.0, 3.0, 4.0])
    residual, jacobian = (lambda p: y - A @ p), (lambda p: -A)
    with pytest.raises(ValueError, match="needs a learning_rate"):
        least_squares(residual, jacobian, [0.0, 0.0], "steepest")
    fit = least_squares(residual, jacobian, [0.0, 0.0], "steepest", learning_rate=0.05)
    assert fit.converged and len(fit.path) > 50
    np.testing.assert_allclose(fit.x, [7 / 6, 1.5], atol=1e-8)
    # Each step is −learning_rate · ∇χ², with ∇χ² = −2 Aᵀ(y − A p).
    p0, p1 = fit.path[:2]
    np.testing.assert_allclose(p1 - p0, 0.05 * 2 * A.T @ (y - A @ p0))


def test_weighted_residuals_give_the_covariance_of_curve_fit():
    rng = np.random.default_rng(3)
    x = np.linspace(0, 10, 30)
    sigma = 0.2 + 0.1 * x
    y = 1.5 * x - 2.0 + rng.normal(scale=sigma)
    design = np.column_stack([x, np.ones_like(x)])
    fit = least_squares(lambda p: (y - design @ p) / sigma, lambda p: -design / sigma[:, None],
                        [0.0, 0.0])
    popt, pcov = optimize.curve_fit(lambda x, m, c: m * x + c, x, y, sigma=sigma,
                                    absolute_sigma=True)
    np.testing.assert_allclose(fit.x, popt, rtol=1e-8)
    np.testing.assert_allclose(np.linalg.inv(fit.jacobian.T @ fit.jacobian), pcov, rtol=1e-6)


def _undefined_below_zero():
    """Fit √p to 2: the residual 2 − √p is undefined for p < 0."""
    return (
        lambda p: np.array([2 - np.sqrt(p[0])]) if p[0] >= 0 else np.array([np.nan]),
        lambda p: np.array([[-0.5 / np.sqrt(p[0])]]),
    )


def test_levenberg_marquardt_refuses_steps_out_of_the_domain():
    residual, jacobian = _undefined_below_zero()
    # From p = 25 the Gauss–Newton step −r/J = 2√p (2 − √p) = −30 lands at p = −5.
    with pytest.raises(ValueError, match="gauss-newton diverged at iteration 1"):
        least_squares(residual, jacobian, [25.0], "gauss-newton")
    fit = least_squares(residual, jacobian, [25.0])
    assert fit.converged
    assert fit.x[0] == pytest.approx(4.0, rel=1e-10)
    assert fit.n_iter > len(fit.path) - 1, "some trial steps were refused"


def test_the_iteration_limit_warns():
    residual, jacobian = _rosenbrock()
    with pytest.warns(ConvergenceWarning, match="did not converge in 3 iterations"):
        fit = least_squares(residual, jacobian, [-1.2, 1.0], max_iter=3)
    assert not fit.converged and fit.n_iter == 3


def test_a_parameter_the_data_ignore_is_damped_not_singular():
    # The second parameter does not enter the model: its column of J is zero, JᵀJ is
    # singular, and only the damping (1 where there is no curvature) makes the step.
    y = np.array([1.0, 2.0, 3.0])
    fit = least_squares(lambda p: y - p[0], lambda p: np.array([[-1.0, 0.0]] * 3), [0.0, 5.0])
    assert fit.converged
    np.testing.assert_allclose(fit.x, [2.0, 5.0], atol=1e-8)


def test_the_start_can_be_the_answer():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = least_squares(lambda p: p - 1.0, lambda p: np.eye(2), [1.0, 1.0])
    assert fit.converged and fit.chi2 == 0.0 and len(fit.path) == 1


def test_user_functions_cannot_change_the_path():
    def residual(p):
        result = np.array([p[0] - 3.0])
        p[0] = 99.0
        return result

    fit = least_squares(residual, lambda p: np.array([[1.0]]), [0.0])
    assert fit.path[0, 0] == 0.0 and fit.x[0] == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: least_squares(None, abs, [0.0]), TypeError, "residual must be callable"),
        (lambda: least_squares(abs, "J", [0.0]), TypeError, "jacobian must be callable"),
        (lambda: least_squares(abs, abs, [[0.0]]), ValueError, "x0 must be a 1-D"),
        (lambda: least_squares(abs, abs, ["a"]), TypeError, "x0 must be an array of real"),
        (lambda: least_squares(abs, abs, [0.0], "adam"), ValueError, "method must be one of"),
        (lambda: least_squares(abs, abs, [0.0], max_iter=0), ValueError, "max_iter must be at"),
        (lambda: least_squares(abs, abs, [0.0], xtol=0.0), ValueError, "xtol must be >"),
        (
            lambda: least_squares(abs, abs, [0.0], "steepest", learning_rate=-1.0),
            ValueError,
            "learning_rate must be >",
        ),
        (
            lambda: least_squares(abs, abs, [0.0], learning_rate="fast"),
            TypeError,
            "learning_rate must be a real number",
        ),
        (
            lambda: least_squares(lambda p: np.zeros((2, 2)), abs, [0.0]),
            ValueError,
            "residual must return a non-empty 1-D array",
        ),
        (
            lambda: least_squares(lambda p: np.full(3, np.nan), abs, [0.0]),
            ValueError,
            "residual must be finite at x0",
        ),
        (
            lambda: least_squares(lambda p: np.ones(3), lambda p: np.ones((3, 2)), [0.0]),
            ValueError,
            r"jacobian must return shape \(3, 1\)",
        ),
        (
            lambda: least_squares(lambda p: np.ones(3) * 1j, abs, [0.0]),
            TypeError,
            "residual must return real numbers",
        ),
        (
            lambda: least_squares(
                lambda p: np.ones(3), lambda p: np.zeros((3, 2)), [0.0, 0.0], "gauss-newton"
            ),
            ValueError,
            "gauss-newton met a singular JᵀJ",
        ),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def _central_differences(f):
    def jacobian(p):
        p = np.asarray(p, dtype=float)
        steps = 1e-7 * (1 + np.abs(p))
        shifts = zip(steps, np.eye(p.size), strict=True)
        columns = [(f(p + h * e) - f(p - h * e)) / (2 * h) for h, e in shifts]
        return np.column_stack(columns)

    return jacobian


_T = 0.1 * np.arange(1, 11)
#: Test problems of Moré, Garbow and Hillstrom (1981): residuals and start.
_MGH = {
    "Freudenstein–Roth": (
        lambda p: np.array([
            -13 + p[0] + ((5 - p[1]) * p[1] - 2) * p[1],
            -29 + p[0] + ((p[1] + 1) * p[1] - 14) * p[1],
        ]),
        [0.5, -2.0],
    ),
    "Powell badly scaled": (
        lambda p: np.array([1e4 * p[0] * p[1] - 1, np.exp(-p[0]) + np.exp(-p[1]) - 1.0001]),
        [0.0, 1.0],
    ),
    # At the start the first column of J is zero: only the damping of 1 makes a step.
    "Beale": (
        lambda p: np.array([1.5, 2.25, 2.625]) - p[0] * (1 - p[1] ** np.arange(1, 4)),
        [1.0, 1.0],
    ),
    "Box 3-D": (
        lambda p: np.exp(-_T * p[0]) - np.exp(-_T * p[1])
        - p[2] * (np.exp(-_T) - np.exp(-10 * _T)),
        [0.0, 10.0, 20.0],
    ),
}


@pytest.mark.parametrize("name", list(_MGH))
def test_standard_problems_reach_the_minimum_minpack_finds(name):
    residual, start = _MGH[name]
    jacobian = _central_differences(residual)
    ours = least_squares(residual, jacobian, start)
    theirs = optimize.least_squares(residual, start, jac=jacobian, method="lm",
                                    xtol=1e-12, ftol=1e-12, gtol=1e-12)
    assert ours.converged
    assert ours.chi2 == pytest.approx(2 * theirs.cost, rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("method", ["levenberg-marquardt", "gauss-newton", "steepest"])
@pytest.mark.parametrize("n", [2, 3])
def test_a_jacobian_that_turns_infinite_after_the_start_is_an_error(method, n):
    # A line or parabola through four points, whose Jacobian is right at x0 = 0 and infinite
    # at every later point: the first step is taken, the next cannot be.
    design = np.vander(np.arange(4.0), n)
    data = np.array([1.0, 0.0, 2.0, 5.0])

    def jacobian(p):
        return -design if not p.any() else np.full((4, n), np.inf)

    with pytest.raises(ValueError, match="jacobian is not finite|the step from .* is not finite"):
        least_squares(lambda p: data - design @ p, jacobian, np.zeros(n), method,
                      learning_rate=0.01)
