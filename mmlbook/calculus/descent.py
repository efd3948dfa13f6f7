"""Walking downhill: steepest descent, Newton–Raphson and a hybrid of the two.

Each step rule takes the Jacobian ``J`` (and the Hessian ``H``) at the current point and
returns the step to take; :func:`descend` strings steps into a walk across a pit and
slides along the walls. A step rule of your own with the course's signature
``next_step(f, J, H)`` works too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from mmlbook._validation import (
    as_float_array,
    as_square_matrix,
    binary_exponent,
    check_positive_int,
    check_real,
)
from mmlbook.calculus.sandpit import Pit, StationaryPoint, classify_stationary_point, grid_probes

__all__ = [
    "METHODS",
    "STOP_REASONS",
    "DescentResult",
    "descend",
    "gradient_flow",
    "hybrid_step",
    "local_minima",
    "momentum_descent",
    "newton_step",
    "steepest_descent_step",
]

#: The step rules :func:`descend` knows by name.
METHODS: tuple[str, ...] = ("steepest", "newton", "hybrid")

#: Why a walk of :func:`descend` ended.
STOP_REASONS: tuple[str, ...] = ("converged", "stalled", "step limit")

#: A step rule of the course's week-5 lab: ``next_step(f, J, H)`` gets the height, the
#: Jacobian and the Hessian at the current point and returns the step.
StepRule = Callable[[float, np.ndarray, np.ndarray], Any]

# The line search accepts a step once it lowers f by this fraction of what the linear
# model J·δr promises (Armijo's condition), halving the step at most this many times.
_SUFFICIENT_DECREASE = 1e-4
_HALVINGS = 60


def _jacobian(J: Any) -> np.ndarray:
    return as_float_array(J, "J", ndim=1)


def _jacobian_and_hessian(J: Any, H: Any) -> tuple[np.ndarray, np.ndarray]:
    jac = _jacobian(J)
    hess = as_square_matrix(H, "H")
    if hess.shape[0] != jac.size:
        raise ValueError(f"H must have shape ({jac.size}, {jac.size}) to match J, got {hess.shape}")
    return jac, hess


def steepest_descent_step(J: Any, learning_rate: float = 0.5) -> np.ndarray:
    """The steepest-descent step ``−γ J``: a short way straight downhill.

    ``γ`` is the learning rate. Derived in :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    J : array_like of shape (n,)
        The Jacobian (gradient) at the current point.
    learning_rate : float, default 0.5
        The step size ``γ`` (> 0).

    Returns
    -------
    numpy.ndarray of shape (n,)
        The step.

    Raises
    ------
    TypeError
        If ``J`` or ``learning_rate`` is not numeric.
    ValueError
        If ``J`` is not a finite 1-D array or ``learning_rate <= 0``.

    Examples
    --------
    >>> steepest_descent_step([2.0, -4.0], learning_rate=0.25)
    array([-0.5,  1. ])
    """
    jac = _jacobian(J)
    gamma = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    return -gamma * jac


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
        If the shapes disagree, an entry is not finite, ``H`` is singular, or the step
        is beyond the range of float64 (``H`` tiny beside ``J``).

    Examples
    --------
    >>> newton_step([2.0, 2.0], [[2.0, 0.0], [0.0, 4.0]])
    array([-1. , -0.5])
    """
    jac, hess = _jacobian_and_hessian(J, H)
    # Judge singularity relative to the size of H: scaling a problem never changes the verdict.
    if np.linalg.cond(hess) > 1e14:
        raise ValueError("H is singular (or nearly): the Newton step is undefined")
    with np.errstate(over="ignore"):  # a step beyond floats is refused below
        step = -np.linalg.solve(hess, jac)
    if not np.all(np.isfinite(step)):
        raise ValueError(
            "the Newton step is beyond the range of float64: "
            "H is tiny beside J, rescale H"
        )
    return step


def _points_downhill(J: np.ndarray, step: np.ndarray) -> bool:
    """Whether ``J · step < 0``, judged on the two scaled by powers of 2 to unit size:
    that keeps the sign, and the product can neither overflow nor underflow."""
    return float(np.ldexp(J, -binary_exponent(J)) @ np.ldexp(step, -binary_exponent(step))) < 0


