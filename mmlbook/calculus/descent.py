"""Walking downhill: steepest descent, Newton–Raphson and a hybrid of the two.

Each step function takes the Jacobian ``J`` (and the Hessian ``H``) at the current point
and returns the step to take; :func:`descend` strings steps into a walk across a pit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook._validation import (
    as_float_array,
    as_square_matrix,
    check_positive_int,
    check_real,
)
from mmlbook.calculus.sandpit import Pit

__all__ = ["METHODS", "descend", "hybrid_step", "newton_step", "steepest_descent_step"]

#: The step rules :func:`descend` knows.
METHODS: tuple[str, ...] = ("steepest", "newton", "hybrid")


def _jacobian(J: Any) -> np.ndarray:
    return as_float_array(J, "J", ndim=1)


def _jacobian_and_hessian(J: Any, H: Any) -> tuple[np.ndarray, np.ndarray]:
    jac = _jacobian(J)
    hess = as_square_matrix(H, "H")
    if hess.shape[0] != jac.size:
        raise ValueError(f"H must have shape ({jac.size}, {jac.size}) to match J, got {hess.shape}")
    return jac, hess


def steepest_descent_step(J: Any, gamma: float = 0.5) -> np.ndarray:
    """The steepest-descent step ``−γ J``: a short way straight downhill.

    Derived in :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    J : array_like of shape (n,)
        The Jacobian (gradient) at the current point.
    gamma : float, default 0.5
        The step size (> 0).

    Returns
    -------
    numpy.ndarray of shape (n,)
        The step.

    Raises
    ------
    TypeError
        If ``J`` or ``gamma`` is not numeric.
    ValueError
        If ``J`` is not a finite 1-D array or ``gamma <= 0``.

    Examples
    --------
    >>> steepest_descent_step([2.0, -4.0], gamma=0.25)
    array([-0.5,  1. ])
    """
    jac = _jacobian(J)
    step = check_real(gamma, "gamma", low=0.0, low_inclusive=False)
    return -step * jac


def newton_step(J: Any, H: Any) -> np.ndarray:
    """The Newton–Raphson step ``−H⁻¹ J`` to the stationary point of the local quadratic.

    On a quadratic surface the step lands exactly on its stationary point, whatever kind
    that is -- a maximum or a saddle too. Derived in :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    J : array_like of shape (n,)
        The Jacobian at the current point.
    H : array_like of shape (n, n)
        The Hessian at the current point.

    Returns
    -------
    numpy.ndarray of shape (n,)
        The step.

    Raises
    ------
    TypeError
        If ``J`` or ``H`` is not numeric.
    ValueError
        If the shapes disagree, an entry is not finite, or ``H`` is singular.

    Examples
    --------
    >>> newton_step([2.0, 2.0], [[2.0, 0.0], [0.0, 4.0]])
    array([-1. , -0.5])
    """
    jac, hess = _jacobian_and_hessian(J, H)
    # Judge singularity relative to the size of H: scaling a problem never changes the verdict.
    if np.linalg.cond(hess) > 1e14:
        raise ValueError("H is singular (or nearly): the Newton step is undefined")
    return -np.linalg.solve(hess, jac)


def hybrid_step(J: Any, H: Any, max_step: float = 2.0, gamma: float = 0.5) -> np.ndarray:
    """Newton's step when it is a short step downhill, else the steepest-descent step.

    The Newton step ``s = −H⁻¹J`` is taken when it points downhill (``J·s < 0``) and
    ``|s| <= max_step``; otherwise (or if ``H`` is singular) the step is ``−γ J``.
    Derived in :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    J : array_like of shape (n,)
        The Jacobian at the current point.
    H : array_like of shape (n, n)
        The Hessian at the current point.
    max_step : float, default 2.0
        The longest Newton step allowed (> 0).
    gamma : float, default 0.5
        The steepest-descent step size (> 0).

    Returns
    -------
    numpy.ndarray of shape (n,)
        The step.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes disagree, an entry is not finite, or a size is not positive.

    Examples
    --------
    Near a maximum Newton would climb, so the hybrid walks downhill instead:

    >>> hybrid_step([1.0, 0.0], [[-2.0, 0.0], [0.0, -2.0]], gamma=0.1)
    array([-0.1, -0. ])
    >>> hybrid_step([1.0, 0.0], [[2.0, 0.0], [0.0, 2.0]])
    array([-0.5, -0. ])
    """
    jac, hess = _jacobian_and_hessian(J, H)
    longest = check_real(max_step, "max_step", low=0.0, low_inclusive=False)
    fallback = steepest_descent_step(jac, gamma)
    try:
        step = newton_step(jac, hess)
    except ValueError:
        return fallback
    if jac @ step < 0 and np.linalg.norm(step) <= longest:
        return step
    return fallback


def descend(
    pit: Pit,
    start: Any,
    method: str = "hybrid",
    *,
    gamma: float = 0.5,
    max_step: float = 2.0,
    max_steps: int = 100,
    tol: float = 1e-8,
) -> np.ndarray:
    """Walk across ``pit`` from ``start`` with one of the step rules; return the path.

    The walk stops when the gradient is smaller than ``tol``, after ``max_steps`` steps,
    or when a step would leave the square: that step is cut short at the edge, where the
    walk ends (the phone is in the pit, so there is no point in looking outside).
    Derived in :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    pit : Pit
        The sandpit.
    start : array_like of shape (2,)
        The starting point, inside ``[0, size]²``.
    method : {"steepest", "newton", "hybrid"}, default "hybrid"
        The step rule: :func:`steepest_descent_step`, :func:`newton_step` or
        :func:`hybrid_step`.
    gamma : float, default 0.5
        Steepest-descent step size.
    max_step : float, default 2.0
        Longest Newton step the hybrid accepts.
    max_steps : int, default 100
        Most steps taken.
    tol : float, default 1e-8
        Stop when ``|J| <= tol``.

    Returns
    -------
    numpy.ndarray of shape (k + 1, 2)
        The start and the point after each of the ``k`` steps taken.

    Raises
    ------
    TypeError
        If ``pit`` is not a :class:`Pit` or an argument has the wrong type.
    ValueError
        If ``method`` is unknown, ``start`` lies outside the pit, or a size is not
        positive. Also if Newton's method meets a singular Hessian.

    Examples
    --------
    >>> from mmlbook.calculus.sandpit import intro_pit
    >>> path = descend(intro_pit(), [2.0, 2.0], method="hybrid", gamma=0.05)
    >>> path[-1].round(2)
    array([1.21, 4.01])
    """
    if not isinstance(pit, Pit):
        raise TypeError(f"pit must be a Pit, got {type(pit).__name__}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    point = as_float_array(start, "start", ndim=1)
    if point.shape != (2,):
        raise ValueError(f"start must have shape (2,), got {point.shape}")
    if np.any(point < 0) or np.any(point > pit.size):
        raise ValueError(f"start must lie inside [0, {pit.size:g}]², got {point}")
    check_real(gamma, "gamma", low=0.0, low_inclusive=False)
    check_real(max_step, "max_step", low=0.0, low_inclusive=False)
    steps = check_positive_int(max_steps, "max_steps", maximum=1_000_000)
    small = check_real(tol, "tol", low=0.0)
    path = [point]
    for _ in range(steps):
        J = pit.gradient(*point)
        if np.linalg.norm(J) <= small:
            break
        if method == "steepest":
            step = steepest_descent_step(J, gamma)
        elif method == "newton":
            step = newton_step(J, pit.hessian(*point))
        else:
            step = hybrid_step(J, pit.hessian(*point), max_step, gamma)
        target = point + step
        if np.all((target >= 0) & (target <= pit.size)):
            point = target
            path.append(point)
            continue
        # Shorten the step to the first wall it crosses: the largest t in [0, 1] keeping
        # point + t·step inside, computed per coordinate.
        with np.errstate(divide="ignore", invalid="ignore"):
            limits = np.where(
                step > 0, (pit.size - point) / step, np.where(step < 0, -point / step, np.inf)
            )
        point = point + min(1.0, float(limits.min())) * step
        path.append(point)
        break
    return np.array(path)
