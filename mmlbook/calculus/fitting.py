"""Fitting a Gaussian to a histogram by minimising χ².

``χ²(μ, σ) = Σ_i (y_i − g(x_i; μ, σ))²`` measures how far the curve is from the bars.
It is minimised by steepest descent (the course's method, slow) or by
Levenberg–Marquardt, a damped Gauss–Newton method (fast).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, check_positive_int, check_real

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

#: The methods :func:`fit_gaussian` knows.
FIT_METHODS: tuple[str, ...] = ("levenberg-marquardt", "gauss-newton", "steepest")
_INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)
#: A relative change of χ² this small is lost in the rounding of its sum.
_ROUNDING = 1e-14


class ConvergenceWarning(UserWarning):
    """A fit stopped at its iteration limit before it converged."""


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


def _residual(
    x: np.ndarray, y: np.ndarray, mu: float, sigma: float, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Write the residual ``y − g`` into ``rows[2]``; return what the Jacobian reuses.

    With ``z = (x − μ)/σ`` the model is ``g = exp(−z²/2) / (σ√(2π))``.
    """
    z = x - mu
    z *= 1.0 / sigma
    t = z * z
    g = np.exp(-0.5 * t)
    g *= _INV_SQRT_2PI / sigma
    np.subtract(y, g, out=rows[2])
    return z, t, g


