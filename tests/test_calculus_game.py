"""Tests of the sandpit game's rules and widget, and of the calculus plot helpers."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.quiver import Quiver  # noqa: E402

from mmlbook.calculus import (  # noqa: E402
    SandpitGame,
    downhill_arrow,
    follow_the_arrows,
    intro_pit,
    random_pit,
    sandpit_game,
)
from mmlbook.datasets import heart_curve, heights_histogram  # noqa: E402
from mmlbook.plotting import calculus as cplot  # noqa: E402


def _buttons(box):
    grid = box.children[0].children[0]
    return {button.cell: button for button in grid.children}


def test_probe_reports_depth_and_slope():
    game = SandpitGame(show_slope=True)
    probe = game.probe(2.0, 5.0)
    assert probe.depth == pytest.approx(float(intro_pit()(2.0, 5.0)))
    np.testing.assert_allclose(probe.slope, intro_pit().gradient(2.0, 5.0))
    assert not probe.found and not game.found
    assert "slope J" in game.describe(probe) and "downhill" in game.describe(probe)


def test_finding_the_phone():
    pit = random_pit(3)
    game = SandpitGame(pit, tolerance=0.2)
    phone = pit.deepest_point()
    assert game.probe(*phone).found and game.found and game.over
    assert "found the phone in 1 probes" in game.describe(game.probes[-1])
    assert SandpitGame().probe(1.0, 1.0).slope is None
    with pytest.raises(ValueError, match="the game is over: you found the phone"):
        game.probe(1.0, 1.0)


@pytest.mark.parametrize("cells", [2, 12, 17, 30])
@pytest.mark.parametrize("seed", [None, 3])
def test_every_game_can_be_won_by_clicking_the_right_cell(cells, seed):
    pit = intro_pit() if seed is None else random_pit(seed)
    game = SandpitGame(pit, cells=cells)
    centres = [(c, r) for c in range(cells) for r in range(cells)]
    nearest = min(centres, key=lambda cr: np.hypot(*(np.array(game.cell_centre(*cr)) - game.phone)))
    assert game.probe_cell(*nearest).found


def test_the_widget_is_won_by_clicks():
    box = sandpit_game(show_slope=True)
    game = box.game
    buttons = _buttons(box)
    # As a player who follows the arrows would: the cells they click, from (1, 10).
    cells = [(1, 10)]
    while not game.over:
        buttons[cells[-1]].click()
        probe = game.probes[-1]
        arrow = downhill_arrow(probe.slope)
        assert buttons[cells[-1]].description == f"{probe.depth:.0f}{arrow}"
        step = {"→": (1, 0), "↗": (1, 1), "↑": (0, 1), "↖": (-1, 1), "←": (-1, 0),
                "↙": (-1, -1), "↓": (0, -1), "↘": (1, -1)}[arrow]
        cells.append((cells[-1][0] + step[0], cells[-1][1] + step[1]))
    assert game.found and len(game.probes) <= 5
    status, history = box.children[2], box.children[3]
    assert "you found the phone" in status.value and "probes" in history.value
    # Once the game is over a click changes nothing.
    buttons[(0, 0)].click()
    assert len(game.probes) == len(cells) - 1 and "The game is over" in status.value


def test_widget_cells_and_typed_probes_use_the_game():
    box = sandpit_game(cells=5, show_slope=True)
    top_left = _buttons(box)[(0, 4)]
    top_left.click()
    probe = box.game.probes[-1]
    assert (probe.x, probe.y) == pytest.approx((0.6, 5.4))
    assert top_left.style.button_color and top_left.style.text_color == "white"  # deep: dark
    x_box, y_box, go = box.children[1].children
    x_box.value, y_box.value = 1.21, 4.01
    go.click()
    assert box.game.found and "found the phone" in box.children[2].value
    assert "2 probes" in box.children[3].value


def test_the_budget_ends_the_game():
    game = SandpitGame(budget=3)
    for _ in range(3):
        game.probe(5.0, 1.0)
    assert game.over and not game.found and game.remaining == 0
    assert "all 3 probes are used; the phone was at (1.21, 4.01)" in game.describe(game.probes[-1])
    with pytest.raises(ValueError, match="the game is over: all 3 probes"):
        game.probe(1.2, 4.0)


def test_a_probe_near_another_minimum_is_told_so():
    game = SandpitGame(show_slope=True)
    corner = game.probe_cell(0, 11)  # the corner (0, 6) is a local minimum on the wall
    assert corner.local_minimum and not corner.found
    assert "within 0.375 of the bottom of a well that does not hold the phone" in (
        game.describe(corner))
    assert not game.probe_cell(6, 6).local_minimum
    # The intro pit's other minima are its four corners: each corner cell is stuck.
    for column, row in ((0, 0), (11, 0), (11, 11)):
        assert game.probe_cell(column, row).local_minimum
    assert not game.probe_cell(2, 8).local_minimum  # the phone's own cell: found instead


def test_following_the_arrows():
    found = SandpitGame(show_slope=True)
    walk = follow_the_arrows(found, 7, 2)
    assert found.found and walk[-1].found and len(walk) == len(found.probes)
    stuck = SandpitGame(show_slope=True)
    walk = follow_the_arrows(stuck, 5, 0)
    assert walk[-1].local_minimum and not stuck.found
    np.testing.assert_allclose([walk[-1].x, walk[-1].y], [0.25, 0.25])


def test_downhill_arrow_points_along_minus_J():
    assert [downhill_arrow(np.array(J)) for J in ([-1, 0], [0, -1], [1, 0], [0, 1], [1, -1])] == [
        "→", "↑", "←", "↓", "↖"
    ]
    assert downhill_arrow(np.zeros(2)) == "·"


def test_plot_game_draws_depth_colours_and_downhill_arrows():
    game = SandpitGame(show_slope=True)
    follow_the_arrows(game, 7, 2)
    ax = cplot.plot_game(game)
    ax.figure.canvas.draw()  # scatter colours are mapped at drawing time
    norm, cmap = cplot.depth_colours(game.pit)
    squares = next(c for c in ax.collections if isinstance(c, PathCollection))
    depths = np.array([p.depth for p in game.probes])
    # The caption's encoding: each probe's colour is its depth on the whole pit's scale.
    np.testing.assert_allclose(squares.get_facecolors(), cmap(norm(depths)))
    (arrows,) = [c for c in ax.collections if isinstance(c, Quiver)]
    downhill = -np.array([p.slope for p in game.probes])
    directions = np.column_stack([arrows.U, arrows.V])
    lengths = np.linalg.norm(directions, axis=1)
    np.testing.assert_allclose(lengths, lengths[0])  # all arrows of one length
    np.testing.assert_allclose(
        directions / lengths[:, None],
        downhill / np.linalg.norm(downhill, axis=1, keepdims=True),
    )
    assert [t.get_text() for t in ax.texts] == [str(k) for k in range(1, len(depths) + 1)]
    assert ax.get_title() == f"found in {len(depths)} probes"
    assert "phone" in ax.get_legend_handles_labels()[1]
    # Before the game is over the phone stays hidden.
    early = SandpitGame()
    early.probe(1.0, 1.0)
    assert "phone" not in cplot.plot_game(early).get_legend_handles_labels()[1]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: SandpitGame(pit="pit"), TypeError, "pit must be a Pit"),
        (lambda: SandpitGame(tolerance=0), ValueError, "tolerance must be >"),
        (lambda: SandpitGame(show_slope="False"), TypeError, "show_slope must be a bool"),
        (lambda: SandpitGame(cells=1), ValueError, "cells must be at least 2"),
        (lambda: SandpitGame(budget=0), ValueError, "budget must be at least 1"),
        (lambda: SandpitGame().probe(7.0, 1.0), ValueError, "x must be <= 6"),
        (lambda: SandpitGame().probe(1.0, "a"), TypeError, "y must be a real number"),
        (lambda: SandpitGame().probe_cell(12, 0), ValueError, "column must be between 0 and 11"),
        (lambda: SandpitGame().probe_cell(0, 1.0), TypeError, "row must be an integer"),
        (lambda: SandpitGame().describe("probe"), TypeError, "probe must be a Probe"),
        (lambda: downhill_arrow([1.0, 2.0, 3.0]), ValueError, r"slope must have shape \(2,\)"),
        (lambda: follow_the_arrows(SandpitGame(), 0, 0), ValueError, "must show slopes"),
        (lambda: follow_the_arrows("game", 0, 0), TypeError, "game must be a SandpitGame"),
        (lambda: sandpit_game(cells=31), ValueError, "cells must be at most 30"),
        (lambda: cplot.plot_game("game"), TypeError, "game must be a SandpitGame"),
        (lambda: cplot.plot_game(SandpitGame(), reveal="yes"), TypeError, "reveal must be"),
        (lambda: cplot.plot_pit("pit"), TypeError, "pit must be a Pit"),
        (
            lambda: cplot.plot_probes(plt.figure().gca(), [[1, 2, 3]]),
            ValueError,
            r"points must have shape \(n, 2\)",
        ),
        (
            lambda: cplot.plot_probes(plt.figure().gca(), [[1, 2]], depths=[1, 2]),
            ValueError,
            "depths must have one entry per row of points",
        ),
        (
            lambda: cplot.plot_paths(plt.figure().gca(), [[0, 0]]),
            TypeError,
            "paths must be a mapping",
        ),
        (lambda: cplot.plot_heart([[0.5]], {}), ValueError, "target must have shape"),
        (lambda: cplot.plot_chi2_landscape([1.0], [1.0], (1, 2), (0, 1)), ValueError,
         "sigma_range must be positive"),
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
