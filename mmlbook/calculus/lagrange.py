"""Lagrange multipliers: optimise ``f(x)`` on the curve or surface ``g(x) = c``.

At a constrained optimum the gradient of ``f`` is parallel to the gradient of ``g``,
``∇f = λ∇g``. With the Lagrangian ``L(x, λ) = f(x) − λ(g(x) − c)`` this and the
constraint together say ``∇L = 0``: ``n + 1`` equations in ``n + 1`` unknowns, solved here by
Newton–Raphson (:func:`mmlbook.calculus.newton_raphson`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, check_positive_int, check_real
from mmlbook.calculus.roots import newton_raphson

__all__ = ["CONSTRAINED_KINDS", "LagrangeResult", "solve_lagrange"]

#: What :func:`solve_lagrange` can say about the stationary point it found.
CONSTRAINED_KINDS: tuple[str, ...] = ("minimum", "maximum", "saddle", "degenerate", "unknown")


@dataclass(frozen=True)
class LagrangeResult:
    """What :func:`solve_lagrange` returns.

    Attributes
    ----------
    x : numpy.ndarray of shape (n,)
        The point found: a stationary point of ``f`` on ``g = c`` if ``converged``.
    multiplier : float
        The Lagrange multiplier ``λ`` there, ``∇f = λ∇g``.
    kind : str
        One of :data:`CONSTRAINED_KINDS`: a local minimum, maximum or saddle of ``f``
        along the constraint, by the second-order test on the constraint's tangent space;
        ``"degenerate"`` when that test is inconclusive or ``∇g`` vanishes at ``x`` (then
        ``λ`` is not determined, and ``message`` says so), ``"unknown"`` when not converged.
    path : numpy.ndarray of shape (k + 1, n + 1)
        The start ``(x0, λ0)`` and each Newton iterate ``(x, λ)``.
    residual : float
        The largest entry of ``|∇L|`` at the last iterate.
    n_iter : int
        Newton steps taken, ``k``.
    converged : bool
        Whether Newton–Raphson converged.
    message : str
        Why it stopped, in words.
    """

    x: np.ndarray
    multiplier: float
    kind: str
    path: np.ndarray
    residual: float
    n_iter: int
    converged: bool
    message: str


def _values(value: Any, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """What a user's function returned, as floats of the shape it must have."""
    if np.iscomplexobj(value):
        raise TypeError(f"{name} must return real numbers, got complex ones")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must return real numbers, got {type(value).__name__}") from None
    if shape == () and array.shape == (1,):
        return array.reshape(())
    if array.shape != shape:
        want = "a single number" if shape == () else f"an array of shape {shape}"
        raise ValueError(f"{name} must return {want}, got shape {array.shape}")
    return array


