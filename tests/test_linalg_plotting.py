"""Tests of the Linear Algebra plot helpers in mmlbook.plotting.linalg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mmlbook.datasets import bear, micro_internet  # noqa: E402
from mmlbook.linalg import elimination_steps, pagerank, pagerank_iterates  # noqa: E402
from mmlbook.plotting.linalg import (  # noqa: E402
    plot_elimination,
    plot_rank_iterates,
    plot_shapes,
    plot_transformation,
    plot_web,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_elimination_has_one_visible_panel_per_step_and_tints_changed_rows() -> None:
    steps = elimination_steps([[0, 1], [2, 4]])  # start, swap, scale
    fig = plot_elimination(steps, ncols=2)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == len(steps) == 3
    # The swap changes both rows, so its panel has two tinted rectangles.
    assert len(visible[1].patches) == 2
    assert [ax.get_title() for ax in visible] == [what for what, _ in steps]


def test_shapes_are_drawn_in_order_with_dark_features() -> None:
    parts = bear()
    ax = plot_shapes(parts, color="red")
    faces = [patch.get_facecolor()[:3] for patch in ax.patches]
    names = list(parts)
    assert len(faces) == len(names)
    assert faces[names.index("nose")] == pytest.approx((0.15, 0.15, 0.15))
    assert faces[names.index("belly")] == pytest.approx((1.0, 1.0, 1.0))
    assert faces[names.index("body")] == pytest.approx((1.0, 0.0, 0.0))


def test_web_shows_every_page_and_its_rank() -> None:
    L = micro_internet()
    ax = plot_web(L, pagerank(L), names="ABCDEF")
    texts = {t.get_text() for t in ax.texts}
    assert set("ABCDEF") <= texts
    assert "0.363" in texts  # page C's rank


def test_rank_iterates_draw_one_line_per_page() -> None:
    ax = plot_rank_iterates(pagerank_iterates(micro_internet(), n_iter=5), "ABCDEF")
    assert len(ax.lines) == 6
    np.testing.assert_allclose(ax.lines[0].get_xdata(), np.arange(6))


def test_bad_input_is_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="steps must hold at least one"):
        plot_elimination([])
    with pytest.raises(ValueError, match="steps must hold matrices of one shape"):
        plot_elimination([("a", np.eye(2)), ("b", np.eye(3))])
    with pytest.raises(ValueError, match="shapes must hold at least one polygon"):
        plot_shapes({})
    with pytest.raises(ValueError, match=r"shapes\['head'\] must have shape \(2, k\)"):
        plot_shapes({"head": np.ones((3, 4))})
    with pytest.raises(TypeError, match=r"shapes\['head'\] must be an array of real numbers"):
        plot_shapes({"head": [["a", "b"], ["c", "d"]]})
    with pytest.raises(ValueError, match="ranks must have shape"):
        plot_web(micro_internet(), ranks=[0.5, 0.5])
    with pytest.raises(ValueError, match="names must hold 6 names"):
        plot_web(micro_internet(), names="AB")
    with pytest.raises(ValueError, match="names must hold 6 names"):
        plot_rank_iterates(np.ones((3, 6)), names="ABC")
    with pytest.raises(ValueError, match=r"matrix must have shape \(2, 2\)"):
        plot_transformation(np.eye(3))
