"""The Try-it machinery: a figure redrawn from its controls, first frame = static figure."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from mmlbook.widgets import interactive_figure


def _draw(fig, slope=1.0, label="line"):
    fig.add_subplot().plot([0, 1], [0, slope], label=label)


def test_the_first_frame_uses_the_defaults_and_each_change_redraws() -> None:
    slider = widgets.FloatSlider(value=1.0, min=0.0, max=3.0)
    widget = interactive_figure(_draw, {"slope": slider})
    assert widget.settings == {"slope": 1.0} and widget.frames == 1
    slider.value = 2.5
    assert widget.settings == {"slope": 2.5} and widget.frames == 2


def test_a_control_away_from_its_default_is_refused() -> None:
    with pytest.raises(ValueError, match="the static figure would not be"):
        interactive_figure(_draw, {"slope": widgets.FloatSlider(value=2.0)})


def test_a_control_must_name_a_keyword_parameter() -> None:
    with pytest.raises(ValueError, match="names no keyword parameter of draw"):
        interactive_figure(_draw, {"intercept": widgets.FloatSlider(value=0.0)})


def test_controls_must_be_widgets() -> None:
    with pytest.raises(TypeError, match="must be an ipywidgets value widget"):
        interactive_figure(_draw, {"slope": 1.0})
    with pytest.raises(TypeError, match="draw must be callable"):
        interactive_figure(None, {"slope": widgets.FloatSlider(value=1.0)})


def test_linear_algebra_widgets_start_at_their_drawings_defaults() -> None:
    from mmlbook.plotting.linalg import BEAR_MIRROR_ANGLE
    from mmlbook.widgets.linalg import (
        bear_mirror_widget,
        damping_widget,
        gram_schmidt_widget,
        matrix_widget,
        projection_widget,
    )

    matrix = matrix_widget()
    assert matrix.settings == {"a": 2.0, "b": 1.0, "c": 0.5, "d": 1.5} and matrix.frames == 1
    matrix.children[0].children[1].value = -1.0
    assert matrix.settings["b"] == -1.0 and matrix.frames == 2
    assert bear_mirror_widget().settings == {"angle": BEAR_MIRROR_ANGLE}
    projection = projection_widget()
    assert projection.settings == {"angle": 15.0, "length": 1.5}
    projection.children[0].children[1].value = 3.0
    assert projection.settings["length"] == 3.0 and projection.frames == 2
    assert gram_schmidt_widget().settings == {"angle": 60.0}
    damping = damping_widget()
    damping.children[0].children[0].value = 0.5
    assert damping.settings == {"damping": 0.5} and damping.frames == 2