def _length(step: np.ndarray) -> float:
    """``‖step‖`` without overflow or underflow on the way (inf if it is beyond floats)."""
    e = binary_exponent(step)
    with np.errstate(over="ignore"):
        return float(np.ldexp(np.linalg.norm(np.ldexp(step, -e)), e))


def hybrid_step(J: Any, H: Any, max_step: float = 2.0, learning_rate: float = 0.5) -> np.ndarray:
    """Newton's step when it is a short step downhill, else the steepest-descent step.

    The Newton step ``s = −H⁻¹J`` is taken when it points downhill (``J·s < 0``) and
    ``|s| <= max_step``; otherwise (or if ``H`` is singular) the step is ``−γ J``.
    :func:`descend` follows this rule with a line search, so that its hybrid walk never
    goes uphill. Derived in :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    J : array_like of shape (n,)
        The Jacobian at the current point.
    H : array_like of shape (n, n)
        The Hessian at the current point.
    max_step : float, default 2.0
        The longest Newton step allowed (> 0).
    learning_rate : float, default 0.5
        The steepest-descent step size ``γ`` (> 0).

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

    >>> hybrid_step([1.0, 0.0], [[-2.0, 0.0], [0.0, -2.0]], learning_rate=0.1) + 0.0
    array([-0.1,  0. ])
    >>> hybrid_step([1.0, 0.0], [[2.0, 0.0], [0.0, 2.0]]) + 0.0
    array([-0.5,  0. ])
    """
    jac, hess = _jacobian_and_hessian(J, H)
    longest = check_real(max_step, "max_step", low=0.0, low_inclusive=False)
    fallback = steepest_descent_step(jac, learning_rate)
    try:
        step = newton_step(jac, hess)
    except ValueError:
        return fallback
    if _points_downhill(jac, step) and _length(step) <= longest:
        return step
    return fallback


@dataclass(frozen=True, eq=False)
class DescentResult:
    """A walk of :func:`descend`: where it went, why it stopped, and where it ended.

    Attributes
    ----------
    path : numpy.ndarray of shape (k + 1, 2)
        The start and the point after each of the ``k`` steps.
    reason : str
        ``"converged"``: the slope one can still walk down vanished (the gradient, less
        its part pressing into a wall, is below ``tol``); ``"stalled"``: no step lowers
        the height any more, or the step rule stands still; ``"step limit"``:
        ``max_steps`` steps were taken.
    kind : str or None
        For a converged walk, the kind of point it ended at: ``"minimum"``,
        ``"maximum"``, ``"saddle"`` or ``"degenerate"`` inside the pit; on a wall the
        same names with ``"constrained "`` in front, judged along the wall
        (``"constrained minimum"``: the lowest point nearby within the pit). ``None``
        for a walk that did not converge.
    """

    path: np.ndarray
    reason: str
    kind: str | None

    @property
    def end(self) -> np.ndarray:
        """The last point of the walk."""
        return self.path[-1]

    @property
    def steps(self) -> int:
        """The number of steps taken."""
        return len(self.path) - 1


def _pressed(point: np.ndarray, J: np.ndarray, size: float) -> np.ndarray:
    # A coordinate on a wall cannot move where the downhill direction −J leads out of the pit.
    return ((point <= 0.0) & (J > 0.0)) | ((point >= size) & (J < 0.0))


def _line_search(pit: Pit, point: np.ndarray, step: np.ndarray, J: np.ndarray) -> np.ndarray | None:
    """Halve ``step`` until the move, kept inside the pit, lowers the height enough."""
    height = float(pit._height(*point))
    t = 1.0
    for _ in range(_HALVINGS):
        trial = np.clip(point + t * step, 0.0, pit.size)
        promised = float(J @ (trial - point))
        if promised < 0 and float(pit._height(*trial)) <= height + _SUFFICIENT_DECREASE * promised:
            return trial
        t /= 2
    return None


def _end_kind(pit: Pit, point: np.ndarray, J: np.ndarray, tol: float) -> str:
    # Coordinates held by a wall drop out; the rest must form a minimum along the wall.
    held = _pressed(point, J, pit.size) & (np.abs(J) > tol)
    free = ~held
    if not free.any():
        return "constrained minimum"
    H = pit._hessian(*point)[np.ix_(free, free)]
    kind = classify_stationary_point(H)
    return f"constrained {kind}" if held.any() else kind


