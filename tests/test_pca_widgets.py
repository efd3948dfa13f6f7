"""The PCA chapters' Try-it widgets: first frame at the drawing's defaults, redrawn on change."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from mmlbook.widgets.pca import knn_regions_widget  # noqa: E402


def test_knn_regions_widget_starts_at_the_static_figure_and_redraws():
    widget = knn_regions_widget(max_k=30)
    slider = widget.children[0].children[0]
    assert (slider.min, slider.max, slider.value) == (1, 30, 5)
    assert widget.settings == {"k": 5} and widget.frames == 1
    slider.value = 12
    assert widget.settings == {"k": 12} and widget.frames == 2


def test_knn_regions_widget_bad_range():
    with pytest.raises(ValueError, match="at least the first frame's k = 5"):
        knn_regions_widget(max_k=3)
    with pytest.raises(ValueError, match="max_k must be at most 150"):
        knn_regions_widget(max_k=151)
    with pytest.raises(TypeError, match="max_k must be an integer"):
        knn_regions_widget(max_k=10.0)


def test_reconstructions_widget_starts_at_the_static_figure_and_runs_to_the_rank():
    from mmlbook.widgets.pca import reconstructions_widget

    widget = reconstructions_widget()
    slider = widget.children[0].children[0]
    # The bundled digits: 64 pixels, 3 of them blank in every image, so rank 61.
    assert (slider.min, slider.max, slider.value) == (1, 61, 5)
    assert widget.settings == {"n_components": 5} and widget.frames == 1
    slider.value = slider.max
    assert widget.settings == {"n_components": 61} and widget.frames == 2
