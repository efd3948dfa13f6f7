"""Plot helpers of the Linear Algebra chapters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from mmlbook._validation import as_float_array, check_positive_int
from mmlbook.plotting import BOOK_COLORS

__all__ = [
    "plot_elimination",
    "plot_rank_iterates",
    "plot_shapes",
    "plot_transformation",
    "plot_web",
]


def plot_transformation(matrix: Any, ax: Axes | None = None, grid_lines: int = 5) -> Axes:
    """Draw what a 2 × 2 matrix does to the plane: a grid, the unit square and the basis.

    The faint grid and unit square are the plane before the map; the solid ones after.
    The images of the basis vectors :math:`\\mathbf{e}_1, \\mathbf{e}_2` are the columns
    of the matrix, drawn as arrows.

    Parameters
    ----------
    matrix : array_like of shape (2, 2)
        The linear map.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.
    grid_lines : int, default 5
        How many grid lines each way on each side of the origin.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Examples
    --------
    >>> from mmlbook.plotting.linalg import plot_transformation
    >>> ax = plot_transformation([[2, 1], [0, 1]])
    >>> ax.get_aspect()
    1.0
    """
    A = as_float_array(matrix, "matrix", ndim=2)
    if A.shape != (2, 2):
        raise ValueError(f"matrix must have shape (2, 2), got {A.shape}")
    if isinstance(grid_lines, bool) or not isinstance(grid_lines, int) or grid_lines < 1:
        raise ValueError(f"grid_lines must be a positive integer, got {grid_lines!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))

    ticks = np.arange(-grid_lines, grid_lines + 1)
    line = np.linspace(-grid_lines, grid_lines, 2)
    for t in ticks:
        for points in (np.array([line, np.full(2, t)]), np.array([np.full(2, t), line])):
            ax.plot(*points, color="0.85", lw=0.8, zorder=0)
            ax.plot(*(A @ points), color=BOOK_COLORS[5], lw=0.8, alpha=0.6, zorder=1)

    square = np.array([[0, 1, 1, 0, 0], [0, 0, 1, 1, 0]], dtype=float)
    ax.fill(*square, color="0.8", alpha=0.5, label="unit square")
    ax.fill(*(A @ square), color=BOOK_COLORS[1], alpha=0.5, label="its image")
    for column, color, label in ((0, BOOK_COLORS[0], "A e₁"), (1, BOOK_COLORS[3], "A e₂")):
        ax.annotate(
            "", xy=A[:, column], xytext=(0, 0),
            arrowprops={"arrowstyle": "->", "color": color, "lw": 2},
        )
        ax.text(*(A[:, column] * 1.08), label, color=color, fontsize=11)

    # Frame the unit square and its image with a margin, whatever the map's scale.
    reach = min(float(grid_lines), 1.4 * max(1.5, float(np.abs(A @ square).max())))
    ax.set(xlim=(-reach, reach), ylim=(-reach, reach), aspect=1.0)
    ax.legend(loc="lower right")
    return ax


def _draw_matrix(M: np.ndarray, ax: Axes, title: str, changed: np.ndarray) -> None:
    """One matrix as a grid of numbers; changed rows tinted, pivots-to-be plain."""
    n_rows, n_cols = M.shape
    ax.set(xlim=(-0.5, n_cols - 0.5), ylim=(n_rows - 0.5, -0.5), aspect="equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for i in range(n_rows):
        if changed[i]:
            ax.add_patch(
                plt.Rectangle(
                    (-0.5, i - 0.5), n_cols, 1.0, color=BOOK_COLORS[1], alpha=0.25, lw=0
                )
            )
        for j in range(n_cols):
            value = M[i, j]
            # A rounding residue such as 4.4e-16 gets one digit, to fit its cell.
            text = "0" if value == 0 else f"{value:.0e}" if abs(value) < 1e-3 else f"{value:.3g}"
            ax.text(j, i, text, ha="center", va="center", fontsize=9,
                    color="0.55" if value == 0 else "black")
    # Brackets either side, as a matrix is written by hand.
    for x, tick in ((-0.5, 0.15), (n_cols - 0.5, -0.15)):
        ax.plot([x + tick, x, x, x + tick], [-0.5, -0.5, n_rows - 0.5, n_rows - 0.5],
                color="black", lw=1.2, clip_on=False)
    ax.set_title(title, fontsize=8)


def plot_elimination(steps: Sequence[tuple[str, Any]], ncols: int = 4) -> Figure:
    """Draw the matrices of Gaussian elimination, one panel per row operation.

    Each panel shows the matrix after one operation, titled with the operation; the
    rows it changed are tinted.

    Parameters
    ----------
    steps : sequence of (str, array_like)
        Pairs of a description and a matrix, as from
        :func:`mmlbook.linalg.elimination_steps`.
    ncols : int, default 4
        Panels per row of the figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn.

    Raises
    ------
    TypeError
        If a matrix is not numeric or ``ncols`` is not an integer.
    ValueError
        If there are no steps, a matrix is not 2-D, or the matrices differ in shape.

    Examples
    --------
    >>> from mmlbook.linalg import elimination_steps
    >>> from mmlbook.plotting.linalg import plot_elimination
    >>> fig = plot_elimination(elimination_steps([[1, 2], [3, 4]]))
    >>> len(fig.axes)
    8
    """
    if len(steps) == 0:
        raise ValueError("steps must hold at least one (description, matrix) pair")
    matrices = [as_float_array(M, f"steps[{k}] matrix", ndim=2) for k, (_, M) in enumerate(steps)]
    if len({M.shape for M in matrices}) > 1:
        raise ValueError("steps must hold matrices of one shape")
    columns = check_positive_int(ncols, "ncols")
    rows = -(-len(steps) // columns)
    n_rows, n_cols = matrices[0].shape
    fig, axes = plt.subplots(
        rows, columns, figsize=(columns * (0.42 * n_cols + 0.3), rows * (0.36 * n_rows + 0.55)),
        squeeze=False,
    )
    previous = matrices[0]
    for ax, (title, _), M in zip(axes.flat, steps, matrices, strict=False):
        _draw_matrix(M, ax, title, np.any(M != previous, axis=1))
        previous = M
    for ax in axes.flat[len(steps):]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


#: How each kind of part of a drawing is shaded: features dark, patches light.
_SHADES = {"eye": "dark", "nose": "dark", "belly": "light", "snout": "light"}


def plot_shapes(
    shapes: Mapping[str, Any],
    ax: Axes | None = None,
    color: str = BOOK_COLORS[0],
    label: str | None = None,
    alpha: float = 1.0,
) -> Axes:
    """Draw a picture made of polygons, such as :func:`mmlbook.datasets.bear`.

    Parts are filled in the order given (back to front). Parts whose name contains
    "eye" or "nose" are drawn dark; "belly" and "snout" light; the rest in ``color``.

    Parameters
    ----------
    shapes : mapping of str to array_like of shape (2, k)
        Named polygons, columns as points.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.
    color : str, default the book's blue
        The main colour.
    label : str, optional
        A legend label for the picture.
    alpha : float, default 1.0
        Opacity.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, with equal aspect.

    Raises
    ------
    TypeError
        If a polygon is not numeric.
    ValueError
        If there are no shapes or a polygon is not a finite (2, k) array.

    Examples
    --------
    >>> from mmlbook.datasets import bear
    >>> from mmlbook.plotting.linalg import plot_shapes
    >>> ax = plot_shapes(bear(), label="bear")
    >>> len(ax.patches) == len(bear())
    True
    """
    if len(shapes) == 0:
        raise ValueError("shapes must hold at least one polygon")
    polygons = {}
    for name, points in shapes.items():
        P = as_float_array(points, f"shapes[{name!r}]", ndim=2)
        if P.shape[0] != 2:
            raise ValueError(
                f"shapes[{name!r}] must have shape (2, k), columns as points, got {P.shape}"
            )
        polygons[name] = P
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    for k, (name, P) in enumerate(polygons.items()):
        shade = next((v for key, v in _SHADES.items() if key in name), "main")
        face = {"dark": "0.15", "light": "white", "main": color}[shade]
        ax.fill(
            *P, facecolor=face, edgecolor="0.15", lw=0.8, alpha=alpha,
            label=label if k == 0 else None,
            zorder=2,
        )
    ax.set_aspect("equal")
    return ax


def plot_web(
    L: Any,
    ranks: Any | None = None,
    names: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a small web: pages on a circle, links as arrows, page size by rank.

    Parameters
    ----------
    L : array_like of shape (n, n)
        Link matrix; ``L[i, j] > 0`` draws an arrow from page ``j`` to page ``i``.
    ranks : array_like of shape (n,), optional
        Ranks to show as the area of each page and as a label.
    names : sequence of str, optional
        Page names; by default 0, 1, ....
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``L`` or ``ranks`` is not numeric.
    ValueError
        If shapes disagree.

    Examples
    --------
    >>> from mmlbook.datasets import micro_internet
    >>> from mmlbook.plotting.linalg import plot_web
    >>> ax = plot_web(micro_internet(), names="ABCDEF")
    """
    links = as_float_array(L, "L", ndim=2)
    n = links.shape[0]
    if links.shape != (n, n):
        raise ValueError(f"L must be a square matrix, got shape {links.shape}")
    sizes = np.full(n, 1.0 / n) if ranks is None else as_float_array(ranks, "ranks", ndim=1)
    if sizes.shape != (n,):
        raise ValueError(f"ranks must have shape ({n},), got {sizes.shape}")
    labels = [str(i) for i in range(n)] if names is None else [str(x) for x in names]
    if len(labels) != n:
        raise ValueError(f"names must hold {n} names, got {len(labels)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    angle = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    xy = np.column_stack([np.cos(angle), np.sin(angle)])
    radius = 0.1 + 0.5 * np.sqrt(np.clip(sizes, 0, None) / max(sizes.max(), 1e-300)) * 0.3
    for target, source in zip(*np.nonzero(links), strict=True):
        if target == source:
            ax.add_patch(plt.Circle(xy[source] * 1.22, 0.12, fill=False, color="0.4", lw=1))
            continue
        ax.annotate(
            "", xy=xy[target], xytext=xy[source],
            arrowprops={
                "arrowstyle": "-|>", "color": "0.4", "lw": 1.0,
                "shrinkA": 72 * radius[source] * 1.9, "shrinkB": 72 * radius[target] * 1.9,
                "connectionstyle": "arc3,rad=0.12",
            },
        )
    for k in range(n):
        ax.add_patch(plt.Circle(xy[k], radius[k], color=BOOK_COLORS[0], zorder=3))
        ax.text(*xy[k], labels[k], ha="center", va="center", color="white",
                fontsize=11, fontweight="bold", zorder=4)
        if ranks is not None:
            ax.text(*(xy[k] * (1.0 + radius[k] + 0.18)), f"{sizes[k]:.3f}",
                    ha="center", va="center", fontsize=9, zorder=4)
    ax.set(xlim=(-1.6, 1.6), ylim=(-1.6, 1.6), aspect="equal")
    ax.axis("off")
    return ax


def plot_rank_iterates(
    iterates: Any, names: Sequence[str] | None = None, ax: Axes | None = None
) -> Axes:
    """Draw how each page's rank changes over the steps of the power method.

    Parameters
    ----------
    iterates : array_like of shape (steps + 1, n)
        Row ``k`` is the rank vector after ``k`` steps, as from
        :func:`mmlbook.linalg.pagerank_iterates`.
    names : sequence of str, optional
        Page names for the legend.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``iterates`` is not numeric.
    ValueError
        If ``iterates`` is not 2-D or ``names`` has the wrong length.

    Examples
    --------
    >>> from mmlbook.datasets import micro_internet
    >>> from mmlbook.linalg import pagerank_iterates
    >>> from mmlbook.plotting.linalg import plot_rank_iterates
    >>> ax = plot_rank_iterates(pagerank_iterates(micro_internet(), n_iter=20), "ABCDEF")
    >>> len(ax.lines)
    6
    """
    R = as_float_array(iterates, "iterates", ndim=2)
    labels = [f"page {i}" for i in range(R.shape[1])] if names is None else list(names)
    if len(labels) != R.shape[1]:
        raise ValueError(f"names must hold {R.shape[1]} names, got {len(labels)}")
    if ax is None:
        _, ax = plt.subplots()
    for k, label in enumerate(labels):
        ax.plot(np.arange(R.shape[0]), R[:, k], marker="o", ms=3, label=label)
    ax.set(xlabel="step of the power method", ylabel="rank")
    ax.legend(ncol=min(len(labels), 6), loc="upper right", fontsize=8)
    return ax
