"""The PCA chapters' Try-it widgets: first frame at the drawing's defaults, redrawn on change."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
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


def test_projection_variance_widget_starts_at_the_static_figure_and_turns_the_line():
    from mmlbook.widgets.pca import projection_variance_widget

    widget = projection_variance_widget()
    slider = widget.children[0].children[0]
    assert (slider.min, slider.max, slider.step, slider.value) == (0.0, 180.0, 1.0, 120.0)
    assert widget.settings == {"angle": 120.0} and widget.frames == 1
    slider.value = 40.0
    assert widget.settings == {"angle": 40.0} and widget.frames == 2


def test_the_mnist_path_of_the_chapters_on_small_idx_files(tmp_path, monkeypatch):
    # MMLBOOK_MNIST names a folder of the four IDX files: the PCA chapter's Try it (its
    # figure and widget) then runs on 28 × 28 images instead of the bundled 8 × 8 digits.
    from idx_files import write_mnist_folder
    from mmlbook.datasets import MNIST_VARIABLE, load_images
    from mmlbook.pca import PCA
    from mmlbook.plotting.pca import draw_reconstructions
    from mmlbook.widgets.pca import reconstructions_widget

    images, labels = write_mnist_folder(tmp_path, n_train=160, n_test=40)
    monkeypatch.setenv(MNIST_VARIABLE, str(tmp_path))
    X = load_images().X
    assert X.shape == (200, 784)
    axes = draw_reconstructions(plt.figure(), n_components=6)
    first = np.array([np.flatnonzero(labels == digit)[0] for digit in range(10)])
    model = PCA(6).fit(X)
    expected = np.vstack([X[first], model.inverse_transform(model.transform(X[first]))])
    for ax, image in zip(axes, expected, strict=True):
        drawn = ax.images[0]
        assert drawn.get_clim() == (0.0, 255.0)
        np.testing.assert_allclose(drawn.get_array(), image.reshape(28, 28), atol=1e-8)
    widget = reconstructions_widget()
    slider = widget.children[0].children[0]
    # 200 images: the centred ones have rank at most 199.
    assert slider.value == 5 and 6 <= slider.max <= 199
    slider.value = slider.max
    assert widget.frames == 2
    plt.close("all")
