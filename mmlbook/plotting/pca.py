"""Plot helpers of the PCA chapters: image grids, matrices, covariance ellipses, k-NN regions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse

from mmlbook._validation import as_float_array, check_positive_int, check_real
from mmlbook.pca.geometry import knn_predict
from mmlbook.plotting import BOOK_COLORS

__all__ = ["plot_cov_ellipse", "plot_decision_regions", "plot_images", "plot_matrix"]


def plot_images(
    images: Any,
    ncols: int = 10,
    titles: Sequence[str] | None = None,
    image_shape: tuple[int, int] | None = None,
    size: float = 0.9,
) -> Figure:
    """Draw flattened images in a grid, white background and dark ink, without axes.

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

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn.

    Raises
    ------
    TypeError
        If ``images`` is not numeric.
    ValueError
        If the images cannot be reshaped, or there are not as many titles as images.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.plotting.pca import plot_images
    >>> fig = plot_images(np.eye(4, 16), ncols=2)
    >>> len(fig.axes)
    4
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
    if int(np.prod(image_shape)) != pixels:
        raise ValueError(
            f"image_shape {tuple(image_shape)} does not hold {pixels} pixels"
        )
    if titles is not None and len(titles) != count:
        raise ValueError(f"titles must have {count} entries, got {len(titles)}")
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
            ax.imshow(images[index].reshape(image_shape), cmap="gray_r")
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
        If ``matrix`` is not numeric.
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
    if ax is None:
        _, ax = plt.subplots(figsize=(4.6, 4.0))
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
        If an argument is not numeric.
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
        Grid points along each axis.
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
    labels = np.asarray(y_train)
    if labels.dtype.kind not in "iu" or labels.size == 0:
        raise TypeError(f"y_train must hold integer labels, got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= len(BOOK_COLORS):
        raise ValueError(
            f"y_train must hold labels from 0 to {len(BOOK_COLORS) - 1} to be coloured"
        )
    resolution = check_positive_int(resolution, "resolution")
    if ax is None:
        _, ax = plt.subplots(figsize=(5.0, 4.0))
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
    ax.set(xlabel=feature_names[0], ylabel=feature_names[1], title=f"k = {k}")
    ax.grid(False)
    return ax