def solve_lagrange(
    gradient: Callable[[np.ndarray], Any],
    hessian: Callable[[np.ndarray], Any],
    constraint: Callable[[np.ndarray], Any],
    constraint_gradient: Callable[[np.ndarray], Any],
    constraint_hessian: Callable[[np.ndarray], Any],
    x0: Any,
    multiplier0: float = 0.0,
    *,
    level: float = 0.0,
    tol: float = 1e-12,
    max_iter: int = 100,
) -> LagrangeResult:
    """A stationary point of ``f`` on ``g(x) = level``: solve ``∇L = 0`` by Newton–Raphson.

    With ``L(x, λ) = f(x) − λ (g(x) − level)``, the equations are
    ``∇f(x) − λ ∇g(x) = 0`` and ``g(x) = level``. Newton–Raphson needs their Jacobian, the
    Hessian of ``L``: ``[[H_f − λ H_g, −∇g], [−∇gᵀ, 0]]``. Which stationary point it finds
    depends on the start; each is classified by the sign of ``H_f − λ H_g`` on the tangent
    space of the constraint (directions ``d`` with ``∇g · d = 0``). Derived in
    :doc:`/book/calculus/lagrange`.

    Parameters
    ----------
    gradient, hessian : callable
        ``∇f(x)`` of shape ``(n,)`` and the Hessian of ``f``, shape ``(n, n)``.
    constraint, constraint_gradient, constraint_hessian : callable
        ``g(x)`` (a number), ``∇g(x)`` of shape ``(n,)`` and the Hessian of ``g``.
    x0 : array_like of shape (n,)
        Where Newton–Raphson starts, ``n >= 1``.
    multiplier0 : float, default 0.0
        The starting ``λ``.
    level : float, default 0.0
        The constraint's value ``c`` in ``g(x) = c``.
    tol : float, default 1e-12
        Newton–Raphson's relative step size at convergence (> 0).
    max_iter : int, default 100
        The most Newton steps.

    Returns
    -------
    LagrangeResult
        The point, the multiplier, the kind of stationary point and the path.

    Raises
    ------
    TypeError
        If a function is not callable or ``x0`` is not numeric.
    ValueError
        If ``x0`` is not a finite 1-D array, a function returns the wrong shape or a
        value that is not finite at ``x0``, or ``∇g(x0) = 0`` (the constraint gives no
        direction there), or a setting is out of range.

    Examples
    --------
    The largest value of ``xy`` on the circle ``x² + y² = 2`` is 1, at ``(1, 1)``:

    >>> import numpy as np
    >>> result = solve_lagrange(
    ...     lambda p: np.array([p[1], p[0]]), lambda p: np.array([[0.0, 1.0], [1.0, 0.0]]),
    ...     lambda p: p @ p, lambda p: 2 * p, lambda p: 2 * np.eye(2),
    ...     x0=[1.2, 0.7], level=2.0)
    >>> result.x.round(9), round(result.multiplier, 9), result.kind
    (array([1., 1.]), 0.5, 'maximum')
    """
    functions = {
        "gradient": gradient, "hessian": hessian, "constraint": constraint,
        "constraint_gradient": constraint_gradient, "constraint_hessian": constraint_hessian,
    }
    for name, function in functions.items():
        if not callable(function):
            raise TypeError(f"{name} must be callable, got {type(function).__name__}")
    start = as_float_array(x0, "x0", ndim=1)
    n = start.size
    lam0 = check_real(multiplier0, "multiplier0")
    c = check_real(level, "level")
    step_tol = check_real(tol, "tol", low=0.0, low_inclusive=False)
    limit = check_positive_int(max_iter, "max_iter", maximum=1_000_000)

    def grad_L(z: np.ndarray) -> np.ndarray:
        x, lam = z[:n], z[n]
        df = _values(gradient(x), "gradient", (n,))
        dg = _values(constraint_gradient(x), "constraint_gradient", (n,))
        return np.append(df - lam * dg, -(_values(constraint(x), "constraint", ()) - c))

    def hessian_L(z: np.ndarray) -> np.ndarray:
        x, lam = z[:n], z[n]
        H = _values(hessian(x), "hessian", (n, n)) - lam * _values(
            constraint_hessian(x), "constraint_hessian", (n, n))
        dg = _values(constraint_gradient(x), "constraint_gradient", (n,))
        return np.block([[H, -dg[:, None]], [-dg[None, :], np.zeros((1, 1))]])

    z0 = np.append(start, lam0)
    _check_start(grad_L, hessian_L, z0, constraint_gradient, start)
    solution = newton_raphson(grad_L, hessian_L, z0, tol=step_tol, max_iter=limit)
    x, lam = solution.root[:n], float(solution.root[n])
    if solution.converged:
        # The size of the two terms of H_f − λ H_g: the rounding of their difference, and so
        # what counts as zero curvature, scales with them, not with the difference.
        H_f = _values(hessian(x), "hessian", (n, n))
        H_g = _values(constraint_hessian(x), "constraint_hessian", (n, n))
        scale = max(float(np.max(np.abs(H_f))), abs(lam) * float(np.max(np.abs(H_g))))
        kind = _kind(hessian_L(solution.root), n, scale)
    else:
        kind = "unknown"
    message = solution.message
    # Where ∇g vanishes, ∇f = λ∇g holds for any λ (or none): the multiplier found is
    # arbitrary and the constraint has no tangent space for the second-order test.
    def slope(point: np.ndarray) -> float:
        gradient_g = _values(constraint_gradient(point), "constraint_gradient", (n,))
        return float(np.linalg.norm(gradient_g))


    if solution.converged and slope(x) <= 1e-8 * slope(start):
        kind = "degenerate"
        message += "; but constraint_gradient is zero there, so the multiplier is not determined"
    return LagrangeResult(
        x=x,
        multiplier=lam,
        kind=kind,
        path=solution.path,
        residual=float(np.max(np.abs(solution.residual))),
        n_iter=solution.n_iter,
        converged=solution.converged,
        message=message,
    )


def _check_start(
    grad_L: Callable[[np.ndarray], np.ndarray],
    hessian_L: Callable[[np.ndarray], np.ndarray],
    z0: np.ndarray,
    constraint_gradient: Callable[[np.ndarray], Any],
    x0: np.ndarray,
) -> None:
    """The functions at the start: the right shapes, finite, and ``∇g(x0) ≠ 0``."""
    try:
        with np.errstate(all="ignore"):
            values = grad_L(z0), hessian_L(z0)
    except (ArithmeticError, IndexError, KeyError) as error:
        raise ValueError(
            f"a function fails at x0 = {x0} ({type(error).__name__}, above): does x0 have "
            "the length the functions expect?"
        ) from error
    if not all(np.all(np.isfinite(v)) for v in values):
        raise ValueError(f"the functions must be finite at x0 = {x0}")
    if not np.any(_values(constraint_gradient(x0), "constraint_gradient", x0.shape)):
        raise ValueError(
            f"constraint_gradient is zero at x0 = {x0}: the constraint gives Newton's method "
            "no direction there; start elsewhere"
        )


def _kind(hessian_L: np.ndarray, n: int, scale: float) -> str:
    """Second-order test: the sign of ``H_f − λ H_g`` on the directions along the constraint.

    A curvature counts as zero when it is below ``1e-9 · scale``, ``scale`` being the size
    of the entries of ``H_f`` and ``λ H_g``, so the verdict does not change when ``f`` is
    multiplied by a positive constant.
    """
    if n == 1:
        # In one variable the constraint holds at isolated points, each at once a
        # minimum and a maximum of f along it: the test has nothing to say.
        return "degenerate"
    H, dg = hessian_L[:n, :n], -hessian_L[:n, n]
    # The last n − 1 columns of Q in the QR factorisation of ∇g span its orthogonal
    # complement: the tangent space of the constraint surface at x.
    q, _ = np.linalg.qr(dg[:, None], mode="complete")
    tangent = q[:, 1:]
    curvatures = np.linalg.eigvalsh(tangent.T @ H @ tangent)
    if scale == 0.0:
        return "degenerate"
    tol = 1e-9 * scale
    if np.all(curvatures > tol):
        return "minimum"
    if np.all(curvatures < -tol):
        return "maximum"
    if np.any(curvatures > tol) and np.any(curvatures < -tol):
        return "saddle"
    return "degenerate"
