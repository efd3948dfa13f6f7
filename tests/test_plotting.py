"""The shared plot style and the first-look helper."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mmlbook.plotting import BOOK_COLORS, use_book_style  # noqa: E402
from mmlbook.plotting.linalg import plot_transformation  # noqa: E402


def test_book_style_sets_the_colour_cycle() -> None:
    use_book_style()
    cycle = [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert tuple(cycle) == BOOK_COLORS
    assert matplotlib.rcParams["svg.hashsalt"] == "mmlbook"


def test_plot_transformation_draws_the_image_of_the_unit_square() -> None:
    A = np.array([[2.0, 1.0], [0.0, 1.0]])
    ax = plot_transformation(A)
    image = ax.patches[1].get_xy()  # the filled image of the unit square
    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=float)
    np.testing.assert_allclose(image[: len(square)], square @ A.T)
    xmin, xmax = ax.get_xlim()
    assert xmin <= -2 and xmax >= 3  # the image reaches x = 3; it must be in view
    plt.close(ax.figure)


@pytest.mark.parametrize(
    "matrix, error, message",
    [
        (np.eye(3), ValueError, r"matrix must have shape \(2, 2\), got \(3, 3\)"),
        ([[1, np.nan], [0, 1]], ValueError, "matrix must contain only finite numbers"),
        ([["a", "b"], ["c", "d"]], TypeError, "matrix must be an array of real numbers"),
    ],
)
def test_plot_transformation_rejects_bad_matrices(matrix, error, message) -> None:
    with pytest.raises(error, match=message):
        plot_transformation(matrix)


def test_plot_transformation_rejects_a_bad_grid() -> None:
    with pytest.raises(ValueError, match="grid_lines must be at least 1"):
        plot_transformation(np.eye(2), grid_lines=0)
    with pytest.raises(TypeError, match="grid_lines must be an integer, got float"):
        plot_transformation(np.eye(2), grid_lines=2.5)