def descend(
    pit: Pit,
    start: Any,
    method: str | StepRule = "hybrid",
    *,
    learning_rate: float = 0.5,
    max_step: float = 2.0,
    max_steps: int = 100,
    tol: float = 1e-6,
) -> DescentResult:
    """Walk across ``pit`` from ``start`` with a step rule, sliding along the walls.

    Each step goes from the current point ``p`` to ``p + δr``, clipped to the square: a
    step that would leave the pit stops at the wall in the coordinate that would leave,
    and goes on in the other, so the walk slides along the wall (a projected step). On a
    wall, a coordinate that the slope presses against it stays put and the built-in rules
    step in the other coordinate alone (with its own entries of ``J`` and ``H``). The
    walk ends when the slope it can still follow vanishes (``"converged"``, where it also
    says what kind of point it reached), when it cannot move (``"stalled"``), or after
    ``max_steps`` steps (``"step limit"``). Derived in
    :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    pit : Pit
        The sandpit.
    start : array_like of shape (2,)
        The starting point, inside ``[0, size]²``.
    method : {"steepest", "newton", "hybrid"} or callable, default "hybrid"
        The step rule: :func:`steepest_descent_step`, :func:`newton_step`, or
        :func:`hybrid_step` followed by a backtracking line search that halves the step
        until the height falls (so the hybrid walk never climbs). Or your own
        ``next_step(f, J, H)``, called with the height, the Jacobian (shape ``(2,)``) and
        the Hessian (``(2, 2)``) at the current point, returning the step.
    learning_rate : float, default 0.5
        The steepest-descent step size ``γ``.
    max_step : float, default 2.0
        Longest Newton step the hybrid accepts.
    max_steps : int, default 100
        Most steps taken.
    tol : float, default 1e-6
        Converged when the gradient, less its components pressing into a wall, has
        length ``<= tol``.

    Returns
    -------
    DescentResult
        The path, why it stopped and, if it converged, the kind of its end point.

    Raises
    ------
    TypeError
        If ``pit`` is not a :class:`Pit` or an argument has the wrong type.
    ValueError
        If ``method`` is unknown, ``start`` lies outside the pit, a size is not
        positive, Newton's method meets a singular Hessian, or ``next_step`` returns
        something other than two finite numbers.

    Examples
    --------
    >>> from mmlbook.calculus.sandpit import intro_pit
    >>> walk = descend(intro_pit(), [2.0, 2.0], method="hybrid", learning_rate=0.1)
    >>> walk.end.round(2), walk.reason, walk.kind
    (array([1.21, 4.01]), 'converged', 'minimum')

    With a long steepest-descent step the first step overshoots to the wall, where the
    walk slides into the corner (0, 6), a minimum of the pit on its wall:

    >>> walk = descend(intro_pit(), [2.0, 2.0], method="steepest", learning_rate=0.5)
    >>> walk.end.round(2) + 0.0, walk.kind
    (array([0., 6.]), 'constrained minimum')

    A step rule of your own, with the course's signature:

    >>> def next_step(f, J, H):
    ...     return -0.05 * J
    >>> descend(intro_pit(), [2.0, 2.0], next_step, max_steps=500).kind
    'minimum'
    """
    if not isinstance(pit, Pit):
        raise TypeError(f"pit must be a Pit, got {type(pit).__name__}")
    if not callable(method) and method not in METHODS:
        raise ValueError(f"method must be one of {METHODS} or a function, got {method!r}")
    point = as_float_array(start, "start", ndim=1)
    if point.shape != (2,):
        raise ValueError(f"start must have shape (2,), got {point.shape}")
    if np.any(point < 0) or np.any(point > pit.size):
        raise ValueError(f"start must lie inside [0, {pit.size:g}]², got {point}")
    gamma = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    longest = check_real(max_step, "max_step", low=0.0, low_inclusive=False)
    steps = check_positive_int(max_steps, "max_steps", maximum=1_000_000)
    small = check_real(tol, "tol", low=0.0)

    def next_point(p: np.ndarray, J: np.ndarray) -> np.ndarray | None:
        if callable(method):
            proposed = method(float(pit._height(*p)), J, pit._hessian(*p))
            step = as_float_array(proposed, "the step next_step returned")
            if step.shape != (2,):
                raise ValueError(f"next_step must return a step of shape (2,), got {step.shape}")
            return np.clip(p + step, 0.0, pit.size)
        # A coordinate pressed against a wall stays there; the rule moves the others.
        free = ~_pressed(p, J, pit.size)
        step = np.zeros(2)
        if method == "steepest":  # the slope alone: no Hessian to compute
            step[free] = steepest_descent_step(J[free], gamma)
            return np.clip(p + step, 0.0, pit.size)
        J_free, H_free = J[free], pit._hessian(*p)[np.ix_(free, free)]
        if method == "newton":
            step[free] = newton_step(J_free, H_free)
            return np.clip(p + step, 0.0, pit.size)
        step[free] = hybrid_step(J_free, H_free, longest, gamma)
        # A Newton step cut short by a wall may no longer lead down: then walk down the slope.
        found = _line_search(pit, p, step, J)
        if found is None:
            step[free] = -gamma * J_free
            found = _line_search(pit, p, step, J)
        return found

    path = [point]
    while True:
        # The pit's unchecked formulas: every point of the walk lies inside the square.
        J = pit._gradient(*point)
        if np.linalg.norm(np.where(_pressed(point, J, pit.size), 0.0, J)) <= small:
            return DescentResult(np.array(path), "converged", _end_kind(pit, point, J, small))
        if len(path) > steps:
            return DescentResult(np.array(path), "step limit", None)
        target = next_point(point, J)
        if target is None or np.array_equal(target, point):
            return DescentResult(np.array(path), "stalled", None)
        point = target
        path.append(point)


