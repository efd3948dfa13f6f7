"""Plot helpers of the Linear Algebra chapters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from mmlbook._validation import as_float_array, check_figure, check_positive_int, check_real
from mmlbook.plotting import BOOK_COLORS
from mmlbook.plotting._checks import axes_or_new, check_colour, check_label, check_labels

__all__ = [
    "plot_basis_grid",
    "draw_bear_mirror",
    "draw_damping",
    "draw_gram_schmidt",
    "draw_matrix",
    "draw_projection",
    "plot_eigenvectors",
    "plot_elimination",
    "plot_rank_iterates",
    "plot_shapes",
    "plot_spectrum",
    "plot_transformation",
    "plot_vectors",
    "plot_web",
]

#: The largest radius of a page in :func:`plot_web`, in data units (pages sit on the
#: unit circle).
_WEB_MAX_RADIUS = 0.26


# --- Labels that keep clear of what is drawn ------------------------------------

#: The gaps tried between a label and the point it names, and the clearance from what
#: is drawn beyond which a label is clear enough, in points.
_LABEL_GAPS, _LABEL_CLEARANCE = (3.0, 7.0, 12.0), 6.0


def _drawn_segments(ax: Axes) -> np.ndarray:
    """The straight pieces of what the axes show, as display-space segments (n, 2, 2).

    Lines of z-order 1 and above (the faint background grids lie below) and the edges
    of polygons (fills and arrows), and the four edges of the axes; an infinite line
    is cut where the view ends.
    """
    pieces = []
    for line in ax.lines:
        if line.get_zorder() >= 1:
            path = line.get_transform().transform_path(line.get_path())
            pieces.append(np.stack([path.vertices[:-1], path.vertices[1:]], axis=1))
    for patch in ax.patches:
        if isinstance(patch, mpl.patches.Polygon):
            xy = patch.get_transform().transform(patch.get_xy())
            pieces.append(np.stack([xy, np.roll(xy, -1, axis=0)], axis=1))
    # The edges of the axes too, so that a label stays inside them.
    (x0, y0), (x1, y1) = ax.bbox.get_points()
    frame = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    pieces.append(np.stack([frame, np.roll(frame, -1, axis=0)], axis=1))
    pieces = [p for p in pieces if len(p)]
    return np.concatenate(pieces)


def _box_distance(centre: np.ndarray, half: np.ndarray, segments: np.ndarray) -> float:
    """The distance from the box ``centre ± half`` to the nearest segment (0 if one meets it)."""
    start, along = segments[:, 0], segments[:, 1] - segments[:, 0]
    # Liang-Barsky: the segment meets the box when its parameter ranges overlap.
    with np.errstate(divide="ignore", invalid="ignore"):
        near = (centre - half - start) / along
        far = (centre + half - start) / along
    inside = np.abs(start - centre) <= half
    low = np.where(along == 0, np.where(inside, -np.inf, np.inf), np.minimum(near, far))
    high = np.where(along == 0, np.where(inside, np.inf, -np.inf), np.maximum(near, far))
    if np.any(np.maximum(low.max(axis=1), 0.0) <= np.minimum(high.min(axis=1), 1.0)):
        return 0.0
    # Otherwise the nearest points are a corner of the box or an end of a segment.
    corners = centre + half * np.array([[1, 1], [1, -1], [-1, 1], [-1, -1]])
    length2 = np.maximum((along**2).sum(axis=1), 1e-12)
    t = np.clip(((corners[:, None, :] - start) * along).sum(axis=2) / length2, 0.0, 1.0)
    to_corners = np.linalg.norm(start + t[:, :, None] * along - corners[:, None, :], axis=2)
    ends = segments.reshape(-1, 2)
    to_ends = np.linalg.norm(np.maximum(np.abs(ends - centre) - half, 0.0), axis=1)
    return float(min(to_corners.min(), to_ends.min()))


def _place_label(
    ax: Axes, point: Any, text: str, *, towards: Any = (1.0, 1.0),
    extra: Sequence[Any] = (), **style: Any,
) -> mpl.text.Annotation:
    """Write ``text`` beside ``point``, clear of what is drawn and of the other labels.

    Tries 24 directions around the point, and in each a few gaps between the point and
    the label's box; each place is scored by the box's distance from every line, polygon
    edge and label already drawn (and from the rays along the ``extra`` directions), up
    to a clearance that is enough. Among the places about equally clear, the nearest to
    the point that leans most ``towards`` the given direction wins. The geometry is that
    of the axes' present view limits: set them before.
    """
    anchor = np.asarray(point, dtype=float)
    label = ax.annotate(text, xy=tuple(anchor), xytext=(0.0, 0.0), textcoords="offset points",
                        ha="center", va="center", **style)
    # Geometry beyond the range of floats (a map with entries near 1e308) overflows; the
    # label then stays at its point, where no score could be compared.
    with np.errstate(over="ignore", invalid="ignore"):
        label.xyann = _best_offset(ax, anchor, label, text, towards, extra, style)
    return label


def _best_offset(
    ax: Axes, anchor: np.ndarray, label: mpl.text.Annotation, text: str, towards: Any,
    extra: Sequence[Any], style: Mapping[str, Any],
) -> tuple[float, float]:
    """The offset, in points, that :func:`_place_label` chooses for ``label``."""
    # Measured on a free-standing copy: an annotation whose point lies outside the
    # view reports an empty box.
    probe = mpl.text.Text(0.0, 0.0, text, ha="center", va="center", **style)
    probe.set_figure(ax.figure)
    box = probe.get_window_extent()
    points = 72.0 / ax.figure.dpi
    half = np.array([box.width, box.height]) * points / 2
    ax.apply_aspect()
    here = ax.transData.transform(anchor)
    # Everything in points about the labelled point.
    segments = (_drawn_segments(ax) - here) * points
    for direction in extra:
        d = np.asarray(direction, dtype=float)
        if np.any(d):
            shown = ax.transData.transform(anchor + d) - here
            ray = 1000.0 * shown / np.linalg.norm(shown)
            segments = np.concatenate([segments, [[np.zeros(2), ray]]])
    others = []
    for other in ax.texts:
        if other is not label and other.get_text().strip():
            extent = other.get_window_extent()
            if extent.width > 1 and extent.height > 1:
                others.append(((np.asarray(extent.get_points()).mean(axis=0) - here) * points,
                               np.array([extent.width, extent.height]) * points / 2))
    lean = ax.transData.transform(anchor + np.asarray(towards, dtype=float)) - here
    lean = lean / np.linalg.norm(lean) if np.any(lean) else lean
    best, best_score = np.zeros(2), -np.inf
    for angle in np.radians(np.arange(0.0, 360.0, 15.0)):
        unit = np.array([np.cos(angle), np.sin(angle)])
        for gap in _LABEL_GAPS:
            centre = unit * (gap + half @ np.abs(unit))
            clear = min([_box_distance(centre, half, segments)]
                        + [float(np.linalg.norm(np.maximum(np.abs(centre - middle)
                                                           - half - size, 0.0)))
                           for middle, size in others])
            # A point of clearance outweighs any lean; a farther gap costs a little;
            # upward wins a tie, so that mirror-image choices are made the same way.
            score = (10 * min(clear, _LABEL_CLEARANCE) + float(unit @ lean)
                     - 0.05 * gap + 0.01 * unit[1])
            if score > best_score + 1e-9:
                best, best_score = centre, score
    return float(best[0]), float(best[1])


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
        How many grid lines each way on each side of the origin, at most 100.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``matrix`` is not numeric, ``ax`` is not an Axes or ``grid_lines`` is not an
        integer.
    ValueError
        If ``matrix`` is not a finite 2 × 2 array or ``grid_lines`` is not from 1 to 100.

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
    grid_lines = check_positive_int(grid_lines, "grid_lines", maximum=100)
    ax = axes_or_new(ax, (4.5, 4.5))
    _draw_map(A, ax, grid_lines)
    _label_columns(A, ax)
    return ax


#: A legend over the grid lines of a map hides them behind a pale box, so that no line
#: runs through its text.
_LEGEND_OVER_GRID = {"frameon": True, "framealpha": 0.85, "edgecolor": "none"}

#: The unit square, its corners as columns, closed.
_UNIT_SQUARE = np.array([[0, 1, 1, 0, 0], [0, 0, 1, 1, 0]], dtype=float)


def _draw_map(A: np.ndarray, ax: Axes, grid_lines: int) -> None:
    """The grids, the unit square, its image and the column arrows of plot_transformation."""
    ticks = np.arange(-grid_lines, grid_lines + 1)
    line = np.linspace(-grid_lines, grid_lines, 2)
    for t in ticks:
        for points in (np.array([line, np.full(2, t)]), np.array([np.full(2, t), line])):
            ax.plot(*points, color="0.85", lw=0.8, zorder=0)
            ax.plot(*(A @ points), color=BOOK_COLORS[5], lw=0.8, alpha=0.6, zorder=1)

    ax.fill(*_UNIT_SQUARE, color="0.8", alpha=0.5, label="unit square")
    ax.fill(*(A @ _UNIT_SQUARE), color=BOOK_COLORS[1], alpha=0.5, label="its image")
    for column, color in ((0, BOOK_COLORS[0]), (1, BOOK_COLORS[3])):
        ax.annotate(
            "", xy=A[:, column], xytext=(0, 0),
            arrowprops={"arrowstyle": "->", "color": color, "lw": 2},
        )

    # Frame the unit square and its image with a margin, whatever the map's scale (the
    # grids may then end inside the frame: the image is what must not be cut off).
    reach = 1.4 * max(1.5, float(np.abs(A @ _UNIT_SQUARE).max()))
    ax.set(xlim=(-reach, reach), ylim=(-reach, reach), aspect=1.0)
    ax.legend(loc="lower right", **_LEGEND_OVER_GRID)


def _label_columns(A: np.ndarray, ax: Axes) -> None:
    """Name the arrows A e₁ and A e₂ at their tips, clear of what is drawn.

    Called once everything through the tips (grids, square, image, eigenvector lines)
    is drawn; each label leans away from the middle of the square's image.
    """
    middle = 0.5 * A[:, 0] + 0.5 * A[:, 1]
    for column, color, label in ((0, BOOK_COLORS[0], "A e₁"), (1, BOOK_COLORS[3], "A e₂")):
        tip = A[:, column]
        _place_label(ax, tip, label, towards=tip - middle, extra=[-tip],
                     color=color, fontsize=11)


def _entry_text(value: float) -> str:
    """An entry of a matrix panel: three digits; a residue below 1e-12 in size "≈0".

    The digits of a rounding residue such as 4e-16 depend on the machine's arithmetic;
    "≈0" says that it is there without them.
    """
    if value == 0:
        return "0"
    if abs(value) < 1e-12:
        return "≈0"
    return f"{value:.0e}" if abs(value) < 1e-3 else f"{value:.3g}"


def _draw_matrix(M: np.ndarray, ax: Axes, title: str, changed: np.ndarray) -> None:
    """One matrix as a grid of numbers; changed rows tinted, pivots-to-be plain.

    The cells take the shape the figure gives them (see plot_elimination), wide enough
    for the longest entry.
    """
    n_rows, n_cols = M.shape
    ax.set(xlim=(-0.5, n_cols - 0.5), ylim=(n_rows - 0.5, -0.5))
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
            ax.text(j, i, _entry_text(value), ha="center", va="center", fontsize=9,
                    color="0.55" if value == 0 else "black")
    # Brackets either side, as a matrix is written by hand.
    for x, tick in ((-0.5, 0.15), (n_cols - 0.5, -0.15)):
        ax.plot([x + tick, x, x, x + tick], [-0.5, -0.5, n_rows - 0.5, n_rows - 0.5],
                color="black", lw=1.2, clip_on=False)
    ax.set_title(title, fontsize=8)


def _elimination_matrices(steps: Any) -> list[np.ndarray]:
    """The matrices of ``steps``, a sequence of (description, matrix) pairs, checked."""
    if isinstance(steps, (str, bytes)) or not isinstance(steps, Sequence):
        raise TypeError(
            f"steps must be a sequence of (description, matrix) pairs, got {type(steps).__name__}"
        )
    if len(steps) == 0:
        raise ValueError("steps must hold at least one (description, matrix) pair")
    matrices = []
    for k, step in enumerate(steps):
        if isinstance(step, (str, bytes)) or not isinstance(step, Sequence):
            raise TypeError(
                f"steps[{k}] must be a (description, matrix) pair, got {type(step).__name__}"
            )
        if len(step) != 2:
            raise ValueError(f"steps[{k}] must be a (description, matrix) pair, got {len(step)} "
                             "entries")
        check_label(step[0], f"steps[{k}] description", optional=False)
        matrices.append(as_float_array(step[1], f"steps[{k}] matrix", ndim=2))
    if len({M.shape for M in matrices}) > 1:
        raise ValueError("steps must hold matrices of one shape")
    return matrices


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
        Panels per row of the figure, at most 20.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn.

    Raises
    ------
    TypeError
        If ``steps`` is not a sequence of (str, matrix) pairs, a matrix is not numeric or
        ``ncols`` is not an integer.
    ValueError
        If there are no steps, a step is not a pair, a matrix is not 2-D, the matrices
        differ in shape, or ``ncols`` is not from 1 to 20.

    Examples
    --------
    >>> from mmlbook.linalg import elimination_steps
    >>> from mmlbook.plotting.linalg import plot_elimination
    >>> fig = plot_elimination(elimination_steps([[1, 2], [3, 4]]))
    >>> len(fig.axes)
    8
    """
    matrices = _elimination_matrices(steps)
    columns = check_positive_int(ncols, "ncols", maximum=20)
    rows = -(-len(steps) // columns)
    n_rows, n_cols = matrices[0].shape
    # Each column is as wide as the longest entry needs (about 0.075 inch a character
    # at 9 points), so that neighbouring entries such as -0.714 and 0.429 stay apart.
    longest = max(len(_entry_text(value)) for M in matrices for value in M.ravel())
    cell = max(0.42, 0.075 * longest + 0.12)
    fig, axes = plt.subplots(
        rows, columns, figsize=(columns * (cell * n_cols + 0.3), rows * (0.36 * n_rows + 0.55)),
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
        Opacity, from 0 to 1.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, with equal aspect.

    Raises
    ------
    TypeError
        If ``shapes`` is not a mapping, a polygon is not numeric, ``ax`` is not an Axes,
        ``color`` not a colour, ``label`` not a string or ``alpha`` not a real number.
    ValueError
        If there are no shapes, a polygon is not a finite (2, k) array, ``color`` names
        no colour or ``alpha`` is not from 0 to 1.

    Examples
    --------
    >>> from mmlbook.datasets import bear
    >>> from mmlbook.plotting.linalg import plot_shapes
    >>> ax = plot_shapes(bear(), label="bear")
    >>> len(ax.patches) == len(bear())
    True
    """
    if not isinstance(shapes, Mapping):
        raise TypeError(
            f"shapes must be a mapping of part names to polygons, got {type(shapes).__name__}"
        )
    if len(shapes) == 0:
        raise ValueError("shapes must hold at least one polygon")
    color = check_colour(color, "color")
    label = check_label(label, "label")
    alpha = check_real(alpha, "alpha", low=0.0, high=1.0)
    polygons = {}
    for name, points in shapes.items():
        P = as_float_array(points, f"shapes[{name!r}]", ndim=2)
        if P.shape[0] != 2:
            raise ValueError(
                f"shapes[{name!r}] must have shape (2, k), columns as points, got {P.shape}"
            )
        polygons[name] = P
    ax = axes_or_new(ax, (4.5, 4.5))
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
        Non-negative ranks. Each page is a disc whose area is proportional to its
        rank (the top page has radius 0.26), and the rank is written beside it.
        Without ranks all pages are drawn alike.
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
        If ``L`` or ``ranks`` is not numeric, ``names`` not strings or ``ax`` not an Axes.
    ValueError
        If shapes disagree, ``L`` has a negative entry, or the ranks are negative or all
        zero.

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
    if np.any(links < 0):
        raise ValueError("L must have non-negative entries: a link has a weight, or none")
    sizes = np.full(n, 1.0 / n) if ranks is None else as_float_array(ranks, "ranks", ndim=1)
    if sizes.shape != (n,):
        raise ValueError(f"ranks must have shape ({n},), got {sizes.shape}")
    if np.any(sizes < 0) or not sizes.max() > 0:
        raise ValueError("ranks must be non-negative and not all zero")
    labels = ([str(i) for i in range(n)] if names is None
              else check_labels(names, "names", n, "page of L"))
    ax = axes_or_new(ax, (4.5, 4.5))
    angle = np.pi / 2 - 2 * np.pi * np.arange(n) / n
    xy = np.column_stack([np.cos(angle), np.sin(angle)])
    # Area pi r^2 proportional to rank: the radius grows as the square root.
    radius = _WEB_MAX_RADIUS * np.sqrt(sizes / sizes.max())
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
        ax.add_patch(plt.Circle(xy[k], radius[k], color=BOOK_COLORS[5], zorder=3))
        # The name sits on the disc however small it is, so it is drawn dark.
        ax.text(*xy[k], labels[k], ha="center", va="center", color="black",
                fontsize=11, fontweight="bold", zorder=4)
        if ranks is not None:
            ax.text(*(xy[k] * (1.0 + max(radius[k], 0.08) + 0.2)), f"{sizes[k]:.3f}",
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
        If ``iterates`` is not numeric, ``names`` not strings or ``ax`` not an Axes.
    ValueError
        If ``iterates`` is not 2-D or ``names`` does not name each of its columns.

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
    labels = ([f"page {i}" for i in range(R.shape[1])] if names is None
              else check_labels(names, "names", R.shape[1], "column of iterates"))
    ax = axes_or_new(ax)
    for k, label in enumerate(labels):
        ax.plot(np.arange(R.shape[0]), R[:, k], marker="o", ms=3, label=label)
    ax.set(xlabel="step of the power method", ylabel="rank")
    ax.legend(ncol=min(len(labels), 6), loc="upper right", fontsize=8)
    return ax


def plot_vectors(
    vectors: Mapping[str, Any],
    ax: Axes | None = None,
    origin: Any = (0.0, 0.0),
    colors: Sequence[str] | None = None,
) -> Axes:
    """Draw named vectors of the plane as arrows from a common origin.

    Parameters
    ----------
    vectors : mapping of str to array_like of shape (2,)
        The arrows, by their labels (matplotlib mathtext allowed).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.
    origin : array_like of shape (2,), default (0, 0)
        Where the arrows start.
    colors : sequence of str, optional
        One colour per arrow; the book's colours in order by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, with equal aspect, framing every arrow.

    Raises
    ------
    TypeError
        If ``vectors`` is not a mapping with at least one vector, a vector is not
        numeric, or ``ax`` is not an Axes.
    ValueError
        If a vector or ``origin`` does not have two finite entries, or ``colors`` is not
        a list of one colour per vector.

    Examples
    --------
    >>> from mmlbook.plotting.linalg import plot_vectors
    >>> ax = plot_vectors({"r": [3, 2], "s": [-1, 2]})
    >>> len(ax.patches)
    2
    >>> plt.close(ax.figure)
    """
    if not isinstance(vectors, Mapping) or len(vectors) == 0:
        raise TypeError("vectors must be a mapping of labels to vectors, with at least one")
    arrows = {}
    for label, value in vectors.items():
        v = as_float_array(value, f"vectors[{label!r}]", ndim=1)
        if v.shape != (2,):
            raise ValueError(f"vectors[{label!r}] must have 2 entries, got shape {v.shape}")
        arrows[label] = v
    start = as_float_array(origin, "origin", ndim=1)
    if start.shape != (2,):
        raise ValueError(f"origin must have 2 entries, got shape {start.shape}")
    if colors is None:
        palette = list(BOOK_COLORS)
    elif (
        not isinstance(colors, (list, tuple))
        or len(colors) != len(arrows)
        or not all(isinstance(c, str) and mpl.colors.is_color_like(c) for c in colors)
    ):
        raise ValueError(f"colors must be a list of {len(arrows)} matplotlib colours")
    else:
        palette = list(colors)
    ax = axes_or_new(ax, (4.5, 4.5))
    _draw_vectors(ax, arrows, start, palette, frame=True)
    return ax


def _draw_vectors(
    ax: Axes, arrows: Mapping[str, np.ndarray], start: np.ndarray, palette: Sequence[str],
    *, frame: bool,
) -> None:
    """The arrows of plot_vectors and their labels; with ``frame``, the view fits them.

    The helpers that set their own view set it first and pass ``frame=False``, so that
    the labels are placed in the view they will be seen in.
    """
    for v, color in zip(arrows.values(), palette, strict=False):
        ax.add_patch(
            mpl.patches.FancyArrow(
                *start, *v, width=0.02, head_width=0.14, head_length=0.2,
                length_includes_head=True, color=color,
            )
        )
    if frame:
        ends = np.array([start, *(start + v for v in arrows.values())])
        low, high = ends.min(axis=0) - 0.6, ends.max(axis=0) + 0.6
        ax.set(xlim=(low[0], high[0]), ylim=(low[1], high[1]), aspect="equal")
    # Labels once every arrow is drawn, so that each keeps clear of them all (and of
    # what the axes held before); a blank label names nothing.
    for (label, v), color in zip(arrows.items(), palette, strict=False):
        if label.strip():
            _place_label(ax, start + v, label, towards=v, extra=[-v], color=color,
                         fontsize=12)


def plot_basis_grid(
    basis: Any, x: Any | None = None, ax: Axes | None = None, lines: int = 4,
    name: str = "x",
) -> Axes:
    """Draw the grid of a basis of the plane, and a vector's coordinates in it.

    The grid lines are the points :math:`i\\,\\mathbf{b}_1 + t\\,\\mathbf{b}_2` and
    :math:`t\\,\\mathbf{b}_1 + j\\,\\mathbf{b}_2` for whole numbers :math:`i, j`, over the
    faint standard grid. With ``x``, its components :math:`c_1\\mathbf{b}_1` and
    :math:`c_2\\mathbf{b}_2` (with :math:`\\mathbf{x} = B\\mathbf{c}`) are drawn head to
    tail, so that reading ``x`` off the grid gives its coordinates.

    Parameters
    ----------
    basis : array_like of shape (2, 2)
        The basis vectors, as columns; linearly independent.
    x : array_like of shape (2,), optional
        A vector to locate on the grid.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.
    lines : int, default 4
        How many grid lines each way on each side of the origin, at most 100.
    name : str, default "x"
        The vector's label (drawn in bold, as math).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, with equal aspect.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If ``basis`` is not an invertible 2 × 2 matrix or ``x`` has not two entries.

    Examples
    --------
    >>> from mmlbook.plotting.linalg import plot_basis_grid
    >>> ax = plot_basis_grid([[2, -2], [1, 4]], x=[3, 4])
    >>> len(ax.patches)     # b1, b2, and the two components of x
    4
    >>> plt.close(ax.figure)
    """
    B = as_float_array(basis, "basis", ndim=2)
    scale = float(np.abs(B).max())
    if B.shape != (2, 2) or scale == 0 or abs(np.linalg.det(B / scale)) < 1e-12:
        raise ValueError("basis must be an invertible 2 × 2 matrix, its vectors as columns")
    count = check_positive_int(lines, "lines", maximum=100)
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {type(name).__name__}")
    v = None if x is None else as_float_array(x, "x", ndim=1)
    if v is not None and v.shape != (2,):
        raise ValueError(f"x must have 2 entries, got shape {v.shape}")
    ax = axes_or_new(ax, (5, 5))
    t = np.array([-count, count], dtype=float)
    for k in range(-count, count + 1):
        ax.plot(t, [k, k], color="0.9", lw=0.8, zorder=0)
        ax.plot([k, k], t, color="0.9", lw=0.8, zorder=0)
        for along, across in ((0, 1), (1, 0)):
            ends = np.outer(B[:, along], t) + (k * B[:, across])[:, None]
            ax.plot(*ends, color=BOOK_COLORS[5], lw=0.8, alpha=0.7, zorder=1)
    reach = 1.5 * float(np.abs(B).max())
    if v is not None:
        reach = max(reach, 1.3 * float(np.abs(v).max()))
    # The view first, so that the labels are placed in it.
    ax.set(xlim=(-reach, reach), ylim=(-reach, reach), aspect="equal")
    if v is not None:
        c = np.linalg.solve(B, v)
        first, second = c[0] * B[:, 0], c[1] * B[:, 1]
        _draw_vectors(ax, {"": first}, np.zeros(2), [BOOK_COLORS[2]], frame=False)
        _draw_vectors(ax, {"": second}, first, [BOOK_COLORS[2]], frame=False)
        ax.plot(*v, "o", color=BOOK_COLORS[7], zorder=4)
    # The basis arrows after the components, so that their labels keep clear of them.
    _draw_vectors(ax, {r"$\mathbf{b}_1$": B[:, 0], r"$\mathbf{b}_2$": B[:, 1]}, np.zeros(2),
                  [BOOK_COLORS[0], BOOK_COLORS[3]], frame=False)
    if v is not None:
        middle = (first + v) / 3
        # The components are labelled along their length, away from the arrow heads,
        # on the outside of the triangle they make with x.
        for start, part, k in ((np.zeros(2), first, 1), (first, second, 2)):
            at = start + 0.75 * part
            _place_label(ax, at, f"{c[k - 1]:.3g} $\\mathbf{{b}}_{k}$", towards=at - middle,
                         extra=[part, -part], color=BOOK_COLORS[2], fontsize=12)
        _place_label(ax, v, f"$\\mathbf{{{name}}}$", towards=v - middle, extra=[-second],
                     fontsize=13)
    return ax


def plot_eigenvectors(matrix: Any, ax: Axes | None = None) -> Axes:
    """Draw a 2 × 2 map as :func:`plot_transformation` does, with its real eigenvectors.

    Each real eigenvector is drawn as a dashed line through the origin (a line the map
    sends onto itself, multiplying each vector on it by the eigenvalue, which may be
    negative or zero), labelled with its eigenvalue. A map with complex
    eigenvalues has no such line, and the title says so.

    Parameters
    ----------
    matrix : array_like of shape (2, 2)
        The linear map.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on; its title gives the determinant and the eigenvalues.

    Raises
    ------
    TypeError
        If ``matrix`` is not numeric.
    ValueError
        If ``matrix`` is not a finite 2 × 2 array.

    Examples
    --------
    >>> from mmlbook.plotting.linalg import plot_eigenvectors
    >>> ax = plot_eigenvectors([[2, 0], [0, 1]])
    >>> ax.get_title()
    'det = 2, λ = 2, 1'
    >>> plt.close(ax.figure)
    """
    A = as_float_array(matrix, "matrix", ndim=2)
    if A.shape != (2, 2):
        raise ValueError(f"matrix must have shape (2, 2), got {A.shape}")
    ax = axes_or_new(ax, (4.5, 4.5))
    _draw_map(A, ax, 5)
    values, vectors = np.linalg.eig(A)
    # ad - bc of the matrix scaled to entries of size at most 1, scaled back: a
    # determinant beyond the range of floats is inf, without an overflow warning.
    scale = float(np.abs(A).max()) or 1.0
    unit = A / scale
    det = scale * scale * float(unit[0, 0] * unit[1, 1] - unit[0, 1] * unit[1, 0])
    labels = []
    if np.all(np.isreal(values)):
        values = np.real(values)
        vectors = np.real(vectors)
        shown = []
        for k in range(2):
            # A repeated eigenvalue whose eigenvectors coincide (a shear) is one line.
            if any(abs(vectors[:, k] @ other) > 1 - 1e-9 for other in shown):
                continue
            shown.append(vectors[:, k])
            ax.axline((0, 0), tuple(vectors[:, k]), color=BOOK_COLORS[2], ls="--", lw=1.5,
                      label="eigenvector" if k == 0 else None)
            labels.append((vectors[:, k], f"λ = {values[k]:.3g}"))
        title = f"det = {det + 0.0:.3g}, λ = " + ", ".join(f"{v + 0.0:.3g}" for v in values)
    else:
        title = (f"det = {det + 0.0:.3g}, λ = {values[0].real:.3g} ± {abs(values[0].imag):.3g}i:"
                 " no real eigenvector")
    _label_columns(A, ax)
    # Each eigenvalue is written by its line, at the end of the line that is farther
    # from the square's image and from the legend (lower right), on the side away
    # from the image and leaning inwards, off the edge of the axes.
    middle = 0.5 * A[:, 0] + 0.5 * A[:, 1]
    reach = 0.8 * ax.get_xlim()[1]
    corner = np.array([ax.get_xlim()[1], ax.get_ylim()[0]])
    for direction, text in labels:
        ends = [sign * reach * direction for sign in (1.0, -1.0)]
        # A map too large for floats overflows here; its labels are placed all the same.
        with np.errstate(over="ignore", invalid="ignore"):
            at = max(ends, key=lambda end: min(np.linalg.norm(end - middle),
                                               np.linalg.norm(end - corner)))
            away = (at - middle) - ((at - middle) @ direction) * direction
            away = away / (np.linalg.norm(away) or 1.0)
        _place_label(ax, at, text, towards=away - 0.5 * at / reach,
                     color=BOOK_COLORS[2], fontsize=10)
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=8, **_LEGEND_OVER_GRID)
    return ax


def plot_spectrum(
    eigenvalues: Mapping[str, Any],
    ax: Axes | None = None,
    radius: float | None = None,
) -> Axes:
    """Draw sets of eigenvalues as points of the complex plane, with the unit circle.

    Parameters
    ----------
    eigenvalues : mapping of str to array_like of complex
        Each set of eigenvalues, by its legend label.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.
    radius : float, optional
        Also shade the disc :math:`|\\lambda| \\le` ``radius`` (for PageRank, the
        damping :math:`d`).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, with equal aspect; the unit circle is dotted.

    Raises
    ------
    TypeError
        If a set does not hold numbers, ``radius`` is not a real number or ``ax`` is
        not an Axes.
    ValueError
        If there are no sets, a set is empty, not 1-D or not finite, or ``radius`` is
        not positive.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.plotting.linalg import plot_spectrum
    >>> ax = plot_spectrum({"rotation": np.linalg.eigvals([[0, -1], [1, 0]])})
    >>> ax.collections[0].get_offsets().tolist()
    [[0.0, 1.0], [0.0, -1.0]]
    >>> plt.close(ax.figure)
    """
    if not isinstance(eigenvalues, Mapping) or len(eigenvalues) == 0:
        raise ValueError("eigenvalues must be a mapping that holds at least one set")
    sets = {}
    for label, values in eigenvalues.items():
        try:
            raw = np.asarray(values) if not isinstance(values, str) else np.asarray([values])
        except ValueError:
            raise ValueError(f"eigenvalues[{label!r}] must be a flat list of numbers") from None
        if raw.dtype == bool or raw.dtype.kind not in "iufc":
            raise TypeError(f"eigenvalues[{label!r}] must hold numbers, got dtype {raw.dtype}")
        if raw.ndim != 1:
            raise ValueError(f"eigenvalues[{label!r}] must be 1-D, got shape {raw.shape}")
        z = raw.astype(complex).ravel()
        if z.size == 0 or not np.all(np.isfinite(z)):
            raise ValueError(f"eigenvalues[{label!r}] must be a non-empty set of finite numbers")
        sets[str(label)] = z
    r = None if radius is None else check_real(radius, "radius", low=0.0, low_inclusive=False)
    ax = axes_or_new(ax, (4.5, 4.5))
    markers = "os^Dv"
    for k, (label, z) in enumerate(sets.items()):
        ax.scatter(z.real, z.imag + 0.0, marker=markers[k % len(markers)], s=40,
                   color=BOOK_COLORS[k % len(BOOK_COLORS)], label=label, zorder=3)
    t = np.linspace(0, 2 * np.pi, 400)
    ax.plot(np.cos(t), np.sin(t), ":", color="0.4", lw=1, label="|λ| = 1")
    if r is not None:
        ax.add_patch(plt.Circle((0, 0), r, color=BOOK_COLORS[1], alpha=0.15,
                                label=f"|λ| ≤ {r:g}"))
    ax.axhline(0, color="0.6", lw=0.6)
    ax.axvline(0, color="0.6", lw=0.6)
    ax.set(xlim=(-1.25, 1.25), ylim=(-1.25, 1.25), aspect="equal",
           xlabel="real part", ylabel="imaginary part")
    ax.legend(loc="upper left", fontsize=8)
    return ax


# --- Try-it drawings: draw(fig, **settings), the widgets' frames -------------------

#: The default mirror of :func:`draw_bear_mirror`: the course's bear basis' first
#: column, (1, 1.5), at this angle in degrees.
BEAR_MIRROR_ANGLE = float(np.degrees(np.arctan2(1.5, 1.0)))


def draw_matrix(
    fig: Figure, *, a: float = 2.0, b: float = 1.0, c: float = 0.5, d: float = 1.5
) -> Axes:
    """Draw the map of ``[[a, b], [c, d]]``: the unit square's image, det and eigenvectors.

    The frame of the *Try it* widget of :doc:`/book/linear_algebra/special_matrices`
    and :doc:`/book/linear_algebra/eigenvalues`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    a, b, c, d : float
        The entries of the matrix, row by row.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib Figure or an entry is not a real number.
    ValueError
        If an entry is not finite.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from mmlbook.plotting.linalg import draw_matrix
    >>> fig = plt.figure()
    >>> draw_matrix(fig).get_title()
    'det = 2.5, λ = 2.5, 1'
    >>> plt.close(fig)
    """
    entries = [check_real(value, name) for name, value in zip("abcd", (a, b, c, d), strict=True)]
    return plot_eigenvectors(np.reshape(entries, (2, 2)), ax=check_figure(fig).add_subplot())


def draw_bear_mirror(fig: Figure, *, angle: float = BEAR_MIRROR_ANGLE) -> Axes:
    """Draw the bear and its reflection in the mirror line at ``angle`` degrees.

    The frame of the *Try it* widget of :doc:`/book/linear_algebra/reflecting_a_bear`;
    by default the mirror lies along the course's bear basis' first column.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    angle : float
        The mirror's angle from the x-axis, in degrees.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib Figure or ``angle`` is not a real number.
    ValueError
        If ``angle`` is not finite.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from mmlbook.plotting.linalg import draw_bear_mirror
    >>> fig = plt.figure()
    >>> draw_bear_mirror(fig, angle=0.0).get_title()
    'mirror at 0°: T = [[1, 0], [0, -1]]'
    >>> plt.close(fig)
    """
    from mmlbook.datasets import bear
    from mmlbook.linalg import reflection_matrix

    theta = np.radians(check_real(angle, "angle"))
    check_figure(fig)
    along = np.array([np.cos(theta), np.sin(theta)])
    across = np.array([-np.sin(theta), np.cos(theta)])
    T = reflection_matrix(np.column_stack([along, across]))
    ax = fig.add_subplot()
    parts = bear()
    ax.axline((0, 0), tuple(along), color="0.3", ls="--", lw=1.2, label="mirror")
    plot_shapes(parts, ax, color=BOOK_COLORS[0], label="bear")
    plot_shapes({name: T @ p for name, p in parts.items()}, ax, color=BOOK_COLORS[1],
                label="reflection")
    entries = ", ".join(
        "[" + ", ".join(f"{x + 0.0:.3g}" for x in row) + "]" for row in T.round(3)
    )
    ax.set_title(f"mirror at {float(angle):.3g}°: T = [{entries}]")
    ax.set(xlim=(-4.5, 4.5), ylim=(-4.5, 4.5))
    ax.legend(loc="lower left", fontsize=8)
    return ax


def draw_damping(fig: Figure, *, damping: float = 0.85) -> tuple[Axes, Axes]:
    """Draw how damping sets the speed of PageRank on the micro-internet.

    Left, the eigenvalues of the damped matrix in the complex plane with the disc
    :math:`|\\lambda| \\le d`; right, the 1-norm distance of each iterate of the power
    method from the final ranks, with the line :math:`|\\lambda_2|^k`. The frame of the
    *Try it* widget of :doc:`/book/linear_algebra/pagerank`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    damping : float
        The damping ``d``, ``0 < d < 1``.

    Returns
    -------
    (matplotlib.axes.Axes, matplotlib.axes.Axes)
        The spectrum and the convergence axes.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib Figure or ``damping`` is not a real number.
    ValueError
        If ``damping`` is not strictly between 0 and 1.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from mmlbook.plotting.linalg import draw_damping
    >>> fig = plt.figure()
    >>> spectrum, errors = draw_damping(fig, damping=0.5)
    >>> errors.get_title()
    'd = 0.5: |λ₂| = 0.31'
    >>> plt.close(fig)
    """
    from mmlbook.datasets import micro_internet
    from mmlbook.linalg import pagerank, pagerank_iterates

    check_figure(fig)
    L = micro_internet()
    d = check_real(damping, "damping", low=0.0, high=1.0, low_inclusive=False,
                   high_inclusive=False)
    M = d * L + (1.0 - d) / L.shape[0]
    values = np.linalg.eigvals(M)
    lam2 = float(np.sort(np.abs(values))[-2])
    steps = pagerank_iterates(L, damping=d, n_iter=40)
    final = pagerank(L, damping=d, tol=1e-15, max_iter=100_000)
    error = np.abs(steps - final).sum(axis=1)
    left, right = fig.subplots(1, 2)
    plot_spectrum({"eigenvalues of M": values}, ax=left, radius=d)
    k = np.arange(error.size)
    right.semilogy(k, np.maximum(error, 1e-17), "o", ms=3, color=BOOK_COLORS[0],
                   label=r"$\Vert \mathbf{r}_k - \mathbf{r}\Vert_1$")
    right.semilogy(k, error[0] * lam2 ** k, ":", color="0.3", label=r"$|\lambda_2|^k$")
    right.set(xlabel="step k", ylim=(1e-16, 10), title=f"d = {d:.3g}: |λ₂| = {lam2:.2f}")
    right.legend(fontsize=8)
    fig.set_size_inches(9.5, 4.2)
    return left, right


def _unit(angle: float) -> np.ndarray:
    theta = np.radians(angle)
    return np.array([np.cos(theta), np.sin(theta)])


def draw_projection(fig: Figure, *, angle: float = 15.0, length: float = 1.5) -> Axes:
    """Draw the projection of x = (2, 3) onto b, given by its angle and its length.

    The vector projection, the remainder (dashed, at a right angle to b's line) and, in
    the title, the scalar projection: turning ``b`` changes both, stretching it changes
    neither. The frame of the *Try it* widget of :doc:`/book/linear_algebra/vectors`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    angle : float
        The direction of ``b`` from the x-axis, in degrees.
    length : float
        The length of ``b``, positive.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib Figure or ``angle`` or ``length`` is not a real
        number.
    ValueError
        If ``angle`` is not finite or ``length`` is not positive.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from mmlbook.plotting.linalg import draw_projection
    >>> fig = plt.figure()
    >>> draw_projection(fig, angle=0.0, length=1.0).get_title()
    'scalar projection x·b/‖b‖ = 2, vector projection (2, 0)'
    >>> plt.close(fig)
    """
    from mmlbook.linalg import scalar_projection
    from mmlbook.pca import project_1d

    check_figure(fig)
    size = check_real(length, "length", low=0.0, low_inclusive=False)
    direction = _unit(check_real(angle, "angle"))
    b = size * direction
    x = np.array([2.0, 3.0])
    p = project_1d(x, b)
    ax = fig.add_subplot()
    # b's line through the unit direction: a tiny b is two points matplotlib 3.8 cannot tell apart.
    ax.axline((0, 0), tuple(direction), color="0.8", lw=1)
    # The remainder before the arrows, so that their labels keep clear of it.
    ax.plot(*np.column_stack([x, p]), ls="--", color="0.4")
    ax.set(xlim=(-4.5, 4.5), ylim=(-4.5, 4.5), aspect="equal")
    _draw_vectors(ax, {r"$\mathbf{x}$": x, r"$\mathbf{b}$": b, "projection": p}, np.zeros(2),
                  [BOOK_COLORS[0], BOOK_COLORS[3], BOOK_COLORS[2]], frame=False)
    shown = ", ".join(f"{value + 0.0:.3g}" for value in p.round(3))
    ax.set_title(
        f"scalar projection x·b/‖b‖ = {scalar_projection(x, b) + 0.0:.3g}, "
        f"vector projection ({shown})"
    )
    return ax


def draw_gram_schmidt(fig: Figure, *, angle: float = 60.0) -> Axes:
    """Draw one step of Gram–Schmidt in the plane: a₂ made orthogonal to a₁ = (2, 0).

    ``a2`` has length 2.5 and makes ``angle`` degrees with ``a1``. Drawn are ``a1``,
    ``a2``, the part of ``a2`` along ``q1`` (which Gram–Schmidt subtracts), the remainder,
    and the orthonormal ``q1`` and ``q2`` of :func:`mmlbook.linalg.gram_schmidt`. The title
    gives the remainder's length: as ``a2`` turns onto ``a1``'s line it shrinks to zero,
    and at 0° or 180° ``a2`` brings no new direction. The frame of the *Try it* widget of
    :doc:`/book/linear_algebra/gram_schmidt`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on.
    angle : float
        The angle from ``a1`` to ``a2``, in degrees.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib Figure or ``angle`` is not a real number.
    ValueError
        If ``angle`` is not finite.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from mmlbook.plotting.linalg import draw_gram_schmidt
    >>> fig = plt.figure()
    >>> draw_gram_schmidt(fig, angle=90.0).get_title()
    'remainder of a₂: length 2.5, so q₂ = remainder / 2.5'
    >>> plt.close(fig)
    """
    from mmlbook.linalg import gram_schmidt

    check_figure(fig)
    a1 = np.array([2.0, 0.0])
    a2 = 2.5 * _unit(check_real(angle, "angle"))
    E = gram_schmidt(np.column_stack([a1, a2]))
    along = (a2 @ E[:, 0]) * E[:, 0]
    remainder = a2 - along
    size = float(np.linalg.norm(remainder))
    ax = fig.add_subplot()
    ax.axline((0, 0), tuple(a1), color="0.85", lw=1)
    arrows = {r"$\mathbf{a}_1$": a1, r"$\mathbf{a}_2$": a2, r"$\mathbf{q}_1$": E[:, 0]}
    colors = [BOOK_COLORS[0], BOOK_COLORS[3], BOOK_COLORS[2]]
    if np.any(E[:, 1]):
        arrows[r"$\mathbf{q}_2$"] = E[:, 1]
        colors.append(BOOK_COLORS[1])
        ax.plot(*np.column_stack([along, a2]), ls="--", color="0.4", label="remainder")
        ax.set_title(f"remainder of a₂: length {size:.3g}, so q₂ = remainder / {size:.3g}")
    else:
        ax.set_title("a₂ lies on a₁'s line: no new direction, q₂ = 0")
    ax.set(xlim=(-3.0, 3.0), ylim=(-3.0, 3.0), aspect="equal")
    _draw_vectors(ax, arrows, np.zeros(2), colors, frame=False)
    return ax
