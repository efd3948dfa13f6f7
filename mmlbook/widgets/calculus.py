"""The *Try it* widgets of the Multivariate Calculus chapters.

Each widget puts sliders in front of a plotting function of
:mod:`mmlbook.plotting.calculus`; the chapter shows that function's default figure.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook.plotting.calculus import (
    FIT_TRY_IT_STARTS,
    LINE_GUESS,
    draw_fit_start,
    draw_lagrange_level,
    draw_line_fit,
    draw_momentum,
    draw_secant,
    draw_taylor_order,
    draw_training,
)
from mmlbook.widgets import interactive_figure

__all__ = [
    "fit_start_widget",
    "lagrange_level_widget",
    "line_fit_widget",
    "momentum_widget",
    "secant_widget",
    "taylor_order_widget",
    "training_widget",
]


def line_fit_widget() -> Any:
    """Slope and intercept of a line through the spring data: watch χ² and the residuals.

    Sliders for the slope ``m`` (1.5 to 3.5 cm/N) and the intercept ``c`` (9 to 15 cm),
    starting from the guess :data:`~mmlbook.plotting.calculus.LINE_GUESS`, in front of
    :func:`~mmlbook.plotting.calculus.draw_line_fit`. Derived in
    :doc:`/book/calculus/linear_regression`.

    Returns
    -------
    ipywidgets.VBox
        The sliders above the figure.

    Raises
    ------
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> widget = line_fit_widget()
    >>> widget.settings
    {'slope': 2.0, 'intercept': 14.0}
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import ipywidgets as widgets

    style = {"description_width": "initial"}
    controls = {
        "slope": widgets.FloatSlider(
            value=LINE_GUESS[0], min=1.5, max=3.5, step=0.02, description="slope m (cm/N)",
            style=style, continuous_update=False,
        ),
        "intercept": widgets.FloatSlider(
            value=LINE_GUESS[1], min=9.0, max=15.0, step=0.05,
            description="intercept c (cm)", style=style, continuous_update=False,
        ),
    }
    return interactive_figure(draw_line_fit, controls, figsize=(6.4, 5.0))


def momentum_widget() -> Any:
    """Learning rate and momentum of gradient descent on an ill-conditioned valley.

    Sliders for ``γ`` (0.005 to 0.12; beyond 0.1 plain descent diverges) and ``β``
    (0 to 0.95) in front of :func:`~mmlbook.plotting.calculus.draw_momentum`. Derived in
    :doc:`/book/calculus/gradient_descent`.

    Returns
    -------
    ipywidgets.VBox
        The sliders above the figure.

    Raises
    ------
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> widget = momentum_widget()
    >>> widget.settings
    {'learning_rate': 0.09, 'momentum': 0.0}
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import ipywidgets as widgets

    style = {"description_width": "initial"}
    controls = {
        "learning_rate": widgets.FloatSlider(
            value=0.09, min=0.005, max=0.12, step=0.005, readout_format=".3f",
            description="learning rate γ", style=style, continuous_update=False,
        ),
        "momentum": widgets.FloatSlider(
            value=0.0, min=0.0, max=0.95, step=0.05, description="momentum β", style=style,
            continuous_update=False,
        ),
    }
    return interactive_figure(draw_momentum, controls, figsize=(9.0, 3.6))


def secant_widget() -> Any:
    """A secant of ``x³ − 2x`` from ``x = 1`` that turns into the tangent as ``h`` shrinks.

    A logarithmic slider for the step ``h`` (10⁻³ to 2) in front of
    :func:`~mmlbook.plotting.calculus.draw_secant`. Derived in
    :doc:`/book/calculus/derivatives`.

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
    >>> widget = secant_widget()
    >>> widget.settings
    {'step': 1.0}
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import ipywidgets as widgets

    controls = {
        "step": widgets.FloatLogSlider(
            value=1.0, base=10, min=-3, max=np.log10(2.0), step=0.05, description="step h",
            readout_format=".3g", continuous_update=False,
        ),
    }
    return interactive_figure(draw_secant, controls, figsize=(9.0, 3.6))


