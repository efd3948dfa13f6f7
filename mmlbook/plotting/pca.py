"""Plot helpers of the PCA chapters: image grids, matrices, covariance ellipses, k-NN regions,
products of functions, a projection in 3-D, the variance kept by a projection onto a line
and PCA reconstructions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse

from mmlbook._validation import (
    as_float_array,
    check_axes,
    check_figure,
    check_flag,
    check_int,
    check_positive_int,
    check_real,
)
from mmlbook.pca.geometry import knn_predict
from mmlbook.plotting import BOOK_COLORS
from mmlbook.plotting._checks import axes_or_new, check_label, check_labels, check_shape

__all__ = [
    "draw_knn_regions",
    "draw_projection_variance",
    "draw_reconstructions",
    "image_value_range",
    "plot_cov_ellipse",
    "plot_decision_regions",
    "plot_function_product",
    "plot_images",
    "plot_matrix",
    "plot_projection_3d",
]


def _two_names(value: Any, name: str) -> tuple[str, str]:
    """Check that ``value`` is a pair of strings (axis labels, legend names)."""
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(f"{name} must be a pair of strings, got {value!r}")
    if not all(isinstance(item, str) for item in value):
        raise TypeError(f"{name} must be a pair of strings, got {value!r}")
    return value[0], value[1]


def image_value_range(
    images: Any,
    value_range: tuple[float, float] | None = None,
    signed: bool = False,
) -> tuple[float, float]:
    """The grey scale :func:`plot_images` draws ``images`` on: the value drawn white, the
    value drawn black.

    One range serves every image of a grid, so equal grey means equal value across the
    panels. It is ``value_range`` when given; otherwise, for ``signed`` images,
    symmetric about zero, ``(-m, m)`` with ``m`` the largest magnitude (so zero is
    mid-grey); otherwise from the smaller of 0 and the smallest value to the largest
    value (so zero is white when no value is negative).

    Parameters
    ----------
    images : array_like
        The values to draw.
    value_range : (float, float), optional
        The value drawn white and the value drawn black, white first and smaller.
    signed : bool, default False
        Centre the scale on zero, for images with both signs (differences, principal
        components).

    Returns
    -------
    (float, float)
        The values drawn white and black.

    Raises
    ------
    TypeError
        If ``images`` is not numeric or ``signed`` is not a bool.
    ValueError
        If ``value_range`` is not two finite numbers in increasing order.

    Examples
    --------
    >>> from mmlbook.plotting.pca import image_value_range
    >>> image_value_range([[0.0, 3.0], [1.0, 16.0]])
    (0.0, 16.0)
    >>> image_value_range([[-0.2, 0.5]], signed=True)
    (-0.5, 0.5)
    """
    images = as_float_array(images, "images")
    signed = check_flag(signed, "signed")
    if value_range is not None:
        if not isinstance(value_range, (tuple, list, np.ndarray)) or len(value_range) != 2:
            raise ValueError("value_range must be a pair (white, black) of numbers")
        low = check_real(value_range[0], "value_range[0]")
        high = check_real(value_range[1], "value_range[1]")
        if not low < high:
            raise ValueError(
                f"value_range must be increasing (white value first), got ({low}, {high})"
            )
        return low, high
    if signed:
        # An all-zero image still needs a scale of non-zero width.
        reach = float(np.abs(images).max()) or 1.0
        return -reach, reach
    low = min(0.0, float(images.min()))
    high = float(images.max())
    return (low, high) if high > low else (low, low + 1.0)


def plot_images(
    images: Any,
    ncols: int = 10,
    titles: Sequence[str] | None = None,
    image_shape: tuple[int, int] | None = None,
    size: float = 0.9,
    *,
    value_range: tuple[float, float] | None = None,
    signed: bool = False,
) -> Figure:
    """Draw flattened images in a grid, without axes, all on one grey scale.

    Every image is drawn with the same grey scale, chosen by :func:`image_value_range`:
    by default white is 0 (or the smallest value, if negative) and black the largest
    value of all the images; with ``signed=True``, zero is mid-grey, positive values are
    darker and negative values lighter; ``value_range`` fixes the two ends explicitly
    (values beyond them are drawn as the end they pass).

    Parameters
    ----------
    images : array_like of shape (n, P)
        One flattened image per row. Square images (P a perfect square) need no
        ``image_shape``.
    ncols : int, default 10
        Images per row of the grid.
    titles : sequence of str, optional
        One title per image.
    image_shape : (int, int), optional
        The shape of one image, e.g. ``(8, 8)``.
    size : float, default 0.9
        The width of one image in inches.
    value_range : (float, float), optional
        The values drawn white and black.
    signed : bool, default False
        Centre the grey scale on zero (mid-grey), for images with both signs.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn; every image's ``get_clim()`` is the one grey scale.

    Raises
    ------
    TypeError
        If ``images`` is not numeric, ``titles`` not strings, ``image_shape`` not a pair
        of integers or ``signed`` not a bool.
    ValueError
        If the images cannot be reshaped, there are not as many titles as images, or
        ``value_range`` is not increasing.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.plotting.pca import plot_images
    >>> fig = plot_images(np.eye(4, 16), ncols=2)
    >>> len(fig.axes), fig.axes[0].images[0].get_clim()
    (4, (0.0, 1.0))
    """
    images = as_float_array(images, "images", ndim=2)
    count, pixels = images.shape
    if image_shape is None:
        side = int(round(np.sqrt(pixels)))
        if side * side != pixels:
            raise ValueError(
                f"images of {pixels} pixels are not square; pass image_shape"
            )
        image_shape = (side, side)
    image_shape = check_shape(image_shape, "image_shape")
    if image_shape[0] * image_shape[1] != pixels:
        raise ValueError(
            f"image_shape {image_shape} does not hold {pixels} pixels, the length of a row "
            "of images"
        )
    if titles is not None:
        titles = check_labels(titles, "titles", count, "image, a row of images")
    white, black = image_value_range(images, value_range, signed)
    ncols = min(check_positive_int(ncols, "ncols"), count)
    nrows = -(-count // ncols)
    size = check_real(size, "size", low=0.1, high=5.0)
    extra = 0.25 if titles is not None else 0.0
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(ncols * size, nrows * (size + extra)), squeeze=False
    )
    for index, ax in enumerate(axes.ravel()):
        ax.set_axis_off()
        if index < count:
            ax.imshow(
                images[index].reshape(image_shape), cmap="gray_r", vmin=white, vmax=black
            )
            if titles is not None:
                ax.set_title(titles[index], fontsize=8)
    fig.subplots_adjust(wspace=0.08, hspace=0.3 if titles is not None else 0.08)
    return fig


def plot_matrix(
    matrix: Any,
    ax: Axes | None = None,
    diverging: bool = False,
    label: str | None = None,
) -> Axes:
    """Draw a matrix as an image with a colour bar (a covariance or a distance matrix).

    Parameters
    ----------
    matrix : array_like of shape (m, n)
        The matrix.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.
    diverging : bool, default False
        Use a red--blue scale centred at zero, for matrices with both signs.
    label : str, optional
        The colour bar's label.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If ``matrix`` is not numeric, ``ax`` not an Axes, ``diverging`` not a bool or
        ``label`` not a string.
    ValueError
        If ``matrix`` is not a 2-D array of finite numbers.

    Examples
    --------
    >>> from mmlbook.plotting.pca import plot_matrix
    >>> ax = plot_matrix([[1.0, -0.5], [-0.5, 1.0]], diverging=True)
    >>> ax.images[0].get_clim()
    (-1.0, 1.0)
    """
    matrix = as_float_array(matrix, "matrix", ndim=2)
    diverging = check_flag(diverging, "diverging")
    label = check_label(label, "label")
    ax = axes_or_new(ax, (4.6, 4.0))
    if diverging:
        reach = max(float(np.abs(matrix).max()), np.finfo(float).tiny)
        image = ax.imshow(matrix, cmap="RdBu_r", vmin=-reach, vmax=reach)
    else:
        image = ax.imshow(matrix, cmap="viridis")
    ax.grid(False)
    ax.figure.colorbar(image, ax=ax, label=label, shrink=0.85)
    return ax


def plot_cov_ellipse(
    mean: Any, S: Any, ax: Axes, n_std: float = 2.0, **style: Any
) -> Ellipse:
    r"""Draw the covariance ellipse :math:`(\mathbf{x}-\boldsymbol\mu)^\top S^{-1}
    (\mathbf{x}-\boldsymbol\mu) = n^2`.

    Its axes point along the eigenvectors of the 2 × 2 covariance ``S``, with half-lengths
    ``n_std`` times the square roots of the eigenvalues (the standard deviations).

    Parameters
    ----------
    mean : array_like of shape (2,)
        The centre.
    S : array_like of shape (2, 2)
        A symmetric positive semi-definite covariance matrix.
    ax : matplotlib.axes.Axes
        Where to draw.
    n_std : float, default 2.0
        How many standard deviations the ellipse reaches.
    **style
        Passed on to :class:`matplotlib.patches.Ellipse` (colour, line style, label...).

    Returns
    -------
    matplotlib.patches.Ellipse
        The ellipse added to ``ax``.

    Raises
    ------
    TypeError
        If an argument is not numeric or ``ax`` is not an Axes.
    ValueError
        If the shapes are wrong or ``S`` is not symmetric positive semi-definite.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from mmlbook.plotting.pca import plot_cov_ellipse
    >>> _, ax = plt.subplots()
    >>> e = plot_cov_ellipse([0.0, 0.0], [[4.0, 0.0], [0.0, 1.0]], ax, n_std=1.0)
    >>> round(e.width, 6), round(e.height, 6)
    (4.0, 2.0)
    """
    mu = as_float_array(mean, "mean", ndim=1)
    S = as_float_array(S, "S", ndim=2)
    if mu.shape != (2,) or S.shape != (2, 2):
        raise ValueError(
            f"mean must have shape (2,) and S shape (2, 2), got {mu.shape} and {S.shape}"
        )
    if not np.allclose(S, S.T):
        raise ValueError("S must be symmetric")
    n_std = check_real(n_std, "n_std", low=0.0, low_inclusive=False)
    check_axes(ax)
    values, vectors = np.linalg.eigh(S)
    if values[0] < -1e-12 * max(abs(values[1]), 1.0):
        raise ValueError("S must be positive semi-definite, as a covariance matrix is")
    values = np.maximum(values, 0.0)
    major = vectors[:, 1]
    ellipse = Ellipse(
        xy=tuple(mu),
        width=float(2 * n_std * np.sqrt(values[1])),
        height=float(2 * n_std * np.sqrt(values[0])),
        angle=float(np.degrees(np.arctan2(major[1], major[0]))),
        **{"fill": False, "lw": 2, **style},
    )
    ax.add_patch(ellipse)
    return ellipse


def plot_decision_regions(
    X_train: Any,
    y_train: Any,
    k: int,
    ax: Axes | None = None,
    resolution: int = 200,
    feature_names: Sequence[str] = ("$x_1$", "$x_2$"),
) -> Axes:
    """Colour the plane by the class :func:`mmlbook.pca.knn_predict` gives each point.

    Parameters
    ----------
    X_train : array_like of shape (N, 2)
        Training points with two features.
    y_train : array_like of shape (N,)
        Their integer labels, 0 to at most 7.
    k : int
        How many neighbours vote.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.
    resolution : int, default 200
        Grid points along each axis, at most 2000.
    feature_names : (str, str)
        Axis labels.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``X_train`` does not have two columns, or a label is outside 0 to 7.

    Examples
    --------
    >>> from mmlbook.plotting.pca import plot_decision_regions
    >>> ax = plot_decision_regions([[0, 0], [1, 1], [0, 1]], [0, 1, 1], k=1, resolution=20)
    >>> len(ax.collections) > 0
    True
    """
    X_train = as_float_array(X_train, "X_train", ndim=2)
    if X_train.shape[1] != 2:
        raise ValueError(f"X_train must have 2 columns, got shape {X_train.shape}")
    try:
        labels = np.asarray(y_train)
    except ValueError:  # a ragged list
        raise ValueError("y_train must be a 1-D array of integer labels") from None
    if labels.dtype.kind not in "iu" or labels.size == 0:
        raise TypeError(f"y_train must hold integer labels, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= len(BOOK_COLORS):
        raise ValueError(
            f"y_train must hold labels from 0 to {len(BOOK_COLORS) - 1} to be coloured"
        )
    resolution = check_positive_int(resolution, "resolution", maximum=2000)
    names = _two_names(feature_names, "feature_names")
    k = check_positive_int(k, "k", maximum=X_train.shape[0])
    ax = axes_or_new(ax, (5.0, 4.0))
    low, high = X_train.min(axis=0), X_train.max(axis=0)
    margin = 0.08 * np.maximum(high - low, 1e-9)
    grid_x, grid_y = np.meshgrid(
        np.linspace(low[0] - margin[0], high[0] + margin[0], resolution),
        np.linspace(low[1] - margin[1], high[1] + margin[1], resolution),
    )
    grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    regions = knn_predict(X_train, labels, grid, k).reshape(grid_x.shape)
    n_colors = int(labels.max()) + 1
    cmap = ListedColormap(BOOK_COLORS[:n_colors])
    ax.pcolormesh(
        grid_x, grid_y, regions, cmap=cmap, vmin=-0.5, vmax=n_colors - 0.5,
        alpha=0.25, shading="auto",
    )
    ax.scatter(
        X_train[:, 0], X_train[:, 1], c=labels, cmap=cmap, vmin=-0.5,
        vmax=n_colors - 0.5, edgecolors="k", linewidths=0.5, s=22,
    )
    ax.set(xlabel=names[0], ylabel=names[1], title=f"k = {k}")
    ax.grid(False)
    return ax


def draw_knn_regions(
    fig: Figure,
    k: int = 5,
    *,
    X_train: Any = None,
    y_train: Any = None,
    feature_names: Sequence[str] | None = None,
    resolution: int = 150,
) -> Axes:
    """Draw the k-NN decision regions of a training set: the *Try it* figure.

    With no data given, the training set is the 150 iris flowers of
    :func:`mmlbook.datasets.load_iris` in their two sepal measurements.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on (one new axes is added).
    k : int, default 5
        How many neighbours vote.
    X_train : array_like of shape (N, 2), optional
        Training points with two features; iris by default.
    y_train : array_like of shape (N,), optional
        Their integer labels 0 to 7; given exactly when ``X_train`` is.
    feature_names : (str, str), optional
        Axis labels; the iris feature names by default.
    resolution : int, default 150
        Grid points along each axis, at most 2000.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If only one of ``X_train`` and ``y_train`` is given, or as
        :func:`plot_decision_regions` raises.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from mmlbook.plotting.pca import draw_knn_regions
    >>> ax = draw_knn_regions(plt.figure(), k=3, resolution=30)
    >>> ax.get_title()
    'k = 3'
    """
    check_figure(fig)
    if (X_train is None) != (y_train is None):
        raise ValueError("X_train and y_train must be given together, or neither")
    if X_train is None:
        from mmlbook.datasets import IRIS_FEATURES, load_iris

        iris, y_train = load_iris()
        X_train = iris[:, :2]
        if feature_names is None:
            feature_names = tuple(f"{name} (cm)" for name in IRIS_FEATURES[:2])
    ax = fig.add_subplot()
    return plot_decision_regions(
        X_train, y_train, k, ax=ax, resolution=resolution,
        feature_names=feature_names if feature_names is not None else ("$x_1$", "$x_2$"),
    )


def plot_function_product(
    f: Any,
    g: Any,
    interval: tuple[float, float],
    ax: Axes | None = None,
    names: tuple[str, str] = ("f", "g"),
    samples: int = 400,
) -> Axes:
    r"""Draw two functions and their product, with the area under the product shaded.

    The signed area under :math:`f(t)g(t)` over the interval is the inner product
    :math:`\langle f, g\rangle = \int_a^b f(t)g(t)\,dt`: the part above the axis is
    shaded in the book's first colour, the part below in its second.

    Parameters
    ----------
    f, g : callable
        Functions of a real variable that accept and return numpy arrays.
    interval : (float, float)
        The interval :math:`[a, b]`, ``a < b``.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure's axes by default.
    names : (str, str), default ("f", "g")
        The functions' names in the legend (TeX allowed).
    samples : int, default 400
        Points at which the curves are drawn, 2 to 100,000.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: four lines (f, g, the product, the zero line) and two shaded
        areas.

    Raises
    ------
    TypeError
        If ``f`` or ``g`` is not callable, or another argument has the wrong type.
    ValueError
        If the interval is not increasing, ``samples`` is out of range, or a function
        gives non-finite values.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.plotting.pca import plot_function_product
    >>> ax = plot_function_product(np.sin, np.cos, (-np.pi, np.pi))
    >>> len(ax.lines), len(ax.collections)
    (4, 2)
    """
    if not callable(f) or not callable(g):
        raise TypeError("f and g must be callable")
    if not isinstance(interval, (tuple, list, np.ndarray)) or len(interval) != 2:
        raise TypeError("interval must be a pair (a, b) of numbers")
    low = check_real(interval[0], "interval[0]")
    high = check_real(interval[1], "interval[1]")
    if not low < high:
        raise ValueError(f"interval must be increasing, got ({low}, {high})")
    samples = check_int(samples, "samples", low=2, high=100_000)
    name_f, name_g = _two_names(names, "names")
    t = np.linspace(low, high, samples)
    with np.errstate(all="ignore"):  # a NaN is reported below, in plain words
        values_f = np.broadcast_to(np.asarray(f(t), dtype=float), t.shape)
        values_g = np.broadcast_to(np.asarray(g(t), dtype=float), t.shape)
    if not (np.all(np.isfinite(values_f)) and np.all(np.isfinite(values_g))):
        raise ValueError("f and g must be finite on the interval")
    product = values_f * values_g
    ax = axes_or_new(ax, (6.4, 3.4))
    ax.plot(t, values_f, color=BOOK_COLORS[2], lw=1.5, label=f"${name_f}$")
    ax.plot(t, values_g, color=BOOK_COLORS[4], lw=1.5, label=f"${name_g}$")
    ax.plot(t, product, color="k", lw=1.2, label=f"${name_f}\\,{name_g}$")
    ax.fill_between(t, product, 0.0, where=product >= 0, color=BOOK_COLORS[0], alpha=0.3,
                    interpolate=True, lw=0)
    ax.fill_between(t, product, 0.0, where=product <= 0, color=BOOK_COLORS[1], alpha=0.3,
                    interpolate=True, lw=0)
    ax.axhline(0.0, color="0.5", lw=0.8)
    ax.set(xlim=(low, high), xlabel="$t$")
    ax.legend(loc="best", fontsize=8)
    return ax


def plot_projection_3d(B: Any, x: Any, ax: Axes | None = None) -> Axes:
    """Draw the orthogonal projection of a point of 3-D space onto a plane.

    The plane through the origin spanned by the two columns of ``B`` is drawn as a
    translucent parallelogram, with its basis vectors, the point ``x``, its projection
    (computed by :func:`mmlbook.pca.project`) and the error from one to the other,
    dashed, which meets the plane at a right angle.

    Parameters
    ----------
    B : array_like of shape (3, 2)
        A basis of the plane, one vector per column.
    x : array_like of shape (3,)
        The point to project.
    ax : matplotlib.axes.Axes, optional
        A 3-D axes to draw on; a new figure's by default.

    Returns
    -------
    matplotlib.axes.Axes
        The 3-D axes drawn on. Its attribute ``projection_point`` holds the projection
        drawn.

    Raises
    ------
    TypeError
        If ``B`` or ``x`` is not numeric, or ``ax`` is not a 3-D Axes.
    ValueError
        If ``B`` is not 3 × 2 with independent columns, ``x`` is not a 3-vector, or an
        entry is too large to draw (above 1e150).

    Examples
    --------
    >>> from mmlbook.plotting.pca import plot_projection_3d
    >>> ax = plot_projection_3d([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [1.0, 2.0, 3.0])
    >>> ax.projection_point + 0.0
    array([1., 2., 0.])
    """
    from mmlbook.pca.projections import project

    B = as_float_array(B, "B", ndim=2)
    x = as_float_array(x, "x", ndim=1)
    if B.shape != (3, 2) or x.shape != (3,):
        raise ValueError(
            f"B must have shape (3, 2) and x shape (3,), got {B.shape} and {x.shape}"
        )
    for name, value in (("B", B), ("x", x)):
        if np.abs(value).max() > 1e150:
            raise ValueError(f"{name} must have entries below 1e150 in size to be drawn")
    p = project(x, B)
    if ax is None:
        fig = plt.figure(figsize=(5.6, 4.6))
        ax = fig.add_subplot(projection="3d")
    if getattr(check_axes(ax), "name", "") != "3d":
        raise TypeError("ax must be a 3-D Axes, made with add_subplot(projection='3d')")
    # The patch reaches past the projection and the basis vectors along both directions.
    coefficients = np.linalg.lstsq(B, p, rcond=None)[0]
    reach = [
        (min(-0.4, coefficients[i] - 0.5), max(1.4, coefficients[i] + 0.5)) for i in range(2)
    ]
    s, t = np.meshgrid(np.linspace(*reach[0], 2), np.linspace(*reach[1], 2))
    plane = B[:, 0, None, None] * s + B[:, 1, None, None] * t
    ax.plot_surface(*plane, color=BOOK_COLORS[5], alpha=0.25, linewidth=0, shade=False)
    origin = np.zeros(3)
    arrows = [
        (B[:, 0], BOOK_COLORS[0], r"$\mathbf{b}_1$"),
        (B[:, 1], BOOK_COLORS[0], r"$\mathbf{b}_2$"),
        (x, BOOK_COLORS[3], r"$\mathbf{x}$"),
        (p, BOOK_COLORS[2], r"$\pi_U(\mathbf{x})$"),
    ]
    for vector, colour, name in arrows:
        ax.quiver(*origin, *vector, color=colour, lw=2, arrow_length_ratio=0.08)
        ax.text(*(vector * 1.06), name, color=colour, fontsize=11)
    ax.plot(*np.column_stack([x, p]), "k--", lw=1.2)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", zlabel="$x_3$")
    # One unit is as long on every axis (limits from the data, box aspect equal to their
    # ranges), so that the right angle between x - π(x) and the plane looks like one.
    drawn = np.vstack([plane.reshape(3, -1).T, origin, x, p, B.T])
    low, high = drawn.min(axis=0), drawn.max(axis=0)
    ranges = np.maximum(high - low, 1e-9 * max(1.0, float(np.abs(drawn).max())))
    ax.set(xlim=(low[0], low[0] + ranges[0]), ylim=(low[1], low[1] + ranges[1]),
           zlim=(low[2], low[2] + ranges[2]))
    ax.set_box_aspect(ranges)
    ax.projection_point = p
    return ax


def draw_reconstructions(fig: Figure, n_components: int = 5) -> list[Axes]:
    """Draw ten images and their PCA reconstructions: the *Try it* figure of PCA.

    The images are those of :func:`mmlbook.datasets.load_images` (the bundled digits, or
    MNIST if ``MMLBOOK_MNIST`` is set), the first image of each digit 0 to 9. The top row
    shows them, the bottom row their reconstructions from ``n_components`` principal
    components of all the images, every panel on the data set's one grey scale (white
    blank paper, black full ink).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on (twenty new axes are added).
    n_components : int, default 5
        How many components to keep, from 1 to the rank of the centred images.

    Returns
    -------
    list of matplotlib.axes.Axes
        The twenty axes, the originals first.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure or ``n_components`` is not an integer.
    ValueError
        If ``n_components`` is below 1 or above the rank of the centred images.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from mmlbook.plotting.pca import draw_reconstructions
    >>> axes = draw_reconstructions(plt.figure(), n_components=3)
    >>> len(axes), axes[10].get_title(loc="left")
    (20, 'M = 3')
    """
    from mmlbook.datasets import load_images
    from mmlbook.pca.pca import PCA

    check_figure(fig)
    data = load_images()
    model = PCA(n_components).fit(data.X)
    chosen = np.array([np.flatnonzero(data.y == digit)[0] for digit in range(10)])
    rebuilt = model.inverse_transform(model.transform(data.X[chosen]))
    white, black = data.grey_range
    axes = list(fig.subplots(2, 10).ravel())
    for ax, image in zip(axes, np.vstack([data.X[chosen], rebuilt]), strict=True):
        ax.imshow(image.reshape(data.image_shape), cmap="gray_r", vmin=white, vmax=black)
        ax.set_axis_off()
    axes[0].set_title("images", fontsize=8, loc="left")
    axes[10].set_title(f"M = {model.n_components_}", fontsize=8, loc="left")
    fig.subplots_adjust(wspace=0.08, hspace=0.25)
    return axes


def draw_projection_variance(
    fig: Figure,
    angle: float = 120.0,
    *,
    X: Any = None,
    feature_names: Sequence[str] | None = None,
) -> list[Axes]:
    r"""Draw points projected onto a line through their mean, and the variance the
    projections keep against the line's angle: the *Try it* figure of the projections and
    the covariance chapters.

    With no points given, they are the 150 iris flowers of
    :func:`mmlbook.datasets.load_iris` in sepal length and petal width. The left panel
    shows the points, the line through their mean at ``angle`` degrees from the first
    axis, and each point's orthogonal projection onto it, joined to the point by a
    segment (axes to the same scale, so that the segments meet the line at right
    angles). The right panel shows the variance of the projections, :math:`\mathbf{u}^\top
    S\mathbf{u}` for the unit vector :math:`\mathbf{u}` at each angle from 0° to 180°,
    with a dot at ``angle`` (taken modulo 180°) and a dashed line at the angle of the top
    eigenvector of :math:`S`, where the curve peaks at the largest eigenvalue.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to draw on (two new axes are added).
    angle : float, default 120.0
        The line's angle from the first axis, in degrees.
    X : array_like of shape (N, 2), optional
        The points, one per row, at least two of them; the iris flowers by default.
    feature_names : (str, str), optional
        Axis labels; the iris feature names by default.

    Returns
    -------
    list of matplotlib.axes.Axes
        The two axes: the points, then the variance.

    Raises
    ------
    TypeError
        If ``fig`` is not a Figure, or another argument has the wrong type.
    ValueError
        If ``angle`` is not finite, or ``X`` is not an array of finite numbers with two
        columns and at least two rows, spread about their mean by between 1e-100 and
        1e100 (the root of the total variance).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from mmlbook.plotting.pca import draw_projection_variance
    >>> points, curve = draw_projection_variance(plt.figure(), angle=45.0)
    >>> points.get_title()
    'the line at 45°'
    """
    from mmlbook.pca.pca import eig
    from mmlbook.pca.projections import project_1d
    from mmlbook.pca.statistics import affine_covariance, cov, mean

    check_figure(fig)
    angle = check_real(angle, "angle")
    if X is None:
        from mmlbook.datasets import IRIS_FEATURES, load_iris

        X = load_iris()[0][:, [0, 3]]
        if feature_names is None:
            feature_names = tuple(f"{IRIS_FEATURES[i]} (cm)" for i in (0, 3))
    X = as_float_array(X, "X", ndim=2)
    if X.shape[1] != 2 or X.shape[0] < 2:
        raise ValueError(f"X must have two columns and at least two rows, got shape {X.shape}")
    names = _two_names(feature_names if feature_names is not None else ("$x_1$", "$x_2$"),
                       "feature_names")
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        mu, S = mean(X), cov(X)
    # The root of the total variance: how far the points spread about their mean.
    spread = math.sqrt(float(np.trace(S))) if np.all(np.isfinite(S)) else math.inf
    if not 1e-100 <= spread <= 1e100:
        raise ValueError(
            f"X must spread about its mean by between 1e-100 and 1e100 (the root of its "
            f"total variance) to be drawn, got {spread:.3g}: give points that are not all "
            f"equal, or rescale them"
        )
    radians = np.deg2rad(angle)
    u = np.array([np.cos(radians), np.sin(radians)])
    projected = mu + project_1d(X - mu, u)
    # The variance of the projections at every angle: each row of A is one unit vector,
    # and x -> Ax maps the data to their coordinates along all of them at once.
    angles = np.linspace(0.0, 180.0, 361)
    A = np.column_stack([np.cos(np.deg2rad(angles)), np.sin(np.deg2rad(angles))])
    variances = np.diag(affine_covariance(S, A, np.zeros(angles.size)))
    kept = float(affine_covariance(S, u[None, :], [0.0])[0, 0])
    top = eig(S)[1][:, 0]
    top_angle = float(np.rad2deg(np.arctan2(top[1], top[0])) % 180.0)

    points, curve = fig.subplots(1, 2, width_ratios=(1.0, 1.2))
    points.scatter(*X.T, s=10, color="0.6", gid="points", zorder=2)
    reach = float(np.abs(X - mu).max()) * 1.5
    points.plot(*(mu[:, None] + np.outer(u, [-reach, reach])), color=BOOK_COLORS[0],
                lw=1.2, gid="line", zorder=1)
    points.add_collection(LineCollection(np.stack([X, projected], axis=1), colors="0.75",
                                         linewidths=0.5, gid="segments", zorder=1))
    points.scatter(*projected.T, s=8, color=BOOK_COLORS[0], gid="projections", zorder=3)
    points.set_aspect("equal", adjustable="box")
    span = X.max(axis=0) - X.min(axis=0)
    low, high = X.min(axis=0) - 0.15 * span.max(), X.max(axis=0) + 0.15 * span.max()
    points.set(xlim=(low[0], high[0]), ylim=(low[1], high[1]), xlabel=names[0],
               ylabel=names[1], title=f"the line at {angle:g}°")

    curve.plot(angles, variances, color=BOOK_COLORS[0], gid="variance")
    curve.axvline(top_angle, color=BOOK_COLORS[1], ls="--", lw=1.0, gid="top eigenvector",
                  label="top eigenvector")
    curve.plot([angle % 180.0], [kept], "o", color=BOOK_COLORS[0], gid="current")
    curve.set(xlim=(0.0, 180.0), ylim=(0.0, 1.08 * float(variances.max())),
              xticks=np.arange(0, 181, 45), xlabel="angle of the line (degrees)",
              ylabel="variance of the projections",
              title=f"{kept / np.trace(S):.0%} of the total variance")
    curve.legend(loc="lower right", fontsize=8)
    fig.subplots_adjust(wspace=0.35, bottom=0.16)
    return [points, curve]
