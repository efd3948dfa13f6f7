"""Plot helpers of the calculus chapters: pit maps, probes, slopes, paths, lines, fits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from mmlbook._validation import (
    as_float_array,
    check_axes,
    check_figure,
    check_flag,
    check_positive_int,
    check_real,
)
from mmlbook.calculus.sandpit import Pit
from mmlbook.plotting import BOOK_COLORS
from mmlbook.plotting._checks import axes_or_new, check_colour, check_label, check_window

__all__ = [
    "FIT_COLOURS",
    "FIT_STYLES",
    "FIT_TRY_IT_RATE",
    "FIT_TRY_IT_STARTS",
    "FIT_TRY_IT_WINDOW",
    "LINE_GUESS",
    "SECANT_POINT",
    "TAYLOR_TRY_IT",
    "TRAINING_TRY_IT_SIZES",
    "TRAINING_TRY_IT_STEPS",
    "VALLEY_CURVATURES",
    "VALLEY_START",
    "circle_stationary_points",
    "depth_colours",
    "draw_fit_start",
    "draw_lagrange_level",
    "draw_line_fit",
    "draw_momentum",
    "draw_secant",
    "draw_taylor_order",
    "draw_training",
    "plot_chi2_landscape",
    "plot_difference_errors",
    "plot_fits",
    "plot_game",
    "plot_heart",
    "plot_jacobian_chain",
    "plot_lagrange",
    "plot_line_fit",
    "plot_newton_1d",
    "plot_paths",
    "plot_pit",
    "plot_polar_map",
    "plot_probes",
    "plot_product_rule",
    "plot_residuals",
    "plot_secants",
    "plot_slope_curve",
    "plot_slopes",
    "plot_surface_models",
    "plot_taylor_errors",
    "plot_taylor_series",
    "polar_cell_image",
]


def _axes(ax: Axes | None, figsize: tuple[float, float] = (5.2, 4.4)) -> Axes:
    """``ax`` checked, or a new figure's axes of the calculus chapters' default size."""
    return axes_or_new(ax, figsize)


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
        If ``pit`` is not a Pit, ``ax`` not an Axes, ``resolution`` or ``levels`` not an
        integer or ``colorbar`` not a bool.
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
    colorbar = check_flag(colorbar, "colorbar")
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
    color : str or tuple
        Marker colour.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes, an array not numeric, ``label`` not a string or
        ``color`` not a colour.
    ValueError
        If the shapes are wrong or ``color`` names no colour.

    Examples
    --------
    >>> ax = plot_probes(plt.figure().gca(), [[1.0, 2.0], [3.0, 4.0]], depths=[-1.0, -2.0])
    >>> len(ax.collections)
    2
    """
    ax = check_axes(ax)
    p = _points(points, "points")
    label = check_label(label, "label", optional=False)
    color = check_colour(color, "color")
    if depths is not None:
        d = as_float_array(depths, "depths", ndim=1)
        if d.shape != (p.shape[0],):
            raise ValueError(
                f"depths must have one entry per row of points, shape ({p.shape[0]},), "
                f"got {d.shape}"
            )
    ax.scatter(
        p[:, 0], p[:, 1], s=18, color=color, edgecolor="black", lw=0.4, label=label, zorder=3
    )
    if depths is not None:
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
        Arrow length in the pit's units, positive.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes, ``pit`` not a Pit, ``points`` not numeric,
        ``downhill`` not a bool or ``length`` not a real number.
    ValueError
        If ``points`` has the wrong shape or ``length`` is not positive.

    Examples
    --------
    >>> from mmlbook.calculus import intro_pit
    >>> ax = plot_slopes(plt.figure().gca(), intro_pit(), [[1.0, 1.0]])
    >>> len(ax.collections) >= 1
    True
    """
    ax = check_axes(ax)
    if not isinstance(pit, Pit):
        raise TypeError(f"pit must be a Pit, got {type(pit).__name__}")
    p = _points(points, "points")
    downhill = check_flag(downhill, "downhill")
    length = check_real(length, "length", low=0.0, low_inclusive=False)
    J = pit.gradient(p[:, 0], p[:, 1]) * (-1.0 if downhill else 1.0)
    # Each slope scaled to entries of size at most 1 before its norm: far out on the
    # bowl the squares of the slope overflow, though its direction is plain.
    largest = np.abs(J).max(axis=1, keepdims=True)
    J = np.divide(J, largest, out=np.zeros_like(J), where=largest > 0)
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


def plot_paths(
    ax: Axes,
    paths: Mapping[str, Any],
    colors: Mapping[str, Any] | None = None,
    linestyles: Mapping[str, str] | None = None,
) -> Axes:
    """Draw descent paths, one line with markers per labelled path.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    paths : mapping of str to array_like of shape (k, 2)
        Label and path of each walk.
    colors : mapping of str to colour, optional
        The colour of a label; a label not in it takes the next colour of the paths' cycle
        (orange-red, white, then the book's colours).
    linestyles : mapping of str to str, optional
        The line style of a label, one of ``"-"``, ``"--"``, ``"-."`` and ``":"``; a label
        not in it is drawn solid.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes, or ``paths``, ``colors`` or ``linestyles`` is not a
        mapping.
    ValueError
        If a path has the wrong shape, a colour is not one or a line style is not one of
        the four.

    Examples
    --------
    >>> ax = plot_paths(plt.figure().gca(), {"a walk": [[0, 0], [1, 1]]})
    >>> ax.get_legend_handles_labels()[1]
    ['a walk']
    """
    ax = check_axes(ax)
    if not isinstance(paths, Mapping):
        raise TypeError(f"paths must be a mapping of label to path, got {type(paths).__name__}")
    chosen = _colour_mapping(colors)
    styles = _linestyle_mapping(linestyles)
    cycle = (BOOK_COLORS[3], "white", BOOK_COLORS[1], BOOK_COLORS[4], BOOK_COLORS[5])
    for i, (label, path) in enumerate(paths.items()):
        p = _points(path, f"paths[{label!r}]")
        color = chosen.get(label, cycle[i % len(cycle)])
        ax.plot(p[:, 0], p[:, 1], styles.get(label, "-"), marker="o", color=color, ms=3.5,
                lw=1.6, label=label, zorder=4)
        ax.scatter(*p[-1], marker="X", s=70, color=color, edgecolor="black", zorder=5)
    return ax


def _colour_mapping(colors: Any) -> dict[str, Any]:
    if colors is None:
        return {}
    if not isinstance(colors, Mapping):
        raise TypeError(f"colors must be a mapping of label to colour, got {type(colors).__name__}")
    return {label: check_colour(colour, f"colors[{label!r}]") for label, colour in colors.items()}


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


def _linestyle_mapping(linestyles: Any) -> dict[str, str]:
    if linestyles is None:
        return {}
    if not isinstance(linestyles, Mapping):
        raise TypeError(
            f"linestyles must be a mapping of label to line style, got {type(linestyles).__name__}"
        )
    for label, style in linestyles.items():
        if style not in ("-", "--", "-.", ":"):
            raise ValueError(
                f"linestyles[{label!r}] must be one of '-', '--', '-.', ':', got {style!r}"
            )
    return dict(linestyles)


#: One colour per least-squares method, in every figure of fitting the heights: the curves
#: of :func:`plot_fits`, the paths of :func:`plot_chi2_landscape` and the Try it.
FIT_COLOURS: dict[str, str] = {
    "steepest descent": BOOK_COLORS[3],
    "Gauss–Newton": BOOK_COLORS[1],
    "Levenberg–Marquardt": BOOK_COLORS[5],
}
#: One line style per method, in the same figures as :data:`FIT_COLOURS` (Gauss–Newton's
#: orange is close to steepest descent's orange-red, so the styles tell them apart too);
#: a curve of :func:`plot_fits` that is not a method's, such as the start, is dash-dotted.
FIT_STYLES: dict[str, str] = {
    "steepest descent": "-",
    "Gauss–Newton": "--",
    "Levenberg–Marquardt": ":",
}


def plot_fits(
    x: Any,
    y: Any,
    fits: Mapping[str, Any],
    ax: Axes | None = None,
    bin_width: float = 2.5,
) -> Axes:
    """The histogram as bars, with labelled curves over it.

    A curve labelled with a method's name (``"steepest descent"``, ``"Gauss–Newton"``,
    ``"Levenberg–Marquardt"``) takes the method's colour of :data:`FIT_COLOURS`; the
    others take the book's colours in turn. A method's curve takes its line style of
    :data:`FIT_STYLES` (solid, dashed, dotted); the others are dash-dotted.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Bin centres and densities.
    fits : mapping of str to array_like of shape (m, 2)
        Labelled curves, as columns ``(x, g(x))``.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    bin_width : float, default 2.5
        Width of the bars, positive.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``fits`` is not a mapping, an array not numeric, ``ax`` not an Axes or
        ``bin_width`` not a real number.
    ValueError
        If shapes are wrong or ``bin_width`` is not positive.

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
    bin_width = check_real(bin_width, "bin_width", low=0.0, low_inclusive=False)
    ax.bar(xs, ys, width=bin_width, color="0.75", edgecolor="white", label="histogram")
    for i, (label, curve) in enumerate(fits.items()):
        c = _points(curve, f"fits[{label!r}]")
        color = FIT_COLOURS.get(label, BOOK_COLORS[i % 8])
        style = FIT_STYLES.get(label, "-.")
        ax.plot(c[:, 0], c[:, 1], style, color=color, lw=2, label=label)
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

    A path labelled with a method's name takes the method's colour of
    :data:`FIT_COLOURS`, as in :func:`plot_fits`; the others follow :func:`plot_paths`.

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
        If ``paths`` is not a mapping, an array not numeric or ``ax`` not an Axes.
    ValueError
        If ``x`` and ``y`` differ in shape, a range is not an increasing pair, or σ is
        not positive.

    Examples
    --------
    >>> from mmlbook.datasets import heights_histogram
    >>> ax = plot_chi2_landscape(*heights_histogram(), (170, 185), (4, 12), resolution=20)
    >>> ax.get_xlabel()
    'μ (cm)'
    """
    xs = as_float_array(x, "x", ndim=1)
    ys = as_float_array(y, "y", ndim=1)
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same shape, got {xs.shape} and {ys.shape}")
    lo_mu, hi_mu = check_window(mu_range, "mu_range")
    lo_s, hi_s = check_window(sigma_range, "sigma_range")
    if not lo_s > 0:
        raise ValueError(f"sigma_range must be positive (σ > 0), got {sigma_range!r}")
    n = check_positive_int(resolution, "resolution", maximum=1000)
    ax = _axes(ax)
    mus, sigmas = np.linspace(lo_mu, hi_mu, n), np.linspace(lo_s, hi_s, n)
    # All grid points at once: one Gaussian per (σ, μ) pair along two leading axes.
    m, s = np.meshgrid(mus, sigmas)
    z = (xs - m[..., None]) / s[..., None]
    # z² beyond the range of floats is inf, and exp(-inf) = 0 is the Gaussian's value.
    with np.errstate(over="ignore"):
        g = np.exp(-(z**2) / 2) / (s[..., None] * np.sqrt(2 * np.pi))
    # log₁₀ χ² from the residuals scaled to entries of size at most 1, so that huge data
    # do not overflow χ² itself: χ² = c² Σ (r/c)² with c the largest residual.
    residuals = ys - g
    largest = np.abs(residuals).max(axis=-1)
    log_chi2 = 2 * np.log10(largest) + np.log10(
        np.sum((residuals / largest[..., None]) ** 2, axis=-1)
    )
    filled = ax.contourf(m, s, log_chi2, levels=25, cmap="viridis")
    ax.figure.colorbar(filled, ax=ax, label="log₁₀ χ²")
    if paths:
        plot_paths(ax, paths, colors=FIT_COLOURS, linestyles=FIT_STYLES)
        ax.legend(fontsize=8, loc="upper right")
    ax.set(xlim=(lo_mu, hi_mu), ylim=(lo_s, hi_s), xlabel="μ (cm)", ylabel="σ (cm)")
    ax.grid(False)
    return ax


def depth_colours(pit: Pit) -> tuple[Any, Any]:
    """The colour scale of depths in the sandpit game: viridis over the pit's whole range.

    One scale for every probe, so colours compare across probes and across games on the
    same pit.

    Parameters
    ----------
    pit : Pit
        The pit.

    Returns
    -------
    (matplotlib.colors.Normalize, matplotlib.colors.Colormap)
        The normalisation from the lowest to the highest height on a 60 × 60 grid, and
        the colour map.

    Raises
    ------
    TypeError
        If ``pit`` is not a Pit.

    Examples
    --------
    >>> from mmlbook.calculus import intro_pit
    >>> norm, cmap = depth_colours(intro_pit())
    >>> cmap.name, bool(norm.vmin < norm.vmax)
    ('viridis', True)
    """
    from matplotlib import colormaps, colors

    if not isinstance(pit, Pit):
        raise TypeError(f"pit must be a Pit, got {type(pit).__name__}")
    ticks = np.linspace(0.0, pit.size, 60)
    heights = pit(*np.meshgrid(ticks, ticks))
    return colors.Normalize(float(heights.min()), float(heights.max())), colormaps["viridis"]


def plot_game(game: Any, ax: Axes | None = None, reveal: bool | None = None) -> Axes:
    """A map of a sandpit game: its grid, every probe coloured by depth, the slopes.

    Each probe is a square of the depth colour of :func:`depth_colours`, numbered in the
    order of play; with the game's ``show_slope``, an arrow from each probe points
    downhill (along ``−J``, all arrows of the same length). A probe near the bottom of
    a well without the phone (its ``local_minimum``) is ringed in vermilion. Revealed,
    the map also shows the pit's contours and the phone (a black star).

    Parameters
    ----------
    game : SandpitGame
        The game.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    reveal : bool, optional
        Show the pit and the phone; by default only once the game is over.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``game`` is not a SandpitGame or ``reveal`` not a bool.

    Examples
    --------
    >>> from mmlbook.calculus import SandpitGame
    >>> game = SandpitGame(show_slope=True)
    >>> _ = game.probe_cell(9, 9)
    >>> ax = plot_game(game)
    >>> len(ax.texts)
    1
    >>> plt.close("all")
    """
    from mmlbook.calculus.game import SandpitGame

    if not isinstance(game, SandpitGame):
        raise TypeError(f"game must be a SandpitGame, got {type(game).__name__}")
    if reveal is not None and not isinstance(reveal, (bool, np.bool_)):
        raise TypeError(f"reveal must be a bool or None, got {type(reveal).__name__}")
    shown = game.over if reveal is None else bool(reveal)
    ax = _axes(ax, (4.8, 4.2))
    pit, size, step = game.pit, game.pit.size, game.cell_size
    norm, cmap = depth_colours(pit)
    if shown:
        ticks = np.linspace(0.0, size, 120)
        gx, gy = np.meshgrid(ticks, ticks)
        ax.contour(gx, gy, pit(gx, gy), levels=15, cmap="viridis", linewidths=0.6, alpha=0.6)
    for k in range(game.cells + 1):
        ax.axhline(k * step, color="0.85", lw=0.5, zorder=0)
        ax.axvline(k * step, color="0.85", lw=0.5, zorder=0)
    if game.probes:
        xs = np.array([p.x for p in game.probes])
        ys = np.array([p.y for p in game.probes])
        depths = np.array([p.depth for p in game.probes])
        ax.scatter(
            xs, ys, c=depths, cmap=cmap, norm=norm, marker="s", s=70, edgecolor="black",
            lw=0.5, zorder=3,
        )
        for number, (x, y) in enumerate(zip(xs, ys, strict=True), start=1):
            ax.annotate(
                str(number), (x, y), xytext=(5, 5), textcoords="offset points", fontsize=7,
                zorder=5,
            )
        stuck = np.array([p.local_minimum for p in game.probes])
        if stuck.any():
            ax.scatter(
                xs[stuck], ys[stuck], s=260, facecolor="none", edgecolor=BOOK_COLORS[3], lw=2,
                zorder=4, label="near the bottom of another well",
            )
        if game.show_slope:
            downhill = -np.array([p.slope for p in game.probes])
            length = np.linalg.norm(downhill, axis=1, keepdims=True)
            unit = np.divide(downhill, length, out=np.zeros_like(downhill), where=length > 0)
            ax.quiver(
                xs, ys, unit[:, 0] * 0.8 * step, unit[:, 1] * 0.8 * step, angles="xy",
                scale_units="xy", scale=1.0, color="black", width=0.006, zorder=4,
            )
    if shown:
        ax.plot(*game.phone, "*", color="black", ms=14, zorder=6, label="phone")
    if game.found:
        title = f"found in {len(game.probes)} probes"
    elif game.over:
        title = f"all {game.budget} probes used"
    else:
        title = f"{len(game.probes)} probes, {game.remaining} left"
    ax.figure.colorbar(
        plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, label="depth of a probe"
    )
    ax.set(xlim=(0.0, size), ylim=(0.0, size), aspect=1.0, xlabel="x", ylabel="y", title=title)
    ax.grid(False)
    return ax


def _shoelace_area(polygon: np.ndarray) -> float:
    x, y = polygon[:, 0], polygon[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def polar_cell_image(r: float, theta: float, dr: float, dtheta: float, n: int = 40) -> np.ndarray:
    """The image in the (x, y) plane of the polar cell ``[r, r + dr] × [θ, θ + dθ]``.

    The map is ``x = r cos θ``, ``y = r sin θ``; the cell's boundary is traced
    counter-clockwise with ``n`` points per side.

    Parameters
    ----------
    r, theta : float
        The cell's corner (``r >= 0``).
    dr, dtheta : float
        Its sides (> 0).
    n : int, default 40
        Points per side (at least 2).

    Returns
    -------
    numpy.ndarray of shape (4n, 2)
        The boundary, as a closed polygon (the last point joins the first).

    Raises
    ------
    TypeError
        If a number is not real.
    ValueError
        If ``r < 0`` or a side is not positive.

    Examples
    --------
    The image of a cell at radius 2 has area about ``r dr dθ``:

    >>> cell = polar_cell_image(2.0, 0.0, 0.01, 0.01)
    >>> round(_shoelace_area(cell) / (0.01 * 0.01), 3)
    2.005
    """
    from mmlbook._validation import check_real

    r0 = check_real(r, "r", low=0.0)
    t0 = check_real(theta, "theta")
    a = check_real(dr, "dr", low=0.0, low_inclusive=False)
    b = check_real(dtheta, "dtheta", low=0.0, low_inclusive=False)
    k = check_positive_int(n, "n", maximum=10_000)
    if k < 2:
        raise ValueError(f"n must be at least 2, got {k}")
    s = np.linspace(0.0, 1.0, k, endpoint=False)
    radii = np.concatenate([r0 + a * s, np.full(k, r0 + a), r0 + a * (1 - s), np.full(k, r0)])
    angles = np.concatenate([np.full(k, t0), t0 + b * s, np.full(k, t0 + b), t0 + b * (1 - s)])
    return np.column_stack([radii * np.cos(angles), radii * np.sin(angles)])


def plot_polar_map(
    axes: Any | None = None,
    cells: tuple[tuple[float, float], ...] = ((0.75, 0.3), (1.75, 0.3), (1.75, 1.0)),
    dr: float = 0.25,
    dtheta: float = 0.25,
) -> tuple[Axes, Axes]:
    """A grid in polar coordinates ``(r, θ)`` and its image in the plane ``(x, y)``.

    Left, the rectangle ``0 <= r <= 2``, ``0 <= θ <= π/2`` with grid lines; right, their
    images under ``x = r cos θ``, ``y = r sin θ``. The cells ``[r, r + dr] × [θ, θ + dθ]``
    with the given corners are shaded, in the same colour on both sides, and each image
    is labelled with its area divided by ``dr dθ`` (the area of the cell on the left).

    Parameters
    ----------
    axes : sequence of two matplotlib Axes, optional
        Where to draw; a new figure with two panels by default.
    cells : tuple of (r, θ)
        The corners of the shaded cells (at most eight).
    dr, dtheta : float
        Their sides, ``0 < dr <= 2`` and ``0 < dθ <= π/2``.

    Returns
    -------
    (matplotlib.axes.Axes, matplotlib.axes.Axes)
        The polar panel and the Cartesian panel.

    Raises
    ------
    TypeError
        If ``axes`` is not two Axes.
    ValueError
        If a cell or a side is out of range.

    Examples
    --------
    >>> left, right = plot_polar_map()
    >>> len(right.patches)
    3
    >>> plt.close("all")
    """
    from matplotlib.patches import Polygon, Rectangle

    from mmlbook._validation import check_real

    width = check_real(dr, "dr", low=0.0, high=2.0, low_inclusive=False)
    angle = check_real(dtheta, "dtheta", low=0.0, high=np.pi / 2, low_inclusive=False)
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(9.0, 4.0))
    panels = list(axes) if isinstance(axes, (list, tuple, np.ndarray)) else []
    if len(panels) != 2 or not all(isinstance(ax, Axes) for ax in panels):
        raise TypeError("axes must be a sequence of two matplotlib Axes")
    if not isinstance(cells, (tuple, list)):
        raise TypeError(f"cells must be a tuple of (r, θ) corners, got {type(cells).__name__}")
    corners = as_float_array(cells, "cells", ndim=2)
    if corners.shape[1] != 2 or not 1 <= len(corners) <= 8 or np.any(corners[:, 0] < 0):
        raise ValueError(
            f"cells must hold between one and eight (r, θ) corners with r >= 0, got {cells!r}"
        )
    cells = tuple(map(tuple, corners))
    left, right = panels
    radii, angles = np.linspace(0.0, 2.0, 9), np.linspace(0.0, np.pi / 2, 7)
    fine_r, fine_t = np.linspace(0.0, 2.0, 100), np.linspace(0.0, np.pi / 2, 100)
    for t in angles:
        left.plot([0.0, 2.0], [t, t], color="0.8", lw=0.7)
        right.plot(fine_r * np.cos(t), fine_r * np.sin(t), color="0.8", lw=0.7)
    for r in radii:
        left.plot([r, r], [0.0, np.pi / 2], color="0.8", lw=0.7)
        right.plot(r * np.cos(fine_t), r * np.sin(fine_t), color="0.8", lw=0.7)
    for (r, t), color in zip(cells, BOOK_COLORS, strict=False):
        image = polar_cell_image(r, t, width, angle)
        left.add_patch(Rectangle((r, t), width, angle, color=color, alpha=0.7))
        right.add_patch(Polygon(image, closed=True, color=color, alpha=0.7))
        ratio = _shoelace_area(image) / (width * angle)
        centre = image.mean(axis=0)
        right.annotate(
            f"{ratio:.3f}", centre, xytext=(14, 6), textcoords="offset points", fontsize=8,
            color="black",
        )
    left.set(xlim=(0, 2.05), ylim=(0, np.pi / 2 + 0.05), xlabel="r", ylabel="θ",
             title="polar coordinates (r, θ)")
    right.set(xlim=(0, 2.05), ylim=(0, 2.05), aspect=1.0, xlabel="x = r cos θ",
              ylabel="y = r sin θ", title="the plane (x, y)")
    for ax in (left, right):
        ax.grid(False)
    return left, right


def _iterate_labels(xs: np.ndarray, width: float) -> list[tuple[float, list[int]]]:
    """Group iterates that would print on top of each other: where to label, and whom.

    An iterate within 4 % of the window's width of an earlier label joins that label, so
    a cycle reads ``x_0, x_2`` at one place instead of two labels drawn over each other.
    """
    groups: list[tuple[float, list[int]]] = []
    for k, x in enumerate(xs):
        near = [group for group in groups if abs(group[0] - x) <= 0.04 * width]
        if near:
            near[0][1].append(k)
        else:
            groups.append((float(x), [k]))
    return groups


def plot_newton_1d(
    ax: Axes | None,
    f: Any,
    derivative: Any,
    path: Any,
    window: tuple[float, float],
    *,
    label: str = "f(x)",
) -> Axes:
    """Newton–Raphson in one variable, drawn: the curve, and a tangent at each iterate.

    From each iterate ``x_k`` (a dot on the axis) a dotted vertical runs to the curve,
    and the tangent there runs down to where it crosses zero, the next iterate. The first
    six iterates are labelled; iterates that (nearly) coincide share one label,
    ``x_0, x_2`` as in a cycle, or ``x_2, …, x_5`` for a run of converging ones.

    Parameters
    ----------
    ax : matplotlib.axes.Axes or None
        Where to draw; a new figure's axes if ``None``.
    f, derivative : callable
        The function and its derivative, on arrays.
    path : array_like of shape (k + 1,)
        The iterates, from the start.
    window : (float, float)
        The range of ``x`` to draw.
    label : str, default "f(x)"
        The curve's legend label.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``f`` or ``derivative`` is not callable.
    ValueError
        If ``path`` is not 1-D or the window is empty.

    Examples
    --------
    >>> ax = plot_newton_1d(None, lambda x: x**2 - 2, lambda x: 2 * x, [1.0, 1.5], (0, 2))
    >>> len(ax.lines)
    5
    >>> plt.close("all")
    """
    for function, name in ((f, "f"), (derivative, "derivative")):
        if not callable(function):
            raise TypeError(f"{name} must be callable, got {type(function).__name__}")
    if not isinstance(label, str):
        raise TypeError(f"label must be a string, got {type(label).__name__}")
    xs = as_float_array(path, "path", ndim=1)
    bounds = as_float_array(window, "window", ndim=1)
    if bounds.shape != (2,) or not bounds[0] < bounds[1]:
        raise ValueError(f"window must be an increasing pair (low, high), got {window!r}")
    lo, hi = float(bounds[0]), float(bounds[1])
    ax = _axes(ax, (5.6, 3.6))
    grid = np.linspace(lo, hi, 400)
    # Far from the window f may overflow; such points are simply not drawn.
    with np.errstate(all="ignore"):
        curve = np.asarray(f(grid), dtype=float)
        heights = [float(f(x)) for x in xs[:-1]]
    ax.plot(grid, np.where(np.isfinite(curve), curve, np.nan), color=BOOK_COLORS[0], lw=2,
            label=label)
    ax.axhline(0.0, color="black", lw=0.8)
    for k, (x, x_next, y) in enumerate(zip(xs[:-1], xs[1:], heights, strict=True)):
        if not np.isfinite(y):
            continue
        ax.plot([x, x], [0.0, y], ":", color="0.4", lw=1)
        ax.plot([x, x_next], [y, 0.0], "-", color=BOOK_COLORS[3], lw=1.2,
                label="tangents" if k == 0 else None, gid="tangent")
    ax.plot(xs, np.zeros_like(xs), "o", color=BOOK_COLORS[1], mec="black", ms=5, zorder=4,
            label="iterates")
    for x, indices in _iterate_labels(xs[:6], hi - lo):
        if len(indices) >= 3 and indices[-1] - indices[0] == len(indices) - 1:
            names = f"x_{indices[0]}, \\dots, x_{indices[-1]}"
        else:
            names = ", ".join(f"x_{k}" for k in indices)
        # A shared label starts at its point and runs right, clear of the iterate before.
        ax.annotate(f"${names}$", (x, 0.0), xytext=(-3 if len(indices) > 1 else 0, -14),
                    textcoords="offset points", ha="left" if len(indices) > 1 else "center",
                    fontsize=8)
    ax.set(xlim=(lo, hi), xlabel="x")
    ax.legend(fontsize=8)
    return ax


#: The Try-it valley: f(x, y) = (x² + 20 y²) / 2, from (−4, 1.5).
VALLEY_CURVATURES: tuple[float, float] = (1.0, 20.0)
VALLEY_START: tuple[float, float] = (-4.0, 1.5)


def draw_momentum(fig: Any, *, learning_rate: float = 0.09, momentum: float = 0.0) -> None:
    """Gradient descent with momentum on the ill-conditioned valley ``(x² + 20y²)/2``.

    Left, the contours and the first 60 steps of
    :func:`~mmlbook.calculus.momentum_descent` from (−4, 1.5); right, the height at
    each step on a log scale. Steps are stable for ``γ < 2/20 = 0.1`` without momentum.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    learning_rate : float, default 0.09
        The step size ``γ`` (> 0).
    momentum : float, default 0.0
        The fraction ``β`` in [0, 1) of the previous step kept.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or a setting is not a number.
    ValueError
        If a setting is out of range.

    Examples
    --------
    >>> fig = plt.figure()
    >>> draw_momentum(fig, learning_rate=0.05, momentum=0.5)
    >>> [ax.get_title() for ax in fig.axes][1]
    'height at each step'
    >>> plt.close("all")
    """
    from mmlbook.calculus.descent import momentum_descent

    check_figure(fig)
    curvature = np.array(VALLEY_CURVATURES)
    path = momentum_descent(
        lambda r: curvature * r, VALLEY_START, learning_rate=learning_rate, momentum=momentum,
        max_steps=60, tol=1e-12,
    )
    with np.errstate(over="ignore"):  # a diverging walk's heights overflow: not drawn
        heights = 0.5 * (path**2 @ curvature)
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.4, 1]})
    gx, gy = np.meshgrid(np.linspace(-5, 5, 200), np.linspace(-2.5, 2.5, 100))
    left.contour(gx, gy, 0.5 * (gx**2 + curvature[1] * gy**2), levels=np.geomspace(0.05, 80, 14),
                 cmap="viridis", linewidths=0.8)
    shown = np.abs(path).max(axis=1) < 50
    left.plot(path[shown, 0], path[shown, 1], "-o", color=BOOK_COLORS[3], ms=2.5, lw=1)
    left.plot(0.0, 0.0, "k*", ms=10)
    left.set(xlim=(-5, 5), ylim=(-2.5, 2.5), aspect=1.0, xlabel="x", ylabel="y",
             title=f"γ = {learning_rate:.3f}, β = {momentum:.2f}")
    drawn = np.where(np.isfinite(heights), np.maximum(heights, 1e-16), np.nan)
    right.semilogy(np.arange(len(heights)), drawn, color=BOOK_COLORS[0])
    right.set(xlabel="step", ylabel="f", title="height at each step", xlim=(0, 60))
    left.grid(False)
    fig.tight_layout()


def plot_jacobian_chain(
    shapes: Sequence[Any], names: Sequence[str] | None = None, ax: Axes | None = None
) -> Axes:
    """Draw the chain rule ``J_L ⋯ J_2 J_1 = J`` as grids with one square per entry.

    Each Jacobian is a rectangle ``columns`` squares wide and ``rows`` squares high, in
    the order of the product (the last function applied on the left), followed by ``=``
    and the product, ``n_L × n_0``. Derived in :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    shapes : sequence of (int, int)
        The shapes ``(n_l, n_{l−1})`` of ``J_1, …, J_L``, first function first, as
        :func:`~mmlbook.calculus.chain_jacobians` takes the matrices.
    names : sequence of str, optional
        A label for each Jacobian, in the same order; ``$J_{1}$``, ``$J_{2}$``, … by default.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; each rectangle's ``gid`` is its label (``"product"`` for the
        product).

    Raises
    ------
    TypeError
        If ``shapes`` is not a sequence of pairs of integers or ``names`` not of strings.
    ValueError
        If a size is below 1, two neighbours' shapes do not chain, or ``names`` has the
        wrong length.

    Examples
    --------
    >>> ax = plot_jacobian_chain([(3, 1), (2, 3)])
    >>> [(p.get_gid(), p.get_width(), p.get_height()) for p in ax.patches]
    [('$J_{2}$', 3, 2), ('$J_{1}$', 1, 3), ('product', 1, 2)]
    >>> plt.close("all")
    """
    from matplotlib.patches import Rectangle

    if isinstance(shapes, (str, bytes)) or not isinstance(shapes, Sequence) or not shapes:
        raise TypeError("shapes must be a non-empty sequence of (rows, columns) pairs")
    sizes = []
    for i, shape in enumerate(shapes):
        if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence) or len(shape) != 2:
            raise TypeError(f"shapes[{i}] must be a (rows, columns) pair, got {shape!r}")
        rows = check_positive_int(shape[0], f"shapes[{i}] rows", maximum=50)
        columns = check_positive_int(shape[1], f"shapes[{i}] columns", maximum=50)
        if sizes and columns != sizes[-1][0]:
            raise ValueError(
                f"shapes[{i}] has {columns} columns, but shapes[{i - 1}] has "
                f"{sizes[-1][0]} rows: the Jacobians do not chain"
            )
        sizes.append((rows, columns))
    if names is None:
        labels = [f"$J_{{{i + 1}}}$" for i in range(len(sizes))]
    else:
        if isinstance(names, str) or not isinstance(names, Sequence):
            raise TypeError(f"names must be a sequence of strings, got {type(names).__name__}")
        labels = list(names)
        if len(labels) != len(sizes) or not all(isinstance(n, str) for n in labels):
            raise ValueError(f"names must hold {len(sizes)} strings, one per Jacobian")
    ax = _axes(ax, (7.5, 3.0))
    tallest = max(rows for rows, _ in sizes)
    gap, left = 2.2, 0.0

    def block(rows: int, columns: int, label: str, colour: Any) -> None:
        nonlocal left
        bottom = (tallest - rows) / 2
        ax.add_patch(Rectangle((left, bottom), columns, rows, facecolor=colour, alpha=0.35,
                               edgecolor="k", lw=1.2, gid=label))
        for k in range(1, columns):
            ax.plot([left + k] * 2, [bottom, bottom + rows], color="k", lw=0.4)
        for k in range(1, rows):
            ax.plot([left, left + columns], [bottom + k] * 2, color="k", lw=0.4)
        ax.text(left + columns / 2, -0.5, label, ha="center", va="top", fontsize=10)
        ax.text(left + columns / 2, tallest + 0.3, f"{rows} × {columns}", ha="center",
                va="bottom", fontsize=8)
        left += columns + gap

    for (rows, columns), label, colour in zip(
        sizes[::-1], labels[::-1], BOOK_COLORS * len(sizes), strict=False
    ):
        block(rows, columns, label, colour)
    ax.text(left - gap / 2, tallest / 2, "=", ha="center", va="center", fontsize=16)
    left += 0.2
    block(sizes[-1][0], sizes[0][1], "product", "0.6")
    ax.set(xlim=(-0.5, left - gap + 0.5), ylim=(-1.8, tallest + 1.2), aspect=1.0)
    ax.set_axis_off()
    return ax


def _callable(function: Any, name: str) -> None:
    if not callable(function):
        raise TypeError(f"{name} must be callable, got {type(function).__name__}")


def _finite_values(f: Any, xs: Any, where: str) -> np.ndarray:
    with np.errstate(all="ignore"):  # reported below, not warned about
        values = np.asarray(f(np.asarray(xs, dtype=float)), dtype=float)
    if not np.all(np.isfinite(values)):
        raise ValueError(f"f is not finite at some points of {where}: choose other {where}")
    return values


def _slopes(f: Any, xs: np.ndarray, where: str) -> np.ndarray:
    from mmlbook.calculus.derivatives import derivative

    try:
        return derivative(f, xs)
    except ValueError as error:
        raise ValueError(f"cannot differentiate f near {where}: {error}") from None


def plot_secants(
    f: Any,
    x0: float,
    steps: Any,
    *,
    window: tuple[float, float],
    ax: Axes | None = None,
) -> Axes:
    """Secants of ``f`` from ``x0`` to ``x0 + h`` for shrinking steps, and the tangent.

    Each secant is the straight line through ``(x0, f(x0))`` and ``(x0 + h, f(x0 + h))``,
    drawn across the window, darker the smaller ``h``, with a dot at its second point;
    the tangent is dashed black, with the slope :func:`~mmlbook.calculus.derivative`
    estimates. Derived in :doc:`/book/calculus/derivatives`.

    Parameters
    ----------
    f : callable
        A real function of one variable, acting on arrays element by element.
    x0 : float
        Where the secants start.
    steps : array_like of shape (k,)
        The steps ``h`` (non-zero), one secant each, in the order given.
    window : (float, float)
        The range of ``x`` to draw.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. Secants carry the gid ``"secant"``, the tangent ``"tangent"``.

    Raises
    ------
    TypeError
        If ``f`` is not callable or an argument is not numeric.
    ValueError
        If a step is zero or not finite, or the window is not an increasing pair.

    Examples
    --------
    >>> ax = plot_secants(lambda x: x**2, 1.0, [1.0, 0.5], window=(0.0, 2.5))
    >>> [line.get_gid() for line in ax.lines if line.get_gid()]
    ['secant', 'secant', 'tangent']
    >>> plt.close("all")
    """
    _callable(f, "f")
    x0 = check_real(x0, "x0")
    hs = as_float_array(steps, "steps", ndim=1)
    if np.any(hs == 0):
        raise ValueError("steps must be non-zero: a secant needs two points")
    lo, hi = check_window(window)
    grid = np.linspace(lo, hi, 400)
    curve = _finite_values(f, grid, "window")
    y0 = float(_finite_values(f, x0, "x0"))
    with np.errstate(over="ignore"):
        ends = _finite_values(f, x0 + hs, "steps (x0 + steps)")
    tangent = float(_slopes(f, np.array(x0), "x0"))
    ax = _axes(ax, (5.6, 3.8))
    ax.plot(grid, curve, color=BOOK_COLORS[0], lw=2, label="f(x)")
    # Darker the smaller |h|, whatever the order of the steps.
    rank = np.argsort(np.argsort(-np.abs(hs), kind="stable"), kind="stable")
    shades = plt.get_cmap("Oranges")(np.linspace(0.35, 0.95, hs.size))[rank]
    for h, y1, shade in zip(hs, ends, shades, strict=True):
        slope = (y1 - y0) / h
        ax.plot(grid, y0 + slope * (grid - x0), color=shade, lw=1.2, gid="secant",
                label=f"h = {h:g}: slope {slope:.3g}")
        ax.plot([x0 + h], [y1], "o", color=shade, ms=5)
    ax.plot(grid, y0 + tangent * (grid - x0), "--", color="black", lw=1.2, gid="tangent",
            label=f"tangent: slope {tangent:.3g}")
    ax.plot([x0], [y0], "o", color="black", ms=6, zorder=4)
    margin = 0.15 * (curve.max() - curve.min() + 1e-12)
    ax.set(xlim=(lo, hi), ylim=(curve.min() - margin, curve.max() + margin), xlabel="x")
    ax.legend(fontsize=8, loc="upper left")
    return ax


#: Colours of the tangents of :func:`plot_slope_curve`, none of them the curves' blue.
_TANGENT_COLOURS = (BOOK_COLORS[1], BOOK_COLORS[2], BOOK_COLORS[3], BOOK_COLORS[4],
                    BOOK_COLORS[7])


def plot_slope_curve(
    f: Any,
    window: tuple[float, float],
    *,
    points: Any = (),
    exact: Any = None,
    axes: Any = None,
) -> tuple[Axes, Axes]:
    """A function above, and its derivative -- the curve of its slopes -- below.

    Both curves are blue and solid. At each of ``points`` a short tangent touches the
    upper curve, and a dot of the same colour on the lower curve sits at the height of
    that tangent's slope. The lower curve is :func:`~mmlbook.calculus.derivative`
    (central quotient) on a grid; ``exact``, if given, is drawn over it dashed black.
    Derived in :doc:`/book/calculus/derivatives`.

    Parameters
    ----------
    f : callable
        A real function of one variable, acting on arrays element by element.
    window : (float, float)
        The range of ``x`` to draw.
    points : array_like of shape (k,), optional
        Where to draw tangents (inside the window).
    exact : callable, optional
        The analytic derivative, to draw for comparison.
    axes : (Axes, Axes), optional
        The upper and the lower axes; a new figure's by default.

    Returns
    -------
    (matplotlib.axes.Axes, matplotlib.axes.Axes)
        The upper and the lower axes. Tangents carry the gid ``"tangent"``, the dots of
        their slopes ``"slope"``.

    Raises
    ------
    TypeError
        If ``f`` or ``exact`` is not callable, or ``axes`` is not two Axes.
    ValueError
        If the window is not an increasing pair or a point lies outside it.

    Examples
    --------
    >>> top, bottom = plot_slope_curve(np.sin, (0.0, 6.0), points=[1.0, 3.0])
    >>> len([line for line in top.lines if line.get_gid() == "tangent"])
    2
    >>> plt.close("all")
    """
    _callable(f, "f")
    if exact is not None:
        _callable(exact, "exact")
    lo, hi = check_window(window)
    xs = as_float_array(points, "points", ndim=1, min_size=0)
    if np.any((xs < lo) | (xs > hi)):
        raise ValueError(f"points must lie inside the window {window!r}, got {xs}")
    if axes is None:
        _, axes = plt.subplots(2, 1, figsize=(5.6, 5.0), sharex=True)
    if (
        not isinstance(axes, (tuple, list, np.ndarray))
        or len(axes) != 2
        or not all(isinstance(a, Axes) for a in axes)
    ):
        raise TypeError("axes must be two matplotlib Axes, the upper and the lower")
    top, bottom = axes
    grid = np.linspace(lo, hi, 400)
    curve = _finite_values(f, grid, "window")
    slopes_on_grid = _slopes(f, grid, "the window")
    top.plot(grid, curve, color=BOOK_COLORS[0], lw=2)
    bottom.plot(grid, slopes_on_grid, color=BOOK_COLORS[0], lw=2, label="derivative (numerical)")
    if exact is not None:
        bottom.plot(grid, _finite_values(exact, grid, "window (of exact)"), "--",
                    color="black", lw=1, label="exact")
        bottom.legend(fontsize=8)
    reach = 0.06 * (hi - lo)
    heights = _finite_values(f, xs, "points")
    slopes = _slopes(f, xs, "points")
    for k, (x, y, slope) in enumerate(zip(xs, heights, slopes, strict=True)):
        colour = _TANGENT_COLOURS[k % len(_TANGENT_COLOURS)]
        top.plot([x - reach, x + reach], [y - slope * reach, y + slope * reach], color=colour,
                 lw=2.5, gid="tangent")
        top.plot([x], [y], "o", color=colour, ms=5)
        bottom.plot([x], [slope], "o", color=colour, ms=6, mec="black", gid="slope", zorder=4)
        bottom.plot([x, x], [0.0, slope], ":", color=colour, lw=1)
    bottom.axhline(0.0, color="black", lw=0.8)
    top.set(xlim=(lo, hi), ylabel="f(x)")
    bottom.set(xlim=(lo, hi), xlabel="x", ylabel="f′(x)")
    return top, bottom


def plot_product_rule(
    f: float, g: float, df: float, dg: float, ax: Axes | None = None
) -> Axes:
    """The product rule as an area: a rectangle ``f × g`` grown by ``δf`` and ``δg``.

    The grey rectangle has area ``f g``; the blue strip on the right ``g δf``, the orange
    strip on top ``f δg``, and the small red corner ``δf δg``, which shrinks faster than the
    strips as the changes shrink. Derived in :doc:`/book/calculus/derivatives`.

    Parameters
    ----------
    f, g : float
        The rectangle's width and height (> 0).
    df, dg : float
        The growth of each (> 0).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; its patches are the rectangle, the two strips and the corner,
        in that order.

    Raises
    ------
    TypeError
        If a size is not a real number.
    ValueError
        If a size is not positive.

    Examples
    --------
    >>> ax = plot_product_rule(3.0, 2.0, 0.5, 0.4)
    >>> [round(p.get_width() * p.get_height(), 6) for p in ax.patches]
    [6.0, 1.0, 1.2, 0.2]
    >>> plt.close("all")
    """
    from matplotlib.patches import Rectangle

    f, g, df, dg = (check_real(v, n, low=0.0, low_inclusive=False)
                    for v, n in ((f, "f"), (g, "g"), (df, "df"), (dg, "dg")))
    ax = _axes(ax, (4.6, 3.6))
    pieces = (
        ((0.0, 0.0), f, g, "0.8", "f g"),
        ((f, 0.0), df, g, BOOK_COLORS[0], "g δf"),
        ((0.0, g), f, dg, BOOK_COLORS[1], "f δg"),
        ((f, g), df, dg, BOOK_COLORS[3], "δf δg"),
    )
    for corner, width, height, colour, label in pieces:
        ax.add_patch(Rectangle(corner, width, height, facecolor=colour, edgecolor="black",
                               lw=0.8, label=label))
    ax.text(f / 2, g / 2, "$fg$", ha="center", va="center")
    ax.text(f + df / 2, g / 2, r"$g\,\delta f$", ha="center", va="center", rotation=90)
    ax.text(f / 2, g + dg / 2, r"$f\,\delta g$", ha="center", va="center")
    ax.set(xlim=(0, (f + df) * 1.05), ylim=(0, (g + dg) * 1.05), aspect=1.0,
           xlabel="width f(x)", ylabel="height g(x)")
    ax.grid(False)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return ax


def plot_difference_errors(
    f: Any,
    exact: float,
    x: float,
    steps: Any,
    ax: Axes | None = None,
) -> Axes:
    """Error of the forward and central quotients against the step, on log–log axes.

    One curve per scheme of :func:`~mmlbook.calculus.difference_errors` (errors that are
    exactly zero are not drawn), a ring on each curve's smallest error, and a dotted
    vertical line at each scheme's :func:`~mmlbook.calculus.best_step`. Derived in
    :doc:`/book/calculus/derivatives`.

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
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. The curves carry the gids ``"forward"`` and ``"central"``, the
        rings ``"forward-best"`` and ``"central-best"``, the verticals
        ``"forward-theory"`` and ``"central-theory"``.

    Raises
    ------
    TypeError
        If ``f`` is not callable or an argument is not numeric.
    ValueError
        If a step is not positive.

    Examples
    --------
    >>> ax = plot_difference_errors(np.exp, np.e, 1.0, np.geomspace(1e-12, 0.1, 23))
    >>> ax.get_xscale(), ax.get_yscale()
    ('log', 'log')
    >>> plt.close("all")
    """
    from mmlbook.calculus.derivatives import SCHEMES, best_step, difference_errors

    hs = as_float_array(steps, "steps", ndim=1)
    ax = _axes(ax, (6.0, 4.0))
    for scheme, colour in zip(SCHEMES, (BOOK_COLORS[0], BOOK_COLORS[3]), strict=True):
        errors = difference_errors(f, exact, x, hs, scheme)
        drawn = np.where(errors > 0, errors, np.nan)
        order = SCHEMES[scheme]
        ax.loglog(hs, drawn, "-", color=colour, lw=1.5, gid=scheme,
                  label=f"{scheme}: error ∝ h{'²' if order == 2 else ''} for large h")
        if np.any(errors > 0):
            best = int(np.nanargmin(drawn))
            ax.loglog([hs[best]], [errors[best]], "o", mfc="none", mec=colour, ms=10, mew=1.5,
                      gid=f"{scheme}-best")
        ax.axvline(best_step(scheme), ls=":", color=colour, lw=1.2, gid=f"{scheme}-theory")
    ax.set(xlabel="step h", ylabel="|quotient − f′(x)|")
    ax.legend(fontsize=8, loc="upper center")
    return ax


#: The Try-it secant: f(x) = x³ − 2x at x₀ = 1, where f′(1) = 1.
SECANT_POINT: float = 1.0


def _secant_function(x: Any) -> Any:
    return x**3 - 2 * x


def draw_secant(fig: Any, *, step: float = 1.0) -> None:
    """The secant of ``x³ − 2x`` from ``x₀ = 1`` over a step ``h``, and its slope's error.

    Left, the curve, the secant through ``x₀`` and ``x₀ + h``, and the tangent (slope
    ``f′(1) = 1``, dashed). Right, on log–log axes, the forward quotient's error
    ``|slope − 1| = 3h + h²`` for steps from 10⁻³ to 2, with the current step marked.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    step : float, default 1.0
        The step ``h``, in (0, 2].

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or ``step`` is not a number.
    ValueError
        If ``step`` is not in (0, 2].

    Examples
    --------
    >>> fig = plt.figure()
    >>> draw_secant(fig, step=0.5)
    >>> fig.axes[0].get_title()
    'h = 0.5: secant slope 2.75, tangent slope 1'
    >>> plt.close("all")
    """
    check_figure(fig)
    h = check_real(step, "step", low=0.0, high=2.0, low_inclusive=False)
    x0 = SECANT_POINT
    y0 = _secant_function(x0)
    slope = (_secant_function(x0 + h) - y0) / h
    tangent = 3 * x0**2 - 2
    left, right = fig.subplots(1, 2)
    grid = np.linspace(-0.5, 3.2, 300)
    left.plot(grid, _secant_function(grid), color=BOOK_COLORS[0], lw=2)
    left.plot(grid, y0 + slope * (grid - x0), color=BOOK_COLORS[1], lw=1.5, gid="secant")
    left.plot(grid, y0 + tangent * (grid - x0), "--", color="black", lw=1.2, gid="tangent")
    left.plot([x0, x0 + h], [y0, _secant_function(x0 + h)], "o", color=BOOK_COLORS[3], ms=6)
    left.set(xlim=(-0.5, 3.2), ylim=(-2.5, 6.0), xlabel="x", ylabel="f(x)",
             title=f"h = {h:g}: secant slope {slope:.3g}, tangent slope {tangent:g}")
    hs = np.geomspace(1e-3, 2.0, 100)
    right.loglog(hs, np.abs((_secant_function(x0 + hs) - y0) / hs - tangent),
                 color=BOOK_COLORS[2], lw=1.5)
    right.loglog([h], [abs(slope - tangent)], "o", color=BOOK_COLORS[3], ms=7, gid="current")
    right.set(xlabel="step h", ylabel="|secant slope − f′(1)|", title="error of the slope")
    fig.tight_layout()


# ----------------------------------------------------------------------------------
# Taylor series (book/calculus/taylor)

#: The curve of each example function, on arrays (1/x is not drawn across its pole).
_TAYLOR_CURVES = {
    "exp": np.exp,
    "cos": np.cos,
    "log1p": lambda x: np.where(x > -1.0, np.log1p(np.maximum(x, -1.0 + 1e-300)), np.nan),
    "reciprocal": lambda x: np.where(np.abs(x) > 1e-2, 1.0 / np.where(x == 0, 1.0, x), np.nan),
}

#: The colours of successive orders: light to dark, so that a higher order reads darker.
_ORDER_CMAP = "plasma"


def _order_colours(count: int) -> list[Any]:
    cmap = plt.get_cmap(_ORDER_CMAP)
    return [cmap(value) for value in np.linspace(0.85, 0.1, count)] if count > 1 else [cmap(0.1)]


def _orders(orders: Any) -> list[int]:
    from mmlbook._validation import check_int
    from mmlbook.calculus.taylor import MAX_ORDER

    if isinstance(orders, (str, bytes)) or not hasattr(orders, "__iter__"):
        raise TypeError(f"orders must be a sequence of integers, got {type(orders).__name__}")
    if isinstance(orders, np.ndarray) and orders.dtype.kind not in "iu":
        raise TypeError(f"orders must be integers, got an array of dtype {orders.dtype}")
    values = [check_int(n, "orders", low=0, high=MAX_ORDER) for n in orders]
    if not values:
        raise ValueError("orders must name at least one order")
    return values


def plot_taylor_series(
    function: str,
    *,
    a: float = 0.0,
    orders: Any = (0, 1, 2, 3),
    window: tuple[float, float] = (-3.0, 3.0),
    ylim: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """An example function and its Taylor polynomials of several orders about ``a``.

    The function is the thick black curve; each order ``n`` is a line coloured from light
    (low orders) to dark (high orders); the point ``(a, f(a))`` is a black dot. When the
    radius of convergence ``R`` is finite, the band ``|x − a| < R`` where the series
    converges is shaded grey (``gid="convergence"``) between dashed lines at its ends.

    Parameters
    ----------
    function : {"exp", "cos", "log1p", "reciprocal"}
        Which function (``mmlbook.calculus.TAYLOR_EXAMPLES``).
    a : float, default 0.0
        The point of expansion (in the function's domain).
    orders : sequence of int, default (0, 1, 2, 3)
        The orders drawn, in the order given.
    window : (float, float), default (-3.0, 3.0)
        The range of ``x`` drawn.
    ylim : (float, float), optional
        The range of ``y`` shown; by default that of the function over the window.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If an argument is of the wrong type.
    ValueError
        If ``function`` is unknown, ``a`` is outside its domain, an order is out of range
        or ``window`` or ``ylim`` is not an increasing pair.

    Examples
    --------
    >>> ax = plot_taylor_series("log1p", orders=(1, 2), window=(-0.9, 2.0))
    >>> ax.get_legend_handles_labels()[1]
    ['|x − a| < R = 1', 'ln(1 + x)', 'order 1', 'order 2']
    >>> plt.close("all")
    """
    from mmlbook.calculus.taylor import derivatives_at, radius_of_convergence, taylor_polynomial

    radius = radius_of_convergence(function, a)
    ns = _orders(orders)
    lo, hi = check_window(window)
    limits = None if ylim is None else check_window(ylim, "ylim")
    ax = _axes(ax, (5.6, 3.8))
    x = np.linspace(lo, hi, 801)
    with np.errstate(all="ignore"):
        curve = _TAYLOR_CURVES[function](x)
    if np.isfinite(radius):
        band = (max(a - radius, lo), min(a + radius, hi))
        ax.axvspan(*band, color="0.92", zorder=0, gid="convergence",
                   label=f"|x − a| < R = {radius:g}")
        for end in (a - radius, a + radius):
            if lo <= end <= hi:
                ax.axvline(end, color="0.5", ls="--", lw=0.8)
    label = {"exp": "$e^x$", "cos": "cos x", "log1p": "ln(1 + x)", "reciprocal": "1/x"}[function]
    ax.plot(x, curve, color="black", lw=2.4, label=label)
    for n, colour in zip(ns, _order_colours(len(ns)), strict=True):
        try:
            values = taylor_polynomial(derivatives_at(function, a, n), a, x)
        except ValueError as error:
            raise ValueError(f"order {n} over the window {window!r}: {error}") from None
        ax.plot(x, values, color=colour, lw=1.4, label=f"order {n}")
    ax.plot(a, float(_TAYLOR_CURVES[function](np.array(a))), "o", color="black", ms=5, zorder=5)
    if limits is None:
        finite = curve[np.isfinite(curve)]
        spread = float(finite.max() - finite.min()) or 1.0
        limits = (float(finite.min()) - 0.25 * spread, float(finite.max()) + 0.25 * spread)
    ax.set(xlim=(lo, hi), ylim=limits, xlabel="x")
    ax.legend(fontsize=7, loc="best")
    return ax


def plot_taylor_errors(
    function: str,
    points: Any,
    *,
    a: float = 0.0,
    max_order: int = 20,
    ax: Axes | None = None,
) -> Axes:
    """The error ``|f(x) − T_n(x)|`` against the order ``n``, and Lagrange's bound on it.

    One colour per point ``x``: dots joined by a solid line for the error, a dashed line
    for the bound ``M |x − a|ⁿ⁺¹/(n + 1)!`` with ``M`` from
    :func:`~mmlbook.calculus.derivative_bound`, on a logarithmic axis (errors that are 0
    in floating point are not drawn).

    Parameters
    ----------
    function : {"exp", "cos", "log1p", "reciprocal"}
        Which function.
    points : array_like of shape (m,)
        The points ``x``, in the function's domain (for ``"reciprocal"``, on the same side
        of 0 as ``a``).
    a : float, default 0.0
        The point of expansion.
    max_order : int, default 20
        The orders drawn are 0 to ``max_order`` (at most 200).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If an argument is of the wrong type.
    ValueError
        If ``function`` is unknown, a point or ``a`` is outside its domain, or
        ``max_order`` is out of range.

    Examples
    --------
    >>> ax = plot_taylor_errors("exp", [1.0], max_order=5)
    >>> [line.get_label() for line in ax.lines]
    ['x = 1', 'bound, x = 1']
    >>> plt.close("all")
    """
    from mmlbook._validation import check_int
    from mmlbook.calculus.taylor import (
        derivative_bound,
        derivatives_at,
        taylor_error_bound,
        taylor_polynomial,
    )

    xs = as_float_array(points, "points", ndim=1)
    n_max = check_int(max_order, "max_order", low=0, high=200)
    orders = np.arange(n_max + 1)
    d = derivatives_at(function, a, n_max)
    ax = _axes(ax, (5.2, 3.8))
    for x, colour in zip(xs, BOOK_COLORS, strict=False):
        with np.errstate(all="ignore"):
            exact = float(_TAYLOR_CURVES[function](np.array(x)))
        if not np.isfinite(exact):
            raise ValueError(f"points must lie where {function} is finite, got {x:g}")
        if x == a:
            raise ValueError(f"points must differ from a = {a:g}, where the error is 0")
        errors = np.array([abs(exact - taylor_polynomial(d[: n + 1], a, x)) for n in orders])
        low, high = min(a, x), max(a, x)
        bounds = np.array([
            taylor_error_bound(derivative_bound(function, n + 1, low, high), a, x, n)
            for n in orders
        ])
        shown = np.where(errors > 0, errors, np.nan)
        ax.semilogy(orders, shown, "o-", color=colour, ms=3, lw=1.2, label=f"x = {x:g}")
        ax.semilogy(orders, bounds, "--", color=colour, lw=1, label=f"bound, x = {x:g}")
    ax.set(xlabel="order n", ylabel="$|f(x) - T_n(x)|$", xlim=(0, max(n_max, 1)))
    ax.legend(fontsize=7)
    return ax


def plot_surface_models(
    f: Any,
    point: Any,
    *,
    gradient: Any = None,
    hessian: Any = None,
    half_width: float = 1.0,
    fig: Any = None,
) -> list[Any]:
    """A surface ``z = f(x, y)`` with its linear (left) and quadratic (right) models.

    Each 3-D panel draws the surface over the square of half-width ``half_width``
    about ``point``, coloured by height (viridis), the model from
    :func:`~mmlbook.calculus.linear_model` or :func:`~mmlbook.calculus.quadratic_model` as
    an orange wire mesh (``gid="model"``), and the point of expansion as a black dot on
    the surface.

    Parameters
    ----------
    f : callable
        Maps a 1-D array of length 2 to a real number.
    point : array_like of shape (2,)
        The point of expansion.
    gradient : array_like of shape (2,), optional
        The gradient at the point; estimated by central differences if not given.
    hessian : array_like of shape (2, 2), optional
        The Hessian at the point; estimated by central differences if not given.
    half_width : float, default 1.0
        Half the side of the square drawn (> 0).
    fig : matplotlib.figure.Figure, optional
        The figure to draw on; a new one by default.

    Returns
    -------
    list of mpl_toolkits.mplot3d.axes3d.Axes3D
        The two panels.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``fig`` not a Figure or an array not real numbers.
    ValueError
        If ``point`` does not have length 2, ``half_width <= 0`` or ``f`` is not finite.

    Examples
    --------
    >>> axes = plot_surface_models(lambda p: p[0] ** 2 - p[1] ** 2, [0.5, 0.5])
    >>> [ax.get_title() for ax in axes]
    ['linear model (tangent plane)', 'quadratic model']
    >>> plt.close("all")
    """
    from mmlbook._validation import check_real
    from mmlbook.calculus.taylor import linear_model, quadratic_model

    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    a = as_float_array(point, "point", ndim=1)
    if a.size != 2:
        raise ValueError(f"point must have length 2 (a surface over the plane), got {a.size}")
    width = check_real(half_width, "half_width", low=0.0, low_inclusive=False)
    if fig is None:
        fig = plt.figure(figsize=(9.0, 4.2))
    else:
        check_figure(fig)
    ticks_x = np.linspace(a[0] - width, a[0] + width, 41)
    ticks_y = np.linspace(a[1] - width, a[1] + width, 41)
    grid = np.stack(np.meshgrid(ticks_x, ticks_y), axis=-1)
    heights = np.array([[f(p) for p in row] for row in grid], dtype=float)
    if not np.all(np.isfinite(heights)):
        raise ValueError("f must be finite on the square drawn around point")
    try:
        models = (
            ("linear model (tangent plane)", linear_model(f, a, grid, gradient=gradient)),
            ("quadratic model", quadratic_model(f, a, grid, gradient=gradient, hessian=hessian)),
        )
    except ValueError as error:
        raise ValueError(f"over the square of half_width {width:g} about point: {error}") from None
    everything = np.concatenate([heights.ravel()] + [model.ravel() for _, model in models])
    # A flat picture still needs a z range of some height.
    margin = 0.05 * (float(np.ptp(everything)) or max(1.0, float(np.abs(everything).max())))
    zlim = (float(everything.min()) - margin, float(everything.max()) + margin)
    axes = []
    for k, (title, model) in enumerate(models):
        ax = fig.add_subplot(1, 2, k + 1, projection="3d")
        ax.plot_surface(grid[..., 0], grid[..., 1], heights, cmap="viridis", alpha=0.75,
                        linewidth=0, antialiased=True)
        ax.plot_wireframe(grid[..., 0], grid[..., 1], model, rstride=4, cstride=4,
                          color=BOOK_COLORS[1], lw=0.8, gid="model")
        ax.scatter([a[0]], [a[1]], [f(a)], color="black", s=20, depthshade=False)
        ax.set(xlabel="x", ylabel="y", zlabel="z", title=title, zlim=zlim)
        ax.view_init(elev=24, azim=-58)
        axes.append(ax)
    return axes


#: The Try-it: each function's point of expansion and the window drawn.
TAYLOR_TRY_IT: dict[str, tuple[float, tuple[float, float]]] = {
    "exp": (0.0, (-4.0, 4.0)),
    "cos": (0.0, (-2 * np.pi, 2 * np.pi)),
    "log1p": (0.0, (-0.95, 2.5)),
    "reciprocal": (1.0, (-0.5, 3.0)),
}


def draw_taylor_order(fig: Any, *, function: str = "cos", order: int = 4) -> None:
    """One Taylor polynomial of an example function (left) and its error across ``x`` (right).

    Left, :func:`plot_taylor_series` with the single order ``order``, about the point and
    over the window of :data:`TAYLOR_TRY_IT`; right, ``|f(x) − T_n(x)|`` on a
    logarithmic axis, with the band of convergence shaded as on the left.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    function : {"exp", "cos", "log1p", "reciprocal"}, default "cos"
        Which function.
    order : int, default 4
        The order ``n``, from 0 to 40.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or ``order`` not an integer.
    ValueError
        If ``function`` is unknown or ``order`` is out of range.

    Examples
    --------
    >>> fig = plt.figure()
    >>> draw_taylor_order(fig, function="log1p", order=6)
    >>> fig.axes[1].get_title()
    'error of order 6'
    >>> plt.close("all")
    """
    from mmlbook._validation import check_choice, check_int
    from mmlbook.calculus.taylor import (
        TAYLOR_EXAMPLES,
        derivatives_at,
        radius_of_convergence,
        taylor_polynomial,
    )

    check_figure(fig)
    name = check_choice(function, "function", TAYLOR_EXAMPLES)
    n = check_int(order, "order", low=0, high=40)
    a, (lo, hi) = TAYLOR_TRY_IT[name]
    left, right = fig.subplots(1, 2)
    ylim = {"exp": (-2.0, 30.0), "cos": (-2.5, 2.5), "log1p": (-3.0, 2.0),
            "reciprocal": (-3.0, 6.0)}[name]
    plot_taylor_series(name, a=a, orders=(n,), window=(lo, hi), ylim=ylim, ax=left)
    left.set_title(f"order {n} about a = {a:g}")
    x = np.linspace(lo, hi, 801)
    with np.errstate(all="ignore"):
        polynomial = taylor_polynomial(derivatives_at(name, a, n), a, x)
        error = np.abs(_TAYLOR_CURVES[name](x) - polynomial)
    radius = radius_of_convergence(name, a)
    if np.isfinite(radius):
        right.axvspan(max(a - radius, lo), min(a + radius, hi), color="0.92", zorder=0)
    right.semilogy(x, np.where(error > 0, error, np.nan), color=BOOK_COLORS[0])
    right.set(xlim=(lo, hi), ylim=(1e-16, 1e4), xlabel="x", ylabel="$|f(x) - T_n(x)|$",
              title=f"error of order {n}")
    fig.tight_layout()


def _line_data(
    x: Any, y: Any, sigma: Any, y_name: str = "y"
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    xs = as_float_array(x, "x", ndim=1)
    ys = as_float_array(y, y_name, ndim=1)
    if xs.shape != ys.shape:
        raise ValueError(
            f"x and {y_name} must have the same shape, got {xs.shape} and {ys.shape}"
        )
    if sigma is None:
        return xs, ys, None
    sigmas = as_float_array(sigma, "sigma", ndim=1)
    if sigmas.shape != xs.shape or np.any(sigmas <= 0):
        raise ValueError(f"sigma must be positive, of the shape of x, {xs.shape}")
    return xs, ys, sigmas


def plot_line_fit(
    x: Any,
    y: Any,
    sigma: Any = None,
    lines: Mapping[str, Any] | None = None,
    ax: Axes | None = None,
    residuals: bool = False,
) -> Axes:
    """Data points with error bars ``±σ_i``, and labelled straight lines over them.

    Each line is drawn across the range of ``x`` widened by a tenth on either side.
    Derived in :doc:`/book/calculus/linear_regression`.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        The data points.
    sigma : array_like of shape (n,), optional
        Their uncertainties (> 0), drawn as error bars from ``y − σ`` to ``y + σ``.
    lines : mapping of str to (float, float), optional
        Labelled lines as ``(slope, intercept)``.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    residuals : bool, default False
        Also draw each point's residual as a vertical segment from the point to the
        first line (with ``gid="residual"``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``lines`` is not a mapping or an argument is not numeric.
    ValueError
        If shapes differ, an entry is not finite, a ``sigma`` is not positive, or
        ``residuals`` is asked for without a line.

    Examples
    --------
    >>> ax = plot_line_fit([0.0, 1.0, 2.0], [1.0, 3.0, 4.0], lines={"fit": (1.5, 7 / 6)})
    >>> ax.get_legend_handles_labels()[1]
    ['fit']
    >>> plt.close("all")
    """
    ax = _axes(ax, (6.4, 3.8))
    xs, ys, sigmas = _line_data(x, y, sigma)
    if lines is None:
        lines = {}
    if not isinstance(lines, Mapping):
        raise TypeError(f"lines must be a mapping of labels to (slope, intercept), got "
                        f"{type(lines).__name__}")
    if not isinstance(residuals, (bool, np.bool_)):
        raise TypeError(f"residuals must be True or False, got {type(residuals).__name__}")
    checked = {}
    for label, line in lines.items():
        pair = as_float_array(line, f"lines[{label!r}]", ndim=1)
        if pair.shape != (2,):
            raise ValueError(f"lines[{label!r}] must be (slope, intercept), got {line!r}")
        checked[label] = pair
    if residuals and not checked:
        raise ValueError("residuals=True needs a line in lines to measure them from")
    width = float(np.ptp(xs)) or 1.0
    ends = np.array([xs.min() - width / 10, xs.max() + width / 10])
    styles = ("-", "--", ":", "-.")
    for i, (label, (m, c)) in enumerate(checked.items()):
        ax.plot(ends, m * ends + c, styles[i % 4], color=BOOK_COLORS[i % 8], lw=1.8,
                label=label)
    if residuals:
        m, c = next(iter(checked.values()))
        for xi, yi in zip(xs.tolist(), ys.tolist(), strict=True):
            ax.plot([xi, xi], [yi, m * xi + c], color=BOOK_COLORS[3], lw=1.2,
                    gid="residual")
    ax.errorbar(xs, ys, yerr=sigmas, fmt="o", color="black", ms=4, capsize=2, lw=1,
                zorder=3)
    ax.set(xlim=tuple(ends))
    if checked:
        ax.legend(fontsize=8)
    return ax


def plot_residuals(
    x: Any, residuals: Any, ax: Axes | None = None, band: float = 1.0
) -> Axes:
    """Residuals against ``x`` as stems from zero, over a grey band from ``−band`` to ``band``.

    For residuals divided by their uncertainties, the default band ``±1`` is one standard
    deviation: about two thirds of the points of a good fit fall inside it, with no
    pattern. Derived in :doc:`/book/calculus/linear_regression`.

    Parameters
    ----------
    x, residuals : array_like of shape (n,)
        Where each residual was measured, and the residuals.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    band : float, default 1.0
        Half-height of the grey band (> 0).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes differ, an entry is not finite, or ``band <= 0``.

    Examples
    --------
    >>> ax = plot_residuals([0.0, 1.0, 2.0], [0.5, -1.0, 0.5])
    >>> ax.get_ylabel()
    'residual'
    >>> plt.close("all")
    """
    ax = _axes(ax, (6.4, 2.6))
    xs, rs, _ = _line_data(x, residuals, None, "residuals")
    half = check_real(band, "band", low=0.0, low_inclusive=False)
    ax.axhspan(-half, half, color="0.85", zorder=0, gid="band")
    ax.axhline(0.0, color="0.4", lw=0.8)
    ax.vlines(xs, 0.0, rs, color=BOOK_COLORS[0], lw=1.2)
    ax.plot(xs, rs, "o", color=BOOK_COLORS[0], ms=4)
    ax.set(ylabel="residual")
    return ax


#: The Try-it's first line: a guess, too shallow and too high.
LINE_GUESS: tuple[float, float] = (2.0, 14.0)


def draw_line_fit(
    fig: Any, *, slope: float = LINE_GUESS[0], intercept: float = LINE_GUESS[1]
) -> None:
    """A line over the spring data, with its residuals and χ².

    Top, :func:`~mmlbook.datasets.spring_measurements` with error bars, the line
    ``length = slope · load + intercept`` and each point's residual as a red segment;
    the title gives its χ² and that of the best line. Bottom, the residuals divided by
    their uncertainties, over the band ±1. Derived in
    :doc:`/book/calculus/linear_regression`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    slope : float, default 2.0
        The line's slope in cm/N.
    intercept : float, default 14.0
        Its intercept in cm.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or a setting is not a number.
    ValueError
        If a setting is not finite, or so large that χ² overflows.

    Examples
    --------
    >>> fig = plt.figure()
    >>> draw_line_fit(fig, slope=2.5, intercept=12.0)
    >>> fig.axes[1].get_ylabel()
    'residual / σ'
    >>> plt.close("all")
    """
    from mmlbook.calculus.regression import fit_line, line_residuals
    from mmlbook.datasets import spring_measurements

    check_figure(fig)
    m = check_real(slope, "slope")
    c = check_real(intercept, "intercept")
    load, length, sigma = spring_measurements()
    residuals = line_residuals(load, length, m, c, sigma)
    with np.errstate(over="ignore"):
        chi2 = float(residuals @ residuals)
    if not np.isfinite(chi2):
        raise ValueError(f"slope = {m:g} and intercept = {c:g} are too far off: χ² overflows")
    best = fit_line(load, length, sigma)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [2, 1]})
    plot_line_fit(load, length, sigma, {"the line": (m, c)}, ax=top, residuals=True)
    top.set(ylabel="length (cm)",
            title=f"m = {m:.2f}, c = {c:.2f}: χ² = {chi2:.1f} "
                  f"(best line: {best.chi2:.1f})")
    plot_residuals(load, residuals, ax=bottom)
    bottom.set(xlabel="load (N)", ylabel="residual / σ")
    fig.tight_layout()


# A gradient at most this long is zero but for round-off.
_ZERO_GRADIENT = 1e-9


def plot_lagrange(
    f: Any,
    g: Any,
    level: float,
    points: Any = None,
    *,
    f_gradient: Any = None,
    g_gradient: Any = None,
    paths: Mapping[str, Any] | None = None,
    extent: tuple[float, float, float, float] = (-2.0, 2.0, -2.0, 2.0),
    ax: Axes | None = None,
    resolution: int = 201,
) -> Axes:
    """Contours of ``f`` and the constraint ``g = level``, touching at stationary points.

    Thin contours of ``f`` (viridis, at about 15 round levels), the constraint curve in
    thick black, and at each point a dot, the contour of ``f`` through it (dashed, in the
    point's colour) and, if both gradients are given, arrows along ``∇f`` (filled, a
    tenth of the window's width long) and ``∇g`` (hollow, half as long again). A
    gradient of length at most ``1e-9`` (zero but for round-off) gets no arrow; where
    ``∇f`` is such a zero, the level of ``f`` there is drawn neither dashed nor among the
    thin contours, because its level set need not be a curve and how a grid would trace
    it depends on round-off. Derived in :doc:`/book/calculus/lagrange`.

    Parameters
    ----------
    f, g : callable
        Functions of a point ``p`` with ``p[0], p[1]`` arrays of the same shape (the
        grid), returning an array of that shape.
    level : float
        The constraint's value ``c``.
    points : array_like of shape (k, 2), optional
        Points to mark, such as the stationary points of ``f`` on the constraint.
    f_gradient, g_gradient : callable, optional
        ``∇f(p)`` and ``∇g(p)`` at one point, shape ``(2,)``, for the arrows.
    paths : mapping of str to array_like of shape (m, 2), optional
        Labelled paths to draw, such as Newton–Raphson's iterates.
    extent : (xmin, xmax, ymin, ymax), default (-2, 2, -2, 2)
        The window.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    resolution : int, default 201
        Grid points per side (2 to 2000).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. Artists carry ``gid`` ``"constraint"``, ``"f contours"``,
        ``"contour through k"``, ``"grad f at k"``, ``"grad g at k"`` and ``"path label"``.

    Raises
    ------
    TypeError
        If ``f``, ``g`` or a gradient is not callable, or ``paths`` is not a mapping.
    ValueError
        If ``extent`` is not two increasing pairs, points or paths do not have two
        columns, only one gradient is given, or ``f`` or ``g`` is not finite on the grid.

    Examples
    --------
    >>> ax = plot_lagrange(lambda p: p[0] * p[1], lambda p: p[0]**2 + p[1]**2, 2.0,
    ...                    [[1.0, 1.0]], f_gradient=lambda p: np.array([p[1], p[0]]),
    ...                    g_gradient=lambda p: 2 * np.asarray(p))
    >>> sorted(gid for gid in (a.get_gid() for a in ax.get_children()) if gid)[:3]
    ['constraint', 'contour through 0', 'f contours']
    >>> plt.close("all")
    """
    for function, name in ((f, "f"), (g, "g")):
        if not callable(function):
            raise TypeError(f"{name} must be callable, got {type(function).__name__}")
    if (f_gradient is None) != (g_gradient is None):
        raise ValueError("give both f_gradient and g_gradient, or neither")
    for function, name in ((f_gradient, "f_gradient"), (g_gradient, "g_gradient")):
        if function is not None and not callable(function):
            raise TypeError(f"{name} must be callable, got {type(function).__name__}")
    c = check_real(level, "level")
    window = as_float_array(extent, "extent", ndim=1)
    if window.shape != (4,) or not (window[0] < window[1] and window[2] < window[3]):
        raise ValueError(f"extent must be (xmin, xmax, ymin, ymax), increasing, got {extent}")
    marked = np.empty((0, 2)) if points is None else _points(points, "points")
    if paths is not None and not isinstance(paths, Mapping):
        raise TypeError(f"paths must be a mapping, got {type(paths).__name__}")
    drawn_paths = {
        label: _points(path, f"paths[{label!r}]") for label, path in (paths or {}).items()
    }
    n = check_positive_int(resolution, "resolution", maximum=2000)
    if n < 2:
        raise ValueError(f"resolution must be at least 2, got {n}")
    ax = _axes(ax, (5.0, 5.0))
    grid = np.meshgrid(np.linspace(window[0], window[1], n), np.linspace(window[2], window[3], n))
    # Overflow shows as a non-finite value, refused below, rather than as a warning.
    with np.errstate(all="ignore"):
        F = np.asarray(f(np.array(grid)), dtype=float)
        G = np.asarray(g(np.array(grid)), dtype=float)
    if F.shape != grid[0].shape or G.shape != grid[0].shape:
        raise ValueError("f and g must return an array of the grid's shape")
    if not (np.all(np.isfinite(F)) and np.all(np.isfinite(G))):
        raise ValueError(f"f and g must be finite on the whole window, extent = {tuple(window)}")
    # Check every point (and its gradients) before drawing: which levels are drawn
    # depends on where the gradient of f vanishes.
    values, gradients = [], []
    for k, point in enumerate(marked):
        with np.errstate(all="ignore"):
            value = float(np.asarray(f(point), dtype=float))
        if not np.isfinite(value):
            raise ValueError(f"f must be finite at points[{k}] = {point}")
        values.append(value)
        if f_gradient is None:
            gradients.append(None)
            continue
        pair = []
        for gradient, name in ((f_gradient, "f"), (g_gradient, "g")):
            with np.errstate(all="ignore"):
                direction = np.asarray(gradient(point), dtype=float)
            if direction.shape != (2,) or not np.all(np.isfinite(direction)):
                raise ValueError(
                    f"{name}_gradient must return two finite numbers at points[{k}] = {point}"
                )
            pair.append(direction)
        gradients.append(pair)
    # Where ∇f = 0 the level set through the point need not be a curve (for x²y at
    # (0, 1) it is both axes), and which of its branches a grid traces is an accident of
    # round-off at the grid points. So such a level is drawn nowhere, neither dashed nor
    # among the thin contours.
    critical = [value for value, pair in zip(values, gradients, strict=True)
                if pair is not None and np.linalg.norm(pair[0]) <= _ZERO_GRADIENT]
    span = F.max() - F.min()
    levels = [level for level in MaxNLocator(16, min_n_ticks=1).tick_values(F.min(), F.max())
              if F.min() < level < F.max()
              and not any(abs(level - value) <= 1e-9 * span for value in critical)]
    if levels:
        ax.contour(*grid, F, levels=levels, cmap="viridis",
                   linewidths=0.7).set_gid("f contours")
    ax.contour(*grid, G, levels=[c], colors="k", linewidths=2.2).set_gid("constraint")
    arrow = 0.1 * (window[1] - window[0])
    colours = BOOK_COLORS * (len(marked) // len(BOOK_COLORS) + 1)
    for k, (point, value, pair, colour) in enumerate(
        zip(marked, values, gradients, colours, strict=False)
    ):
        flat = pair is not None and np.linalg.norm(pair[0]) <= _ZERO_GRADIENT
        if F.min() < value < F.max() and not flat:
            through = ax.contour(*grid, F, levels=[value], colors=[colour], linewidths=1.4,
                                 linestyles="--")
            through.set_gid(f"contour through {k}")
        ax.plot(*point, "o", color=colour, ms=7, mec="k", zorder=5)
        if pair is None:
            continue
        for direction, name, face in zip(pair, ("f", "g"), (colour, "none"), strict=True):
            length = np.linalg.norm(direction)
            if length <= _ZERO_GRADIENT:  # no direction to draw
                continue
            # ∇g half as long again, so that it shows behind a parallel ∇f.
            u, v = arrow * (1.5 if name == "g" else 1.0) * direction / length
            ax.quiver(*point, u, v, angles="xy", scale_units="xy", scale=1, width=0.008,
                      color=face, edgecolor=colour if name == "g" else "k", linewidth=1.0,
                      zorder=6, gid=f"grad {name} at {k}")
    for (label, path), colour in zip(drawn_paths.items(), BOOK_COLORS * 2, strict=False):
        ax.plot(path[:, 0], path[:, 1], "-o", color=colour, ms=3, lw=1.0, label=label,
                gid=f"path {label}", zorder=4)
    if drawn_paths:
        ax.legend(fontsize=8, loc="lower left")
    ax.set(xlim=window[:2], ylim=window[2:], aspect=1.0, xlabel="x", ylabel="y")
    ax.grid(False)
    return ax


def _x2y(p: Any) -> Any:
    return p[0] ** 2 * p[1]


def _x2y_gradient(p: Any) -> np.ndarray:
    return np.array([2 * p[0] * p[1], p[0] ** 2])


def _x2y_hessian(p: Any) -> np.ndarray:
    return np.array([[2 * p[1], 2 * p[0]], [2 * p[0], 0.0]])


def _circle(p: Any) -> Any:
    return p[0] ** 2 + p[1] ** 2


def circle_stationary_points(level: float) -> list[Any]:
    """The stationary points of ``x²y`` on the circle ``x² + y² = level``, by Lagrange.

    :func:`~mmlbook.calculus.solve_lagrange` from twelve starts around the circle, each
    distinct converged result once, sorted by angle. Derived in
    :doc:`/book/calculus/lagrange`.

    Parameters
    ----------
    level : float
        The squared radius ``c > 0``.

    Returns
    -------
    list of LagrangeResult
        The six stationary points, by angle from the positive ``x`` axis: the two
        maxima at ``y > 0``, a local minimum at ``(0, √c)``, the two minima at ``y < 0``
        and a local maximum at ``(0, −√c)``.

    Raises
    ------
    TypeError
        If ``level`` is not a number.
    ValueError
        If ``level`` is not positive and finite.

    Examples
    --------
    >>> [r.kind for r in circle_stationary_points(1.0)]
    ['maximum', 'minimum', 'maximum', 'minimum', 'maximum', 'minimum']
    """
    from mmlbook.calculus.lagrange import solve_lagrange

    c = check_real(level, "level", low=0.0, low_inclusive=False)
    radius = np.sqrt(c)
    found: dict[tuple[float, float], Any] = {}
    for angle in np.linspace(0.0, 2 * np.pi, 12, endpoint=False) + 0.1:
        start = 1.1 * radius * np.array([np.cos(angle), np.sin(angle)])
        result = solve_lagrange(_x2y_gradient, _x2y_hessian, _circle, lambda p: 2 * p,
                                lambda p: 2 * np.eye(2), start, level=c)
        if result.converged:
            found.setdefault(tuple(np.round(result.x / radius, 6)), result)
    return sorted(found.values(), key=lambda r: np.arctan2(r.x[1], r.x[0]) % (2 * np.pi))


def _largest_x2y(level: float) -> Any:
    """The maximum of x²y on x² + y² = level, from a start near it (angle 0.6 rad)."""
    from mmlbook.calculus.lagrange import solve_lagrange

    start = 1.05 * np.sqrt(level) * np.array([np.cos(0.6), np.sin(0.6)])
    return solve_lagrange(_x2y_gradient, _x2y_hessian, _circle, lambda p: 2 * p,
                          lambda p: 2 * np.eye(2), start, level=level)


def _draw_axes_as_zero_set(ax: Axes) -> None:
    """The zero set of x²y, both axes, drawn exactly (dotted grey), not contoured."""
    for line in (ax.axhline(0.0), ax.axvline(0.0)):
        line.set(color="0.4", lw=1.0, ls=":", zorder=3, gid="zero set of f")


def draw_lagrange_level(fig: Any, *, level: float = 1.0) -> None:
    """The course's example, ``x²y`` on the circle ``x² + y² = c``, at one level ``c``.

    Left, :func:`plot_lagrange` with the six stationary points and the gradients there,
    and the zero set of ``x²y``, both axes, as dotted grey lines; right, the largest
    value ``f*(c)`` for ``c`` from 0.25 to 4, with the current level marked and the line
    through it of slope ``λ``, the multiplier of the maxima: it is tangent to the curve,
    because ``df*/dc = λ``. Derived in :doc:`/book/calculus/lagrange`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    level : float, default 1.0
        The squared radius ``c``, in [0.25, 4].

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or ``level`` is not a number.
    ValueError
        If ``level`` is outside [0.25, 4].

    Examples
    --------
    >>> fig = plt.figure()
    >>> draw_lagrange_level(fig, level=2.0)
    >>> fig.axes[1].get_title()
    'c = 2.00: f* = 1.089, λ = 0.816'
    >>> plt.close("all")
    """
    check_figure(fig)
    c = check_real(level, "level", low=0.25, high=4.0)
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.1]})
    results = circle_stationary_points(c)
    plot_lagrange(_x2y, _circle, c, [r.x for r in results], f_gradient=_x2y_gradient,
                  g_gradient=lambda p: 2 * np.asarray(p), extent=(-2.2, 2.2, -2.2, 2.2), ax=left)
    _draw_axes_as_zero_set(left)
    left.set_title(f"x²y on x² + y² = {c:.2f}", fontsize=10)
    best = max(results, key=lambda r: _x2y(r.x))
    levels = np.linspace(0.25, 4.0, 31)
    values = [_x2y(_largest_x2y(k).x) for k in levels]
    right.plot(levels, values, color=BOOK_COLORS[0], label="largest value f*(c)", gid="best")
    value = float(_x2y(best.x))
    around = np.array([max(0.25, c - 1.0), min(4.0, c + 1.0)])
    right.plot(around, value + best.multiplier * (around - c), "--", color=BOOK_COLORS[3],
               label="slope λ", gid="slope")
    right.plot(c, value, "o", color=BOOK_COLORS[3], mec="k", zorder=5)
    right.set(xlabel="level c", ylabel="f*", xlim=(0.25, 4.0),
              title=f"c = {c:.2f}: f* = {value:.3f}, λ = {best.multiplier:.3f}")
    right.legend(fontsize=8, loc="upper left")
    fig.tight_layout()


#: The fitting Try it: the window of χ² drawn, and the ranges of the starting point.
FIT_TRY_IT_WINDOW: tuple[tuple[float, float], tuple[float, float]] = ((145.0, 205.0), (1.0, 27.0))
FIT_TRY_IT_STARTS: tuple[tuple[float, float], tuple[float, float]] = ((150.0, 200.0), (3.0, 25.0))
#: The course's learning rate for steepest descent on χ², and the most steps drawn.
FIT_TRY_IT_RATE = 1000.0
_FIT_TRY_IT_MAX_STEPS = 5000


def _walk(x: np.ndarray, y: np.ndarray, mu0: float, sigma0: float, method: str) -> tuple[
    np.ndarray, str
]:
    """The path of one method from ``(mu0, sigma0)`` and how it ended, in words.

    A method that runs out of the model's domain (σ ≤ 0) raises rather than return its
    path, so the path to that point is found by running it again with one iteration
    more each time, until it fails.
    """
    import warnings

    from mmlbook.calculus.fitting import fit_gaussian
    from mmlbook.calculus.gauss_newton import ConvergenceWarning

    def run(max_iter: int) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return fit_gaussian(x, y, mu0, sigma0, method, learning_rate=FIT_TRY_IT_RATE,
                                max_iter=max_iter)

    try:
        fit = run(_FIT_TRY_IT_MAX_STEPS)
    except ValueError:
        path = np.array([[mu0, sigma0]])
        for max_iter in range(1, _FIT_TRY_IT_MAX_STEPS):
            try:
                path = run(max_iter).path
            except ValueError:
                return path, f"σ ≤ 0 at step {max_iter}"
        return path, "fails"  # not reached: the full run failed within its iterations
    steps = len(fit.path) - 1
    return fit.path, f"{steps} steps" if fit.converged else f"stopped after {steps} steps"


def draw_fit_start(fig: Any, *, mu0: float = 155.0, sigma0: float = 6.0) -> None:
    """Fitting the heights from one starting point ``(μ₀, σ₀)``, by each of three methods.

    Left, the contours of ``log₁₀ χ²`` (:func:`plot_chi2_landscape`) over the window
    :data:`FIT_TRY_IT_WINDOW`, with the paths of steepest descent (learning rate
    :data:`FIT_TRY_IT_RATE`, at most 5000 steps), Gauss–Newton and Levenberg–Marquardt
    from the start, each in its colour and line style of :data:`FIT_COLOURS` and
    :data:`FIT_STYLES` and labelled with how it
    ended: its number of steps (and "to another point" if it converged away from
    Levenberg–Marquardt's minimum), or the step at which it would make σ negative (its
    path then ends at the last point where the model is defined). Right, the
    histogram with the starting curve and the curves where steepest descent and
    Levenberg–Marquardt end (:func:`plot_fits`: dash-dotted, solid, dotted).
    Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    mu0 : float, default 155.0
        The starting mean, in [150, 200] cm.
    sigma0 : float, default 6.0
        The starting standard deviation, in [3, 25] cm.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or a setting is not a number.
    ValueError
        If a setting is outside its range.

    Examples
    --------
    >>> fig = plt.figure()
    >>> draw_fit_start(fig, mu0=160.0, sigma0=15.0)
    >>> fig.axes[0].get_legend_handles_labels()[1][1]
    'Gauss–Newton: σ ≤ 0 at step 2'
    >>> plt.close("all")
    """
    from mmlbook.calculus.fitting import gaussian
    from mmlbook.datasets import heights_histogram

    check_figure(fig)
    (mu_lo, mu_hi), (sigma_lo, sigma_hi) = FIT_TRY_IT_STARTS
    mu = check_real(mu0, "mu0", low=mu_lo, high=mu_hi)
    sigma = check_real(sigma0, "sigma0", low=sigma_lo, high=sigma_hi)
    x, y = heights_histogram()
    walks = {method: _walk(x, y, mu, sigma, name)
             for method, name in (("steepest descent", "steepest"),
                                  ("Gauss–Newton", "gauss-newton"),
                                  ("Levenberg–Marquardt", "levenberg-marquardt"))}
    # Levenberg–Marquardt reaches the minimum from every start of the sliders (the chapter
    # checks a grid of them); a walk that converges elsewhere says so.
    minimum = walks["Levenberg–Marquardt"][0][-1]
    for method, (path, ending) in walks.items():
        if ending.endswith(" steps") and not ending.startswith("stopped") and np.abs(
            path[-1] - minimum
        ).max() > 1e-3:
            walks[method] = (path, f"{ending}, to another point")
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
    mu_range, sigma_range = FIT_TRY_IT_WINDOW
    plot_chi2_landscape(x, y, mu_range, sigma_range, ax=left, resolution=100)
    plot_paths(left, {f"{method}: {ending}": path for method, (path, ending) in walks.items()},
               colors={f"{method}: {ending}": FIT_COLOURS[method]
                       for method, (_, ending) in walks.items()},
               linestyles={f"{method}: {ending}": FIT_STYLES[method]
                           for method, (_, ending) in walks.items()})
    left.legend(fontsize=7, loc="upper right", framealpha=0.85, frameon=True)
    left.set(xlim=mu_range, ylim=sigma_range, title=f"from μ₀ = {mu:g}, σ₀ = {sigma:g}")
    grid = np.linspace(130.0, 230.0, 400)
    curves = {"start": (mu, sigma)}
    curves.update((method, walks[method][0][-1])
                  for method in ("steepest descent", "Levenberg–Marquardt"))
    plot_fits(x, y, {label: np.column_stack([grid, gaussian(grid, *point)])
                     for label, point in curves.items()}, ax=right)
    fitted = curves["Levenberg–Marquardt"]
    right.set_title(f"Levenberg–Marquardt: μ = {fitted[0]:.2f}, σ = {fitted[1]:.2f}")
    fig.tight_layout()


#: The training Try it: the chapter's network, its data and the number of steps drawn.
TRAINING_TRY_IT_SIZES: tuple[int, ...] = (1, 6, 7, 2)
TRAINING_TRY_IT_STEPS = 4000


def draw_training(fig: Any, *, learning_rate: float = 2.0, momentum: float = 0.9) -> None:
    """Training the backpropagation chapter's network with one learning rate and momentum.

    The 1 → 6 → 7 → 2 network of seed 1 is trained on the heart's 100 points
    (:func:`~mmlbook.datasets.heart_curve`) for :data:`TRAINING_TRY_IT_STEPS` steps of
    :func:`~mmlbook.calculus.train`. Left, the cost at each step on a log scale; right,
    what the trained network draws over the target (:func:`plot_heart`).
    Derived in :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    learning_rate : float, default 2.0
        The step size η, in [0.1, 100].
    momentum : float, default 0.9
        The fraction β of the previous update kept, in [0, 0.95].

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or a setting is not a number.
    ValueError
        If a setting is outside its range.

    Examples
    --------
    >>> fig = plt.figure()
    >>> draw_training(fig, learning_rate=5.0, momentum=0.5)
    >>> fig.axes[0].get_title()
    'η = 5, β = 0.50'
    >>> plt.close("all")
    """
    check_figure(fig)
    eta = check_real(learning_rate, "learning_rate", low=0.1, high=100.0)
    beta = check_real(momentum, "momentum", low=0.0, high=0.95)
    costs, drawn, target = _training_run(eta, beta)
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.4, 1]})
    left.semilogy(np.arange(costs.size), costs, color=BOOK_COLORS[0], gid="cost")
    left.set(xlabel="training step", ylabel="cost C", xlim=(0, costs.size - 1),
             title=f"η = {eta:g}, β = {beta:.2f}")
    plot_heart(target, {f"after {costs.size - 1} steps": drawn}, ax=right)
    right.set_title(f"C = {costs[-1]:.2g}", fontsize=10)
    fig.tight_layout()


def _training_run(eta: float, beta: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The costs of training the Try it's network, what it then draws, and the target."""
    from mmlbook.calculus.network import forward, init_network, train
    from mmlbook.datasets import heart_curve

    x, y = heart_curve(100)
    result = train(init_network(list(TRAINING_TRY_IT_SIZES), rng=1), x, y,
                   steps=TRAINING_TRY_IT_STEPS, learning_rate=eta, momentum=beta)
    return result.costs, forward(result.params, x), y
