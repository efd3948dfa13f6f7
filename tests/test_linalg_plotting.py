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
    BEAR_MIRROR_ANGLE,
    draw_bear_mirror,
    draw_damping,
    draw_gram_schmidt,
    draw_matrix,
    draw_projection,
    plot_eigenvectors,
    plot_elimination,
    plot_rank_iterates,
    plot_shapes,
    plot_spectrum,
    plot_transformation,
    plot_vectors,
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


@pytest.mark.parametrize("damping", [0.5, 0.85, 1.0])
def test_web_page_areas_are_proportional_to_the_ranks(damping: float) -> None:
    L = micro_internet()
    ranks = pagerank(L, damping=damping, tol=1e-14, max_iter=10_000)
    ax = plot_web(L, ranks, names="ABCDEF")
    discs = [p for p in ax.patches if isinstance(p, matplotlib.patches.Circle) and p.get_fill()]
    areas = np.array([np.pi * disc.get_radius() ** 2 for disc in discs])
    assert len(discs) == 6
    np.testing.assert_allclose(areas / areas.sum(), ranks / ranks.sum(), atol=1e-12)


def test_eigenvectors_of_the_special_cases() -> None:
    def lines(ax):
        return [line for line in ax.lines if line.get_linestyle() == "--"]

    assert len(lines(plot_eigenvectors([[2, 0], [0, 0.5]]))) == 2
    shear = plot_eigenvectors([[1, 1], [0, 1]])
    assert len(lines(shear)) == 1
    rotation = plot_eigenvectors([[0, -1], [1, 0]])
    assert lines(rotation) == []
    assert rotation.get_title() == "det = 1, λ = 0 ± 1i: no real eigenvector"
    assert draw_matrix(plt.figure()).get_title() == "det = 2.5, λ = 2.5, 1"


def test_spectrum_draws_each_set_and_the_disc() -> None:
    ax = plot_spectrum({"a": [0.5, -0.25j], "b": [1.0]}, radius=0.85)
    np.testing.assert_allclose(ax.collections[0].get_offsets(), [[0.5, 0.0], [0.0, -0.25]])
    (disc,) = [p for p in ax.patches if isinstance(p, matplotlib.patches.Circle)]
    assert disc.get_radius() == 0.85
    with pytest.raises(ValueError, match="radius must be > 0"):
        plot_spectrum({"a": [1.0]}, radius=0.0)


def test_vectors_are_arrows_from_the_origin() -> None:
    ax = plot_vectors({"r": [3, 2], "s": [-1, 2]}, origin=(1, 1))
    assert len(ax.patches) == 2
    with pytest.raises(ValueError, match=r"vectors\['r'\] must have 2 entries"):
        plot_vectors({"r": [1, 2, 3]})


def test_try_it_drawings_at_their_defaults() -> None:
    ax = draw_bear_mirror(plt.figure())
    assert ax.get_title().startswith(f"mirror at {BEAR_MIRROR_ANGLE:.3g}°")
    assert BEAR_MIRROR_ANGLE == pytest.approx(np.degrees(np.arctan2(1.5, 1.0)))
    spectrum, errors = draw_damping(plt.figure(), damping=0.85)
    # Every eigenvalue of the damped matrix but the first lies in the disc |λ| <= d.
    values = spectrum.collections[0].get_offsets()
    radii = np.sort(np.hypot(values[:, 0], values[:, 1]))
    assert radii[-1] == pytest.approx(1.0) and radii[-2] <= 0.85 + 1e-12


def _arrow_tip(patch) -> np.ndarray:
    """The tip of a FancyArrow: the vertex farthest from where it starts."""
    path = patch.get_path().vertices
    return path[np.argmax(np.linalg.norm(path, axis=1))]


@pytest.mark.parametrize("angle", [-120.0, 15.0, 75.0])
def test_the_projection_drawn_is_the_projection_and_ignores_bs_length(angle) -> None:
    titles, tips = set(), []
    for length in (0.5, 1.5, 4.0):
        ax = draw_projection(plt.figure(), angle=angle, length=length)
        titles.add(ax.get_title())
        x, b, p = (_arrow_tip(patch) for patch in ax.patches)
        theta = np.radians(angle)
        np.testing.assert_allclose(b, length * np.array([np.cos(theta), np.sin(theta)]),
                                   atol=1e-12)
        np.testing.assert_allclose(p, (x @ b) / (b @ b) * b, atol=1e-12)
        # The dashed remainder meets b's line at a right angle.
        (remainder,) = [line for line in ax.lines if line.get_linestyle() == "--"]
        start, end = np.column_stack([remainder.get_xdata(), remainder.get_ydata()])
        assert abs((start - end) @ b) < 1e-12
        tips.append(p)
        plt.close(ax.figure)
    assert len(titles) == 1, "stretching b changes neither projection"
    np.testing.assert_allclose(tips[0], tips[-1], atol=1e-12)


def test_the_gram_schmidt_step_drawn_gives_orthonormal_q1_q2() -> None:
    ax = draw_gram_schmidt(plt.figure(), angle=60.0)
    a1, a2, q1, q2 = (_arrow_tip(patch) for patch in ax.patches)
    Q = np.column_stack([q1, q2])
    np.testing.assert_allclose(Q.T @ Q, np.eye(2), atol=1e-12)
    assert abs(q2 @ a1) < 1e-12 and q2 @ a2 > 0
    assert ax.get_title() == "remainder of a₂: length 2.17, so q₂ = remainder / 2.17"
    plt.close(ax.figure)
    for dependent in (0.0, 180.0):
        ax = draw_gram_schmidt(plt.figure(), angle=dependent)
        assert len(ax.patches) == 3 and "no new direction" in ax.get_title()
        plt.close(ax.figure)


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
    with pytest.raises(ValueError, match="names must hold 6 strings, one per page of L"):
        plot_web(micro_internet(), names="AB")
    with pytest.raises(ValueError, match="names must hold 6 strings, one per column of iterates"):
        plot_rank_iterates(np.ones((3, 6)), names="ABC")
    with pytest.raises(ValueError, match=r"matrix must have shape \(2, 2\)"):
        plot_transformation(np.eye(3))


def test_matrix_panels_print_rounding_residues_without_their_digits() -> None:
    from mmlbook.plotting.linalg import _entry_text

    assert _entry_text(4.4e-16) == "≈0" and _entry_text(-3e-17) == "≈0"
    assert _entry_text(0.0) == "0"
    assert _entry_text(2e-5) == "2e-05" and _entry_text(0.28571) == "0.286"


def test_plot_transformation_frames_the_whole_image_of_a_large_map() -> None:
    # [[10, 0], [0, 1]] sends e₁ to (10, 0): its arrow and the image of the square must be
    # in view, whatever grid_lines is (the frame was once capped at the grid, ±5).
    ax = plot_transformation([[10.0, 0.0], [0.0, 1.0]])
    low, high = ax.get_xlim()
    assert low <= -10.0 and high >= 10.0
    plt.close("all")