def _jacobian_rows(
    z: np.ndarray, t: np.ndarray, g: np.ndarray, sigma: float, rows: np.ndarray
) -> None:
    """Write ``∂g/∂μ = (g/σ) z`` and ``∂g/∂σ = (g/σ)(z² − 1)`` into ``rows[0]``, ``rows[1]``."""
    g_over_sigma = g * (1.0 / sigma)
    np.multiply(g_over_sigma, z, out=rows[0])
    t -= 1.0
    np.multiply(g_over_sigma, t, out=rows[1])


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
    x: Any, y: Any, mu: float, sigma: float, aggression: float
) -> tuple[float, float]:
    """One steepest-descent step on χ²: ``(δμ, δσ) = −aggression · ∇χ²``.

    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data.
    mu : float
        The current mean.
    sigma : float
        The current standard deviation (> 0).
    aggression : float
        The step size (> 0).

    Returns
    -------
    tuple of float
        ``(dmu, dsigma)``.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If shapes differ, an entry is not finite, ``sigma <= 0`` or ``aggression <= 0``.

    Examples
    --------
    >>> dmu, dsigma = steepest_step([0.0], [0.0], 0.0, 1.0, aggression=10.0)
    >>> round(dsigma, 6)
    3.183099
    """
    rate = check_real(aggression, "aggression", low=0.0, low_inclusive=False)
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
    aggression: float = 1000.0,
    max_iter: int | None = None,
    xtol: float = 1e-10,
) -> FitResult:
    """Fit ``g(x; μ, σ)`` to the points ``(x, y)`` by minimising χ², from ``(mu0, sigma0)``.

    The methods:

    - ``"levenberg-marquardt"`` (default): solve ``(JᵀJ + λ diag JᵀJ) δ = Jᵀr`` for the
      step, where ``r`` are the residuals and ``J`` the Jacobian of the model. A step that
      lowers χ² is taken and λ shrinks (towards Gauss–Newton); one that does not is
      refused and λ grows (towards short steepest-descent steps). It converges from poor
      starts such as μ = 160, σ = 15.
    - ``"gauss-newton"``: the undamped step ``(JᵀJ) δ = Jᵀr``, always taken; fast near the
      minimum, but it can diverge from a poor start.
    - ``"steepest"``: the course's ``δ = −aggression · ∇χ²``, many small steps.

    The fit stops when the next step would be smaller than ``xtol · (|θ| + xtol)``, or
    (for the Gauss–Newton methods) would lower χ² by less than its rounding error.
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
    aggression : float, default 1000.0
        Step size of ``"steepest"`` (ignored by the others).
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
        If the data are not matching finite 1-D arrays, ``sigma0 <= 0``, the method is
        unknown, or the iteration diverges (σ stops being positive or finite).

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
    if method not in FIT_METHODS:
        raise ValueError(f"method must be one of {FIT_METHODS}, got {method!r}")
    rate = check_real(aggression, "aggression", low=0.0, low_inclusive=False)
    limit = check_positive_int(
        max_iter if max_iter is not None else (100_000 if method == "steepest" else 200),
        "max_iter",
    )
    tol = check_real(xtol, "xtol", low=0.0, low_inclusive=False)

    rows, spare = np.empty((3, xs.size)), np.empty((3, xs.size))
    with np.errstate(all="ignore"):
        _jacobian_rows(*_residual(xs, ys, mu, sigma, rows), sigma, rows)
    _finite(rows, xs, mu, sigma)
    # One product of the rows [∂g/∂μ; ∂g/∂σ; r] gives JᵀJ, Jᵀr and χ² = rᵀr together.
    (a, b, jr_mu), (_, d, jr_sigma), (_, _, chi2) = (rows @ rows.T).tolist()
    path = [(mu, sigma)]
    damping, growth = 1e-3, 2.0
    converged = False
    n_iter = 0
    # Overflow is caught by the finiteness checks below, so numpy need not warn about it.
    with np.errstate(all="ignore"):
        while n_iter < limit:
            n_iter += 1
            if method == "steepest":
                # −aggression · ∇χ², and ∇χ² = −2 Jᵀr.
                dmu, dsigma = 2 * rate * jr_mu, 2 * rate * jr_sigma
            else:
                # Solve the 2 × 2 system (JᵀJ + λ diag JᵀJ) δ = Jᵀr by Cramer's rule.
                scale = 1.0 + damping if method == "levenberg-marquardt" else 1.0
                a_damped, d_damped = a * scale, d * scale
                det = a_damped * d_damped - b * b
                if not det > 0:
                    raise ValueError(
                        f"{method} met a singular JᵀJ at mu={mu:g}, sigma={sigma:g}; "
                        "the Gaussian does not overlap the data there"
                    )
                dmu = (d_damped * jr_mu - b * jr_sigma) / det
                dsigma = (a_damped * jr_sigma - b * jr_mu) / det
            # The fall in χ² that the linearised model predicts for this step.
            predicted = dmu * (damping * a * dmu + jr_mu) + dsigma * (
                damping * d * dsigma + jr_sigma
            )
            # A negligible step, or one that cannot lower χ² beyond rounding, changes nothing
            # worth evaluating: the fit has converged.
            negligible = abs(dmu) <= tol * (abs(mu) + tol) and abs(dsigma) <= tol * (
                abs(sigma) + tol
            )
            if negligible or (method != "steepest" and predicted <= _ROUNDING * chi2):
                converged = True
                break
            new_mu, new_sigma = mu + dmu, sigma + dsigma
            trial_chi2 = math.inf
            if math.isfinite(new_mu) and math.isfinite(new_sigma) and new_sigma > 0:
                parts = _residual(xs, ys, new_mu, new_sigma, spare)
                trial_chi2 = float(spare[2] @ spare[2])
            # σ <= 0, or a step so wild that the Gaussian overflows: no χ² to compare.
            if not math.isfinite(trial_chi2):
                if method != "levenberg-marquardt":
                    advice = "lower aggression" if method == "steepest" else "start closer"
                    raise ValueError(
                        f"{method} diverged at iteration {n_iter} (sigma would be {new_sigma:g}); "
                        f"{advice}, or use levenberg-marquardt"
                    )
                damping, growth = damping * growth, growth * 2.0
                continue
            if method == "levenberg-marquardt":
                # Gain ratio: the fall in χ² achieved over the fall the model predicted.
                gain = (chi2 - trial_chi2) / predicted if predicted > 0 else -1.0
                if gain <= 0:
                    damping, growth = damping * growth, growth * 2.0
                    continue
                # A good prediction earns a bolder (more Gauss–Newton) next step.
                damping *= max(1.0 / 3.0, 1.0 - (2.0 * gain - 1.0) ** 3)
                growth = 2.0
            _jacobian_rows(*parts, new_sigma, spare)
            rows, spare = spare, rows
            mu, sigma = new_mu, new_sigma
            (a, b, jr_mu), (_, d, jr_sigma), (_, _, chi2) = (rows @ rows.T).tolist()
            if not math.isfinite(a + b + d + jr_mu + jr_sigma):
                _finite(rows, xs, mu, sigma)
            path.append((mu, sigma))
    if not converged:
        warnings.warn(
            f"{method} did not converge in {limit} iterations; raise max_iter",
            ConvergenceWarning,
            stacklevel=2,
        )
    return FitResult(
        mu=mu,
        sigma=sigma,
        chi2=chi2,
        n_iter=n_iter,
        path=np.array(path),
        converged=converged,
        method=method,
    )
