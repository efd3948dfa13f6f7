"""Fitting a Gaussian to a histogram by minimising χ².

``χ²(μ, σ) = Σ_i (y_i − g(x_i; μ, σ))²`` measures how far the curve is from the bars.
It is one use of :func:`mmlbook.calculus.least_squares`, with the residuals
``r_i = y_i − g(x_i; μ, σ)``: minimised by steepest descent (the course's method, slow)
or by Levenberg–Marquardt, a damped Gauss–Newton method (fast).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, check_real
from mmlbook.calculus.gauss_newton import (
    LEAST_SQUARES_METHODS,
    ConvergenceWarning,
    least_squares,
)

__all__ = [
    "FIT_METHODS",
    "ConvergenceWarning",
    "FitResult",
    "chi_squared",
    "chi_squared_gradient",
    "fit_gaussian",
    "gaussian",
    "gaussian_dmu",
    "gaussian_dsigma",
    "steepest_step",
]

_SQRT_2PI = math.sqrt(2 * math.pi)
#: The methods :func:`fit_gaussian` knows: those of :func:`least_squares`.
FIT_METHODS: tuple[str, ...] = LEAST_SQUARES_METHODS


def _x(x: Any) -> np.ndarray:
    return as_float_array(x, "x", ndim=1)


def _params(mu: Any, sigma: Any) -> tuple[float, float]:
    return check_real(mu, "mu"), check_real(sigma, "sigma", low=0.0, low_inclusive=False)


def _xy(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    xs = _x(x)
    ys = as_float_array(y, "y", ndim=1)
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same shape, got {xs.shape} and {ys.shape}")
    return xs, ys


def _finite(values: Any, x: np.ndarray, mu: float, sigma: float) -> Any:
    # Extreme but finite arguments (σ = 1e-200, say) overflow; say so rather than return inf.
    if not np.all(np.isfinite(values)):
        raise ValueError(
            f"the Gaussian overflows for mu={mu:g}, sigma={sigma:g} over x in "
            f"[{x.min():g}, {x.max():g}]; rescale the data to moderate numbers"
        )
    return values


def _g(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    return np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))


def _jacobian(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    g = _g(x, mu, sigma)
    u = x - mu
    return np.column_stack([g * u / sigma**2, g * (u**2 / sigma**3 - 1 / sigma)])


def _gaussian_residuals(
    x: np.ndarray, y: np.ndarray
) -> tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]:
    """The residuals ``r = y − g(x; μ, σ)`` of the fit and their Jacobian ``−∂g/∂(μ, σ)``.

    In ``z = (x − μ)/σ``, ``∂g/∂μ = (g/σ) z`` and ``∂g/∂σ = (g/σ)(z² − 1)``: the
    Jacobian reuses the ``z`` and ``g`` of the residuals at the same point, so that the
    exponential is computed once per point, and it is written row by row into a fresh
    array. Where σ ≤ 0 the model is undefined, and the residuals are NaN.
    """
    last: dict[str, Any] = {}

    def residual(theta: np.ndarray) -> np.ndarray:
        mu, sigma = theta.tolist()
        if not sigma > 0:
            return np.full(x.shape, np.nan)
        z = x - mu
        z /= sigma
        g = z * z
        g *= -0.5
        np.exp(g, out=g)
        g *= 1 / (sigma * _SQRT_2PI)
        last.update(theta=(mu, sigma), z=z, g=g)
        return y - g

    def jacobian(theta: np.ndarray) -> np.ndarray:
        mu, sigma = theta.tolist()
        if last.get("theta") != (mu, sigma):
            residual(theta)
        z, g_over_sigma = last["z"], last["g"] / sigma
        rows = np.empty((2, x.size))
        np.multiply(g_over_sigma, z, out=rows[0])
        np.negative(rows[0], out=rows[0])
        np.multiply(z, z, out=rows[1])
        np.subtract(1.0, rows[1], out=rows[1])
        rows[1] *= g_over_sigma
        return rows.T

    return residual, jacobian


def gaussian(x: Any, mu: float, sigma: float) -> np.ndarray:
    """The normal density ``g(x) = exp(−(x − μ)² / 2σ²) / (σ √(2π))``.

    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    x : array_like of shape (n,)
        Where to evaluate.
    mu : float
        The mean μ.
    sigma : float
        The standard deviation σ (> 0).

    Returns
    -------
    numpy.ndarray of shape (n,)
        The density.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If ``x`` is not a finite 1-D array or ``sigma <= 0``.

    Examples
    --------
    >>> gaussian([0.0], 0.0, 1.0).round(6)
    array([0.398942])
    """
    mu, sigma = _params(mu, sigma)
    xs = _x(x)
    with np.errstate(all="ignore"):
        return _finite(_g(xs, mu, sigma), xs, mu, sigma)


def gaussian_dmu(x: Any, mu: float, sigma: float) -> np.ndarray:
    """``∂g/∂μ = g(x) (x − μ) / σ²``.

    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    x : array_like of shape (n,)
        Where to evaluate.
    mu : float
        The mean.
    sigma : float
        The standard deviation (> 0).

    Returns
    -------
    numpy.ndarray of shape (n,)
        The derivative.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If ``x`` is not a finite 1-D array or ``sigma <= 0``.

    Examples
    --------
    >>> gaussian_dmu([0.0, 1.0], 0.0, 1.0).round(6)
    array([0.      , 0.241971])
    """
    mu, sigma = _params(mu, sigma)
    xs = _x(x)
    with np.errstate(all="ignore"):
        return _finite(_jacobian(xs, mu, sigma)[:, 0], xs, mu, sigma)


def gaussian_dsigma(x: Any, mu: float, sigma: float) -> np.ndarray:
    """``∂g/∂σ = g(x) ((x − μ)² / σ³ − 1/σ)``.

    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    x : array_like of shape (n,)
        Where to evaluate.
    mu : float
        The mean.
    sigma : float
        The standard deviation (> 0).

    Returns
    -------
    numpy.ndarray of shape (n,)
        The derivative.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If ``x`` is not a finite 1-D array or ``sigma <= 0``.

    Examples
    --------
    >>> gaussian_dsigma([0.0, 1.0], 0.0, 1.0).round(6)
    array([-0.398942,  0.      ])
    """
    mu, sigma = _params(mu, sigma)
    xs = _x(x)
    with np.errstate(all="ignore"):
        return _finite(_jacobian(xs, mu, sigma)[:, 1], xs, mu, sigma)


def chi_squared(x: Any, y: Any, mu: float, sigma: float) -> float:
    """``χ² = Σ_i (y_i − g(x_i; μ, σ))²``, the misfit of the Gaussian to the data.

    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data: bin centres and heights.
    mu : float
        The mean.
    sigma : float
        The standard deviation (> 0).

    Returns
    -------
    float
        χ².

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If shapes differ, an entry is not finite or ``sigma <= 0``.

    Examples
    --------
    >>> round(chi_squared([0.0], [0.0], 0.0, 1.0), 6)
    0.159155
    """
    xs, ys = _xy(x, y)
    mu, sigma = _params(mu, sigma)
    with np.errstate(all="ignore"):
        return float(_finite(np.sum((ys - _g(xs, mu, sigma)) ** 2), xs, mu, sigma))


def chi_squared_gradient(x: Any, y: Any, mu: float, sigma: float) -> np.ndarray:
    """``∇χ² = −2 Σ_i (y_i − g_i) [∂g_i/∂μ, ∂g_i/∂σ]``.

    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data.
    mu : float
        The mean.
    sigma : float
        The standard deviation (> 0).

    Returns
    -------
    numpy.ndarray of shape (2,)
        ``[∂χ²/∂μ, ∂χ²/∂σ]``.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If shapes differ, an entry is not finite or ``sigma <= 0``.

    Examples
    --------
    >>> chi_squared_gradient([0.0], [0.0], 0.0, 1.0).round(6)
    array([ 0.     , -0.31831])
    """
    xs, ys = _xy(x, y)
    mu, sigma = _params(mu, sigma)
    with np.errstate(all="ignore"):
        gradient = -2 * (ys - _g(xs, mu, sigma)) @ _jacobian(xs, mu, sigma)
    return _finite(gradient, xs, mu, sigma)


def steepest_step(
    x: Any, y: Any, mu: float, sigma: float, learning_rate: float
) -> tuple[float, float]:
    """One steepest-descent step on χ²: ``(δμ, δσ) = −learning_rate · ∇χ²``.

    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data.
    mu : float
        The current mean.
    sigma : float
        The current standard deviation (> 0).
    learning_rate : float
        The step size (> 0); the course calls it the *aggression*.

    Returns
    -------
    tuple of float
        ``(dmu, dsigma)``.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If shapes differ, an entry is not finite, ``sigma <= 0`` or ``learning_rate <= 0``.

    Examples
    --------
    >>> dmu, dsigma = steepest_step([0.0], [0.0], 0.0, 1.0, learning_rate=10.0)
    >>> round(dsigma, 6)
    3.183099
    """
    rate = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    dmu, dsigma = -rate * chi_squared_gradient(x, y, mu, sigma)
    return float(dmu), float(dsigma)


@dataclass(frozen=True)
class FitResult:
    """What :func:`fit_gaussian` returns.

    Attributes
    ----------
    mu, sigma : float
        The fitted mean and standard deviation.
    chi2 : float
        χ² at the fit.
    n_iter : int
        Iterations taken (accepted or rejected).
    path : numpy.ndarray of shape (k, 2)
        ``(μ, σ)`` from the start through every accepted step.
    converged : bool
        Whether the stopping rule was met before ``max_iter``.
    method : str
        The method used.
    """

    mu: float
    sigma: float
    chi2: float
    n_iter: int
    path: np.ndarray
    converged: bool
    method: str


def fit_gaussian(
    x: Any,
    y: Any,
    mu0: float,
    sigma0: float,
    method: str = "levenberg-marquardt",
    *,
    learning_rate: float = 1000.0,
    max_iter: int | None = None,
    xtol: float = 1e-10,
) -> FitResult:
    """Fit ``g(x; μ, σ)`` to the points ``(x, y)`` by minimising χ², from ``(mu0, sigma0)``.

    This is :func:`mmlbook.calculus.least_squares` with the residuals
    ``r_i = y_i − g(x_i; μ, σ)`` and their Jacobian ``−[∂g/∂μ, ∂g/∂σ]``; see there for
    the methods and the stopping rule. Levenberg–Marquardt (the default) converges from
    poor starts such as μ = 160, σ = 15, where Gauss–Newton makes σ negative.
    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data, e.g. from :func:`mmlbook.datasets.heights_histogram`.
    mu0 : float
        Starting mean.
    sigma0 : float
        Starting standard deviation (> 0).
    method : {"levenberg-marquardt", "gauss-newton", "steepest"}
        The minimiser.
    learning_rate : float, default 1000.0
        Step size of ``"steepest"`` (ignored by the others); the course's *aggression*.
    max_iter : int, optional
        Iteration limit; 200 by default, 100000 for ``"steepest"``.
    xtol : float, default 1e-10
        Relative step size at which the fit has converged.

    Returns
    -------
    FitResult
        The fit, its χ², the number of iterations and the path of ``(μ, σ)``.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the data are not matching finite 1-D arrays, ``sigma0 <= 0`` or
        ``learning_rate <= 0``, the Gaussian overflows at the start, the method is unknown,
        or Gauss–Newton or steepest descent makes σ negative.

    Warns
    -----
    ConvergenceWarning
        If ``max_iter`` is reached before convergence.

    Examples
    --------
    >>> from mmlbook.datasets import heights_histogram
    >>> x, y = heights_histogram()
    >>> fit = fit_gaussian(x, y, mu0=160.0, sigma0=15.0)
    >>> round(fit.mu, 2), round(fit.sigma, 2), fit.converged
    (178.52, 7.55, True)
    """
    xs, ys = _xy(x, y)
    mu, sigma = _params(mu0, sigma0)
    rate = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    with np.errstate(all="ignore"):
        _finite(_jacobian(xs, mu, sigma), xs, mu, sigma)
    residual, jacobian = _gaussian_residuals(xs, ys)
    fit = least_squares(
        residual,
        jacobian,
        [mu, sigma],
        method,
        learning_rate=rate,
        max_iter=max_iter,
        xtol=xtol,
    )
    return FitResult(
        mu=float(fit.x[0]),
        sigma=float(fit.x[1]),
        chi2=fit.chi2,
        n_iter=fit.n_iter,
        path=fit.path,
        converged=fit.converged,
        method=method,
    )
