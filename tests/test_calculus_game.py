"""Tests of the sandpit game's logic and widget, and of the calculus plot helpers."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mmlbook.calculus import SandpitGame, intro_pit, random_pit, sandpit_game  # noqa: E402
from mmlbook.datasets import heart_curve, heights_histogram  # noqa: E402
from mmlbook.plotting import calculus as cplot  # noqa: E402


def test_probe_reports_depth_and_slope():
    game = SandpitGame(show_slope=True)
    probe = game.probe(2.0, 5.0)
    assert probe.depth == pytest.approx(float(intro_pit()(2.0, 5.0)))
    np.testing.assert_allclose(probe.slope, intro_pit().gradient(2.0, 5.0))
    assert not probe.found and not game.found
    assert "slope J" in game.describe(probe)


def test_finding_the_phone():
    pit = random_pit(3)
    game = SandpitGame(pit, tolerance=0.2)
    phone = pit.deepest_point()
    assert game.probe(*phone).found and game.found
    assert "found the phone in 1 probes" in game.describe(game.probes[-1])
    assert SandpitGame().probe(1.0, 1.0).slope is None


def test_widget_cells_and_typed_probes_use_the_game():
    box = sandpit_game(cells=5, show_slope=True)
    grid, controls, status, history = box.children
    top_left = grid.children[0]
    top_left.click()
    probe = box.game.probes[-1]
    assert (probe.x, probe.y) == pytest.approx((0.6, 5.4))
    assert top_left.description == f"{probe.depth:.0f}" and top_left.style.button_color
    assert top_left.style.text_color == "white"  # the top-left corner is deep: a dark cell
    x_box, y_box, go = controls.children
    x_box.value, y_box.value = 1.21, 4.01
    go.click()
    assert box.game.found and "found the phone" in status.value
    assert "2 probes" in history.value


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: SandpitGame(pit="pit"), TypeError, "pit must be a Pit"),
        (lambda: SandpitGame(tolerance=0), ValueError, "tolerance must be >"),
        (lambda: SandpitGame().probe(7.0, 1.0), ValueError, "x must be <= 6"),
        (lambda: SandpitGame().probe(1.0, "a"), TypeError, "y must be a real number"),
        (lambda: sandpit_game(cells=31), ValueError, "cells must be at most 30"),
        (lambda: cplot.plot_pit("pit"), TypeError, "pit must be a Pit"),
        (
            lambda: cplot.plot_probes(plt.figure().gca(), [[1, 2, 3]]),
            ValueError,
            r"points must have shape \(n, 2\)",
        ),
        (
            lambda: cplot.plot_probes(plt.figure().gca(), [[1, 2]], depths=[1, 2]),
            ValueError,
            "depths must have shape",
        ),
        (
            lambda: cplot.plot_paths(plt.figure().gca(), [[0, 0]]),
            TypeError,
            "paths must be a mapping",
        ),
        (lambda: cplot.plot_heart([[0.5]], {}), ValueError, "target must have shape"),
        (lambda: cplot.plot_chi2_landscape([1.0], [1.0], (1, 2), (0, 1)), ValueError, "sigma > 0"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_plot_helpers_draw():
    ax = cplot.plot_pit(intro_pit(), resolution=30)
    cplot.plot_probes(ax, [[1, 1], [2, 2]], depths=[-1, -5])
    cplot.plot_slopes(ax, intro_pit(), [[1, 1], [2, 2]])
    cplot.plot_paths(ax, {"walk": [[1, 1], [2, 2], [3, 3]]})
    assert ax.get_legend_handles_labels()[1] == ["probes", "deepest probe", "walk"]
    x, y = heart_curve(30)
    assert len(cplot.plot_heart(y, {"a": y, "b": y}).lines) == 3
    hx, hy = heights_histogram()
    ax = cplot.plot_fits(hx, hy, {"fit": np.column_stack([hx, hy])})
    assert len(ax.patches) == 100
    ax = cplot.plot_chi2_landscape(
        hx, hy, (170, 185), (4, 12), {"p": [[172, 5], [178, 7.5]]}, resolution=15
    )
    assert ax.get_ylabel() == "σ (cm)"
    plt.close("all")


def test_describe_numbers_each_probe_by_its_place():
    game = SandpitGame()
    first = game.probe(1.0, 1.0)
    game.probe(2.0, 2.0)
    assert game.describe(first).startswith("Probe 1 at (1.00, 1.00)")
    assert game.describe(game.probes[1]).startswith("Probe 2 at (2.00, 2.00)")
