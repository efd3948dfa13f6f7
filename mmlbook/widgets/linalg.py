"""The *Try it* widgets of the Linear Algebra chapters.

Each is :func:`mmlbook.widgets.interactive_figure` in front of a drawing of
:mod:`mmlbook.plotting.linalg`, whose defaults are the widget's first frame -- the
figure the static page shows.
"""

from __future__ import annotations

from typing import Any

from mmlbook.plotting.linalg import (
    BEAR_MIRROR_ANGLE,
    draw_bear_mirror,
    draw_damping,
    draw_gram_schmidt,
    draw_matrix,
    draw_projection,
)
from mmlbook.widgets import interactive_figure

__all__ = [
    "bear_mirror_widget",
    "damping_widget",
    "gram_schmidt_widget",
    "matrix_widget",
    "projection_widget",
]


def matrix_widget() -> Any:
    """Four sliders for the entries of a 2 × 2 matrix, and what the matrix does.

    The figure shows the image of the unit square, the determinant and the real
    eigenvectors (:func:`mmlbook.plotting.linalg.draw_matrix`). Used in
    :doc:`/book/linear_algebra/special_matrices` and
    :doc:`/book/linear_algebra/eigenvalues`.

    Returns
    -------
    ipywidgets.VBox
        The sliders above the figure.

    Examples
    --------
    >>> from mmlbook.widgets.linalg import matrix_widget
    >>> widget = matrix_widget()
    >>> widget.settings
    {'a': 2.0, 'b': 1.0, 'c': 0.5, 'd': 1.5}
    """
    import ipywidgets as widgets

    defaults = {"a": 2.0, "b": 1.0, "c": 0.5, "d": 1.5}
    controls = {
        name: widgets.FloatSlider(value=value, min=-3.0, max=3.0, step=0.1,
                                  description=name, continuous_update=False)
        for name, value in defaults.items()
    }
    return interactive_figure(draw_matrix, controls, figsize=(5.0, 5.0))


def bear_mirror_widget() -> Any:
    """A slider for the angle of the bear's mirror, and the bear reflected in it.

    Used in :doc:`/book/linear_algebra/reflecting_a_bear`.

    Returns
    -------
    ipywidgets.VBox
        The slider above the figure.

    Examples
    --------
    >>> from mmlbook.widgets.linalg import bear_mirror_widget
    >>> round(bear_mirror_widget().settings["angle"], 2)
    56.31
    """
    import ipywidgets as widgets

    slider = widgets.FloatSlider(value=BEAR_MIRROR_ANGLE, min=0.0, max=180.0, step=0.5,
                                 description="angle (°)", continuous_update=False)
    return interactive_figure(draw_bear_mirror, {"angle": slider}, figsize=(5.5, 5.5))


def damping_widget() -> Any:
    """A slider for PageRank's damping, and how fast the power method converges.

    Used in :doc:`/book/linear_algebra/pagerank`.

    Returns
    -------
    ipywidgets.VBox
        The slider above the figure.

    Examples
    --------
    >>> from mmlbook.widgets.linalg import damping_widget
    >>> damping_widget().settings
    {'damping': 0.85}
    """
    import ipywidgets as widgets

    slider = widgets.FloatSlider(value=0.85, min=0.05, max=0.99, step=0.01,
                                 description="damping d", continuous_update=False)
    return interactive_figure(draw_damping, {"damping": slider}, figsize=(9.5, 4.2))


def projection_widget() -> Any:
    """Sliders for the direction and length of b, and the projection of x onto it.

    Used in :doc:`/book/linear_algebra/vectors`
    (:func:`mmlbook.plotting.linalg.draw_projection`).

    Returns
    -------
    ipywidgets.VBox
        The sliders above the figure.

    Examples
    --------
    >>> from mmlbook.widgets.linalg import projection_widget
    >>> projection_widget().settings
    {'angle': 15.0, 'length': 1.5}
    """
    import ipywidgets as widgets

    controls = {
        "angle": widgets.FloatSlider(value=15.0, min=-180.0, max=180.0, step=1.0,
                                     description="angle of b (°)", continuous_update=False),
        "length": widgets.FloatSlider(value=1.5, min=0.5, max=4.0, step=0.1,
                                      description="length of b", continuous_update=False),
    }
    return interactive_figure(draw_projection, controls, figsize=(5.5, 5.5))


def gram_schmidt_widget() -> Any:
    """A slider for the angle between a₁ and a₂, and Gram–Schmidt's step on them.

    Used in :doc:`/book/linear_algebra/gram_schmidt`
    (:func:`mmlbook.plotting.linalg.draw_gram_schmidt`).

    Returns
    -------
    ipywidgets.VBox
        The slider above the figure.

    Examples
    --------
    >>> from mmlbook.widgets.linalg import gram_schmidt_widget
    >>> gram_schmidt_widget().settings
    {'angle': 60.0}
    """
    import ipywidgets as widgets

    slider = widgets.FloatSlider(value=60.0, min=0.0, max=180.0, step=1.0,
                                 description="angle (°)", continuous_update=False)
    return interactive_figure(draw_gram_schmidt, {"angle": slider}, figsize=(5.5, 5.5))