def taylor_order_widget() -> Any:
    """The Taylor order: one polynomial of an example function, and its error.

    A dropdown of the four functions of ``mmlbook.calculus.TAYLOR_EXAMPLES`` and a
    slider for the order ``n`` (0 to 40) in front of
    :func:`~mmlbook.plotting.calculus.draw_taylor_order`. Derived in
    :doc:`/book/calculus/taylor`.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure.

    Raises
    ------
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> widget = taylor_order_widget()
    >>> widget.settings
    {'function': 'cos', 'order': 4}
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import ipywidgets as widgets

    from mmlbook.calculus.taylor import TAYLOR_EXAMPLES

    style = {"description_width": "initial"}
    controls = {
        "function": widgets.Dropdown(
            options=list(TAYLOR_EXAMPLES), value="cos", description="function", style=style
        ),
        "order": widgets.IntSlider(
            value=4, min=0, max=40, step=1, description="order n", style=style,
            continuous_update=False,
        ),
    }
    return interactive_figure(draw_taylor_order, controls, figsize=(10.0, 3.8))


def lagrange_level_widget() -> Any:
    """The constraint's level ``c`` of ``x²y`` on the circle ``x² + y² = c``.

    A slider for ``c`` (0.25 to 4) in front of
    :func:`~mmlbook.plotting.calculus.draw_lagrange_level`: the stationary points move
    with the circle, and the multiplier is the slope of the best value. Derived in
    :doc:`/book/calculus/lagrange`.

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
    >>> widget = lagrange_level_widget()
    >>> widget.settings
    {'level': 1.0}
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import ipywidgets as widgets

    controls = {
        "level": widgets.FloatSlider(
            value=1.0, min=0.25, max=4.0, step=0.25, description="level c",
            continuous_update=False,
        ),
    }
    return interactive_figure(draw_lagrange_level, controls, figsize=(10.0, 4.6))


def fit_start_widget() -> Any:
    """The starting point of the fit of the heights: the paths of three methods on χ².

    Sliders for ``μ₀`` (150 to 200 cm) and ``σ₀`` (3 to 25 cm) in front of
    :func:`~mmlbook.plotting.calculus.draw_fit_start`: steepest descent, Gauss–Newton and
    Levenberg–Marquardt from that start. Derived in :doc:`/book/calculus/fitting_heights`.

    Returns
    -------
    ipywidgets.VBox
        The sliders above the figure.

    Raises
    ------
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> widget = fit_start_widget()
    >>> widget.settings
    {'mu0': 155.0, 'sigma0': 6.0}
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import ipywidgets as widgets

    (mu_lo, mu_hi), (sigma_lo, sigma_hi) = FIT_TRY_IT_STARTS
    style = {"description_width": "initial"}
    controls = {
        "mu0": widgets.FloatSlider(
            value=155.0, min=mu_lo, max=mu_hi, step=1.0, description="start μ₀ (cm)",
            style=style, continuous_update=False,
        ),
        "sigma0": widgets.FloatSlider(
            value=6.0, min=sigma_lo, max=sigma_hi, step=0.5, description="start σ₀ (cm)",
            style=style, continuous_update=False,
        ),
    }
    return interactive_figure(draw_fit_start, controls, figsize=(10.5, 4.4))


def training_widget() -> Any:
    """Learning rate and momentum of training the heart network: its cost and its drawing.

    A logarithmic slider for ``η`` (0.1 to 100) and a slider for ``β`` (0 to 0.95) in
    front of :func:`~mmlbook.plotting.calculus.draw_training`, which trains the network
    afresh at each setting (about a second). Derived in
    :doc:`/book/calculus/backpropagation`.

    Returns
    -------
    ipywidgets.VBox
        The sliders above the figure.

    Raises
    ------
    ImportError
        If ipywidgets is not installed.

    Examples
    --------
    >>> widget = training_widget()
    >>> widget.settings
    {'learning_rate': 2.0, 'momentum': 0.9}
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import ipywidgets as widgets

    style = {"description_width": "initial"}
    controls = {
        "learning_rate": widgets.FloatLogSlider(
            value=2.0, base=10, min=-1, max=2, step=0.05, description="learning rate η",
            readout_format=".3g", style=style, continuous_update=False,
        ),
        "momentum": widgets.FloatSlider(
            value=0.9, min=0.0, max=0.95, step=0.05, description="momentum β", style=style,
            continuous_update=False,
        ),
    }
    return interactive_figure(draw_training, controls, figsize=(10.0, 4.2))
