"""Newton–Raphson root finding: solve ``f(x) = 0`` in one variable or in ``n``.

From an estimate ``x``, replace ``f`` by its linearisation ``f(x) + f'(x) δ`` and solve
that for the step ``δ``. In one variable ``δ = −f(x)/f'(x)``; in ``n`` variables the
derivative is the ``n × n`` Jacobian matrix ``J`` and the step solves ``J δ = −f(x)``.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, check_positive_int, check_real

__all__ = ["RootResult", "newton_raphson"]


@dataclass(frozen=True)
class RootResult:
    """What :func:`newton_raphson` returns.

    Attributes
    ----------
    root : float or numpy.ndarray of shape (n,)
        The last iterate: a root if ``converged``. A float when ``x0`` was a number.
    path : numpy.ndarray of shape (k + 1,) or (k + 1, n)
        The start and each of the ``k`` iterates taken (all where ``f`` is finite).
    residual : float or numpy.ndarray of shape (n,)
        ``f(root)``.
    n_iter : int
        Newton steps taken, ``k``.
    converged : bool
        Whether the last step was negligible (or ``f`` vanished exactly).
    message : str
        Why the iteration stopped, in words.
    """

    root: float | np.ndarray
    path: np.ndarray
    residual: float | np.ndarray
    n_iter: int
    converged: bool
    message: str


def _evaluate(function: Callable[[Any], Any], x: Any, name: str, shape: tuple[int, ...]) -> Any:
    """``function(x)`` as floats of the given shape."""
    return _values(function(x), x, name, shape)


def _values(raw: Any, x: Any, name: str, shape: tuple[int, ...]) -> Any:
    if np.iscomplexobj(raw):
        raise TypeError(f"{name} must return real numbers, got complex ones at x = {x}")
    try:
        value = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must return real numbers, got {type(raw).__name__} at x = {x}"
        ) from None
    if value.shape != shape:
        want = "a single number" if shape == () else f"an array of shape {shape}"
        raise ValueError(f"{name} must return {want}, got shape {value.shape} at x = {x}")
    # In one variable a numpy float, so that overflow gives inf rather than an error.
    return np.float64(value) if shape == () else value


def _at_start(
    f: Callable[[Any], Any], derivative: Callable[[Any], Any], x: Any, shape: tuple[int, ...]
) -> tuple[Any, Any]:
    """``f(x0)`` and ``f'(x0)``, checked; a function that fails there is told about x0."""
    try:
        with np.errstate(all="ignore"):
            raw_f, raw_derivative = f(x), derivative(x)
    except (ArithmeticError, IndexError, KeyError, TypeError, ValueError) as error:
        kind = TypeError if isinstance(error, TypeError) else ValueError
        raise kind(
            f"f or its derivative fails at x0 = {x} ({type(error).__name__}, above): "
            "does x0 have the length they expect?"
        ) from error
    fx = _values(raw_f, x, "f", shape)
    dfx = _values(raw_derivative, x, "derivative", shape * 2)
    if not (np.all(np.isfinite(fx)) and np.all(np.isfinite(dfx))):
        raise ValueError(f"f and its derivative must be finite at x0 = {x}, got {fx} and {dfx}")
    return fx, dfx


def _newton_step(fx: Any, dfx: Any) -> Any:
    """The step ``δ`` with ``f'(x) δ = −f(x)``, or ``None`` where ``f'(x)`` is singular."""
    if np.ndim(dfx) == 0:
        return None if dfx == 0 else -fx / dfx
    try:
        with np.errstate(all="ignore"):
            step = np.linalg.solve(dfx, -fx)
    except np.linalg.LinAlgError:
        return None
    # In the browser (Pyodide's WebAssembly numpy) a singular matrix gives no error, only
    # values that are not finite.
    return step if np.all(np.isfinite(step)) else None


