"""Plot helpers of the calculus chapters: pit maps, probes, slopes, paths, fits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from mmlbook._validation import as_float_array, check_positive_int
from mmlbook.calculus.sandpit import Pit
from mmlbook.plotting import BOOK_COLORS

__all__ = [
    "plot_chi2_landscape",
    "plot_fits",
    "plot_heart",
    "plot_paths",
    "plot_pit",
    "plot_probes",
    "plot_slopes",
]


def _axes(ax: Axes | None, figsize: tuple[float, float] = (5.2, 4.4)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
    return ax


def _points(points: Any, name: str) -> np.ndarray:
    array = as_float_array(points, name, ndim=2)
    if array.shape[1] != 2:
        raise ValueError(f"{name} must have shape (n, 2), got {array.shape}")
    return array


def plot_pit(
    pit: Pit,
    ax: Axes | None = None,
    resolution: int = 150,
    levels: int = 20,
    colorbar: bool = True,
) -> Axes:
    """Contour map of a pit's surface height on its square.

    Parameters
    ----------
    pit : Pit
        The pit.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.
    resolution : int, default 150
        Grid points per side.
    levels : int, default 20
        Number of contour levels.
    colorbar : bool, default True
        Add a colour bar of heights.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``pit`` is not a Pit.
    ValueError
        If ``resolution`` or ``levels`` is below 2.

    Examples
    --------
    >>> from mmlbook.calculus import intro_pit
    >>> ax = plot_pit(intro_pit())
    >>> tuple(float(v) for v in ax.get_xlim())
    (0.0, 6.0)
    """
    if not isinstance(pit, Pit):
        raise TypeError(f"pit must be a Pit, got {type(pit).__name__}")
    n = check_positive_int(resolution, "resolution", maximum=2000)
    k = check_positive_int(levels, "levels", maximum=500)
    if n < 2 or k < 2:
        raise ValueError("resolution and levels must be at least 2")
    ax = _axes(ax)
    ticks = np.linspace(0.0, pit.size, n)
    gx, gy = np.meshgrid(ticks, ticks)
    filled = ax.contourf(gx, gy, pit(gx, gy), levels=k, cmap="viridis")
    ax.contour(gx, gy, pit(gx, gy), levels=k, colors="white", linewidths=0.3, alpha=0.5)
    if colorbar:
        ax.figure.colorbar(filled, ax=ax, label="height of the sand")
    ax.set(xlim=(0.0, pit.size), ylim=(0.0, pit.size), aspect=1.0, xlabel="x", ylabel="y")
    ax.grid(False)
    return ax


def plot_probes(
    ax: Axes,
    points: Any,
    depths: Any | None = None,
    label: str = "probes",
    color: str = BOOK_COLORS[1],
) -> Axes:
    """Mark probe positions; with ``depths``, ring the deepest probe.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw (usually from :func:`plot_pit`).
    points : array_like of shape (n, 2)
        The probes.
    depths : array_like of shape (n,), optional
        Their depths.
    label : str, default "probes"
        Legend label.
    color : str
        Marker colour.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes.
    ValueError
        If the shapes are wrong.

    Examples
    --------
    >>> ax = plot_probes(plt.figure().gca(), [[1.0, 2.0], [3.0, 4.0]], depths=[-1.0, -2.0])
    >>> len(ax.collections)
    2
    """
    ax = _axes(ax)
    p = _points(points, "points")
    ax.scatter(
        p[:, 0], p[:, 1], s=18, color=color, edgecolor="black", lw=0.4, label=label, zorder=3
    )
    if depths is not None:
        d = as_float_array(depths, "depths", ndim=1)
        if d.shape != (p.shape[0],):
            raise ValueError(f"depths must have shape ({p.shape[0]},), got {d.shape}")
        best = p[np.argmin(d)]
        ax.scatter(
            *best,
            s=140,
            facecolor="none",
            edgecolor=BOOK_COLORS[3],
            lw=2,
            label="deepest probe",
            zorder=4,
        )
    return ax


def plot_slopes(
    ax: Axes, pit: Pit, points: Any, downhill: bool = True, length: float = 0.45
) -> Axes:
    """Arrows of equal length along the slope at each point.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    pit : Pit
        The pit whose Jacobian gives the directions.
    points : array_like of shape (n, 2)
        Where to draw arrows.
    downhill : bool, default True
        Draw ``−J`` (downhill); otherwise ``J`` (uphill).
    length : float, default 0.45
        Arrow length in the pit's units.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes or ``pit`` not a Pit.
    ValueError
        If ``points`` has the wrong shape.

    Examples
    --------
    >>> from mmlbook.calculus import intro_pit
    >>> ax = plot_slopes(plt.figure().gca(), intro_pit(), [[1.0, 1.0]])
    >>> len(ax.collections) >= 1
    True
    """
    ax = _axes(ax)
    if not isinstance(pit, Pit):
        raise TypeError(f"pit must be a Pit, got {type(pit).__name__}")
    p = _points(points, "points")
    J = pit.gradient(p[:, 0], p[:, 1]) * (-1.0 if downhill else 1.0)
    norm = np.linalg.norm(J, axis=1, keepdims=True)
    # A flat spot has no direction: draw no arrow there rather than divide by zero.
    unit = np.divide(J, norm, out=np.zeros_like(J), where=norm > 0)
    ax.quiver(
        p[:, 0],
        p[:, 1],
        unit[:, 0] * length,
        unit[:, 1] * length,
        angles="xy",
        scale_units="xy",
        scale=1.0,
        color="white",
        width=0.006,
        zorder=3,
    )
    return ax


def plot_paths(ax: Axes, paths: Mapping[str, Any]) -> Axes:
    """Draw descent paths, one line with markers per labelled path.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    paths : mapping of str to array_like of shape (k, 2)
        Label and path of each walk.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``paths`` is not a mapping.
    ValueError
        If a path has the wrong shape.

    Examples
    --------
    >>> ax = plot_paths(plt.figure().gca(), {"a walk": [[0, 0], [1, 1]]})
    >>> ax.get_legend_handles_labels()[1]
    ['a walk']
    """
    ax = _axes(ax)
    if not isinstance(paths, Mapping):
        raise TypeError(f"paths must be a mapping of label to path, got {type(paths).__name__}")
    colors = (BOOK_COLORS[3], "white", BOOK_COLORS[1], BOOK_COLORS[4], BOOK_COLORS[5])
    for (label, path), color in zip(paths.items(), colors * 4, strict=False):
        p = _points(path, f"paths[{label!r}]")
        ax.plot(p[:, 0], p[:, 1], "-o", color=color, ms=3.5, lw=1.6, label=label, zorder=4)
        ax.scatter(*p[-1], marker="X", s=70, color=color, edgecolor="black", zorder=5)
    return ax


def plot_heart(target: Any, drawings: Mapping[str, Any], ax: Axes | None = None) -> Axes:
    """Draw the heart a network should trace and what it draws.

    Parameters
    ----------
    target : array_like of shape (2, n)
        The points of the target curve, one per column.
    drawings : mapping of str to array_like of shape (2, n)
        Labelled network outputs.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``drawings`` is not a mapping.
    ValueError
        If a curve does not have two rows.

    Examples
    --------
    >>> from mmlbook.datasets import heart_curve
    >>> x, y = heart_curve()
    >>> ax = plot_heart(y, {"copy": y})
    >>> ax.get_aspect()
    1.0
    """
    ax = _axes(ax, (4.2, 4.2))
    t = as_float_array(target, "target", ndim=2)
    if t.shape[0] != 2:
        raise ValueError(f"target must have shape (2, n), got {t.shape}")
    if not isinstance(drawings, Mapping):
        raise TypeError(f"drawings must be a mapping, got {type(drawings).__name__}")
    ax.plot(*np.hstack([t, t[:, :1]]), color="0.7", lw=5, label="target", zorder=1)
    for (label, curve), color in zip(drawings.items(), BOOK_COLORS * 2, strict=False):
        c = as_float_array(curve, f"drawings[{label!r}]", ndim=2)
        if c.shape[0] != 2:
            raise ValueError(f"drawings[{label!r}] must have shape (2, n), got {c.shape}")
        ax.plot(*np.hstack([c, c[:, :1]]), "-", color=color, lw=1.6, label=label, zorder=2)
    ax.set(xlim=(0, 1), ylim=(0, 1), aspect=1.0, xlabel="output 1", ylabel="output 2")
    ax.legend(loc="lower right", fontsize=8)
    return ax


def plot_fits(
    x: Any,
    y: Any,
    fits: Mapping[str, Any],
    ax: Axes | None = None,
    bin_width: float = 2.5,
) -> Axes:
    """The histogram as bars, with labelled curves over it.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Bin centres and densities.
    fits : mapping of str to array_like of shape (m, 2)
        Labelled curves, as columns ``(x, g(x))``.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    bin_width : float, default 2.5
        Width of the bars.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``fits`` is not a mapping.
    ValueError
        If shapes are wrong.

    Examples
    --------
    >>> ax = plot_fits([1.0, 2.0], [0.5, 0.5], {}, bin_width=1.0)
    >>> len(ax.patches)
    2
    """
    ax = _axes(ax, (6.4, 3.6))
    xs = as_float_array(x, "x", ndim=1)
    ys = as_float_array(y, "y", ndim=1)
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same shape, got {xs.shape} and {ys.shape}")
    if not isinstance(fits, Mapping):
        raise TypeError(f"fits must be a mapping, got {type(fits).__name__}")
    ax.bar(xs, ys, width=bin_width, color="0.75", edgecolor="white", label="histogram")
    styles = ("-", "--", ":", "-.")
    for i, (label, curve) in enumerate(fits.items()):
        c = _points(curve, f"fits[{label!r}]")
        ax.plot(c[:, 0], c[:, 1], styles[i % 4], color=BOOK_COLORS[i % 8], lw=2, label=label)
    occupied = xs[ys > 0] if np.any(ys > 0) else xs
    ax.set(
        xlim=(occupied.min() - 25, occupied.max() + 25),
        xlabel="height (cm)",
        ylabel="density (1/cm)",
    )
    ax.legend(fontsize=8)
    return ax


def plot_chi2_landscape(
    x: Any,
    y: Any,
    mu_range: tuple[float, float],
    sigma_range: tuple[float, float],
    paths: Mapping[str, Any] | None = None,
    ax: Axes | None = None,
    resolution: int = 120,
) -> Axes:
    """Contours of χ²(μ, σ) with fitting paths over them.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data.
    mu_range, sigma_range : tuple of float
        The window; ``sigma_range`` must be positive.
    paths : mapping of str to array_like of shape (k, 2), optional
        Labelled paths of ``(μ, σ)``.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    resolution : int, default 120
        Grid points per side.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``paths`` is not a mapping.
    ValueError
        If a range is empty or σ is not positive.

    Examples
    --------
    >>> from mmlbook.datasets import heights_histogram
    >>> ax = plot_chi2_landscape(*heights_histogram(), (170, 185), (4, 12), resolution=20)
    >>> ax.get_xlabel()
    'μ (cm)'
    """
    ax = _axes(ax)
    xs = as_float_array(x, "x", ndim=1)
    ys = as_float_array(y, "y", ndim=1)
    lo_mu, hi_mu = as_float_array(mu_range, "mu_range", ndim=1)[:2]
    lo_s, hi_s = as_float_array(sigma_range, "sigma_range", ndim=1)[:2]
    if not (lo_mu < hi_mu and 0 < lo_s < hi_s):
        raise ValueError("mu_range and sigma_range must be increasing, with sigma > 0")
    n = check_positive_int(resolution, "resolution", maximum=1000)
    mus, sigmas = np.linspace(lo_mu, hi_mu, n), np.linspace(lo_s, hi_s, n)
    # All grid points at once: one Gaussian per (σ, μ) pair along two leading axes.
    m, s = np.meshgrid(mus, sigmas)
    g = np.exp(-((xs - m[..., None]) ** 2) / (2 * s[..., None] ** 2)) / (
        s[..., None] * np.sqrt(2 * np.pi)
    )
    chi2 = np.sum((ys - g) ** 2, axis=-1)
    filled = ax.contourf(m, s, np.log10(chi2), levels=25, cmap="viridis")
    ax.figure.colorbar(filled, ax=ax, label="log₁₀ χ²")
    if paths:
        plot_paths(ax, paths)
        ax.legend(fontsize=8, loc="upper right")
    ax.set(xlim=(lo_mu, hi_mu), ylim=(lo_s, hi_s), xlabel="μ (cm)", ylabel="σ (cm)")
    ax.grid(False)
    return ax
