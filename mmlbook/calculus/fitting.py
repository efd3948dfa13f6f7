"""Fitting a Gaussian to a histogram by minimising χ².

``χ²(μ, σ) = Σ_i (y_i − g(x_i; μ, σ))²`` measures how far the curve is from the bars.
It is one use of :func:`mmlbook.calculus.least_squares`, with the residuals
``r_i = y_i − g(x_i; μ, σ)``: minimised by steepest descent (the course's method, slow)
or by Levenberg–Marquardt, a damped Gauss–Newton method (fast).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, binary_exponent, check_real, unscale
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
#: fit_gaussian fits data whose largest magnitude is between 2**-64 and 2**64 as they are.
_MODERATE_EXPONENT = 64
#: The arguments an error about χ² out of the range of floats asks to rescale.
_DATA_NAMES = "y, or x, mu and sigma"
#: The methods :func:`fit_gaussian` knows: those of :func:`least_squares`.
FIT_METHODS: tuple[str, ...] = LEAST_SQUARES_METHODS


def _x(x: Any) -> np.ndarray:
    return as_float_array(x, "x", ndim=1)


def _params(
    mu: Any, sigma: Any, names: tuple[str, str] = ("mu", "sigma")
) -> tuple[float, float]:
    return (
        check_real(mu, names[0]),
        check_real(sigma, names[1], low=0.0, low_inclusive=False),
    )


def _xy(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    xs = _x(x)
    ys = as_float_array(y, "y", ndim=1)
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same shape, got {xs.shape} and {ys.shape}")
    return xs, ys


def _scaled(x: np.ndarray, mu: float, sigma: float) -> tuple[int, np.ndarray, float, float]:
    """``e`` and ``x, μ, σ`` divided by ``2**e``, the power of 2 that brings the largest
    of them into [0.5, 1).

    The Gaussian does not depend on the unit: ``g(x; μ, σ) = g(x/c; μ/c, σ/c) / c`` for
    ``c = 2**e``, and its derivatives are ``c**-2`` times theirs. Scaling by a power of 2
    is exact, and at that scale no difference ``x − μ`` overflows.
    """
    e = binary_exponent(x, np.array([mu, sigma]))
    return e, np.ldexp(x, -e), math.ldexp(mu, -e), math.ldexp(sigma, -e)


def _g(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    # In z = (x − μ)/σ, so that σ² never underflows: a z too large to square gives
    # exp(−∞) = 0, the Gaussian's value there to working precision.
    z = (x - mu) / sigma
    return np.exp(-0.5 * z * z) / (sigma * _SQRT_2PI)


def _jacobian(x: np.ndarray, mu: float, sigma: float) -> np.ndarray:
    """``[∂g/∂μ, ∂g/∂σ] = (g/σ) [z, z² − 1]``, and 0 where g is 0 (far in the tails,
    where z may overflow and (g/σ) z would be 0 · ∞)."""
    z = (x - mu) / sigma
    g_over_sigma = _g(x, mu, sigma) / sigma
    z[g_over_sigma == 0.0] = 0.0
    return np.column_stack([g_over_sigma * z, g_over_sigma * (z * z - 1.0)])


def _in_range(values: Any, quantity: str, names: str) -> Any:
    """``values`` if finite, else an error: computed at a scale where only an answer
    beyond the range of float64 overflows."""
    finite = math.isfinite(values) if isinstance(values, float) else np.isfinite(values).all()
    if not finite:
        raise ValueError(
            f"{quantity} is beyond the range of float64 (magnitudes up to "
            f"{np.finfo(float).max:.4g}): rescale {names}"
        )
    return values


def _at_unit_scale(
    x: np.ndarray, mu: float, sigma: float, derivatives: bool
) -> tuple[int, np.ndarray]:
    """``e`` and, at the scale ``c = 2**e`` of :func:`_scaled`, the Gaussian ``c g`` or
    its Jacobian ``c² [∂g/∂μ, ∂g/∂σ]``."""
    e, xs, m, s = _scaled(x, mu, sigma)
    with np.errstate(all="ignore"):
        values = _jacobian(xs, m, s) if derivatives else _g(xs, m, s)
    quantity = "a derivative of the Gaussian" if derivatives else "the Gaussian"
    return e, _in_range(values, quantity, "x, mu and sigma (sigma is small beside them)")


def _residuals_scaled(
    x: np.ndarray, y: np.ndarray, mu: float, sigma: float
) -> tuple[int, np.ndarray]:
    """``f`` and the residuals ``(y − g) / 2**f``, whose squares neither overflow nor
    underflow."""
    e, g = _at_unit_scale(x, mu, sigma, derivatives=False)
    g = unscale(g, -e, "the Gaussian", "x, mu and sigma", negligible=math.inf)
    f = binary_exponent(y, g)
    return f, np.ldexp(y, -f) - np.ldexp(g, -f)


def _gradient_scaled(
    x: np.ndarray, y: np.ndarray, mu: float, sigma: float
) -> tuple[int, np.ndarray]:
    """``k`` and ``∇χ² / 2**k = −2 Σ_i r_i ∂g_i/∂(μ, σ) / 2**k``, from the residuals
    and the Jacobian each at its own scale."""
    f, r = _residuals_scaled(x, y, mu, sigma)
    e, J = _at_unit_scale(x, mu, sigma, derivatives=True)
    with np.errstate(all="ignore"):
        gradient = -2 * r @ J
    return f - 2 * e, _in_range(gradient, "the gradient of chi squared", _DATA_NAMES)


class _GaussianModel:
    """The residuals ``r = y − g(x; μ, σ)`` of the fit and their Jacobian ``−∂g/∂(μ, σ)``.

    In ``z = (x − μ)/σ``, ``∂g/∂μ = (g/σ) z`` and ``∂g/∂σ = (g/σ)(z² − 1)``: the
    Jacobian reuses the ``z`` and ``g`` of the residuals at the same point, so that the
    exponential is computed once per point, and it is written row by row into a fresh
    array. Where σ ≤ 0 the model is undefined, and the residuals are NaN.

    Both are kept for the last point: :func:`fit_gaussian` checks the start with them,
    and :func:`least_squares`, which begins by evaluating the start again, gets them
    back without computing them twice.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray) -> None:
        self.x, self.y = x, y
        self.theta: tuple[float, float] | None = None
        self.g = self.r = self.J = np.empty(0)
        self._z = np.empty(0)

    def residual(self, theta: np.ndarray) -> np.ndarray:
        mu, sigma = theta.tolist()
        if self.theta == (mu, sigma):
            return self.r
        if not sigma > 0:
            return np.full(self.x.shape, np.nan)
        z = self.x - mu
        z /= sigma
        g = z * z
        g *= -0.5
        np.exp(g, out=g)
        g *= 1 / (sigma * _SQRT_2PI)
        self.theta, self._z, self.g, self.r = (mu, sigma), z, g, self.y - g
        self.J = np.empty(0)
        return self.r

    def jacobian(self, theta: np.ndarray) -> np.ndarray:
        mu, sigma = theta.tolist()
        if self.theta != (mu, sigma):
            self.residual(theta)
        if self.J.size:
            return self.J
        z, g_over_sigma = self._z, self.g / sigma
        rows = np.empty((2, self.x.size))
        np.multiply(g_over_sigma, z, out=rows[0])
        np.negative(rows[0], out=rows[0])
        np.multiply(z, z, out=rows[1])
        np.subtract(1.0, rows[1], out=rows[1])
        rows[1] *= g_over_sigma
        self.J = rows.T
        return self.J


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
        If ``x`` is not a finite 1-D array, ``sigma <= 0``, or the Gaussian is beyond the
        range of float64 (a peak 1/(σ√(2π)) above about 1.8e308); where it is below, far
        in the tails, it is 0 or subnormal as float arithmetic gives it.

    Examples
    --------
    >>> gaussian([0.0], 0.0, 1.0).round(6)
    array([0.398942])
    """
    mu, sigma = _params(mu, sigma)
    e, g = _at_unit_scale(_x(x), mu, sigma, derivatives=False)
    # Far in the tails the Gaussian underflows to 0: its value there to working precision.
    return unscale(g, -e, "the Gaussian", "x, mu and sigma", negligible=math.inf)


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
        If ``x`` is not a finite 1-D array, ``sigma <= 0``, or the derivative is out of
        the range of float64 (above about 1.8e308, or not zero and all below about
        2.2e-308: it scales as 1/σ², so rescale x, mu and sigma).

    Examples
    --------
    >>> gaussian_dmu([0.0, 1.0], 0.0, 1.0).round(6)
    array([0.      , 0.241971])
    """
    mu, sigma = _params(mu, sigma)
    e, J = _at_unit_scale(_x(x), mu, sigma, derivatives=True)
    return unscale(J[:, 0], -2 * e, "the derivative of the Gaussian", "x, mu and sigma")


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
        If ``x`` is not a finite 1-D array, ``sigma <= 0``, or the derivative is out of
        the range of float64 (above about 1.8e308, or not zero and all below about
        2.2e-308: it scales as 1/σ², so rescale x, mu and sigma).

    Examples
    --------
    >>> gaussian_dsigma([0.0, 1.0], 0.0, 1.0).round(6)
    array([-0.398942,  0.      ])
    """
    mu, sigma = _params(mu, sigma)
    e, J = _at_unit_scale(_x(x), mu, sigma, derivatives=True)
    return unscale(J[:, 1], -2 * e, "the derivative of the Gaussian", "x, mu and sigma")


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
        If shapes differ, an entry is not finite, ``sigma <= 0``, or the result is out
        of the range of float64 (above about 1.8e308, or not zero and below about
        2.2e-308).

    Examples
    --------
    >>> round(chi_squared([0.0], [0.0], 0.0, 1.0), 6)
    0.159155
    """
    xs, ys = _xy(x, y)
    mu, sigma = _params(mu, sigma)
    f, r = _residuals_scaled(xs, ys, mu, sigma)
    return unscale(float(np.sum(r * r)), 2 * f, "chi squared", _DATA_NAMES)


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
        If shapes differ, an entry is not finite, ``sigma <= 0``, or the result is out
        of the range of float64 (above about 1.8e308, or not zero and below about
        2.2e-308).

    Examples
    --------
    >>> chi_squared_gradient([0.0], [0.0], 0.0, 1.0).round(6)
    array([ 0.     , -0.31831])
    """
    xs, ys = _xy(x, y)
    mu, sigma = _params(mu, sigma)
    k, gradient = _gradient_scaled(xs, ys, mu, sigma)
    return unscale(gradient, k, "the gradient of chi squared", _DATA_NAMES)


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
        If shapes differ, an entry is not finite, ``sigma <= 0`` or ``learning_rate <= 0``,
        or the gradient or the step is out of the range of float64.

    Examples
    --------
    >>> dmu, dsigma = steepest_step([0.0], [0.0], 0.0, 1.0, learning_rate=10.0)
    >>> round(dsigma, 6)
    3.183099
    """
    rate = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    with np.errstate(over="ignore"):  # a step beyond floats is refused below
        step = -rate * chi_squared_gradient(x, y, mu, sigma)
    dmu, dsigma = _in_range(step, "the step", "learning_rate")
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
        ``learning_rate <= 0``, the Gaussian at the start is 0 at every x, its
        derivatives or χ² there are beyond the range of float64, the fitted χ² (which
        scales as 1/c² when x, μ and σ scale by c) is out of that range, the method is
        unknown, or Gauss–Newton or steepest descent makes σ negative.

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
    mu, sigma = _params(mu0, sigma0, names=("mu0", "sigma0"))
    rate = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    # Data of moderate size are fitted as they are. Extreme ones are fitted in the unit
    # c = 2**e of _scaled, where no difference or square overflows: x, μ and σ are
    # divided by c and y multiplied by it, and the fit is scaled back (χ² by c**-2).
    e = binary_exponent(xs, np.array([mu, sigma]))
    if abs(e) <= _MODERATE_EXPONENT:
        e = 0
    x_fit, mu_fit, sigma_fit = np.ldexp(xs, -e), math.ldexp(mu, -e), math.ldexp(sigma, -e)
    with np.errstate(all="ignore"):
        model = _GaussianModel(x_fit, np.ldexp(ys, e))
        start = np.array([mu_fit, sigma_fit])
        r = model.residual(start)
        chi2_start = float(r @ r)
        J = model.jacobian(start)
        curvature = J.T @ J
    if not model.g.any():
        raise ValueError(
            f"the Gaussian of mu0 = {mu:g}, sigma0 = {sigma:g} is 0 at every x to working "
            "precision, and its derivatives too: start nearer the data"
        )
    _in_range(
        curvature,
        f"the derivatives of the Gaussian at sigma0 = {sigma:g}, small beside x,",
        "x, or start from a larger sigma0",
    )
    _in_range(chi2_start, "chi squared at the start", "y, or x, mu0 and sigma0")
    fit = least_squares(
        model.residual,
        model.jacobian,
        start,
        method,
        learning_rate=rate,
        max_iter=max_iter,
        xtol=xtol,
    )
    names = "x, y, mu0 and sigma0"
    mu_found, sigma_found = unscale(fit.x, e, "the fitted mu and sigma", names)
    return FitResult(
        mu=float(mu_found),
        sigma=float(sigma_found),
        chi2=unscale(fit.chi2, -2 * e, "chi squared at the fit", names),
        n_iter=fit.n_iter,
        path=unscale(fit.path, e, "the path of mu and sigma", names),
        converged=fit.converged,
        method=method,
    )
