"""Plot helpers of the Linear Algebra chapters."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from mmlbook._validation import as_float_array
from mmlbook.plotting import BOOK_COLORS

__all__ = ["plot_transformation"]


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
