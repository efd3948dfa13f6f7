"""What the captions of the calculus figures say about their encodings, checked against
the helpers that draw them: polar cells, Newton's tangents, the momentum Try-it."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mmlbook.calculus import momentum_descent  # noqa: E402
from mmlbook.plotting import calculus as cplot  # noqa: E402
from mmlbook.widgets.calculus import momentum_widget  # noqa: E402


def test_each_polar_cell_is_shaded_alike_on_both_sides_and_labelled_with_its_area_ratio():
    cells = ((0.75, 0.3), (1.75, 0.3), (1.75, 1.0))
    left, right = cplot.plot_polar_map(cells=cells, dr=0.25, dtheta=0.25)
    assert len(left.patches) == len(right.patches) == 3
    for (r, _), square, image, label in zip(cells, left.patches, right.patches, right.texts,
                                           strict=True):
        assert square.get_facecolor() == image.get_facecolor()
        # The exact area of the image is (r + dr/2) dr dθ: |det J| = r averaged over the cell.
        assert float(label.get_text()) == pytest.approx(r + 0.125, abs=0.006)


def test_polar_cell_image_area_tends_to_r_dr_dtheta():
    for r in (0.5, 1.0, 3.0):
        cell = cplot.polar_cell_image(r, 0.4, 1e-3, 1e-3)
        assert cplot._shoelace_area(cell) / 1e-6 == pytest.approx(r, rel=2e-3)


def test_newtons_tangents_run_from_the_curve_to_the_next_iterate():
    f, df = (lambda x: x**3 - 2 * x + 2), (lambda x: 3 * x**2 - 2)
    path = [0.0, 1.0, 0.0]
    ax = cplot.plot_newton_1d(None, f, df, path, (-2, 2))
    tangents = [line for line in ax.lines if line.get_gid() == "tangent"]
    assert len(tangents) == len(path) - 1
    for line, x, x_next in zip(tangents, path[:-1], path[1:], strict=True):
        np.testing.assert_allclose(line.get_xdata(), [x, x_next])
        np.testing.assert_allclose(line.get_ydata(), [f(x), 0.0])
        # It is the tangent: its slope is f'(x).
        assert (0.0 - f(x)) / (x_next - x) == pytest.approx(df(x))


def test_iterates_that_coincide_share_one_label():
    f, df = (lambda x: x**3 - 2 * x + 2), (lambda x: 3 * x**2 - 2)
    # A two-cycle: x_0 = x_2 = x_4 at 0 and x_1 = x_3 at 1, then two iterates far apart.
    ax = cplot.plot_newton_1d(None, f, df, [0.0, 1.0, 0.0, 1.0, 0.0], (-2, 2))
    assert sorted(text.get_text() for text in ax.texts) == ["$x_0, x_2, x_4$", "$x_1, x_3$"]
    ax = cplot.plot_newton_1d(None, f, df, [-2.0, -1.0], (-2, 2))
    assert sorted(text.get_text() for text in ax.texts) == ["$x_0$", "$x_1$"]
    # A run of converging iterates is named by its first and last.
    ax = cplot.plot_newton_1d(None, f, df, [-3.0, -2.24, -1.875, -1.777, -1.7693, -1.7693],
                              (-3.2, 2))
    assert [text.get_text() for text in ax.texts] == ["$x_0$", "$x_1$", r"$x_2, \dots, x_5$"]
    plt.close("all")


def test_the_momentum_figure_draws_sixty_steps_of_momentum_descent():
    fig = plt.figure()
    cplot.draw_momentum(fig, learning_rate=0.05, momentum=0.5)
    left, right = fig.axes[0], fig.axes[1]
    expected = momentum_descent(lambda r: np.array(cplot.VALLEY_CURVATURES) * r,
                                cplot.VALLEY_START, learning_rate=0.05, momentum=0.5,
                                max_steps=60, tol=1e-12)
    walk = left.lines[0]
    np.testing.assert_allclose(np.column_stack([walk.get_xdata(), walk.get_ydata()]), expected)
    heights = right.lines[0].get_ydata()
    np.testing.assert_allclose(heights, 0.5 * expected**2 @ np.array(cplot.VALLEY_CURVATURES))
    assert right.get_yscale() == "log"


def test_the_widgets_first_frame_is_the_static_figure():
    widget = momentum_widget()
    assert widget.settings == {"learning_rate": 0.09, "momentum": 0.0} and widget.frames == 1
    rate, beta = widget.children[0].children
    beta.value = 0.5
    assert widget.settings["momentum"] == 0.5 and widget.frames == 2


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: cplot.plot_polar_map(axes=plt.figure().gca()), TypeError, "two matplotlib"),
        (lambda: cplot.plot_polar_map(cells=()), ValueError, "cells must"),
        (lambda: cplot.plot_polar_map(cells=((-1.0, 0.0),)), ValueError, "with r >= 0"),
        (lambda: cplot.plot_polar_map(dr=3.0), ValueError, "dr must be <= 2"),
        (lambda: cplot.polar_cell_image(-1.0, 0.0, 0.1, 0.1), ValueError, "r must be >="),
        (lambda: cplot.plot_newton_1d(None, 1, 2, [0.0], (0, 1)), TypeError, "f must be callable"),
        (
            lambda: cplot.plot_newton_1d(None, np.sin, np.cos, [0.0], (1, 0)),
            ValueError,
            "window must be an increasing pair",
        ),
        (lambda: cplot.draw_momentum("fig"), TypeError, "fig must be a matplotlib Figure"),
        (
            lambda: cplot.draw_momentum(plt.figure(), momentum=1.0),
            ValueError,
            "momentum must be <",
        ),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