def gradient_flow(pit: Pit, starts: Any, step: float = 0.01, n_steps: int = 3000) -> np.ndarray:
    """Follow the arrows: the path of steepest descent from many starts at once.

    The gradient flow ``dr/dt = −J(r)ᵀ`` is what "following the arrows" means: at every
    moment, walk straight downhill. Here it is traced by many tiny steps
    ``r ← r − h J(r)ᵀ`` (Euler's method), each clipped to the square so that a path that
    reaches a wall slides along it. The paths of all starts are traced together.
    Derived in :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    pit : Pit
        The sandpit.
    starts : array_like of shape (n, 2)
        Where the paths begin, inside the pit.
    step : float, default 0.01
        The time step ``h`` (> 0, at most 1): small enough that ``h`` times the largest
        curvature of the pit is well below 2, or the path zigzags.
    n_steps : int, default 3000
        The number of steps.

    Returns
    -------
    numpy.ndarray of shape (n_steps + 1, n, 2)
        The points of every path after each step; ``[-1]`` are the ends.

    Raises
    ------
    TypeError
        If ``pit`` is not a :class:`Pit` or an argument is not numeric.
    ValueError
        If ``starts`` is not of shape (n, 2) inside the pit, or a setting is out of range.

    Examples
    --------
    >>> from mmlbook.calculus.sandpit import intro_pit
    >>> gradient_flow(intro_pit(), [[2.0, 3.0], [5.5, 5.5]])[-1].round(2) + 0.0
    array([[1.21, 4.01],
           [6.  , 6.  ]])
    """
    if not isinstance(pit, Pit):
        raise TypeError(f"pit must be a Pit, got {type(pit).__name__}")
    points = as_float_array(starts, "starts", ndim=2)
    if points.shape[1] != 2:
        raise ValueError(f"starts must have shape (n, 2), got {points.shape}")
    if np.any(points < 0) or np.any(points > pit.size):
        raise ValueError(f"starts must lie inside [0, {pit.size:g}]²")
    h = check_real(step, "step", low=0.0, high=1.0, low_inclusive=False)
    count = check_positive_int(n_steps, "n_steps", maximum=100_000)
    paths = np.empty((count + 1, *points.shape))
    paths[0] = points
    for k in range(count):
        here = paths[k]
        paths[k + 1] = np.clip(here - h * pit._gradient(here[:, 0], here[:, 1]), 0.0, pit.size)
    return paths


