"""What the captions of the calculus figures say about their encodings, checked against
the helpers that draw them: secants and tangents, slope curves, the product rule's area,
errors of difference quotients, polar cells, Newton's tangents, the Try-it widgets."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from mmlbook.calculus import best_step, derivative, momentum_descent  # noqa: E402
from mmlbook.plotting import BOOK_COLORS  # noqa: E402
from mmlbook.plotting import calculus as cplot  # noqa: E402
from mmlbook.widgets.calculus import momentum_widget, secant_widget  # noqa: E402


def _cube(x):
    return x**3 - 2 * x


def _line_slope(line):
    x, y = line.get_xdata(), line.get_ydata()
    return (y[-1] - y[0]) / (x[-1] - x[0])


def test_each_secant_joins_x0_to_x0_plus_h_and_the_tangent_has_the_derivative_as_slope():
    steps = [1.0, 0.5, 0.1]
    ax = cplot.plot_secants(_cube, 1.0, steps, window=(-0.5, 2.5))
    secants = [line for line in ax.lines if line.get_gid() == "secant"]
    (tangent,) = [line for line in ax.lines if line.get_gid() == "tangent"]
    assert len(secants) == 3
    for line, h in zip(secants, steps, strict=True):
        slope = _line_slope(line)
        # Through (1, f(1)) and (1 + h, f(1 + h)): slope 1 + 3h + h² by hand.
        assert slope == pytest.approx(1 + 3 * h + h**2, rel=1e-12)
        x, y = line.get_xdata(), line.get_ydata()
        assert np.interp(1.0, x, y) == pytest.approx(_cube(1.0))
        assert np.interp(1.0 + h, x, y) == pytest.approx(_cube(1.0 + h))
    assert _line_slope(tangent) == pytest.approx(1.0, abs=1e-8)
    assert tangent.get_linestyle() == "--" and tangent.get_color() == "black"
    # Darker the smaller h: the shade's lightness falls along the list of shrinking steps.
    lightness = [np.mean(line.get_color()[:3]) for line in secants]
    assert lightness == sorted(lightness, reverse=True)
    shuffled = cplot.plot_secants(_cube, 1.0, [0.1, 1.0, 0.5], window=(-0.5, 2.5))
    by_step = dict(zip([0.1, 1.0, 0.5], [np.mean(line.get_color()[:3]) for line in
                                        shuffled.lines if line.get_gid() == "secant"],
                       strict=True))
    assert by_step[1.0] > by_step[0.5] > by_step[0.1]


def test_the_slope_curve_dots_sit_at_the_tangents_slopes():
    points = [-1.0, 0.0, 1.5]
    top, bottom = cplot.plot_slope_curve(_cube, (-2.0, 2.0), points=points,
                                         exact=lambda x: 3 * x**2 - 2)
    tangents = [line for line in top.lines if line.get_gid() == "tangent"]
    dots = [line for line in bottom.lines if line.get_gid() == "slope"]
    for x, tangent, dot in zip(points, tangents, dots, strict=True):
        assert _line_slope(tangent) == pytest.approx(3 * x**2 - 2, abs=1e-8)
        assert dot.get_xdata()[0] == x
        assert dot.get_ydata()[0] == pytest.approx(_line_slope(tangent), abs=1e-8)
        assert np.mean(tangent.get_xdata()) == pytest.approx(x)
        assert tangent.get_color() == dot.get_color()
    curve, exact = bottom.lines[0], bottom.lines[1]
    np.testing.assert_allclose(curve.get_ydata(), 3 * curve.get_xdata() ** 2 - 2, atol=1e-8)
    assert curve.get_linestyle() == "-" and exact.get_linestyle() == "--"
    assert exact.get_color() == "black"
    # Both curves blue; no tangent shares their colour.
    assert curve.get_color() == top.lines[0].get_color() == BOOK_COLORS[0]
    assert all(t.get_color() != BOOK_COLORS[0] for t in tangents)


def test_the_product_rule_pieces_have_the_areas_their_labels_say():
    f, g, df, dg = 3.0, 2.0, 0.5, 0.4
    ax = cplot.plot_product_rule(f, g, df, dg)
    areas = {p.get_label(): p.get_width() * p.get_height() for p in ax.patches}
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    # Grey rectangle, blue strip g δf, orange strip f δg, red corner.
    assert colours == [to_hex("0.8"), BOOK_COLORS[0].lower(), BOOK_COLORS[1].lower(),
                       BOOK_COLORS[3].lower()]
    assert areas == pytest.approx({"f g": f * g, "g δf": g * df, "f δg": f * dg,
                                   "δf δg": df * dg})
    # Together they tile the grown rectangle (f + δf)(g + δg).
    assert sum(areas.values()) == pytest.approx((f + df) * (g + dg))


def test_the_error_plot_draws_each_schemes_errors_with_its_best_step_marked():
    steps = np.geomspace(1e-13, 1e-1, 49)
    ax = cplot.plot_difference_errors(np.exp, np.e, 1.0, steps)
    assert ax.get_xscale() == ax.get_yscale() == "log"
    lines = {line.get_gid(): line for line in ax.lines}
    for scheme in ("forward", "central"):
        errors = np.array([abs(float(derivative(np.exp, 1.0, step=h, scheme=scheme)) - np.e)
                           for h in steps])
        drawn = lines[scheme].get_ydata()
        np.testing.assert_array_equal(np.isnan(drawn), errors == 0)
        np.testing.assert_allclose(drawn[errors > 0], errors[errors > 0])
        assert lines[scheme].get_color() == {"forward": BOOK_COLORS[0],
                                             "central": BOOK_COLORS[3]}[scheme]
        ring = lines[f"{scheme}-best"]
        assert ring.get_ydata()[0] == errors[errors > 0].min()
        assert lines[f"{scheme}-theory"].get_xdata()[0] == best_step(scheme)


def test_the_secant_widget_figure():
    fig = plt.figure()
    cplot.draw_secant(fig, step=0.25)
    left, right = fig.axes
    secant = next(line for line in left.lines if line.get_gid() == "secant")
    tangent = next(line for line in left.lines if line.get_gid() == "tangent")
    assert _line_slope(secant) == pytest.approx(1 + 3 * 0.25 + 0.25**2)
    assert _line_slope(tangent) == pytest.approx(1.0)
    assert secant.get_color() == BOOK_COLORS[1] and tangent.get_linestyle() == "--"
    current = next(line for line in right.lines if line.get_gid() == "current")
    assert current.get_color() == BOOK_COLORS[3]
    assert current.get_ydata()[0] == pytest.approx(3 * 0.25 + 0.25**2)
    assert right.get_xscale() == right.get_yscale() == "log"
    widget = secant_widget()
    assert widget.settings == {"step": 1.0} and widget.frames == 1
    widget.children[0].children[0].value = 0.1
    assert widget.settings["step"] == pytest.approx(0.1) and widget.frames == 2


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
        (lambda: cplot.plot_secants(_cube, 1.0, [0.0], window=(0, 2)), ValueError, "non-zero"),
        (lambda: cplot.plot_secants(_cube, 1.0, [1.0], window=(2, 0)), ValueError, "window"),
        (lambda: cplot.plot_secants(np.log, 1.0, [-1.0], window=(0.5, 2)), ValueError,
         "f is not finite at some points of steps"),
        (lambda: cplot.plot_slope_curve(_cube, (0, 1), points=[2.0]), ValueError,
         "points must lie inside the window"),
        (lambda: cplot.plot_slope_curve(_cube, (0, 1), axes=plt.gca()), TypeError,
         "axes must be two"),
        (lambda: cplot.plot_product_rule(3.0, 2.0, 0.0, 0.4), ValueError, "df must be > 0"),
        (lambda: cplot.plot_difference_errors(np.exp, 1.0, 0.0, [-1.0]), ValueError,
         "steps must be positive"),
        (lambda: cplot.draw_secant(plt.figure(), step=3.0), ValueError, "step must be <= 2"),
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


def test_paths_without_colours_are_drawn_red_then_white():
    ax = plt.figure().gca()
    cplot.plot_paths(ax, {"first": [[0, 0], [1, 1]], "second": [[0, 1], [1, 0]]})
    first, second = ax.lines[:2]
    assert to_hex(first.get_color()) == BOOK_COLORS[3].lower()
    assert to_hex(second.get_color()) == "#ffffff"
    plt.close("all")


def test_a_path_takes_its_labels_colour_and_the_others_the_cycle():
    ax = plt.figure().gca()
    cplot.plot_paths(ax, {"first": [[0, 0], [1, 1]], "second": [[0, 1], [1, 0]]},
                     colors={"second": "black"})
    first, second = ax.lines[:2]
    assert to_hex(first.get_color()) == BOOK_COLORS[3].lower()
    assert to_hex(second.get_color()) == "#000000"
    with pytest.raises(ValueError, match=r"colors\['second'\] must be a matplotlib colour"):
        cplot.plot_paths(ax, {"second": [[0, 1], [1, 0]]}, colors={"second": "no colour"})
    with pytest.raises(TypeError, match="colors must be a mapping"):
        cplot.plot_paths(ax, {"second": [[0, 1], [1, 0]]}, colors=["black"])
    plt.close("all")


def test_a_path_takes_its_labels_line_style_and_the_others_are_solid():
    ax = plt.figure().gca()
    cplot.plot_paths(ax, {"first": [[0, 0], [1, 1]], "second": [[0, 1], [1, 0]]},
                     linestyles={"second": "--"})
    assert [line.get_linestyle() for line in ax.lines[:2]] == ["-", "--"]
    assert all(line.get_marker() == "o" for line in ax.lines[:2])
    with pytest.raises(ValueError, match=r"linestyles\['second'\] must be one of"):
        cplot.plot_paths(ax, {"second": [[0, 1], [1, 0]]}, linestyles={"second": "dashed"})
    with pytest.raises(TypeError, match="linestyles must be a mapping"):
        cplot.plot_paths(ax, {"second": [[0, 1], [1, 0]]}, linestyles=["--"])
    plt.close("all")


_METHODS = ("steepest descent", "Gauss–Newton", "Levenberg–Marquardt")


def test_each_fitting_method_has_one_colour_in_every_figure_of_the_heights():
    # The heights chapter's captions name one colour per method, in the curves of the fits,
    # the paths on χ² and the Try it.
    from mmlbook.datasets import heights_histogram

    # The captions' names: orange-red, orange and light blue (Okabe–Ito vermillion, orange
    # and sky blue).
    assert [cplot.FIT_COLOURS[m] for m in _METHODS] == [BOOK_COLORS[3], BOOK_COLORS[1],
                                                        BOOK_COLORS[5]]
    curve = np.array([[170.0, 0.01], [180.0, 0.05]])
    ax = cplot.plot_fits([175.0], [0.04], {"start": curve, **dict.fromkeys(_METHODS, curve)})
    assert to_hex(ax.lines[0].get_color()) == BOOK_COLORS[0].lower()
    assert [to_hex(line.get_color()) for line in ax.lines[1:]] == [
        cplot.FIT_COLOURS[m].lower() for m in _METHODS
    ]
    path = [[175.0, 10.0], [178.0, 7.5]]
    ax = cplot.plot_chi2_landscape(*heights_histogram(), (170, 185), (4, 12),
                                   dict.fromkeys(_METHODS[::-1], path), resolution=10)
    assert {line.get_label(): to_hex(line.get_color()) for line in ax.lines} == {
        m: cplot.FIT_COLOURS[m].lower() for m in _METHODS
    }
    plt.close("all")


def _paths_by_method(ax):
    return {line.get_label().split(":")[0]: (line, np.column_stack(line.get_data()))
            for line in ax.lines}


def test_the_fit_try_it_draws_the_three_walks_from_its_start():
    from mmlbook.calculus import fit_gaussian
    from mmlbook.calculus import gaussian as g
    from mmlbook.datasets import heights_histogram

    x, y = heights_histogram()
    fig = plt.figure()
    cplot.draw_fit_start(fig, mu0=170.0, sigma0=20.0)
    paths = _paths_by_method(fig.axes[0])
    assert set(paths) == set(_METHODS)
    for method, (line, path) in paths.items():
        assert to_hex(line.get_color()) == cplot.FIT_COLOURS[method].lower()
        np.testing.assert_array_equal(path[0], [170.0, 20.0])
    # Gauss–Newton's orange is told from steepest descent's orange-red by its dashes too.
    assert {method: line.get_linestyle() for method, (line, _) in paths.items()} == {
        "steepest descent": "-", "Gauss–Newton": "--", "Levenberg–Marquardt": ":"
    }
    for method, name in zip(_METHODS, ("steepest", "gauss-newton", "levenberg-marquardt"),
                            strict=True):
        fit = fit_gaussian(x, y, 170.0, 20.0, name, learning_rate=cplot.FIT_TRY_IT_RATE)
        np.testing.assert_array_equal(paths[method][1], fit.path)
        assert paths[method][0].get_label() == f"{method}: {len(fit.path) - 1} steps"
    assert fig.axes[0].get_title() == "from μ₀ = 170, σ₀ = 20"
    # Right: the starting curve and where steepest descent and Levenberg–Marquardt end.
    (right,) = [ax for ax in fig.axes if ax.get_xlabel() == "height (cm)"]
    assert [line.get_label() for line in right.lines] == [
        "start", "steepest descent", "Levenberg–Marquardt"]
    grid = right.lines[0].get_xdata()
    for line, point in zip(right.lines, ([170.0, 20.0], paths[_METHODS[0]][1][-1],
                                         paths[_METHODS[2]][1][-1]), strict=True):
        np.testing.assert_allclose(line.get_ydata(), g(grid, *point), rtol=1e-12)
    plt.close("all")


def test_the_fit_try_it_ends_gauss_newton_where_the_next_step_leaves_the_domain():
    # From (160, 15) Gauss–Newton's second step makes σ negative, as the chapter shows.
    from mmlbook.calculus import gaussian as g
    from mmlbook.calculus import gaussian_dmu, gaussian_dsigma
    from mmlbook.datasets import heights_histogram

    x, y = heights_histogram()
    fig = plt.figure()
    cplot.draw_fit_start(fig, mu0=160.0, sigma0=15.0)
    line, path = _paths_by_method(fig.axes[0])["Gauss–Newton"]
    assert line.get_label() == "Gauss–Newton: σ ≤ 0 at step 2"
    # The undamped step by hand, J δ ≈ −r in least squares, from each point of the path.
    theta = np.array([160.0, 15.0])
    for point in path[1:]:
        J = -np.column_stack([gaussian_dmu(x, *theta), gaussian_dsigma(x, *theta)])
        theta = theta + np.linalg.lstsq(J, -(y - g(x, *theta)), rcond=None)[0]
        np.testing.assert_allclose(point, theta, rtol=1e-9)
    J = -np.column_stack([gaussian_dmu(x, *theta), gaussian_dsigma(x, *theta)])
    after = theta + np.linalg.lstsq(J, -(y - g(x, *theta)), rcond=None)[0]
    assert path.shape == (2, 2) and path[-1, 1] > 15 and after[1] <= 0
    plt.close("all")


def test_the_fit_try_it_says_when_gauss_newton_converges_elsewhere():
    # From (160, 16.2) Gauss–Newton converges to a narrow spike (σ ≈ 0.5), not the minimum.
    fig = plt.figure()
    cplot.draw_fit_start(fig, mu0=160.0, sigma0=16.2)
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert labels[1] == "Gauss–Newton: 6 steps, to another point"
    assert not labels[0].endswith("another point") and not labels[2].endswith("another point")
    plt.close("all")


def test_the_fit_try_it_refuses_starts_outside_the_sliders():
    for settings, match in (({"mu0": 149.0}, "mu0"), ({"sigma0": 2.0}, "sigma0"),
                            ({"sigma0": float("nan")}, "sigma0")):
        with pytest.raises(ValueError, match=match):
            cplot.draw_fit_start(plt.figure(), **settings)
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        cplot.draw_fit_start(plt.figure().gca())
    plt.close("all")


def test_the_fit_try_it_starts_at_the_courses_start_and_redraws():
    from mmlbook.widgets.calculus import fit_start_widget

    widget = fit_start_widget()
    assert widget.settings == {"mu0": 155.0, "sigma0": 6.0} and widget.frames == 1
    mu_slider, sigma_slider = widget.children[0].children
    assert (mu_slider.min, mu_slider.max, sigma_slider.min, sigma_slider.max) == (
        150.0, 200.0, 3.0, 25.0)
    sigma_slider.value = 15.0
    assert widget.settings == {"mu0": 155.0, "sigma0": 15.0} and widget.frames == 2
    plt.close("all")


def test_each_method_has_one_line_style_in_the_curves_and_the_paths():
    # The heights chapter's captions: start (dash-dotted), steepest descent (solid), Gauss–
    # Newton (dashed), LM (dotted), in the fitted curves as on the paths over chi^2.
    curve = np.array([[170.0, 0.01], [180.0, 0.05]])
    ax = cplot.plot_fits([175.0], [0.04], {"start": curve, **dict.fromkeys(_METHODS, curve)})
    assert [line.get_linestyle() for line in ax.lines] == ["-.", "-", "--", ":"]
    assert [cplot.FIT_STYLES[m] for m in _METHODS] == ["-", "--", ":"]
    plt.close("all")
