"""Linear regression: the straight line ``y = m x + c`` that minimises χ².

``χ²(m, c) = Σ_i ((y_i − m x_i − c) / σ_i)²`` is a quadratic in ``(m, c)``, so setting
its two partial derivatives to zero gives the best line in closed form. It is the linear
case of :func:`mmlbook.calculus.least_squares`, which finds the same line in one
Gauss–Newton step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, check_real

__all__ = ["LineFit", "fit_line", "line_residuals"]


@dataclass(frozen=True)
class LineFit:
    """What :func:`fit_line` returns.

    Attributes
    ----------
    slope, intercept : float
        The best line ``y = slope · x + intercept``.
    slope_error, intercept_error : float
        Their standard uncertainties, ``√((AᵀWA)⁻¹)`` on the diagonal, which assume the
        ``σ_i`` given (all 1 if none were).
    chi2 : float
        ``χ² = Σ r_i²`` at the best line.
    dof : int
        Degrees of freedom, the number of points minus the two parameters.
    residuals : numpy.ndarray of shape (n,)
        ``r_i = (y_i − slope · x_i − intercept) / σ_i``.
    """

    slope: float
    intercept: float
    slope_error: float
    intercept_error: float
    chi2: float
    dof: int
    residuals: np.ndarray


def _data(x: Any, y: Any, sigma: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs = as_float_array(x, "x", ndim=1)
    ys = as_float_array(y, "y", ndim=1)
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same shape, got {xs.shape} and {ys.shape}")
    if sigma is None:
        return xs, ys, np.ones_like(xs)
    sigmas = as_float_array(sigma, "sigma", ndim=1)
    if sigmas.shape != xs.shape:
        raise ValueError(
            f"sigma must have the shape of x and y, {xs.shape}, got {sigmas.shape}"
        )
    if np.any(sigmas <= 0):
        raise ValueError("sigma must be positive: every point's uncertainty is > 0")
    return xs, ys, sigmas


def _overflow(*values: Any) -> None:
    if not all(np.all(np.isfinite(v)) for v in values):
        raise ValueError(
            "the fit overflows or underflows for x, y and sigma of these sizes; "
            "rescale the data to moderate numbers"
        )


def line_residuals(
    x: Any, y: Any, slope: float, intercept: float, sigma: Any = None
) -> np.ndarray:
    """The residuals ``r_i = (y_i − m x_i − c) / σ_i`` of the line ``y = m x + c``.

    ``χ² = Σ r_i²`` (``numpy.sum(r**2)``) measures how far the line is from the data.
    Derived in :doc:`/book/calculus/linear_regression`.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data points.
    slope, intercept : float
        The line's ``m`` and ``c``.
    sigma : array_like of shape (n,), optional
        Each point's uncertainty (> 0); all 1 by default, when ``r_i = y_i − m x_i − c``.

    Returns
    -------
    numpy.ndarray of shape (n,)
        The residuals, each in units of its own uncertainty.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the arrays differ in shape, an entry is not finite, a ``sigma`` is not
        positive, or the residuals overflow.

    Examples
    --------
    >>> line_residuals([0.0, 1.0, 2.0], [1.0, 3.0, 4.0], 1.5, 1.0)
    array([0. , 0.5, 0. ])
    >>> line_residuals([0.0, 1.0], [1.0, 3.0], 1.0, 1.0, sigma=[0.5, 2.0])
    array([0. , 0.5])
    """
    xs, ys, sigmas = _data(x, y, sigma)
    m = check_real(slope, "slope")
    c = check_real(intercept, "intercept")
    with np.errstate(all="ignore"):
        residuals = (ys - (m * xs + c)) / sigmas
    _overflow(residuals)
    return residuals


def fit_line(x: Any, y: Any, sigma: Any = None) -> LineFit:
    """The line ``y = m x + c`` that minimises ``χ² = Σ_i ((y_i − m x_i − c) / σ_i)²``.

    With the weights ``w_i = 1/σ_i²`` and the weighted means ``x̄ = Σ w x / Σ w`` and
    ``ȳ = Σ w y / Σ w``, setting ``∂χ²/∂c = 0`` gives ``c = ȳ − m x̄``, and then
    ``∂χ²/∂m = 0`` gives ``m = Σ w (x − x̄)(y − ȳ) / Σ w (x − x̄)²``. The uncertainties
    are ``σ_m² = 1 / Σ w (x − x̄)²`` and ``σ_c² = 1 / Σ w + x̄² σ_m²``, the diagonal of
    the inverse of the normal-equations matrix ``AᵀWA``. Derived in
    :doc:`/book/calculus/linear_regression`.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data points; ``x`` must take at least two different values.
    sigma : array_like of shape (n,), optional
        Each point's uncertainty in ``y`` (> 0). Without it every ``σ_i = 1``: the line
        is the ordinary least-squares line, and the uncertainties it reports must be
        multiplied by the scatter ``√(χ²/dof)`` to estimate those of ``m`` and ``c``.

    Returns
    -------
    LineFit
        The slope and intercept, their uncertainties, χ², the degrees of freedom and the
        residuals.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the arrays differ in shape, an entry is not finite, a ``sigma`` is not
        positive, ``x`` does not spread (all its values equal), or the sums overflow.

    Examples
    --------
    Three points (0, 1), (1, 3), (2, 4): ``m = 3/2`` and ``c = 7/6``, with
    ``χ² = 1/6``.

    >>> fit = fit_line([0.0, 1.0, 2.0], [1.0, 3.0, 4.0])
    >>> round(fit.slope, 6), round(fit.intercept, 6), round(fit.chi2, 6), fit.dof
    (1.5, 1.166667, 0.166667, 1)
    """
    xs, ys, sigmas = _data(x, y, sigma)
    with np.errstate(all="ignore"):
        w = 1 / sigmas**2
        x_mean = np.sum(w * xs) / np.sum(w)
        y_mean = np.sum(w * ys) / np.sum(w)
        spread = np.sum(w * (xs - x_mean) ** 2)
        slope = np.sum(w * (xs - x_mean) * (ys - y_mean)) / spread
        intercept = y_mean - slope * x_mean
        slope_variance = 1 / spread
        intercept_variance = 1 / np.sum(w) + x_mean**2 * slope_variance
        residuals = (ys - (slope * xs + intercept)) / sigmas
        chi2 = residuals @ residuals
    if spread == 0:
        raise ValueError(
            "x must spread: all its values are equal (or too close to tell apart), "
            "so no slope fits the data"
        )
    _overflow(spread, slope, intercept, slope_variance, intercept_variance, residuals, chi2)
    return LineFit(
        slope=float(slope),
        intercept=float(intercept),
        slope_error=float(np.sqrt(slope_variance)),
        intercept_error=float(np.sqrt(intercept_variance)),
        chi2=float(chi2),
        dof=xs.size - 2,
        residuals=residuals,
    )