def local_minima(pit: Pit, n_per_side: int = 8, max_steps: int = 300) -> list[StationaryPoint]:
    """The local minima of a pit on its square that hybrid walks from a grid of starts reach.

    A local minimum may lie inside the pit (the gradient vanishes and the Hessian is
    positive definite) or on a wall or in a corner (a ``"constrained minimum"``, where the
    slope leads out of the pit). Walks that end at the same point (closer than 1e-3) count
    once. A minimum whose basin holds none of the starts -- a narrow well between them --
    is not found. Derived in :doc:`/book/calculus/sandpit_hessian`.

    Parameters
    ----------
    pit : Pit
        The sandpit.
    n_per_side : int, default 8
        Starts per side of the grid (:func:`~mmlbook.calculus.grid_probes`).
    max_steps : int, default 300
        Most steps of each walk.

    Returns
    -------
    list of StationaryPoint
        Sorted from lowest to highest; ``kind`` is ``"minimum"`` or
        ``"constrained minimum"``.

    Raises
    ------
    TypeError
        If ``pit`` is not a :class:`Pit` or a count is not an integer.
    ValueError
        If a count is out of range.

    Examples
    --------
    >>> from mmlbook.calculus.sandpit import intro_pit
    >>> [(m.kind, m.point.round(2).tolist()) for m in local_minima(intro_pit())][:2]
    [('minimum', [1.21, 4.01]), ('constrained minimum', [0.0, 6.0])]
    """
    if not isinstance(pit, Pit):
        raise TypeError(f"pit must be a Pit, got {type(pit).__name__}")
    n = check_positive_int(n_per_side, "n_per_side", maximum=100)
    found: list[StationaryPoint] = []
    for start in grid_probes(n, pit.size):
        walk = descend(pit, start, "hybrid", max_steps=max_steps)
        if walk.kind not in ("minimum", "constrained minimum"):
            continue
        if all(np.linalg.norm(walk.end - m.point) > 1e-3 for m in found):
            found.append(StationaryPoint(walk.end, float(pit(*walk.end)), walk.kind))
    return sorted(found, key=lambda m: m.height)


def momentum_descent(
    gradient: Callable[[np.ndarray], Any],
    start: Any,
    *,
    learning_rate: float,
    momentum: float = 0.0,
    max_steps: int = 100,
    tol: float = 1e-8,
) -> np.ndarray:
    """Gradient descent with momentum (the heavy ball): ``v ← βv − γ∇f``, ``r ← r + v``.

    With ``β = 0`` this is plain steepest descent, ``r ← r − γ∇f``. Each step keeps the
    fraction ``β`` of the previous one, so the walk gathers speed along a valley whose
    floor keeps sloping the same way and damps its zigzag across it. Derived in
    :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    gradient : callable
        Maps a point (1-D array of length n) to the gradient there.
    start : array_like of shape (n,)
        The starting point.
    learning_rate : float
        The step size ``γ`` (> 0).
    momentum : float, default 0.0
        The fraction ``β`` in [0, 1) of the previous step kept.
    max_steps : int, default 100
        Most steps taken.
    tol : float, default 1e-8
        Stop when ``|∇f| <= tol``.

    Returns
    -------
    numpy.ndarray of shape (k + 1, n)
        The start and the point after each step. A walk that diverges stops before the
        first point that is no longer finite.

    Raises
    ------
    TypeError
        If ``gradient`` is not callable or an argument is not numeric.
    ValueError
        If ``start`` is not a finite 1-D array, a setting is out of range, or
        ``gradient`` returns an array of the wrong shape.

    Examples
    --------
    On ``f = (x² + 10y²)/2`` the gradient is ``(x, 10y)``:

    >>> walk = momentum_descent(lambda r: r * [1.0, 10.0], [1.0, 1.0],
    ...                         learning_rate=0.1, momentum=0.5, max_steps=200)
    >>> bool(np.abs(walk[-1]).max() < 1e-8), len(walk) < 200
    (True, True)
    """
    if not callable(gradient):
        raise TypeError(f"gradient must be callable, got {type(gradient).__name__}")
    point = as_float_array(start, "start", ndim=1)
    gamma = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    beta = check_real(momentum, "momentum", low=0.0, high=1.0, high_inclusive=False)
    steps = check_positive_int(max_steps, "max_steps", maximum=1_000_000)
    small = check_real(tol, "tol", low=0.0)
    velocity = np.zeros_like(point)
    path = [point]
    for _ in range(steps):
        with np.errstate(all="ignore"):
            g = np.asarray(gradient(point), dtype=float)
            if g.shape != point.shape:
                raise ValueError(
                    f"gradient must return an array of the shape of start, {point.shape}, "
                    f"got {g.shape}"
                )
            if not np.all(np.isfinite(g)) or np.linalg.norm(g) <= small:
                break
            velocity = beta * velocity - gamma * g
            candidate = point + velocity
        if not np.all(np.isfinite(candidate)):
            break
        point = candidate
        path.append(point)
    return np.array(path)
