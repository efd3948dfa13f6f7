"""Sandpits: surfaces on the square [0, 6]² whose deepest point hides a lost phone.

A pit's surface height is a bowl (or dome) plus a sum of Gaussian bumps: negative bumps
are wells, positive ones are rocks. Because every term is smooth and simple, the pit
knows its exact gradient (the Jacobian) and Hessian, which the chapters compare with the
finite-difference estimates of :func:`numeric_gradient` and :func:`numeric_hessian`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import minimize

from mmlbook._validation import (
    as_float_array,
    as_generator,
    as_square_matrix,
    check_positive_int,
    check_real,
)
from mmlbook.calculus.derivatives import derivative

__all__ = [
    "SANDPIT_SIZE",
    "Pit",
    "StationaryPoint",
    "classify_stationary_point",
    "deepest_point",
    "find_stationary_points",
    "grid_probes",
    "intro_pit",
    "numeric_gradient",
    "numeric_hessian",
    "numeric_jacobian",
    "random_pit",
    "random_probes",
]

#: The side of the square sandpit [0, SANDPIT_SIZE]².
SANDPIT_SIZE: float = 6.0


def _coordinates(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    xs = as_float_array(x, "x")
    ys = as_float_array(y, "y")
    try:
        return np.broadcast_arrays(xs, ys)
    except ValueError:
        raise ValueError(
            f"x and y must have broadcastable shapes, got {xs.shape} and {ys.shape}"
        ) from None


def _finite(values: np.ndarray) -> np.ndarray:
    # Finite but absurd coordinates (1e200, say) overflow the quadratic; refuse to return inf.
    if not np.all(np.isfinite(values)):
        raise ValueError("x and y are too large: the surface overflows there")
    return values


@dataclass(frozen=True, eq=False)
class Pit:
    """A sandpit's surface: ``bowl·|p − centre|² + Σ_k a_k exp(−|p − c_k|² / w_k)``.

    Build pits with :func:`intro_pit` or :func:`random_pit`. The height is negative
    below ground; the phone lies at the lowest point on the square ``[0, size]²``.
    Derived in :doc:`/book/calculus/sandpit`.

    Attributes
    ----------
    centre : tuple of float
        Centre of the quadratic term.
    bowl : float
        Its curvature: positive for a bowl, negative for a dome.
    heights : numpy.ndarray of shape (k,)
        Amplitudes ``a_k`` of the bumps (negative: wells, positive: rocks).
    centres : numpy.ndarray of shape (k, 2)
        Their centres ``c_k``.
    widths : numpy.ndarray of shape (k,)
        Their widths ``w_k`` (> 0); the bump falls to ``1/e`` at distance ``√w_k``.
    size : float
        Side of the square sandpit (> 0).

    Raises
    ------
    TypeError
        If an attribute is not real (complex numbers, strings, booleans).
    ValueError
        If ``centre`` does not hold two numbers, the bumps' arrays disagree in length,
        a width is not positive, ``size`` is not positive, or a value is not finite.

    Examples
    --------
    >>> pit = Pit(centre=(3.0, 3.0), bowl=1.0, heights=[-2.0], centres=[[1.0, 1.0]],
    ...           widths=[0.5])
    >>> float(pit(1.0, 1.0))  # the bowl's 1·(2² + 2²), and the well's −2
    6.0
    >>> Pit(centre=(3.0, 3.0), bowl=1.0, heights=[-2.0], centres=[[1.0, 1.0]], widths=[-0.5])
    Traceback (most recent call last):
        ...
    ValueError: widths must be positive, got [-0.5]
    """

    centre: tuple[float, float]
    bowl: float
    heights: np.ndarray
    centres: np.ndarray
    widths: np.ndarray
    size: float = SANDPIT_SIZE

    def __post_init__(self) -> None:
        centre = as_float_array(self.centre, "centre", ndim=1)
        if centre.shape != (2,):
            raise ValueError(f"centre must hold two coordinates, got shape {centre.shape}")
        bowl = check_real(self.bowl, "bowl")
        heights = as_float_array(self.heights, "heights", ndim=1, min_size=0)
        k = heights.size
        centres = as_float_array(self.centres, "centres", ndim=(1, 2), min_size=0)
        if k == 0 and centres.size == 0:
            centres = centres.reshape(0, 2)
        if centres.shape != (k, 2):
            raise ValueError(
                f"centres must have shape ({k}, 2), one row per entry of heights, "
                f"got {centres.shape}"
            )
        widths = as_float_array(self.widths, "widths", ndim=1, min_size=0)
        if widths.shape != (k,):
            raise ValueError(
                f"widths must have shape ({k},), one per entry of heights, got {widths.shape}"
            )
        if np.any(widths <= 0):
            raise ValueError(f"widths must be positive, got {widths}")
        size = check_real(self.size, "size", low=0.0, low_inclusive=False)
        # Read-only copies: a frozen pit must not change when the caller's arrays do.
        for name, value in (("heights", heights), ("centres", centres), ("widths", widths)):
            value = value.copy()
            value.flags.writeable = False
            object.__setattr__(self, name, value)
        object.__setattr__(self, "centre", (float(centre[0]), float(centre[1])))
        object.__setattr__(self, "bowl", bowl)
        object.__setattr__(self, "size", size)

    def _bumps(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, ...]:
        # One trailing axis per bump, so every point meets every bump without a loop.
        dx = xs[..., None] - self.centres[:, 0]
        dy = ys[..., None] - self.centres[:, 1]
        bump = self.heights * np.exp(-(dx**2 + dy**2) / self.widths)
        return dx, dy, bump

    def __call__(self, x: Any, y: Any) -> np.ndarray:
        """Height of the surface at ``(x, y)``; arrays broadcast.

        Parameters
        ----------
        x, y : array_like
            Coordinates of the probes.

        Returns
        -------
        numpy.ndarray
            Heights, of the broadcast shape of ``x`` and ``y``.

        Raises
        ------
        TypeError
            If a coordinate is not numeric.
        ValueError
            If a coordinate is not finite or the shapes do not broadcast.

        Examples
        --------
        >>> pit = intro_pit()
        >>> round(float(pit(4.1, 0.9)), 3)
        -0.163
        """
        return _finite(self._height(*_coordinates(x, y)))

    def _height(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            _, _, bump = self._bumps(xs, ys)
            cx, cy = self.centre
            return self.bowl * ((xs - cx) ** 2 + (ys - cy) ** 2) + bump.sum(axis=-1)

    def gradient(self, x: Any, y: Any) -> np.ndarray:
        """The Jacobian ``[∂f/∂x, ∂f/∂y]`` at ``(x, y)``; it points uphill.

        Parameters
        ----------
        x, y : array_like
            Coordinates; arrays broadcast.

        Returns
        -------
        numpy.ndarray
            Shape ``(*broadcast_shape, 2)``.

        Raises
        ------
        TypeError
            If a coordinate is not numeric.
        ValueError
            If a coordinate is not finite or the shapes do not broadcast.

        Examples
        --------
        >>> intro_pit().gradient(4.1, 0.9).round(3)
        array([ 0.303, -0.326])
        """
        return _finite(self._gradient(*_coordinates(x, y)))

    def _gradient(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            dx, dy, bump = self._bumps(xs, ys)
            cx, cy = self.centre
            gx = 2 * self.bowl * (xs - cx) - 2 * (bump * dx / self.widths).sum(axis=-1)
            gy = 2 * self.bowl * (ys - cy) - 2 * (bump * dy / self.widths).sum(axis=-1)
            return np.stack([gx, gy], axis=-1)

    def hessian(self, x: Any, y: Any) -> np.ndarray:
        """The Hessian (matrix of second derivatives) at ``(x, y)``.

        Parameters
        ----------
        x, y : array_like
            Coordinates; arrays broadcast.

        Returns
        -------
        numpy.ndarray
            Shape ``(*broadcast_shape, 2, 2)``, symmetric.

        Raises
        ------
        TypeError
            If a coordinate is not numeric.
        ValueError
            If a coordinate is not finite or the shapes do not broadcast.

        Examples
        --------
        >>> pit = random_pit(seed=0, n_wells=0, n_rocks=0)
        >>> pit.hessian(1.0, 2.0) / pit.bowl
        array([[2., 0.],
               [0., 2.]])
        """
        return _finite(self._hessian(*_coordinates(x, y)))

    def _hessian(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            dx, dy, bump = self._bumps(xs, ys)
            w = self.widths
            # d²/dx² of a·exp(−ρ²/w), ρ² = dx² + dy², is a·exp(·)·(4dx²/w² − 2/w);
            # the cross term is a·exp(·)·4dxdy/w².
            hxx = 2 * self.bowl + (bump * (4 * dx**2 / w**2 - 2 / w)).sum(axis=-1)
            hyy = 2 * self.bowl + (bump * (4 * dy**2 / w**2 - 2 / w)).sum(axis=-1)
            hxy = (bump * 4 * dx * dy / w**2).sum(axis=-1)
            return np.stack([np.stack([hxx, hxy], -1), np.stack([hxy, hyy], -1)], -2)

    def deepest_point(self, resolution: int = 241) -> np.ndarray:
        """The lowest point of the pit on ``[0, size]²``: where the phone is.

        :func:`deepest_point` of the pit's height, polished with its exact gradient.

        Parameters
        ----------
        resolution : int, default 241
            Probes per side of the search grid (at least 2).

        Returns
        -------
        numpy.ndarray of shape (2,)
            The deepest point.

        Raises
        ------
        TypeError
            If ``resolution`` is not an integer.
        ValueError
            If ``resolution`` is below 2.

        Examples
        --------
        >>> intro_pit().deepest_point().round(2)
        array([1.21, 4.01])
        """
        return deepest_point(self, self.size, resolution, gradient=self.gradient)


def deepest_point(
    f: Callable[[Any, Any], Any],
    size: float = SANDPIT_SIZE,
    resolution: int = 241,
    *,
    gradient: Callable[[Any, Any], Any] | None = None,
) -> np.ndarray:
    """The lowest point of a height function ``f(x, y)`` on the square ``[0, size]²``.

    A grid of ``resolution²`` probes finds the lowest one; a bounded quasi-Newton search
    (SciPy's L-BFGS-B) started there polishes it, and is kept only if it went lower.
    The minimum may lie on the edge. A well narrower than the grid's spacing can be
    missed. Derived in :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    f : callable
        The height ``f(x, y)``; it must accept arrays of coordinates and broadcast.
    size : float, default 6.0
        The side of the square (> 0).
    resolution : int, default 241
        Probes per side of the grid (2 to 3000).
    gradient : callable, optional
        ``gradient(x, y) -> [∂f/∂x, ∂f/∂y]``; finite differences if omitted.

    Returns
    -------
    numpy.ndarray of shape (2,)
        The lowest point found.

    Raises
    ------
    TypeError
        If ``f`` or ``gradient`` is not callable or a number has the wrong type.
    ValueError
        If ``size <= 0``, ``resolution`` is out of range, or ``f`` returns values that
        are not finite or not of the grid's shape.

    Examples
    --------
    >>> deepest_point(lambda x, y: (x - 1) ** 2 + (y - 7) ** 2).round(6) + 0.0
    array([1., 6.])
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    if gradient is not None and not callable(gradient):
        raise TypeError(f"gradient must be callable, got {type(gradient).__name__}")
    side = check_real(size, "size", low=0.0, low_inclusive=False)
    n = check_positive_int(resolution, "resolution", maximum=3000)
    if n < 2:
        raise ValueError(f"resolution must be at least 2, got {n}")
    ticks = np.linspace(0.0, side, n)
    gx, gy = np.meshgrid(ticks, ticks)
    with np.errstate(all="ignore"):  # an overflowing f is reported below, not warned about
        heights = np.asarray(f(gx, gy), dtype=float)
    if heights.shape != gx.shape or not np.all(np.isfinite(heights)):
        raise ValueError(
            f"f must return finite heights on the square [0, size]² (size = {side:g}), of "
            "the shape of its (array) arguments"
        )
    k = int(np.argmin(heights))
    start = np.array([gx.flat[k], gy.flat[k]])
    best = minimize(
        lambda p: float(f(p[0], p[1])),
        start,
        jac=None if gradient is None else (lambda p: np.asarray(gradient(p[0], p[1]), float)),
        bounds=[(0.0, side)] * 2,
        method="L-BFGS-B",
        options={"ftol": 1e-15, "gtol": 1e-12},
    )
    return best.x if float(f(*best.x)) <= float(heights.flat[k]) else start


def intro_pit() -> Pit:
    """The first chapter's pit.

    ``f(x, y) = −((x − 4.1)² + (y − 0.9)²) − 30 exp(−((x − 1.5)² + (y − 3.7)²) / 2.8)``:
    a dome rising towards (4.1, 0.9) with one broad well. The deepest point on
    [0, 6]² is near (1.21, 4.01). Derived in :doc:`/book/calculus/sandpit`.

    Returns
    -------
    Pit
        The pit.

    Examples
    --------
    >>> round(float(intro_pit()(1.21, 4.01)), 2)
    -46.15
    """
    return Pit(
        centre=(4.1, 0.9),
        bowl=-1.0,
        heights=np.array([-30.0]),
        centres=np.array([[1.5, 3.7]]),
        widths=np.array([2.8]),
    )


def random_pit(
    seed: int | np.random.Generator,
    n_wells: int = 4,
    n_rocks: int = 2,
    narrow: bool = True,
) -> Pit:
    """A seeded random pit with several wells (local minima), rocks and narrow wells.

    The surface is a shallow bowl with ``n_wells`` Gaussian wells of varied depth and
    width and ``n_rocks`` rocks. With ``narrow`` the last well is deep but narrow, the
    kind a coarse grid of probes steps over. Derived in
    :doc:`/book/calculus/sandpit_hessian`.

    Parameters
    ----------
    seed : int or numpy.random.Generator
        Seed of the pit; the same seed gives the same pit.
    n_wells : int, default 4
        Number of wells (0 allowed).
    n_rocks : int, default 2
        Number of rocks (0 allowed).
    narrow : bool, default True
        Make the last well narrow and deep.

    Returns
    -------
    Pit
        The pit.

    Raises
    ------
    TypeError
        If ``seed`` is not an int or a Generator, or a count is not an integer.
    ValueError
        If a count is negative or above 20.

    Examples
    --------
    >>> a, b = random_pit(seed=3), random_pit(seed=3)
    >>> bool(a(2.0, 2.0) == b(2.0, 2.0))
    True
    >>> random_pit(seed=3).heights.shape
    (6,)
    """
    rng = as_generator(seed)
    counts = []
    for value, name in ((n_wells, "n_wells"), (n_rocks, "n_rocks")):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
        if not 0 <= value <= 20:
            raise ValueError(f"{name} must be between 0 and 20, got {value}")
        counts.append(int(value))
    n_wells, n_rocks = counts
    if not isinstance(narrow, (bool, np.bool_)):
        raise TypeError(f"narrow must be a bool, got {type(narrow).__name__}")
    size = SANDPIT_SIZE
    well_depths = -rng.uniform(3.0, 8.0, n_wells)
    well_widths = rng.uniform(0.4, 1.6, n_wells)
    if narrow and n_wells:
        well_depths[-1], well_widths[-1] = -rng.uniform(9.0, 12.0), rng.uniform(0.04, 0.1)
    rock_heights = rng.uniform(3.0, 6.0, n_rocks)
    rock_widths = rng.uniform(0.15, 0.5, n_rocks)
    # Keep bumps off the very edge so that each one is a visible feature of the pit.
    centres = rng.uniform(0.6, size - 0.6, (n_wells + n_rocks, 2))
    return Pit(
        centre=tuple(rng.uniform(2.0, 4.0, 2)),
        bowl=0.15,
        heights=np.concatenate([well_depths, rock_heights]),
        centres=centres,
        widths=np.concatenate([well_widths, rock_widths]),
        size=size,
    )


def random_probes(
    n: int, seed: int | np.random.Generator, size: float = SANDPIT_SIZE
) -> np.ndarray:
    """``n`` probe positions drawn uniformly on the square ``[0, size]²``.

    Derived in :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    n : int
        Number of probes.
    seed : int or numpy.random.Generator
        Seed of the draw.
    size : float, default 6.0
        Side of the square.

    Returns
    -------
    numpy.ndarray of shape (n, 2)
        The probes, one per row.

    Raises
    ------
    TypeError
        If ``n`` is not an integer or ``seed`` not an int/Generator.
    ValueError
        If ``n < 1`` or ``size <= 0``.

    Examples
    --------
    >>> random_probes(5, seed=0).shape
    (5, 2)
    """
    count = check_positive_int(n, "n", maximum=10_000_000)
    side = check_real(size, "size", low=0.0, low_inclusive=False)
    return as_generator(seed).uniform(0.0, side, (count, 2))


def grid_probes(n_per_side: int, size: float = SANDPIT_SIZE) -> np.ndarray:
    """Probes at the centres of an ``n_per_side × n_per_side`` grid of cells.

    Derived in :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    n_per_side : int
        Cells per side.
    size : float, default 6.0
        Side of the square.

    Returns
    -------
    numpy.ndarray of shape (n_per_side², 2)
        The probes, one per row.

    Raises
    ------
    TypeError
        If ``n_per_side`` is not an integer.
    ValueError
        If ``n_per_side < 1`` or ``size <= 0``.

    Examples
    --------
    >>> grid_probes(2)
    array([[1.5, 1.5],
           [4.5, 1.5],
           [1.5, 4.5],
           [4.5, 4.5]])
    """
    n = check_positive_int(n_per_side, "n_per_side", maximum=3000)
    side = check_real(size, "size", low=0.0, low_inclusive=False)
    ticks = (np.arange(n) + 0.5) * side / n
    gx, gy = np.meshgrid(ticks, ticks)
    return np.column_stack([gx.ravel(), gy.ravel()])


def numeric_gradient(
    f: Callable[[np.ndarray], float], point: Any, step: float = 1e-6
) -> np.ndarray:
    """Central finite-difference estimate of the gradient of ``f`` at ``point``.

    ``∂f/∂x_i ≈ (f(p + h e_i) − f(p − h e_i)) / 2h``, with error of order ``h²``: the
    central quotient of :func:`~mmlbook.calculus.derivative` along each axis. Derived in
    :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    f : callable
        Maps a 1-D array of length n to a real number.
    point : array_like of shape (n,)
        Where to differentiate.
    step : float, default 1e-6
        The step ``h`` (> 0).

    Returns
    -------
    numpy.ndarray of shape (n,)
        The estimated gradient.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``point`` is not numeric.
    ValueError
        If ``point`` is not a finite 1-D array, ``step <= 0``, or ``f`` returns a
        non-finite value.

    Examples
    --------
    >>> numeric_gradient(lambda p: p[0] ** 2 + 3 * p[1], [1.0, 5.0]).round(6)
    array([2., 3.])
    """
    p, h = _check_difference_args(f, point, step)
    # Along the axis e_i, f is the function t ↦ f(p + t e_i) of one variable: its
    # central difference quotient at t = 0 is the partial derivative.
    def along(e: np.ndarray) -> Callable[[float], float]:
        return lambda t: _value(f, p + t * e, h)

    return np.array([derivative(along(e), 0.0, h) for e in np.eye(p.size)])


def numeric_jacobian(
    f: Callable[[np.ndarray], Any], point: Any, step: float = 1e-6
) -> np.ndarray:
    """Central finite-difference estimate of the Jacobian matrix of a vector function.

    For ``f: ℝⁿ → ℝᵐ``, column ``j`` of the ``m × n`` Jacobian is
    ``(f(p + h e_j) − f(p − h e_j)) / 2h``: row ``i`` holds the partial derivatives of
    ``f_i``. Derived in :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    f : callable
        Maps a 1-D array of length n to a 1-D array of length m (a number counts as m = 1).
    point : array_like of shape (n,)
        Where to differentiate.
    step : float, default 1e-6
        The step ``h`` (> 0).

    Returns
    -------
    numpy.ndarray of shape (m, n)
        The estimated Jacobian.

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``point`` is not numeric.
    ValueError
        If ``point`` is not a finite 1-D array, ``step <= 0``, or ``f`` returns values
        that are not finite or change shape between calls.

    Examples
    --------
    The map from polar to Cartesian coordinates, at r = 2, θ = 0:

    >>> polar = lambda q: np.array([q[0] * np.cos(q[1]), q[0] * np.sin(q[1])])
    >>> numeric_jacobian(polar, [2.0, 0.0]).round(6) + 0.0
    array([[1., 0.],
           [0., 2.]])
    """
    p, h = _check_difference_args(f, point, step)
    columns = []
    for shift in h * np.eye(p.size):
        ahead, behind = _values(f, p + shift, h), _values(f, p - shift, h)
        if ahead.shape != behind.shape or (columns and ahead.shape != columns[0].shape):
            raise ValueError("f must return arrays of one fixed length")
        columns.append((ahead - behind) / (2 * h))
    return np.stack(columns, axis=1)


def _values(f: Callable[[np.ndarray], Any], p: np.ndarray, h: float) -> np.ndarray:
    with np.errstate(all="ignore"):  # an overflowing f is reported below, not warned about
        raw = np.asarray(f(p))
    if raw.dtype == bool or not np.issubdtype(raw.dtype, np.number) or np.iscomplexobj(raw):
        raise TypeError(f"f must return real numbers, got dtype {raw.dtype}")
    values = raw.astype(float).reshape(-1)
    if not np.all(np.isfinite(values)):
        raise ValueError(f"f returned a non-finite value at point {p} (step {h:g})")
    return values


#: The steps numeric_hessian takes: 4 h² must be a normal float (h² from 1e-300 to 1e300).
_HESSIAN_STEPS = (1e-150, 1e150)


def numeric_hessian(f: Callable[[np.ndarray], float], point: Any, step: float = 1e-4) -> np.ndarray:
    """Central finite-difference estimate of the Hessian of ``f`` at ``point``.

    ``H_ij ≈ [f(p + he_i + he_j) − f(p + he_i − he_j) − f(p − he_i + he_j)
    + f(p − he_i − he_j)] / 4h²``.
    Derived in :doc:`/book/calculus/sandpit_hessian`.

    Parameters
    ----------
    f : callable
        Maps a 1-D array of length n to a real number.
    point : array_like of shape (n,)
        Where to differentiate.
    step : float, default 1e-4
        The step ``h``, from 1e-150 to 1e150 (the quotient divides by ``4h²``).

    Returns
    -------
    numpy.ndarray of shape (n, n)
        The estimated Hessian (symmetric by construction).

    Raises
    ------
    TypeError
        If ``f`` is not callable or ``point`` is not numeric.
    ValueError
        If ``point`` is not a finite 1-D array, ``step`` is out of its range, or ``f``
        returns a non-finite value.

    Examples
    --------
    >>> numeric_hessian(lambda p: p[0] ** 2 * p[1], [1.0, 2.0]).round(6)
    array([[4., 2.],
           [2., 0.]])
    """
    p, h = _check_difference_args(f, point, step)
    if not _HESSIAN_STEPS[0] <= h <= _HESSIAN_STEPS[1]:
        raise ValueError(
            f"step must be between {_HESSIAN_STEPS[0]:g} and {_HESSIAN_STEPS[1]:g}, so that "
            f"the quotient's 4 step² is a float, got {h:g}"
        )
    shifts = h * np.eye(p.size)
    n = p.size
    hessian = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            si, sj = shifts[i], shifts[j]
            hessian[i, j] = hessian[j, i] = (
                _value(f, p + si + sj, h)
                - _value(f, p + si - sj, h)
                - _value(f, p - si + sj, h)
                + _value(f, p - si - sj, h)
            ) / (4 * h * h)
    return hessian


def _check_difference_args(f: Any, point: Any, step: Any) -> tuple[np.ndarray, float]:
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    p = as_float_array(point, "point", ndim=1)
    h = check_real(step, "step", low=0.0, low_inclusive=False)
    return p, h


def _value(f: Callable[[np.ndarray], Any], p: np.ndarray, h: float | None = None) -> float:
    """``f(p)`` as a finite float; ``h`` the step that led from ``point`` to ``p``, if any."""
    with np.errstate(all="ignore"):  # an overflowing f is reported below, not warned about
        value = np.asarray(f(p), dtype=float)
    if value.size != 1:
        raise ValueError(f"f must return a single number, got shape {value.shape}")
    number = float(value.reshape(()))
    if not np.isfinite(number):
        where = "" if h is None else f", a step of {h:g} from point (a smaller step may help)"
        raise ValueError(f"f returned a non-finite value {number} at {p}{where}")
    return number


def classify_stationary_point(hessian: Any, tol: float = 1e-8) -> str:
    """Name a stationary point from the signs of its Hessian's eigenvalues.

    All positive: ``"minimum"``; all negative: ``"maximum"``; both signs: ``"saddle"``;
    otherwise some eigenvalue counts as zero and the second derivatives cannot decide:
    ``"degenerate"``. An eigenvalue counts as zero when it is tiny *compared with the
    largest*, so the verdict does not depend on units: multiplying the function by any
    positive constant, or all coordinates by one factor, multiplies every eigenvalue
    by the same positive number and leaves the answer unchanged. Derived in
    :doc:`/book/calculus/sandpit_hessian`.

    Parameters
    ----------
    hessian : array_like of shape (n, n)
        A symmetric matrix of second derivatives.
    tol : float, default 1e-8
        Eigenvalues with ``|λ| <= tol · max|λ|`` count as zero (``0 <= tol < 1``).

    Returns
    -------
    str
        One of ``"minimum"``, ``"maximum"``, ``"saddle"``, ``"degenerate"``.

    Raises
    ------
    TypeError
        If ``hessian`` is not numeric.
    ValueError
        If it is not a finite square symmetric matrix or ``tol`` is outside ``[0, 1)``.

    Examples
    --------
    >>> classify_stationary_point([[2, 0], [0, -1]])
    'saddle'
    >>> classify_stationary_point([[2, 1], [1, 2]])
    'minimum'
    >>> classify_stationary_point([[2e-12, 1e-12], [1e-12, 2e-12]])  # the same, in other units
    'minimum'
    """
    H = as_square_matrix(hessian, "hessian")
    zero = check_real(tol, "tol", low=0.0, high=1.0, high_inclusive=False)
    largest = float(np.abs(H).max())
    if not np.allclose(H, H.T, rtol=1e-8, atol=1e-10 * largest):
        raise ValueError("hessian must be symmetric")
    if largest == 0.0:
        return "degenerate"
    # Divide by the largest entry first: eigenvalues of tiny or huge matrices then neither
    # underflow nor overflow, and the threshold is relative by construction.
    eigenvalues = np.linalg.eigvalsh((H + H.T) / (2 * largest))
    threshold = zero * float(np.abs(eigenvalues).max())
    positive, negative = eigenvalues > threshold, eigenvalues < -threshold
    if positive.any() and negative.any():
        return "saddle"
    if positive.all():
        return "minimum"
    if negative.all():
        return "maximum"
    return "degenerate"


@dataclass(frozen=True)
class StationaryPoint:
    """A point where a pit's gradient vanishes, its height and its kind."""

    point: np.ndarray
    height: float
    kind: str


def find_stationary_points(
    pit: Pit, n_per_side: int = 15, iterations: int = 60, tol: float = 1e-9
) -> list[StationaryPoint]:
    """Every stationary point Newton's method finds from a grid of starts inside the pit.

    Newton–Raphson on the gradient, ``p ← p − H⁻¹ J``, runs from all ``n_per_side²``
    starts at once; the points where the gradient has vanished inside the square are
    kept, merged when closer than 1e-4, and classified by their Hessian. Derived in
    :doc:`/book/calculus/sandpit_hessian`.

    Parameters
    ----------
    pit : Pit
        The sandpit.
    n_per_side : int, default 15
        Starts per side of the grid.
    iterations : int, default 60
        Newton iterations from each start.
    tol : float, default 1e-9
        A point counts as stationary when ``|J| <= tol``.

    Returns
    -------
    list of StationaryPoint
        Sorted from lowest to highest.

    Raises
    ------
    TypeError
        If ``pit`` is not a :class:`Pit` or a count is not an integer.
    ValueError
        If a count is below 1 or ``tol <= 0``.

    Examples
    --------
    >>> [s.kind for s in find_stationary_points(intro_pit())]
    ['minimum', 'saddle', 'maximum']
    """
    if not isinstance(pit, Pit):
        raise TypeError(f"pit must be a Pit, got {type(pit).__name__}")
    n = check_positive_int(n_per_side, "n_per_side", maximum=200)
    steps = check_positive_int(iterations, "iterations", maximum=10_000)
    small = check_real(tol, "tol", low=0.0, low_inclusive=False)
    p = grid_probes(n, pit.size)
    for _ in range(steps):
        J, H = pit.gradient(p[:, 0], p[:, 1]), pit.hessian(p[:, 0], p[:, 1])
        det = H[:, 0, 0] * H[:, 1, 1] - H[:, 0, 1] ** 2
        ok = np.abs(det) > 1e-300
        # The explicit 2 × 2 inverse solves every start at once; singular starts stay put.
        safe = np.where(ok, det, 1.0)
        step_x = (H[:, 1, 1] * J[:, 0] - H[:, 0, 1] * J[:, 1]) / safe
        step_y = (H[:, 0, 0] * J[:, 1] - H[:, 0, 1] * J[:, 0]) / safe
        p = p - np.where(ok[:, None], np.column_stack([step_x, step_y]), 0.0)
        # Starts flung far away have left the pit for good; pin them so nothing overflows.
        p = np.clip(p, -10 * pit.size, 11 * pit.size)
    J = pit.gradient(p[:, 0], p[:, 1])
    inside = np.all((p >= 0) & (p <= pit.size), axis=1)
    found = p[inside & (np.linalg.norm(J, axis=1) <= small)]
    points: list[np.ndarray] = []
    for q in found:
        if all(np.linalg.norm(q - r) > 1e-4 for r in points):
            points.append(q)
    result = [
        StationaryPoint(
            point=q,
            height=float(pit(q[0], q[1])),
            kind=classify_stationary_point(pit.hessian(q[0], q[1]), tol=1e-9),
        )
        for q in points
    ]
    return sorted(result, key=lambda s: s.height)
