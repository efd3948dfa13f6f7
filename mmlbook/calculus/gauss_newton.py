"""Least squares for any model: minimise ``χ²(θ) = Σ_i r_i(θ)²`` over the parameters θ.

The caller gives the residuals ``r(θ)`` (data minus model, each divided by its
uncertainty if it has one) and their Jacobian ``J_ij = ∂r_i/∂θ_j``. Three methods walk to
the minimum: the course's steepest descent, Gauss–Newton, which solves the linearised
problem at every step, and Levenberg–Marquardt, which damps Gauss–Newton so that it is
safe from poor starts.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, check_positive_int, check_real

__all__ = ["LEAST_SQUARES_METHODS", "ConvergenceWarning", "LeastSquaresResult", "least_squares"]

#: The methods :func:`least_squares` knows.
LEAST_SQUARES_METHODS: tuple[str, ...] = ("levenberg-marquardt", "gauss-newton", "steepest")
#: A predicted fall in χ² below this fraction of χ² is too small to judge a step by: the
#: rounding of χ² itself is about 1e-14 of it.
_NEGLIGIBLE_FALL = 1e-12
#: Levenberg–Marquardt's first λ, relative to the curvature of each parameter.
_FIRST_DAMPING = 1e-2


class ConvergenceWarning(UserWarning):
    """A fit stopped at its iteration limit before it converged."""


@dataclass(frozen=True)
class LeastSquaresResult:
    """What :func:`least_squares` returns.

    Attributes
    ----------
    x : numpy.ndarray of shape (n,)
        The parameters found.
    chi2 : float
        ``χ² = Σ r_i²`` there.
    residuals : numpy.ndarray of shape (m,)
        The residuals there.
    jacobian : numpy.ndarray of shape (m, n)
        Their Jacobian there; with residuals divided by their uncertainties,
        ``inv(JᵀJ)`` estimates the covariance of the parameters.
    n_iter : int
        Iterations taken, refused Levenberg–Marquardt trial steps included.
    path : numpy.ndarray of shape (k, n)
        The start and every accepted point.
    converged : bool
        Whether the stopping rule was met before ``max_iter``.
    method : str
        The method used.
    """

    x: np.ndarray
    chi2: float
    residuals: np.ndarray
    jacobian: np.ndarray
    n_iter: int
    path: np.ndarray
    converged: bool
    method: str


def least_squares(
    residual: Callable[[np.ndarray], Any],
    jacobian: Callable[[np.ndarray], Any],
    x0: Any,
    method: str = "levenberg-marquardt",
    *,
    learning_rate: float | None = None,
    max_iter: int | None = None,
    xtol: float = 1e-10,
) -> LeastSquaresResult:
    """Minimise ``χ²(θ) = r(θ)ᵀ r(θ)`` from ``x0``, given the residuals and their Jacobian.

    The gradient of χ² is ``2 Jᵀr``. The methods:

    - ``"levenberg-marquardt"`` (default): solve ``(JᵀJ + λD) δ = −Jᵀr``, where the
      diagonal matrix ``D`` holds the largest ``diag(JᵀJ)`` met so far. A step that
      lowers χ² is taken and λ shrinks (towards Gauss–Newton); one that does not is
      refused and λ grows (towards a short steepest-descent step).
    - ``"gauss-newton"``: the undamped step ``JᵀJ δ = −Jᵀr``, always taken; fast near
      the minimum, but it can run away from a poor start.
    - ``"steepest"``: ``δ = −learning_rate · ∇χ² = −2 learning_rate Jᵀr``, always taken.

    The iteration stops when the next step would change every parameter by less than
    ``xtol · (|θ_j| + xtol)``, or (Gauss–Newton and Levenberg–Marquardt) after a step
    that the linearised model predicts to lower χ² by less than ``1e-12 · χ²``, too
    little for χ² to judge. Where the model is undefined (σ ≤ 0 for a
    Gaussian, say) ``residual`` should return NaN: Levenberg–Marquardt then refuses the
    step, and the other methods raise an error.
    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    residual : callable
        ``residual(θ)`` returns the ``m`` residuals, shape ``(m,)``.
    jacobian : callable
        ``jacobian(θ)`` returns ``∂r_i/∂θ_j``, shape ``(m, n)``.
    x0 : array_like of shape (n,)
        The starting parameters.
    method : {"levenberg-marquardt", "gauss-newton", "steepest"}
        The minimiser.
    learning_rate : float, optional
        The step size of ``"steepest"`` (> 0), which needs one; the others ignore it.
    max_iter : int, optional
        Iteration limit; 200 by default, 100000 for ``"steepest"``.
    xtol : float, default 1e-10
        Relative step size at which the fit has converged (> 0).

    Returns
    -------
    LeastSquaresResult
        The parameters, χ², the residuals and Jacobian there, the iterations and path.

    Raises
    ------
    TypeError
        If ``residual`` or ``jacobian`` is not callable or an argument is not numeric.
    ValueError
        If ``x0`` is not a finite 1-D array, a function fails at ``x0``, returns the
        wrong shape or is not finite there, the method is unknown, ``"steepest"`` has no
        ``learning_rate``, ``JᵀJ`` is singular (the data do not determine the
        parameters), or Gauss–Newton or steepest descent runs out of the model's domain.

    Warns
    -----
    ConvergenceWarning
        If ``max_iter`` is reached before convergence.

    Examples
    --------
    The line ``y = m x + c`` through (0, 1), (1, 3), (2, 4): linear, so one Gauss–Newton
    step lands on the least-squares fit, and the next is negligible.

    >>> import numpy as np
    >>> x, y = np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 4.0])
    >>> design = np.column_stack([x, np.ones(3)])
    >>> fit = least_squares(lambda p: y - design @ p, lambda p: -design, [0.0, 0.0],
    ...                     method="gauss-newton")
    >>> fit.x.round(6), round(fit.chi2, 6), len(fit.path)
    (array([1.5     , 1.166667]), 0.166667, 2)
    """
    theta, limit, tol, rate = _check_args(
        residual, jacobian, x0, method, learning_rate, max_iter, xtol
    )
    r, J = _residuals_at_start(residual, jacobian, theta)
    chi2 = float(r @ r)
    path = [theta]
    damping, growth = _FIRST_DAMPING, 2.0
    # Levenberg–Marquardt damps each parameter in proportion to its curvature, the
    # diagonal of JᵀJ; keeping the largest seen so far (Moré) damps a parameter whose
    # column of J vanishes for a moment, and one with no curvature at all is damped by 1.
    curvature_seen = np.diag(J.T @ J)
    scale = np.where(curvature_seen > 0, curvature_seen, 1.0)
    converged = False
    n_iter = 0
    # Leaving the model's domain or overflowing shows as an infinite χ², handled below,
    # so numpy need not warn about it.
    with np.errstate(all="ignore"):
        while n_iter < limit:
            n_iter += 1
            gradient = J.T @ r  # half the gradient of χ²
            if method == "steepest":
                step = -2 * rate * gradient
            else:
                curvature = J.T @ J
                # The damping λ D, with D the largest diag(JᵀJ) so far; Gauss–Newton is λ = 0.
                lam = damping if method == "levenberg-marquardt" else 0.0
                scale = np.maximum(scale, curvature.diagonal())
                damped = lam * scale
                step = _solve(curvature, damped, gradient, theta, method)
            if _negligible(step, theta, tol):
                converged = True
                break
            trial = theta + step
            trial_r = _residuals(residual, trial, r.shape)
            trial_chi2 = _chi2(trial_r)  # infinite where the model is undefined or overflows
            accept, last = True, False
            if method != "steepest":
                # The fall in χ² the linearised model r + J δ predicts, ‖r‖² − ‖r + J δ‖²,
                # which the step's equation turns into δᵀ(λ D δ − Jᵀr).
                predicted = float(step @ (damped * step - gradient))
                # A fall this small cannot be judged by χ², whose rounding is nearly as large;
                # the model is as good as χ² here. Take the step unless χ² rises, and stop.
                last = predicted <= _NEGLIGIBLE_FALL * chi2
                if last:
                    accept = trial_chi2 <= chi2 * (1 + _NEGLIGIBLE_FALL)
                elif method == "levenberg-marquardt":
                    # The gain ratio: the fall achieved over the fall predicted.
                    gain = (chi2 - trial_chi2) / predicted
                    accept = gain > 0
                    if accept:  # a good prediction earns a bolder, more Gauss–Newton, step
                        damping, growth = damping * max(1 / 3, 1 - (2 * gain - 1) ** 3), 2.0
                    else:
                        damping, growth = damping * growth, growth * 2.0
            if accept and not math.isfinite(trial_chi2):
                advice = "lower learning_rate" if method == "steepest" else "start closer"
                raise ValueError(
                    f"{method} diverged at iteration {n_iter}: the residuals are not finite at "
                    f"{trial}; {advice}, or use levenberg-marquardt"
                )
            if accept:
                theta, r, chi2 = trial, trial_r, trial_chi2
                J = _jacobian(jacobian, theta, (r.size, theta.size))
                path.append(theta)
            if last:
                converged = True
                break
    if not converged:
        warnings.warn(
            f"{method} did not converge in {limit} iterations; raise max_iter",
            ConvergenceWarning,
            stacklevel=2,
        )
    return LeastSquaresResult(
        x=theta,
        chi2=chi2,
        residuals=r,
        # The loop finds a Jacobian that is not finite only when it steps from it: not the last.
        jacobian=_checked_jacobian(J, theta, J.shape),
        n_iter=n_iter,
        path=np.array(path),
        converged=converged,
        method=method,
    )


def _check_args(
    residual: Any,
    jacobian: Any,
    x0: Any,
    method: Any,
    learning_rate: Any,
    max_iter: Any,
    xtol: Any,
) -> tuple[np.ndarray, int, float, float]:
    for function, name in ((residual, "residual"), (jacobian, "jacobian")):
        if not callable(function):
            raise TypeError(f"{name} must be callable, got {type(function).__name__}")
    theta = as_float_array(x0, "x0", ndim=1).copy()
    if method not in LEAST_SQUARES_METHODS:
        raise ValueError(f"method must be one of {LEAST_SQUARES_METHODS}, got {method!r}")
    rate = 0.0
    if method == "steepest":
        if learning_rate is None:
            raise ValueError('method="steepest" needs a learning_rate')
        rate = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    elif learning_rate is not None:
        check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    default = 100_000 if method == "steepest" else 200
    limit = check_positive_int(default if max_iter is None else max_iter, "max_iter")
    tol = check_real(xtol, "xtol", low=0.0, low_inclusive=False)
    return theta, limit, tol, rate


def _as_values(raw: Any, name: str, theta: np.ndarray) -> np.ndarray:
    if isinstance(raw, np.ndarray) and raw.dtype == np.float64:
        return raw
    if np.iscomplexobj(raw):
        raise TypeError(f"{name} must return real numbers, got complex ones at {theta}")
    try:
        return np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must return real numbers, got {type(raw).__name__}") from None


def _residuals_at_start(
    residual: Callable[[np.ndarray], Any], jacobian: Callable[[np.ndarray], Any], theta: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The residuals and Jacobian at x0, checked; a function that fails there is told so."""
    try:
        with np.errstate(all="ignore"):
            raw_r, raw_J = residual(theta.copy()), jacobian(theta.copy())
    except (ArithmeticError, IndexError, KeyError, TypeError, ValueError) as error:
        kind = TypeError if isinstance(error, TypeError) else ValueError
        raise kind(
            f"the residual or its jacobian fails at x0 = {theta} ({type(error).__name__}, "
            f"above): do they take {theta.size} parameters?"
        ) from error
    r = _as_values(raw_r, "residual", theta)
    J = _as_values(raw_J, "jacobian", theta)
    if r.ndim != 1 or r.size == 0:
        raise ValueError(f"residual must return a non-empty 1-D array, got shape {r.shape}")
    if not np.isfinite(r).all():
        raise ValueError(f"residual must be finite at x0 = {theta}")
    return r, _checked_jacobian(J, theta, (r.size, theta.size))


