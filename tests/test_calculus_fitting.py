"""Tests of mmlbook.calculus.fitting and the calculus data sets."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import curve_fit
from scipy.stats import norm

from mmlbook.calculus import (
    ConvergenceWarning,
    chi_squared,
    chi_squared_gradient,
    fit_gaussian,
    gaussian,
    gaussian_dmu,
    gaussian_dsigma,
    numeric_gradient,
    steepest_step,
)
from mmlbook.datasets import heart_curve, heights_histogram

X, Y = heights_histogram()


def model(x, mu, sigma):
    return norm.pdf(x, mu, sigma)


REFERENCE = curve_fit(model, X, Y, p0=(180.0, 10.0), xtol=1e-14, ftol=1e-14, gtol=1e-14)[0]


def test_heights_histogram_is_the_course_data():
    assert X.shape == Y.shape == (100,)
    np.testing.assert_allclose(X[[0, -1]], [51.25, 298.75])
    occupied = np.flatnonzero(Y)
    np.testing.assert_allclose(X[occupied] - 1.25, 160 + 2.5 * np.arange(16))
    raw = np.array(
        [
            0.031,
            0.013,
            0.023,
            0.064,
            0.065,
            0.126,
            0.132,
            0.127,
            0.113,
            0.091,
            0.105,
            0.050,
            0.018,
            0.018,
            0.018,
            0.001,
        ]
    )
    np.testing.assert_allclose(Y[occupied], raw / (raw.sum() * 2.5))
    assert np.sum(Y) * 2.5 == pytest.approx(1.0)


def test_heart_curve_formula():
    x, y = heart_curve(100)
    assert x.shape == (1, 100) and y.shape == (2, 100)
    t = 2 * np.pi * 0.25
    expected = (
        np.array(
            [
                16 * np.sin(t) ** 3,
                13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t),
            ]
        )
        / 20
        + 1
    ) / 2
    np.testing.assert_allclose(y[:, 25], expected)
    assert 0 < y.min() and y.max() < 1


@settings(max_examples=40, deadline=None)
@given(st.floats(-5, 5), st.floats(0.2, 5))
def test_gaussian_and_its_derivatives_against_scipy_and_differences(mu, sigma):
    x = np.linspace(-10, 10, 41)
    np.testing.assert_allclose(
        gaussian(x, mu, sigma), norm.pdf(x, mu, sigma), rtol=1e-12, atol=1e-300
    )
    for i, derivative in enumerate((gaussian_dmu, gaussian_dsigma)):
        for xi in x[::8]:
            numeric = numeric_gradient(lambda p, xi=xi: gaussian([xi], p[0], p[1])[0], [mu, sigma])[
                i
            ]
            assert derivative([xi], mu, sigma)[0] == pytest.approx(numeric, abs=1e-6)


def test_chi_squared_gradient_against_differences():
    for mu, sigma in [(160.0, 15.0), (178.0, 7.0), (190.0, 4.0)]:
        numeric = numeric_gradient(lambda p: chi_squared(X, Y, p[0], p[1]), [mu, sigma], step=1e-5)
        np.testing.assert_allclose(
            chi_squared_gradient(X, Y, mu, sigma), numeric, rtol=1e-5, atol=1e-12
        )


def test_chi_squared_by_hand():
    assert chi_squared([0.0, 1.0], [0.0, 0.0], 0.0, 1.0) == pytest.approx(
        norm.pdf(0) ** 2 + norm.pdf(1) ** 2
    )


def test_steepest_step_is_minus_learning_rate_times_gradient():
    dmu, dsigma = steepest_step(X, Y, 170.0, 9.0, learning_rate=100.0)
    np.testing.assert_allclose([dmu, dsigma], -100.0 * chi_squared_gradient(X, Y, 170.0, 9.0))


@pytest.mark.parametrize(
    "start", [(155.0, 6.0), (160.0, 15.0), (180.0, 10.0), (200.0, 20.0), (175.0, 3.0)]
)
def test_default_fit_matches_curve_fit(start):
    fit = fit_gaussian(X, Y, *start)
    assert fit.converged and fit.method == "levenberg-marquardt"
    np.testing.assert_allclose([fit.mu, fit.sigma], REFERENCE, atol=1e-6)
    assert fit.chi2 == pytest.approx(chi_squared(X, Y, *REFERENCE), rel=1e-9)
    assert fit.path.shape[1] == 2 and np.allclose(fit.path[0], start)
    chi2_along = [chi_squared(X, Y, *p) for p in fit.path]
    assert all(np.diff(chi2_along) <= 1e-15)


def test_steepest_descent_reaches_the_same_minimum_in_more_steps():
    slow = fit_gaussian(X, Y, 155.0, 6.0, method="steepest")
    fast = fit_gaussian(X, Y, 155.0, 6.0)
    assert slow.converged
    np.testing.assert_allclose([slow.mu, slow.sigma], REFERENCE, atol=1e-6)
    assert len(slow.path) > 3 * len(fast.path)


def test_plain_gauss_newton_diverges_from_a_poor_start_but_works_from_a_good_one():
    with pytest.raises(ValueError, match="gauss-newton diverged"):
        fit_gaussian(X, Y, 160.0, 15.0, method="gauss-newton")
    fit = fit_gaussian(X, Y, 180.0, 10.0, method="gauss-newton")
    np.testing.assert_allclose([fit.mu, fit.sigma], REFERENCE, atol=1e-6)


def test_iteration_limit_warns():
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        fit = fit_gaussian(X, Y, 155.0, 6.0, method="steepest", max_iter=3)
    assert not fit.converged and fit.n_iter == 3


@settings(max_examples=15, deadline=None)
@given(st.floats(-3, 3), st.floats(0.5, 3))
def test_fit_recovers_an_exact_gaussian(mu, sigma):
    x = np.linspace(-10, 10, 81)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_gaussian(x, norm.pdf(x, mu, sigma), mu0=0.0, sigma0=2.0)
    np.testing.assert_allclose([fit.mu, fit.sigma], [mu, sigma], atol=1e-7)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: gaussian([0.0], 0.0, 0.0), ValueError, "sigma must be >"),
        (lambda: gaussian([0.0], 0.0, 1e-200), ValueError, "the Gaussian overflows"),
        (lambda: gaussian_dmu([1.0], 0.0, 1e-200), ValueError, "the Gaussian overflows"),
        (lambda: chi_squared([0.0], [0.0], 0.0, 1e-200), ValueError, "the Gaussian overflows"),
        (lambda: gaussian([0.0], "a", 1.0), TypeError, "mu must be a real number"),
        (lambda: gaussian([[0.0]], 0.0, 1.0), ValueError, "x must be a 1-D"),
        (lambda: gaussian_dmu([np.inf], 0.0, 1.0), ValueError, "x must contain only finite"),
        (lambda: gaussian_dsigma([0.0], 0.0, np.nan), ValueError, "sigma must be finite"),
        (lambda: chi_squared([0.0, 1.0], [0.0], 0.0, 1.0), ValueError, "same shape"),
        (
            lambda: steepest_step(X, Y, 170.0, 5.0, learning_rate=0.0),
            ValueError,
            "learning_rate must be >",
        ),
        (lambda: fit_gaussian(X, Y, 170.0, -5.0), ValueError, "sigma must be >"),
        (
            lambda: fit_gaussian(X, Y, 170.0, 5.0, method="adam"),
            ValueError,
            "method must be one of",
        ),
        (
            lambda: fit_gaussian(X, Y, 170.0, 5.0, max_iter=0),
            ValueError,
            "max_iter must be at least 1",
        ),
        (lambda: fit_gaussian(X, Y, 170.0, 5.0, xtol=0), ValueError, "xtol must be >"),
        (lambda: heights_histogram(1), TypeError, "positional argument"),
        (lambda: heart_curve(0), ValueError, "n must be at least 1"),
        (lambda: heart_curve(2.5), TypeError, "n must be an integer"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
