"""Tests of mmlbook.plotting.pca: what the helpers draw and what they refuse."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mmlbook.plotting.pca import (  # noqa: E402
    plot_cov_ellipse,
    plot_decision_regions,
    plot_images,
    plot_matrix,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_plot_images_grid_and_titles():
    fig = plot_images(
        np.arange(5 * 6.0).reshape(5, 6), ncols=3, image_shape=(2, 3), titles=list("abcde")
    )
    assert len(fig.axes) == 6
    assert fig.axes[0].get_title() == "a"
    np.testing.assert_array_equal(fig.axes[1].images[0].get_array(), [[6, 7, 8], [9, 10, 11]])


def test_plot_matrix_diverging_is_centred():
    ax = plot_matrix([[2.0, -0.5], [-0.5, 1.0]], diverging=True, label="cov")
    assert ax.images[0].get_clim() == (-2.0, 2.0)


def test_cov_ellipse_follows_the_eigenvectors():
    _, ax = plt.subplots()
    S = np.array([[2.0, 1.0], [1.0, 2.0]])  # eigenvalues 3 and 1, major axis along (1, 1)
    ellipse = plot_cov_ellipse([1.0, 2.0], S, ax, n_std=1.0)
    assert ellipse.width == pytest.approx(2 * np.sqrt(3.0))
    assert ellipse.height == pytest.approx(2.0)
    assert ellipse.angle % 180 == pytest.approx(45.0)


def test_decision_regions_colour_by_class():
    ax = plot_decision_regions([[0.0, 0.0], [4.0, 4.0]], [0, 1], k=1, resolution=10)
    regions = ax.collections[0].get_array().reshape(10, 10)
    assert regions[0, 0] == 0 and regions[-1, -1] == 1


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: plot_images(np.ones((2, 5))), ValueError, "not square"),
        (lambda: plot_images(np.ones((2, 4)), image_shape=(3, 3)), ValueError, "does not hold 4"),
        (lambda: plot_images(np.ones((2, 4)), titles=["a"]), ValueError, "titles must have 2"),
        (lambda: plot_matrix([1.0, 2.0]), ValueError, "matrix must be a 2-D"),
        (lambda: plot_cov_ellipse([0.0], np.eye(2), plt.gca()), ValueError, "mean must have"),
        (lambda: plot_cov_ellipse([0, 0], -np.eye(2), plt.gca()), ValueError, "semi-definite"),
        (lambda: plot_decision_regions(np.ones((3, 3)), [0, 1, 1], 1), ValueError, "2 columns"),
        (lambda: plot_decision_regions(np.ones((2, 2)), [0, 9], 1), ValueError, "labels from 0"),
        (lambda: plot_decision_regions(np.ones((2, 2)), [0.0, 1.0], 1), TypeError, "integer"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
