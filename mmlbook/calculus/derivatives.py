"""The derivative of a function of one variable, estimated by a difference quotient.

The forward quotient ``(f(x + h) − f(x)) / h`` is rise over run on a short step; the
central quotient ``(f(x + h) − f(x − h)) / 2h`` looks both ways. Their errors fall as
``h`` and ``h²`` while rounding errors grow as ``1/h``, which fixes the best step.
:func:`~mmlbook.calculus.numeric_gradient` applies the central quotient along each
coordinate of a function of several variables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, check_choice, check_real

__all__ = ["SCHEMES", "best_step", "derivative", "difference_errors"]

#: The difference quotients :func:`derivative` knows, with the power of ``h`` in its error.
SCHEMES: dict[str, int] = {"forward": 1, "central": 2}


def best_step(scheme: str = "central") -> float:
    """The step ``h`` that balances a quotient's truncation error against rounding.

    Rounding spoils each value of ``f`` by about ``ε|f|`` (``ε`` the machine epsilon of
    float64), an error the quotient divides by ``h``. The forward quotient's truncation
    error is of order ``h`` and the central one's of order ``h²``; the sum is smallest
    where the two are of one size, at ``h ~ ε^{1/2}`` and ``h ~ ε^{1/3}`` respectively
    (for ``x``, ``f``, and its derivatives of order one). Derived in
    :doc:`/book/calculus/derivatives`.

    Parameters
    ----------
    scheme : {"forward", "central"}, default "central"
        The difference quotient.

    Returns
    -------
    float
        ``ε ** (1 / (p + 1))``, where ``p`` is the scheme's order ``SCHEMES[scheme]``.

    Raises
    ------
    TypeError
        If ``scheme`` is not a string.
    ValueError
        If ``scheme`` is not one of ``SCHEMES``.

    Examples
    --------
    >>> f"{best_step('forward'):.1e}", f"{best_step('central'):.1e}"
    ('1.5e-08', '6.1e-06')
    """
    order = SCHEMES[check_choice(scheme, "scheme", tuple(SCHEMES))]
    return float(np.finfo(float).eps ** (1 / (order + 1)))


def derivative(
    f: Callable[[np.ndarray], Any],
    x: Any,
    step: float | None = None,
    scheme: str = "central",
) -> np.ndarray:
    """Estimate ``f′(x)`` by the forward or the central difference quotient.

    ``forward``: ``(f(x + h) − f(x)) / h``, error of order ``h``;
    ``central``: ``(f(x + h) − f(x − h)) / 2h``, error of order ``h²`` (for ``f`` with a
    continuous second, respectively third, derivative near ``x``). Derived in
    :doc:`/book/calculus/derivatives`.

    Parameters
    ----------
    f : callable
        A real function of one variable that acts on a numpy array element by element,
        returning an array of its shape (``numpy.sin``, ``lambda x: x**2``).
    x : array_like
        Where to differentiate: a number or an array of points.
    step : float, optional
        The step ``h`` (> 0). By default :func:`best_step` of the scheme, times
        ``max(1, |x|)`` so that the step stays the same size relative to ``x``.
    scheme : {"forward", "central"}, default "central"
        The difference quotient.

    Returns
    -------
    numpy.ndarray
        The estimates, of the shape of ``x`` (a 0-d array for a number).

    Raises
    ------
    TypeError
        If ``f`` is not callable or returns something that is not real, ``x`` is not
        numeric, or ``step`` is not a number.
    ValueError
        If ``x`` is not finite, ``step <= 0``, ``scheme`` is unknown, or ``f`` returns a
        non-finite value or one of the wrong shape.

    Examples
    --------
    The slope of ``x²`` at 3 is 6. The forward quotient on a step of 0.5 gives ``6 + h``,
    the central one 6 exactly:

    >>> float(derivative(lambda x: x**2, 3.0, step=0.5, scheme="forward"))
    6.5
    >>> float(derivative(lambda x: x**2, 3.0, step=0.5))
    6.0
    >>> derivative(np.sin, [0.0, np.pi]).round(8) + 0.0
    array([ 1., -1.])
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    points = as_float_array(x, "x", min_size=0)
    scheme = check_choice(scheme, "scheme", tuple(SCHEMES))
    if step is None:
        h = best_step(scheme) * np.maximum(1.0, np.abs(points))
    else:
        h = check_real(step, "step", low=0.0, low_inclusive=False)
    with np.errstate(over="ignore"):  # a step past the largest float is reported below
        ahead = points + h
        behind = points if scheme == "forward" else points - h
    run = h if scheme == "forward" else 2 * h
    rise = _values(f, ahead, points.shape) - _values(f, behind, points.shape)
    return rise / run


def difference_errors(f: Any, exact: float, x: float, steps: Any, scheme: str) -> np.ndarray:
    """The error ``|quotient − f′(x)|`` of a difference quotient, for each step.

    Derived in :doc:`/book/calculus/derivatives`.

    Parameters
    ----------
    f : callable
        A real function of one variable, acting on arrays element by element.
    exact : float
        The true derivative ``f′(x)``.
    x : float
        Where to differentiate.
    steps : array_like of shape (k,)
        The steps ``h`` (> 0).
    scheme : {"forward", "central"}
        The difference quotient of :func:`derivative`.

    Returns
    -------
    numpy.ndarray of shape (k,)
        The absolute errors.

    Raises
    ------
    TypeError
        If ``f`` is not callable or an argument is not numeric.
    ValueError
        If a step is not positive, or ``scheme`` is unknown.

    Examples
    --------
    >>> difference_errors(lambda x: x**2, 2.0, 1.0, [0.5, 0.25], "forward")
    array([0.5 , 0.25])
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    exact = check_real(exact, "exact")
    x = check_real(x, "x")
    hs = as_float_array(steps, "steps", ndim=1)
    if np.any(hs <= 0):
        raise ValueError("steps must be positive")
    errors = np.empty(hs.size)
    for k, h in enumerate(hs):
        try:
            errors[k] = abs(float(derivative(f, x, step=float(h), scheme=scheme)) - exact)
        except ValueError as error:  # name the argument that caused it
            raise ValueError(f"at the step {h:g} of steps: {error}") from None
    return errors


def _values(f: Callable[[np.ndarray], Any], points: np.ndarray, shape: tuple) -> np.ndarray:
    # A step can carry a point past the range of floats, or out of f's domain.
    if not np.all(np.isfinite(points)):
        raise ValueError("x + step overflows: use a smaller step or smaller x")
    with np.errstate(all="ignore"):  # a non-finite value is reported below, not warned about
        raw = np.asarray(f(points))
    if raw.dtype == bool or not np.issubdtype(raw.dtype, np.number) or np.iscomplexobj(raw):
        raise TypeError(f"f must return real numbers, got dtype {raw.dtype}")
    if raw.shape != shape:  # np.sum, say, would be silently differentiated as a constant
        raise ValueError(
            f"f must act element by element: given shape {shape}, it returned {raw.shape}"
        )
    values = raw.astype(float)
    if not np.all(np.isfinite(values)):
        raise ValueError("f returned a non-finite value near x (outside its domain?)")
    return values
