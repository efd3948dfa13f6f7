"""*Try it* widgets of the PCA chapters.

Each widget is a figure from :mod:`mmlbook.plotting.pca` behind sliders, built with
:func:`mmlbook.widgets.interactive_figure`; its first frame is the figure the static page
shows.
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np

from mmlbook._validation import check_positive_int
from mmlbook.plotting.pca import (
    draw_knn_regions,
    draw_projection_variance,
    draw_reconstructions,
)
from mmlbook.widgets import interactive_figure

__all__ = ["knn_regions_widget", "projection_variance_widget", "reconstructions_widget"]


def knn_regions_widget(max_k: int = 60) -> Any:
    """A slider for k in front of the k-NN decision regions of two iris features.

    The figure is :func:`mmlbook.plotting.pca.draw_knn_regions`; at the slider's start
    it is that function's default figure. Used in :doc:`/book/pca/distances_angles`.

    Parameters
    ----------
    max_k : int, default 60
        The slider's largest k, at least the default k.

    Returns
    -------
    ipywidgets.VBox
        The slider above the figure.

    Raises
    ------
    TypeError
        If ``max_k`` is not an integer.
    ValueError
        If ``max_k`` is below the default k or above the 150 iris flowers.
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> from mmlbook.widgets.pca import knn_regions_widget
    >>> widget = knn_regions_widget()
    >>> widget.settings
    {'k': 5}
    """
    import ipywidgets as widgets

    start = inspect.signature(draw_knn_regions).parameters["k"].default
    max_k = check_positive_int(max_k, "max_k", maximum=150)
    if max_k < start:
        raise ValueError(f"max_k must be at least the first frame's k = {start}, got {max_k}")
    slider = widgets.IntSlider(value=start, min=1, max=max_k, description="k",
                               continuous_update=False)
    return interactive_figure(draw_knn_regions, {"k": slider}, figsize=(5.6, 4.2))


def reconstructions_widget() -> Any:
    """A slider for the number of components in front of ten images and their PCA
    reconstructions.

    The figure is :func:`mmlbook.plotting.pca.draw_reconstructions`; at the slider's
    start it is that function's default figure. The slider runs from 1 to the rank of
    the centred images. Used in :doc:`/book/pca/pca`.

    Returns
    -------
    ipywidgets.VBox
        The slider above the figure.

    Raises
    ------
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> from mmlbook.widgets.pca import reconstructions_widget
    >>> reconstructions_widget().settings
    {'n_components': 5}
    """
    import ipywidgets as widgets

    from mmlbook.datasets import load_images
    from mmlbook.pca import cov, eig

    images = load_images().X
    start = inspect.signature(draw_reconstructions).parameters["n_components"].default
    # The rank of the centred images, counted as PCA counts it: variances above rounding.
    variances = eig(cov(images))[0]
    rounding = max(images.shape) * np.finfo(float).eps * variances[0]
    rank = int(np.count_nonzero(variances > rounding))
    slider = widgets.IntSlider(value=start, min=1, max=rank, description="components",
                               continuous_update=False)
    return interactive_figure(draw_reconstructions, {"n_components": slider}, figsize=(8.0, 1.9))


def projection_variance_widget() -> Any:
    """A slider for the angle of a line in front of the points projected onto it and the
    variance they keep.

    The figure is :func:`mmlbook.plotting.pca.draw_projection_variance`; at the slider's
    start it is that function's default figure. The slider turns the line from 0° to
    180°, degree by degree. Used in :doc:`/book/pca/projections` and
    :doc:`/book/pca/mean_covariance`.

    Returns
    -------
    ipywidgets.VBox
        The slider above the figure.

    Raises
    ------
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> from mmlbook.widgets.pca import projection_variance_widget
    >>> projection_variance_widget().settings
    {'angle': 120.0}
    """
    import ipywidgets as widgets

    start = inspect.signature(draw_projection_variance).parameters["angle"].default
    slider = widgets.FloatSlider(value=start, min=0.0, max=180.0, step=1.0,
                                 description="angle (°)", continuous_update=False)
    return interactive_figure(draw_projection_variance, {"angle": slider}, figsize=(8.4, 3.6))