def _residuals(
    residual: Callable[[np.ndarray], Any], theta: np.ndarray, shape: tuple[int, ...]
) -> np.ndarray:
    r = _as_values(residual(theta.copy()), "residual", theta)
    if r.shape != shape:
        raise ValueError(f"residual must return shape {shape} every time, got {r.shape}")
    return r


def _chi2(r: np.ndarray) -> float:
    """``rᵀr``, infinite when a residual is not finite."""
    chi2 = float(r @ r)
    return chi2 if math.isfinite(chi2) else math.inf


def _negligible(step: np.ndarray, theta: np.ndarray, tol: float) -> bool:
    """Whether every ``|δ_j| <= tol · (|θ_j| + tol)``; a step that is not finite is an error.

    The Jacobian is checked at ``x0`` only: later, a Jacobian that is not finite makes the
    step so, and this test, which reads every entry of the step anyway, finds it.
    """
    steps = step.tolist()
    if not all(math.isfinite(d) for d in steps):
        raise ValueError(
            f"the step from {theta} is not finite: is the jacobian finite there, and (for "
            "steepest descent) the learning_rate moderate?"
        )
    return all(abs(d) <= tol * (abs(t) + tol) for d, t in zip(steps, theta.tolist(), strict=True))


def _jacobian(
    jacobian: Callable[[np.ndarray], Any], theta: np.ndarray, shape: tuple[int, int]
) -> np.ndarray:
    """The Jacobian at ``theta``, of the right shape; :func:`_negligible` sees if it is finite."""
    J = _as_values(jacobian(theta.copy()), "jacobian", theta)
    _check_shape(J, shape)
    return J