def newton_raphson(
    f: Callable[[Any], Any],
    derivative: Callable[[Any], Any],
    x0: float | Any,
    *,
    tol: float = 1e-12,
    max_iter: int = 100,
) -> RootResult:
    """Find a root of ``f`` by Newton–Raphson from ``x0``: ``x ← x − f'(x)⁻¹ f(x)``.

    In one variable (``x0`` a number) ``f`` and ``derivative`` take and return numbers.
    In ``n`` variables (``x0`` of shape ``(n,)``) ``f`` returns shape ``(n,)`` and
    ``derivative`` the Jacobian matrix ``∂f_i/∂x_j`` of shape ``(n, n)``.

    The iteration stops when a step is negligible, ``max |δ_i| <= tol · (1 + max |x_i|)``,
    or ``f`` is exactly zero (converged); or without converging when ``f'(x)`` is
    singular (the tangent never meets zero), when the next step would leave ``f``'s
    domain or run away to infinity (that step is not taken), or after ``max_iter`` steps
    (the iterates may be cycling). Newton's method is not guaranteed to converge: read
    ``converged`` and ``message``.
    Derived in :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    f : callable
        The function whose root is wanted.
    derivative : callable
        Its derivative ``f'`` (one variable) or Jacobian matrix (``n`` variables).
    x0 : float or array_like of shape (n,)
        The starting estimate.
    tol : float, default 1e-12
        Relative step size at which the iteration has converged (> 0).
    max_iter : int, default 100
        The most Newton steps taken.

    Returns
    -------
    RootResult
        The root, the path of iterates, ``f`` there, the step count and why it stopped.

    Raises
    ------
    TypeError
        If ``f`` or ``derivative`` is not callable, ``x0`` is not numeric, or a function
        returns something that is not real numbers.
    ValueError
        If ``x0`` is not finite or not 0-D/1-D, a function returns the wrong shape, fails
        at ``x0`` or is not finite there, or ``tol``/``max_iter`` is not positive.

    Examples
    --------
    The square root of 2 as the positive root of ``x² − 2``:

    >>> result = newton_raphson(lambda x: x**2 - 2, lambda x: 2 * x, 1.0)
    >>> round(result.root, 12), result.n_iter, result.converged
    (1.414213562373, 5, True)

    The crossing of the unit circle with the line ``y = x``, in two variables:

    >>> import numpy as np
    >>> f = lambda p: np.array([p[0]**2 + p[1]**2 - 1, p[0] - p[1]])
    >>> jacobian = lambda p: np.array([[2 * p[0], 2 * p[1]], [1.0, -1.0]])
    >>> newton_raphson(f, jacobian, [1.0, 0.0]).root.round(6)
    array([0.707107, 0.707107])
    """
    x, shape, step_tol, limit = _check_newton_args(f, derivative, x0, tol, max_iter)
    fx, dfx = _at_start(f, derivative, x, shape)
    path = [x]
    converged, message = False, f"stopped after max_iter = {limit} steps without converging"
    # Overflow and leaving the domain are caught by the finiteness checks, not by numpy.
    with np.errstate(all="ignore"):
        for _ in range(limit):
            if np.all(fx == 0):
                converged, message = True, "f is exactly zero"
                break
            step = _newton_step(fx, dfx)
            if step is None:
                # Far out a derivative such as arctan's, 1/(1 + x²), underflows to 0.0:
                # say so, rather than claim that the function itself is flat there.
                if shape == ():
                    message = (
                        f"the derivative is zero at x = {x} (in floating point: exactly "
                        "zero, or too small to represent): the tangent never meets zero"
                    )
                else:
                    message = f"the Jacobian is singular at x = {x}: the tangent never meets zero"
                break
            # A step to where f is not finite is not taken: the result holds only
            # points at which f is defined.
            trial = x + step
            if not np.all(np.isfinite(trial)):
                message = f"the next step, from x = {x}, runs away to infinity"
                break
            f_trial = _evaluate(f, trial, "f", shape)
            if not np.all(np.isfinite(f_trial)):
                message = f"the next iterate, x = {trial}, leaves f's domain (f is not finite)"
                break
            x, fx = trial, f_trial
            path.append(x)
            if np.max(np.abs(step)) <= step_tol * (1 + np.max(np.abs(x))):
                converged, message = True, "the last step was negligible"
                break
            dfx = _evaluate(derivative, x, "derivative", shape * 2)
            if not np.all(np.isfinite(dfx)):
                message = f"the derivative is not finite at x = {x}"
                break
    return RootResult(
        root=float(x) if shape == () else x,
        path=np.array(path),
        residual=float(fx) if shape == () else fx,
        n_iter=len(path) - 1,
        converged=converged,
        message=message,
    )


def _check_newton_args(
    f: Any, derivative: Any, x0: Any, tol: Any, max_iter: Any
) -> tuple[Any, tuple[int, ...], float, int]:
    for function, name in ((f, "f"), (derivative, "derivative")):
        if not callable(function):
            raise TypeError(f"{name} must be callable, got {type(function).__name__}")
    step_tol = check_real(tol, "tol", low=0.0, low_inclusive=False)
    limit = check_positive_int(max_iter, "max_iter", maximum=1_000_000)
    if isinstance(x0, np.ndarray) and x0.ndim == 0:
        return np.float64(as_float_array(x0, "x0", ndim=0)), (), step_tol, limit
    if isinstance(x0, numbers.Real):
        return np.float64(check_real(x0, "x0")), (), step_tol, limit
    x = as_float_array(x0, "x0", ndim=1).copy()
    return x, x.shape, step_tol, limit
