"""Taylor series and linearisation: polynomials that match a function's derivatives.

In one variable, the Taylor polynomial of order ``n`` about ``a`` is
``T_n(x) = Σ_{k=0}^{n} f⁽ᵏ⁾(a) (x − a)ᵏ / k!``, and the Lagrange form of the remainder
bounds its error. In several variables, the first terms of the same series are the linear
model ``f(a) + ∇f(a)·(x − a)`` (the tangent plane) and the quadratic model, which adds
``½ (x − a)ᵀ H (x − a)`` with the Hessian ``H``. Derived in :doc:`/book/calculus/taylor`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.special import gammaln

from mmlbook._validation import (
    as_float_array,
    as_square_matrix,
    check_choice,
    check_int,
    check_real,
)
from mmlbook.calculus.sandpit import _value, numeric_gradient, numeric_hessian

__all__ = [
    "MAX_ORDER",
    "TAYLOR_EXAMPLES",
    "derivative_bound",
    "derivatives_at",
    "linear_model",
    "quadratic_model",
    "radius_of_convergence",
    "taylor_error_bound",
    "taylor_polynomial",
]

#: The functions whose derivatives :func:`derivatives_at` knows in closed form.
TAYLOR_EXAMPLES: tuple[str, ...] = ("exp", "cos", "log1p", "reciprocal")

#: The highest order :func:`derivatives_at` and :func:`taylor_error_bound` accept.
MAX_ORDER = 10_000


def derivatives_at(function: str, a: float, order: int) -> np.ndarray:
    """The derivatives ``f(a), f'(a), …, f⁽ⁿ⁾(a)`` of one of the book's example functions.

    ``"exp"`` is ``eˣ`` (every derivative ``eᵃ``); ``"cos"`` is ``cos x`` (the cycle
    ``cos a, −sin a, −cos a, sin a``); ``"log1p"`` is ``ln(1 + x)``, with
    ``f⁽ᵏ⁾(a) = (−1)ᵏ⁻¹ (k − 1)! / (1 + a)ᵏ`` for ``k ≥ 1``; ``"reciprocal"`` is ``1/x``,
    with ``f⁽ᵏ⁾(a) = (−1)ᵏ k! / aᵏ⁺¹``. Derived in :doc:`/book/calculus/taylor`.

    Parameters
    ----------
    function : {"exp", "cos", "log1p", "reciprocal"}
        Which function.
    a : float
        Where to differentiate: ``a > −1`` for ``"log1p"``, ``a ≠ 0`` for ``"reciprocal"``.
    order : int
        The highest derivative ``n``, from 0 to ``MAX_ORDER``.

    Returns
    -------
    numpy.ndarray of shape (order + 1,)
        ``f⁽ᵏ⁾(a)`` for ``k = 0, …, n``.

    Raises
    ------
    TypeError
        If ``function`` is not a string, ``a`` not a real number or ``order`` not an integer.
    ValueError
        If ``function`` is unknown, ``a`` lies outside the function's domain, ``order`` is
        out of range, or a derivative overflows the range of float64.

    Examples
    --------
    >>> derivatives_at("cos", 0.0, 4)
    array([ 1.,  0., -1.,  0.,  1.])
    >>> derivatives_at("log1p", 0.0, 4)
    array([ 0.,  1., -1.,  2., -6.])
    """
    name = check_choice(function, "function", TAYLOR_EXAMPLES)
    centre = check_real(a, "a")
    n = check_int(order, "order", low=0, high=MAX_ORDER)
    k = np.arange(n + 1)
    with np.errstate(over="ignore"):
        if name == "exp":
            values = np.full(n + 1, np.exp(centre))
        elif name == "cos":
            cycle = np.array([np.cos(centre), -np.sin(centre), -np.cos(centre), np.sin(centre)])
            values = cycle[k % 4] + 0.0  # + 0.0 turns -0.0 into 0.0
        elif name == "log1p":
            if centre <= -1.0:
                raise ValueError(f"a must be > -1 for log1p, got {centre}")
            # |f^(k)(a)| = (k − 1)!/(1 + a)^k is the previous one times (k − 1)/(1 + a).
            magnitude = np.cumprod(np.maximum(k[1:] - 1, 1) / (1.0 + centre))
            signs = np.where(k[1:] % 2 == 1, 1.0, -1.0)
            values = np.concatenate([[np.log1p(centre)], signs * magnitude])
        else:
            if centre == 0.0:
                raise ValueError("a must be non-zero for reciprocal (1/x has a pole at 0)")
            # f^(k)(a) = (−1)^k k!/a^(k+1) is the previous one times −k/a.
            ratios = np.concatenate([[1.0 / centre], -k[1:] / centre])
            values = np.cumprod(ratios)
    if not np.all(np.isfinite(values)):
        raise ValueError(
            f"the derivatives of {name} at a = {centre} up to order {n} overflow the range "
            "of float64: choose a smaller order or another a"
        )
    return values


def taylor_polynomial(derivatives: Any, a: float, x: Any) -> float | np.ndarray:
    """The Taylor polynomial ``T_n(x) = Σ f⁽ᵏ⁾(a) (x − a)ᵏ / k!`` from derivatives at ``a``.

    The order ``n`` is ``len(derivatives) − 1``. Each term's factor ``(x − a)ᵏ / k!`` is
    the previous one times ``(x − a)/k``, so no factorial is formed on its own. Derived in
    :doc:`/book/calculus/taylor`.

    Parameters
    ----------
    derivatives : array_like of shape (n + 1,)
        ``f(a), f'(a), …, f⁽ⁿ⁾(a)``.
    a : float
        The point of expansion.
    x : float or array_like
        Where to evaluate the polynomial (any shape).

    Returns
    -------
    float or numpy.ndarray
        ``T_n(x)``, of the shape of ``x`` (a float when ``x`` is a number).

    Raises
    ------
    TypeError
        If an argument is not real numbers.
    ValueError
        If an argument is not finite, ``derivatives`` is empty or not 1-D, or the value
        overflows the range of float64 (x too far from a for these derivatives).

    Examples
    --------
    The order-3 Maclaurin polynomial of ``eˣ`` at 1 is ``1 + 1 + 1/2 + 1/6``:

    >>> round(taylor_polynomial([1.0, 1.0, 1.0, 1.0], 0.0, 1.0), 6)
    2.666667
    >>> taylor_polynomial([0.0, 1.0], 2.0, [2.0, 3.5])
    array([0. , 1.5])
    """
    d = as_float_array(derivatives, "derivatives", ndim=1)
    centre = check_real(a, "a")
    points = as_float_array(x, "x")
    with np.errstate(over="ignore", invalid="ignore"):
        h = points - centre
        factor = np.ones_like(h)  # (x − a)^k / k!
        total = np.zeros_like(h)
        for k, derivative in enumerate(d):
            if k > 0:
                factor = factor * h / k
            total = total + derivative * factor
    return _finite(total, "the Taylor polynomial: x is too far from a for these derivatives")


def taylor_error_bound(max_derivative: float, a: float, x: Any, order: int) -> float | np.ndarray:
    """Lagrange's bound ``M |x − a|ⁿ⁺¹ / (n + 1)!`` on the error of ``T_n``.

    If ``f`` has ``n + 1`` derivatives on the interval between ``a`` and ``x`` (``f⁽ⁿ⁾``
    continuous on the closed interval) and ``|f⁽ⁿ⁺¹⁾| ≤ M`` there, then
    ``|f(x) − T_n(x)| ≤ M |x − a|ⁿ⁺¹ / (n + 1)!``. Derived in :doc:`/book/calculus/taylor`.

    Parameters
    ----------
    max_derivative : float
        ``M ≥ 0``, a bound on ``|f⁽ⁿ⁺¹⁾|`` between ``a`` and ``x``.
    a : float
        The point of expansion.
    x : float or array_like
        Where the error is bounded (any shape).
    order : int
        The order ``n`` of the polynomial, from 0 to ``MAX_ORDER``.

    Returns
    -------
    float or numpy.ndarray
        The bound, of the shape of ``x`` (a float when ``x`` is a number).

    Raises
    ------
    TypeError
        If an argument is not a real number (``order``: not an integer).
    ValueError
        If ``max_derivative < 0``, an argument is not finite, ``order`` is out of range,
        or the bound overflows the range of float64.

    Examples
    --------
    The order-3 polynomial of ``eˣ`` at ``x = 1`` is within ``e/4! < 0.12`` of ``e``:

    >>> round(taylor_error_bound(np.e, 0.0, 1.0, 3), 6)
    0.113262
    """
    m = check_real(max_derivative, "max_derivative", low=0.0)
    centre = check_real(a, "a")
    points = as_float_array(x, "x")
    n = check_int(order, "order", low=0, high=MAX_ORDER)
    with np.errstate(over="ignore", divide="ignore"):
        distance = np.abs(points - centre)
        # In logarithms: |x − a|^(n+1) and (n + 1)! overflow long before their ratio does.
        log_bound = (n + 1) * np.log(distance) - gammaln(n + 2.0)
        bound = np.where((distance == 0) | (m == 0), 0.0, m * np.exp(log_bound))
    return _finite(bound, "the bound: x is too far from a or max_derivative too large")


def derivative_bound(function: str, order: int, low: float, high: float) -> float:
    """The largest ``|f⁽ᵏ⁾(ξ)|`` over ``low ≤ ξ ≤ high``, for one of the book's examples.

    The ``M`` of :func:`taylor_error_bound` (with ``k = n + 1`` and the interval between
    ``a`` and ``x``): ``eᵏⁱᵍʰ`` for ``eˣ``; 1 for ``cos x`` when the interval holds a peak
    of ``|cos⁽ᵏ⁾|``, else the larger end; for ``ln(1 + x)`` (``k ≥ 1``) and ``1/x`` the end
    nearest the singularity. Derived in :doc:`/book/calculus/taylor`.

    Parameters
    ----------
    function : {"exp", "cos", "log1p", "reciprocal"}
        Which function.
    order : int
        The derivative ``k``, from 0 to ``MAX_ORDER``.
    low, high : float
        The interval, ``low ≤ high``: inside ``(−1, ∞)`` for ``"log1p"``, and not
        containing 0 for ``"reciprocal"``.

    Returns
    -------
    float
        ``max |f⁽ᵏ⁾|`` over the interval.

    Raises
    ------
    TypeError
        If an argument is of the wrong type.
    ValueError
        If ``low > high``, the interval leaves the function's domain, or the bound
        overflows the range of float64.

    Examples
    --------
    >>> round(derivative_bound("exp", 4, 0.0, 1.0), 6)
    2.718282
    >>> derivative_bound("log1p", 3, 0.0, 1.5)  # 2!/(1 + 0)^3
    2.0
    >>> derivative_bound("cos", 1, 0.0, 0.5) == math.sin(0.5)  # |−sin| peaks at π/2
    True
    """
    name = check_choice(function, "function", TAYLOR_EXAMPLES)
    k = check_int(order, "order", low=0, high=MAX_ORDER)
    lo, hi = check_real(low, "low"), check_real(high, "high")
    if lo > hi:
        raise ValueError(f"low must be <= high, got low = {lo} and high = {hi}")
    if name == "reciprocal" and lo <= 0.0 <= hi:
        raise ValueError(f"the interval [low, high] = [{lo}, {hi}] contains the pole of 1/x at 0")
    if name == "log1p" and lo <= -1.0:
        raise ValueError(f"low must be > -1 for log1p, got {lo}")
    if name == "cos":
        # |cos^(k)(ξ)| = |cos(ξ + kπ/2)| is 1 where ξ + kπ/2 is a multiple of π.
        first_peak = math.ceil((lo + k * math.pi / 2) / math.pi) * math.pi - k * math.pi / 2
        if first_peak <= hi:
            return 1.0
    if name == "exp":
        ends = [hi]
    elif name == "log1p" and k >= 1:
        ends = [lo]
    elif name == "reciprocal":
        ends = [lo if abs(lo) < abs(hi) else hi]
    else:  # cos without a peak inside, or ln(1 + x) itself: monotone between peaks
        ends = [lo, hi]
    try:
        return max(abs(float(derivatives_at(name, end, k)[k])) for end in ends)
    except ValueError:
        raise ValueError(
            f"max |f^({k})| of {name} over [low, high] = [{lo}, {hi}] overflows the range of "
            "float64"
        ) from None


def radius_of_convergence(function: str, a: float) -> float:
    """The radius of convergence of the Taylor series of an example function about ``a``.

    ``eˣ`` and ``cos x`` have series that converge everywhere (radius ``math.inf``); the
    series of ``ln(1 + x)`` and ``1/x`` converge up to the nearest singularity, at −1 and
    at 0: radii ``1 + a`` and ``|a|``. Derived in :doc:`/book/calculus/taylor`.

    Parameters
    ----------
    function : {"exp", "cos", "log1p", "reciprocal"}
        Which function.
    a : float
        The point of expansion: ``a > −1`` for ``"log1p"``, ``a ≠ 0`` for ``"reciprocal"``.

    Returns
    -------
    float
        The radius ``R``: the series converges for ``|x − a| < R`` and diverges for
        ``|x − a| > R``.

    Raises
    ------
    TypeError
        If ``function`` is not a string or ``a`` not a real number.
    ValueError
        If ``function`` is unknown or ``a`` lies outside the function's domain.

    Examples
    --------
    >>> radius_of_convergence("log1p", 0.0), radius_of_convergence("reciprocal", 1.0)
    (1.0, 1.0)
    >>> radius_of_convergence("exp", 3.0)
    inf
    """
    name = check_choice(function, "function", TAYLOR_EXAMPLES)
    centre = check_real(a, "a")
    if name in ("exp", "cos"):
        return math.inf
    if name == "log1p":
        if centre <= -1.0:
            raise ValueError(f"a must be > -1 for log1p, got {centre}")
        return 1.0 + centre
    if centre == 0.0:
        raise ValueError("a must be non-zero for reciprocal (1/x has a pole at 0)")
    return abs(centre)


def linear_model(
    f: Callable[[np.ndarray], float], point: Any, x: Any, *, gradient: Any = None
) -> float | np.ndarray:
    """The linearisation ``f(a) + ∇f(a)·(x − a)`` of ``f`` about ``a``, evaluated at ``x``.

    The first two terms of the multivariate Taylor series: the tangent plane (in two
    variables) of ``f`` at ``a``. Without ``gradient``, it is estimated with
    :func:`~mmlbook.calculus.numeric_gradient`. Derived in :doc:`/book/calculus/taylor`.

    Parameters
    ----------
    f : callable
        Maps a 1-D array of length n to a real number.
    point : array_like of shape (n,)
        The point of expansion ``a``.
    x : array_like of shape (..., n)
        Where to evaluate the model: one point, or any array of points along the last axis.
    gradient : array_like of shape (n,), optional
        ``∇f(a)``, if known exactly.

    Returns
    -------
    float or numpy.ndarray of shape x.shape[:-1]
        The model's values (a float for a single point).

    Raises
    ------
    TypeError
        If ``f`` is not callable or an array argument is not real numbers.
    ValueError
        If an array is not finite or of the wrong shape, ``f`` returns a non-finite value
        or not a single number, or the values overflow the range of float64.

    Examples
    --------
    >>> f = lambda p: p[0] ** 2 * p[1]
    >>> linear_model(f, [1.0, 2.0], [1.1, 2.0], gradient=[4.0, 1.0])
    2.4
    """
    a, steps = _point_and_steps(f, point, x)
    value = _value(f, a)
    g = numeric_gradient(f, a) if gradient is None else _vector(gradient, "gradient", a.size)
    with np.errstate(over="ignore", invalid="ignore"):
        model = value + steps @ g
    return _finite(model, "the linear model: x is too far from point for this gradient")


def quadratic_model(
    f: Callable[[np.ndarray], float],
    point: Any,
    x: Any,
    *,
    gradient: Any = None,
    hessian: Any = None,
) -> float | np.ndarray:
    """The quadratic model ``f(a) + ∇f(a)·δ + ½ δᵀ H δ`` of ``f`` about ``a``, ``δ = x − a``.

    The multivariate Taylor series up to second order, with the Hessian ``H`` of ``f`` at
    ``a``. What is not given is estimated with
    :func:`~mmlbook.calculus.numeric_gradient` and
    :func:`~mmlbook.calculus.numeric_hessian`. Derived in :doc:`/book/calculus/taylor`.

    Parameters
    ----------
    f : callable
        Maps a 1-D array of length n to a real number.
    point : array_like of shape (n,)
        The point of expansion ``a``.
    x : array_like of shape (..., n)
        Where to evaluate the model: one point, or any array of points along the last axis.
    gradient : array_like of shape (n,), optional
        ``∇f(a)``, if known exactly.
    hessian : array_like of shape (n, n), optional
        ``H(a)``, if known exactly (only its symmetric part ``(H + Hᵀ)/2`` matters).

    Returns
    -------
    float or numpy.ndarray of shape x.shape[:-1]
        The model's values (a float for a single point).

    Raises
    ------
    TypeError
        If ``f`` is not callable or an array argument is not real numbers.
    ValueError
        If an array is not finite or of the wrong shape, ``f`` returns a non-finite value
        or not a single number, or the values overflow the range of float64.

    Examples
    --------
    >>> f = lambda p: p[0] ** 2 * p[1]
    >>> quadratic_model(f, [1.0, 2.0], [1.1, 2.0], gradient=[4.0, 1.0],
    ...                 hessian=[[4.0, 2.0], [2.0, 0.0]])
    2.42
    """
    a, steps = _point_and_steps(f, point, x)
    value = _value(f, a)
    g = numeric_gradient(f, a) if gradient is None else _vector(gradient, "gradient", a.size)
    H = numeric_hessian(f, a) if hessian is None else _matrix(hessian, "hessian", a.size)
    with np.errstate(over="ignore", invalid="ignore"):
        curvature = np.einsum("...i,ij,...j->...", steps, H, steps)
        model = value + steps @ g + 0.5 * curvature
    return _finite(model, "the quadratic model: x is too far from point for gradient and hessian")


def _point_and_steps(f: Any, point: Any, x: Any) -> tuple[np.ndarray, np.ndarray]:
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    a = as_float_array(point, "point", ndim=1)
    points = as_float_array(x, "x")
    if points.ndim == 0 or points.shape[-1] != a.size:
        raise ValueError(
            f"x must hold points of length {a.size} along its last axis (the length of "
            f"point), got shape {points.shape}"
        )
    with np.errstate(over="ignore"):
        steps = points - a
    if not np.all(np.isfinite(steps)):
        raise ValueError("x − point overflows the range of float64")
    return a, steps


def _vector(value: Any, name: str, n: int) -> np.ndarray:
    vector = as_float_array(value, name, ndim=1)
    if vector.size != n:
        raise ValueError(f"{name} must have length {n} (that of point), got {vector.size}")
    return vector


def _matrix(value: Any, name: str, n: int) -> np.ndarray:
    matrix = as_square_matrix(value, name)
    if matrix.shape[0] != n:
        raise ValueError(f"{name} must have shape ({n}, {n}) (n from point), got {matrix.shape}")
    return matrix


def _finite(values: np.ndarray, what: str) -> float | np.ndarray:
    if not np.all(np.isfinite(values)):
        raise ValueError(f"{what}; the values overflow the range of float64")
    return float(values) if values.ndim == 0 else values
