"""The figures of the Taylor chapter: what their captions say the helpers draw."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import math  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from mmlbook.calculus import (  # noqa: E402
    derivative_bound,
    derivatives_at,
    linear_model,
    quadratic_model,
    taylor_error_bound,
    taylor_polynomial,
)
from mmlbook.plotting import calculus as cplot  # noqa: E402
from mmlbook.widgets.calculus import taylor_order_widget  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _luminance(colour) -> float:
    r, g, b = to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _span(band) -> tuple[float, float]:
    """The x range of an ``axvspan`` band (a Rectangle from matplotlib 3.9, a Polygon in 3.8)."""
    corners = band.get_patch_transform().transform(band.get_path().vertices)
    return (float(corners[:, 0].min()), float(corners[:, 0].max()))


def _line(ax, label):
    return next(line for line in ax.lines if line.get_label() == label)


def test_the_series_figure_draws_the_function_black_and_each_order_darker():
    ax = cplot.plot_taylor_series("exp", orders=(0, 1, 3, 6), window=(-2.0, 2.0))
    curve = _line(ax, "$e^x$")
    assert to_rgb(curve.get_color()) == (0.0, 0.0, 0.0)
    x = curve.get_xdata()
    assert np.allclose(curve.get_ydata(), np.exp(x))
    lums = []
    for n in (0, 1, 3, 6):
        line = _line(ax, f"order {n}")
        expected = taylor_polynomial(derivatives_at("exp", 0.0, n), 0.0, line.get_xdata())
        assert np.allclose(line.get_ydata(), expected)
        assert line.get_linewidth() < curve.get_linewidth()
        lums.append(_luminance(line.get_color()))
    assert lums == sorted(lums, reverse=True), "higher orders must be darker"
    dot = [line for line in ax.lines if line.get_marker() == "o"]
    assert len(dot) == 1 and dot[0].get_xdata()[0] == 0.0 and dot[0].get_ydata()[0] == 1.0


def test_the_band_of_convergence_is_shaded_only_when_the_radius_is_finite():
    ax = cplot.plot_taylor_series("log1p", orders=(2,), window=(-1.0, 2.0))
    (band,) = [patch for patch in ax.patches if patch.get_gid() == "convergence"]
    assert _span(band) == (-1.0, 1.0)
    ax = cplot.plot_taylor_series("reciprocal", a=1.0, orders=(2,), window=(0.5, 3.0))
    (band,) = [patch for patch in ax.patches if patch.get_gid() == "convergence"]
    assert _span(band) == (0.5, 2.0)
    ax = cplot.plot_taylor_series("cos", orders=(2,))
    assert not [patch for patch in ax.patches if patch.get_gid() == "convergence"]


def test_the_error_figure_draws_the_error_solid_and_lagranges_bound_dashed():
    ax = cplot.plot_taylor_errors("log1p", [0.5, 1.5], max_order=8)
    for x in (0.5, 1.5):
        error, bound = _line(ax, f"x = {x:g}"), _line(ax, f"bound, x = {x:g}")
        assert error.get_linestyle() == "-" and bound.get_linestyle() == "--"
        assert error.get_color() == bound.get_color()
        n = np.arange(9)
        d = derivatives_at("log1p", 0.0, 8)
        expected = [abs(math.log1p(x) - taylor_polynomial(d[: k + 1], 0.0, x)) for k in n]
        assert np.allclose(error.get_ydata(), expected)
        expected_bound = [
            taylor_error_bound(derivative_bound("log1p", k + 1, 0.0, x), 0.0, x, k) for k in n
        ]
        assert np.allclose(bound.get_ydata(), expected_bound)
        assert np.all(np.asarray(error.get_ydata()) <= np.asarray(bound.get_ydata()) * (1 + 1e-12))
    assert ax.get_yscale() == "log"


def test_the_surface_figure_draws_the_models_as_orange_meshes():
    def saddle(p):
        return float(p[0] ** 2 - p[1] ** 2 + p[0] * p[1] ** 2)

    point = np.array([0.5, -0.25])
    fig = plt.figure()
    axes = cplot.plot_surface_models(saddle, point, half_width=0.5, fig=fig)
    assert [ax.get_title() for ax in axes] == ["linear model (tangent plane)", "quadratic model"]
    for ax, model in zip(axes, (linear_model, quadratic_model), strict=True):
        (mesh,) = [c for c in ax.collections if c.get_gid() == "model"]
        assert np.allclose(mesh.get_color()[0][:3], to_rgb(cplot.BOOK_COLORS[1]))
        # every vertex of the mesh lies on the model
        for segment in mesh._segments3d:
            segment = np.asarray(segment)
            assert np.allclose(segment[:, 2], model(saddle, point, segment[:, :2]), atol=1e-6)


def test_the_taylor_try_it_starts_at_its_defaults_and_redraws():
    widget = taylor_order_widget()
    assert widget.settings == {"function": "cos", "order": 4} and widget.frames == 1
    widget.children[0].children[1].value = 7
    assert widget.settings["order"] == 7 and widget.frames == 2
    widget.children[0].children[0].value = "reciprocal"
    assert widget.settings == {"function": "reciprocal", "order": 7} and widget.frames == 3


def test_the_taylor_try_it_draws_the_polynomial_and_its_error():
    fig = plt.figure()
    cplot.draw_taylor_order(fig, function="exp", order=3)
    left, right = fig.axes
    assert left.get_title() == "order 3 about a = 0"
    (error,) = right.lines
    x = error.get_xdata()
    expected = np.abs(np.exp(x) - taylor_polynomial(derivatives_at("exp", 0.0, 3), 0.0, x))
    shown = np.asarray(error.get_ydata())
    assert np.allclose(shown[np.isfinite(shown)], expected[np.isfinite(shown)])


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: cplot.plot_taylor_series("exp", orders=()), ValueError, "orders must name"),
        (lambda: cplot.plot_taylor_series("exp", orders=3), TypeError, "orders must be a sequence"),
        (lambda: cplot.plot_taylor_series("exp", window=(1.0, 0.0)), ValueError, "window must be"),
        (lambda: cplot.plot_taylor_errors("exp", [0.0]), ValueError, "points must differ from a"),
        (lambda: cplot.plot_taylor_errors("log1p", [-2.0]), ValueError, "points must lie where"),
        (lambda: cplot.plot_surface_models(np.sin, [0.0]), ValueError, "point must have length 2"),
        (lambda: cplot.draw_taylor_order("fig"), TypeError, "fig must be a matplotlib Figure"),
        (
            lambda: cplot.draw_taylor_order(plt.figure(), order=41),
            ValueError,
            "order must be at most",
        ),
    ],
)
def test_bad_input_is_refused(call, error, match):
    with pytest.raises(error, match=match):
        call()
