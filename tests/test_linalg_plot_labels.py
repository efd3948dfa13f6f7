"""The labels of the Linear Algebra plot helpers keep clear of each other and of the
lines drawn through the points they name, in the drawings the book makes.

The check is made on the rendered figure, in display coordinates, with matplotlib's own
path-box intersection: independent of how the helpers choose where a label goes.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from mmlbook.plotting.linalg import (  # noqa: E402
    draw_gram_schmidt,
    draw_matrix,
    draw_projection,
    plot_basis_grid,
    plot_eigenvectors,
    plot_transformation,
    plot_vectors,
)

ROTATION_30 = [[np.cos(np.pi / 6), -np.sin(np.pi / 6)], [np.sin(np.pi / 6), np.cos(np.pi / 6)]]

#: The maps the Linear Algebra chapters and the first look draw.
BOOK_MAPS = {
    "rotation by 30°": ROTATION_30,
    "rotation by 90°": [[0, -1], [1, 0]],
    "shear": [[1, 1], [0, 1]],
    "reflection in the x-axis": [[1, 0], [0, -1]],
    "scaling (2, 0.5)": [[2, 0], [0, 0.5]],
    "uniform scaling 1.5": [[1.5, 0], [0, 1.5]],
    "R S": [[0, -1], [1, 1]],
    "S R": [[1, -1], [1, 0]],
    "det 2": [[2, 1], [0, 1]],
    "det -2": [[1, 2], [1, 0]],
    "det 0": [[1, 2], [0.5, 1]],
    "the eigenvalue chapter's A": [[2, 1], [0.5, 1.5]],
}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _paths(ax):
    """Every line (but the background grids, below z-order 1) and polygon of the axes,
    as display-space paths."""
    paths = [line.get_transform().transform_path(line.get_path())
             for line in ax.lines if line.get_zorder() >= 1]
    paths += [patch.get_transform().transform_path(patch.get_path())
              for patch in ax.patches if isinstance(patch, Polygon)]
    return [path for path in paths if len(path.vertices) > 1]  # a marker is no line


def _distance(point, path) -> float:
    """The display distance from a point to a path's polyline."""
    xy = path.vertices
    starts, ends = xy[:-1], xy[1:]
    along = ends - starts
    length2 = np.maximum((along**2).sum(axis=1), 1e-12)
    t = np.clip(((point - starts) * along).sum(axis=1) / length2, 0.0, 1.0)
    return float(np.linalg.norm(starts + t[:, None] * along - point, axis=1).min())


def assert_labels_clear(ax) -> None:
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if isinstance(t, Annotation) and t.get_text().strip()]
    assert labels, "the drawing has labels"
    boxes = [label.get_window_extent(renderer) for label in labels]
    for i, (label, box) in enumerate(zip(labels, boxes, strict=True)):
        for other, other_box in zip(labels[i + 1:], boxes[i + 1:], strict=True):
            assert not box.overlaps(other_box), (label.get_text(), other.get_text())
        anchor = ax.transData.transform(label.xy)
        for path in _paths(ax):
            if _distance(anchor, path) < 2.0:
                assert not path.intersects_bbox(box, filled=False), (
                    f"{label.get_text()!r} meets a line through the point it names"
                )


@pytest.mark.parametrize("name", BOOK_MAPS)
def test_map_labels_keep_clear(name) -> None:
    assert_labels_clear(plot_transformation(BOOK_MAPS[name], grid_lines=3))
    assert_labels_clear(plot_eigenvectors(BOOK_MAPS[name]))


def test_labels_of_arrows_along_one_line_keep_clear() -> None:
    x, b = np.array([2.0, 3.0]), np.array([4.0, 1.0])
    p = (x @ b) / (b @ b) * b
    fig, ax = plt.subplots(figsize=(5, 3.6))
    ax.axline((0, 0), tuple(b), color="0.8", lw=1)
    ax.plot(*np.column_stack([x, p]), ls="--", color="0.4")
    assert_labels_clear(plot_vectors({"x": x, "b": b, "projection": p}, ax=ax))
    assert_labels_clear(plot_basis_grid([[2, -2], [1, 4]], x=[3, 4], lines=3, name="r"))


@pytest.mark.parametrize("angle", [15.0, 75.0, -120.0])
def test_try_it_frames_keep_their_labels_clear(angle) -> None:
    assert_labels_clear(draw_projection(plt.figure(figsize=(5.5, 5.5)), angle=angle))
    assert_labels_clear(draw_gram_schmidt(plt.figure(figsize=(5.5, 5.5)), angle=angle + 45))
    assert_labels_clear(draw_matrix(plt.figure(figsize=(5, 5))))
