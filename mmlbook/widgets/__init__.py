"""The book's *Try it* widgets: a figure that redraws when a slider moves.

Every widget is built the same way. A plotting function ``draw(fig, **settings)`` draws
one setting on a figure, and its keyword defaults are the widget's first state;
:func:`interactive_figure` puts controls in front of it. The static page shows
``draw(fig)`` at its defaults -- exactly the widget's first frame -- and a live notebook
(Binder, JupyterLab, the browser) shows the widget. Course widgets live in
``mmlbook.widgets.linalg``, ``mmlbook.widgets.calculus`` and
``mmlbook.widgets.pca``.
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["interactive_figure"]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, numbers.Real) and isinstance(b, numbers.Real):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
    return a == b


def interactive_figure(
    draw: Callable[..., Any],
    controls: Mapping[str, Any],
    *,
    figsize: tuple[float, float] | None = None,
) -> Any:
    """A figure drawn by ``draw`` that is drawn again whenever one of ``controls`` changes.

    Parameters
    ----------
    draw : callable
        ``draw(fig, **settings)`` draws one setting on the matplotlib figure ``fig``.
        Every control must name one of its keyword parameters, and the control's starting
        value must equal that parameter's default, so that ``draw(fig)`` -- the static
        figure a page shows -- is the widget's first frame.
    controls : mapping of str to ipywidgets.ValueWidget
        The sliders, dropdowns or check boxes, by the parameter they set.
    figsize : (float, float), optional
        The figure's width and height in inches, positive; matplotlib's default
        otherwise.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure. Its attribute ``settings`` holds the settings of
        the frame drawn last, and ``frames`` counts the frames drawn.

    Raises
    ------
    TypeError
        If ``draw`` is not callable, ``controls`` is not a mapping of widgets or
        ``figsize`` is not a pair of numbers.
    ValueError
        If a control names no parameter of ``draw``, or starts away from its default, or
        ``figsize`` is not a pair of positive numbers.
    ImportError
        If ipywidgets is not installed (``pip install mmlbook[interactive]``).

    Examples
    --------
    >>> import ipywidgets as widgets
    >>> def draw(fig, slope=1.0):
    ...     fig.add_subplot().plot([0, 1], [0, slope])
    >>> widget = interactive_figure(draw, {"slope": widgets.FloatSlider(value=1.0)})
    >>> widget.children[0].children[0].value = 2.0
    >>> widget.settings, widget.frames
    ({'slope': 2.0}, 2)
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt
    from IPython import get_ipython
    from IPython.display import display

    from mmlbook.plotting._checks import check_size

    if not callable(draw):
        raise TypeError(f"draw must be callable, got {type(draw).__name__}")
    if figsize is not None:
        figsize = check_size(figsize, "figsize")
    if not isinstance(controls, Mapping) or not controls:
        raise TypeError("controls must be a non-empty mapping of parameter names to widgets")
    parameters = inspect.signature(draw).parameters
    for name, control in controls.items():
        if not isinstance(control, widgets.ValueWidget):
            raise TypeError(f"controls[{name!r}] must be an ipywidgets value widget")
        if name not in parameters or parameters[name].default is inspect.Parameter.empty:
            raise ValueError(f"controls[{name!r}] names no keyword parameter of draw")
        default = parameters[name].default
        if not _same(control.value, default):
            raise ValueError(
                f"controls[{name!r}] starts at {control.value!r} but draw's default is "
                f"{default!r}: the static figure would not be the widget's first frame"
            )

    output = widgets.Output()
    box = widgets.VBox([widgets.HBox(list(controls.values())), output])
    box.frames = 0

    def redraw(change: Any = None) -> None:
        settings = {name: control.value for name, control in controls.items()}
        fig = plt.figure(figsize=figsize)
        try:
            draw(fig, **settings)
            if get_ipython() is not None:  # outside a notebook there is nowhere to show it
                with output:
                    output.clear_output(wait=True)
                    display(fig)
        finally:
            plt.close(fig)
        box.settings = settings
        box.frames += 1

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return box