def _check_shape(J: np.ndarray, shape: tuple[int, int]) -> None:
    if J.shape != shape:
        raise ValueError(
            f"jacobian must return shape {shape} (residuals × parameters), got {J.shape}"
        )


def _checked_jacobian(J: np.ndarray, theta: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    _check_shape(J, shape)
    if not np.isfinite(J).all():
        raise ValueError(f"jacobian is not finite at {theta}")
    return J


def _solve(
    curvature: np.ndarray, damped: np.ndarray, gradient: np.ndarray, theta: np.ndarray, method: str
) -> np.ndarray:
    """The step δ of ``(curvature + diag(damped)) δ = −gradient``, or say that there is none.

    With two parameters, by Cramer's rule on Python floats: exact for 2 × 2, and several
    times faster than building the damped matrix and calling :func:`numpy.linalg.solve`,
    whose checks cost more than the arithmetic; it matters for fits with two parameters.
    """
    if gradient.size == 2:
        step = _cramer(curvature, damped, gradient)
    else:
        step = _general_solve(curvature + np.diag(damped), -gradient)
    if step is None:
        if not np.isfinite(curvature.diagonal()).all():  # a column of J is not finite
            raise ValueError(f"jacobian is not finite at {theta}")
        raise ValueError(
            f"{method} met a singular JᵀJ at {theta}: the data do not determine the "
            "parameters there"
        )
    return step


def _general_solve(matrix: np.ndarray, rhs: np.ndarray) -> np.ndarray | None:
    try:
        step = np.linalg.solve(matrix, rhs)
    except np.linalg.LinAlgError:
        return None
    return step if np.isfinite(step).all() else None


def _cramer(curvature: np.ndarray, damped: np.ndarray, gradient: np.ndarray) -> np.ndarray | None:
    """``(curvature + diag(damped)) δ = −gradient`` for 2 × 2, ``None`` if singular."""
    (a, b), (c, d) = curvature.tolist()
    da, dd = damped.tolist()
    a, d = a + da, d + dd
    u, v = gradient.tolist()
    det = a * d - b * c
    if det == 0 or not math.isfinite(det):
        return None
    first, second = (b * v - d * u) / det, (c * u - a * v) / det
    if not (math.isfinite(first) and math.isfinite(second)):
        return None
    return np.array([first, second])
