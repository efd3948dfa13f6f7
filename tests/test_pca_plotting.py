"""Tests of mmlbook.plotting.pca: what the helpers draw and what they refuse."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mmlbook.datasets import load_iris  # noqa: E402
from mmlbook.pca import function_inner_product, knn_predict, project  # noqa: E402
from mmlbook.plotting.pca import (  # noqa: E402
    draw_knn_regions,
    image_value_range,
    plot_cov_ellipse,
    plot_decision_regions,
    plot_function_product,
    plot_images,
    plot_matrix,
    plot_projection_3d,
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


def _grey(ax, value):
    """The grey level (0 black, 1 white) at which ``ax``'s image draws ``value``."""
    image = ax.images[0]
    red, green, blue, _ = image.cmap(image.norm(value))
    assert red == green == blue
    return red


def test_plot_images_share_one_grey_scale_white_at_zero():
    # Two images with very different ranges: the faint one must stay faint.
    images = np.array([[0.0, 1.0, 2.0, 4.0], [0.0, 8.0, 12.0, 16.0]])
    fig = plot_images(images, ncols=2)
    for ax in fig.axes:
        assert ax.images[0].get_clim() == (0.0, 16.0)
        assert _grey(ax, 0.0) == 1.0  # zero is white
        assert _grey(ax, 16.0) == 0.0  # the largest value of all images is black
    # The faint image's brightest pixel is a light grey, not black.
    assert _grey(fig.axes[0], 4.0) > 0.7


def test_plot_images_signed_puts_zero_at_mid_grey():
    images = np.array([[-0.5, 0.0, 0.25, 0.1], [0.0, 0.2, -0.1, 0.3]])
    fig = plot_images(images, ncols=2, signed=True)
    for ax in fig.axes:
        assert ax.images[0].get_clim() == (-0.5, 0.5)
        assert _grey(ax, 0.0) == pytest.approx(0.5, abs=1 / 255)
        assert _grey(ax, 0.5) == 0.0 and _grey(ax, -0.5) == 1.0


def test_plot_images_with_a_fixed_range_clips_beyond_it():
    images = np.array([[-3.0, 0.0, 8.0, 19.0]])
    ax = plot_images(images, value_range=(0.0, 16.0)).axes[0]
    assert ax.images[0].get_clim() == (0.0, 16.0)
    assert _grey(ax, -3.0) == 1.0 and _grey(ax, 19.0) == 0.0


def test_image_value_range_rules():
    assert image_value_range([[2.0, 5.0]]) == (0.0, 5.0)
    assert image_value_range([[-1.0, 5.0]]) == (-1.0, 5.0)
    assert image_value_range(np.zeros((2, 4))) == (0.0, 1.0)
    assert image_value_range(np.zeros((2, 4)), signed=True) == (-1.0, 1.0)
    assert image_value_range([[1.0, -4.0]], signed=True) == (-4.0, 4.0)
    assert image_value_range([[1.0]], value_range=(-2, 3)) == (-2.0, 3.0)


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


def test_draw_knn_regions_defaults_to_the_iris_sepals():
    fig = plt.figure()
    ax = draw_knn_regions(fig, k=9, resolution=12)
    assert fig.axes == [ax] and ax.get_title() == "k = 9"
    assert ax.get_xlabel() == "sepal length (cm)" and ax.get_ylabel() == "sepal width (cm)"
    X, y = load_iris()
    mesh = ax.collections[0]
    # The regions are k-NN's labels on a 12 x 12 grid over the flowers' range (with margin).
    regions = mesh.get_array().reshape(12, 12)
    low, high = X[:, :2].min(axis=0), X[:, :2].max(axis=0)
    margin = 0.08 * (high - low)
    gx, gy = np.meshgrid(np.linspace(low[0] - margin[0], high[0] + margin[0], 12),
                         np.linspace(low[1] - margin[1], high[1] + margin[1], 12))
    expected = knn_predict(X[:, :2], y, np.column_stack([gx.ravel(), gy.ravel()]), 9)
    np.testing.assert_array_equal(regions.ravel(), expected)


def test_draw_knn_regions_needs_both_or_neither_of_points_and_labels():
    with pytest.raises(ValueError, match="given together"):
        draw_knn_regions(plt.figure(), X_train=np.zeros((3, 2)))


def test_plot_function_product_shades_the_signed_area():
    ax = plot_function_product(np.sin, lambda t: t, (-1.0, 2.0), samples=2001)
    f_line, g_line, product_line = ax.lines[:3]
    t = f_line.get_xdata()
    np.testing.assert_allclose(f_line.get_ydata(), np.sin(t))
    np.testing.assert_allclose(product_line.get_ydata(), t * np.sin(t))
    # Area of the shaded polygons: positive part minus negative part is the integral.
    def area(collection):
        total = 0.0
        for path in collection.get_paths():
            x, y = path.vertices.T
            total += 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
        return total

    above, below = ax.collections[:2]
    expected = function_inner_product(np.sin, lambda t: t, (-1.0, 2.0))
    assert area(above) - area(below) == pytest.approx(expected, rel=1e-4)


def test_plot_projection_3d_draws_the_projection():
    B = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    x = np.array([6.0, 0.0, 0.0])
    ax = plot_projection_3d(B, x)
    np.testing.assert_allclose(ax.projection_point, project(x, B))
    np.testing.assert_allclose(ax.projection_point, [5.0, 2.0, -1.0])
    # The dashed error segment joins x to its projection.
    (error,) = [line for line in ax.lines if line.get_linestyle() == "--"]
    xs, ys, zs = error.get_data_3d()
    np.testing.assert_allclose(np.column_stack([xs, ys, zs]), [x, [5.0, 2.0, -1.0]])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: plot_images(np.ones((2, 5))), ValueError, "not square"),
        (lambda: plot_images(np.ones((2, 4)), image_shape=(3, 3)), ValueError, "does not hold 4"),
        (lambda: plot_images(np.ones((2, 4)), titles=["a"]), ValueError, "titles must hold 2"),
        (lambda: plot_images(np.ones((1, 4)), signed="False"), TypeError, "signed must be True"),
        (lambda: plot_images(np.ones((1, 4)), value_range=(1, 0)), ValueError, "increasing"),
        (lambda: plot_images(np.ones((1, 4)), value_range=(0,)), ValueError, "a pair"),
        (lambda: plot_images(np.ones((1, 4)), value_range=(0, np.inf)), ValueError, "finite"),
        (lambda: plot_matrix([1.0, 2.0]), ValueError, "matrix must be a 2-D"),
        (lambda: plot_cov_ellipse([0.0], np.eye(2), plt.gca()), ValueError, "mean must have"),
        (lambda: plot_cov_ellipse([0, 0], -np.eye(2), plt.gca()), ValueError, "semi-definite"),
        (lambda: plot_decision_regions(np.ones((3, 3)), [0, 1, 1], 1), ValueError, "2 columns"),
        (lambda: plot_decision_regions(np.ones((2, 2)), [0, 9], 1), ValueError, "labels from 0"),
        (lambda: plot_decision_regions(np.ones((2, 2)), [0.0, 1.0], 1), TypeError, "integer"),
        (lambda: plot_function_product(np.sin, 2.0, (0, 1)), TypeError, "must be callable"),
        (lambda: plot_function_product(np.sin, np.cos, (1, 0)), ValueError, "increasing"),
        (lambda: plot_function_product(np.sin, np.log, (-1, 1)), ValueError, "finite on"),
        (lambda: plot_projection_3d(np.eye(3), np.ones(3)), ValueError, r"shape \(3, 2\)"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_plot_matrix_colours_positive_red_negative_blue_and_small_dark():
    diverging = plot_matrix([[2.0, -2.0], [-2.0, 1.0]], diverging=True).images[0]
    red, _, blue, _ = diverging.cmap(diverging.norm(2.0))
    assert red > 2 * blue
    red, _, blue, _ = diverging.cmap(diverging.norm(-2.0))
    assert blue > 2 * red
    sequential = plot_matrix([[0.0, 1.0], [1.0, 0.0]]).images[0]
    low, high = (np.array(sequential.cmap(sequential.norm(v))[:3]) for v in (0.0, 1.0))
    luminance = np.array([0.2126, 0.7152, 0.0722])
    assert low @ luminance < 0.25 < 0.75 < high @ luminance  # dark is small


def test_draw_reconstructions_draws_originals_over_reconstructions_on_one_grey_scale():
    from mmlbook.datasets import load_digits
    from mmlbook.pca import pca
    from mmlbook.plotting.pca import draw_reconstructions

    X, y = load_digits()
    axes = draw_reconstructions(plt.figure(), n_components=4)
    assert len(axes) == 20
    first = np.array([np.flatnonzero(y == digit)[0] for digit in range(10)])
    expected = np.vstack([X[first], pca(X, 4).reconstruction[first]])
    for ax, image in zip(axes, expected, strict=True):
        drawn = ax.images[0]
        # The one grey scale of the data set: white is blank paper (0), black full ink (16).
        assert drawn.get_clim() == (0.0, 16.0)
        assert drawn.get_cmap().name == "gray_r"
        np.testing.assert_allclose(drawn.get_array(), image.reshape(8, 8), atol=1e-9)
    assert axes[10].get_title(loc="left") == "M = 4"
    with pytest.raises(ValueError, match="rank is 61"):
        draw_reconstructions(plt.figure(), n_components=62)
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        draw_reconstructions(None)
    plt.close("all")


def test_decision_regions_give_class_c_the_book_colour_c():
    from matplotlib.colors import to_rgba

    from mmlbook.plotting import BOOK_COLORS

    ax = plot_decision_regions([[0.0, 0.0], [4.0, 4.0], [0.0, 4.0]], [0, 1, 2], k=1,
                               resolution=10)
    dots, mesh = ax.collections[1], ax.collections[0]
    expected = [to_rgba(c)[:3] for c in BOOK_COLORS[:3]]
    np.testing.assert_allclose(dots.cmap(dots.norm(dots.get_array()))[:, :3], expected)
    np.testing.assert_allclose(mesh.cmap(mesh.norm([0, 1, 2]))[:, :3], expected)


def test_draw_projection_variance_projects_onto_the_line_and_peaks_at_the_top_eigenvector():
    from mmlbook.datasets import load_iris
    from mmlbook.pca import cov, eig, mean
    from mmlbook.plotting.pca import draw_projection_variance

    X = load_iris()[0][:, [0, 3]]
    mu, S = mean(X), cov(X)
    # 200° is the line of 20°.
    points, curve = draw_projection_variance(plt.figure(), angle=200.0)
    u = np.array([np.cos(np.deg2rad(20.0)), np.sin(np.deg2rad(20.0))])
    drawn = {c.get_gid(): c for c in points.collections}
    np.testing.assert_allclose(drawn["points"].get_offsets(), X)
    projected = np.asarray(drawn["projections"].get_offsets())
    # Each projection is on the line through the mean along u, at the foot of the
    # perpendicular from its point; the segment joins the two.
    np.testing.assert_allclose(projected, mu + np.outer((X - mu) @ u, u), atol=1e-12)
    segments = np.array(drawn["segments"].get_segments())
    np.testing.assert_allclose(segments[:, 0], X)
    np.testing.assert_allclose(segments[:, 1], projected)
    np.testing.assert_allclose((segments[:, 0] - segments[:, 1]) @ u, 0.0, atol=1e-12)
    line = next(ln for ln in points.lines if ln.get_gid() == "line").get_xydata()
    direction = (line[1] - line[0]) / np.linalg.norm(line[1] - line[0])
    assert abs(abs(direction @ u) - 1.0) < 1e-12
    offset = line[0] - mu  # along u: the line passes through the mean
    assert abs(offset[0] * u[1] - offset[1] * u[0]) < 1e-12
    assert points.get_aspect() == 1.0  # one scale, so right angles look right
    assert points.get_title() == "the line at 200°"

    lines = {ln.get_gid(): ln for ln in curve.lines}
    angles, variances = lines["variance"].get_xdata(), lines["variance"].get_ydata()
    assert angles[0] == 0.0 and angles[-1] == 180.0
    along = np.column_stack([np.cos(np.deg2rad(angles)), np.sin(np.deg2rad(angles))])
    np.testing.assert_allclose(variances, ((X - mu) @ along.T).var(axis=0), rtol=1e-12)
    # The dot: the current line, at its angle modulo 180°, and the variance it keeps.
    np.testing.assert_allclose(lines["current"].get_xydata(), [[20.0, u @ S @ u]])
    values, vectors = eig(S)
    top = float(np.rad2deg(np.arctan2(vectors[1, 0], vectors[0, 0])) % 180.0)
    assert lines["top eigenvector"].get_xdata()[0] == pytest.approx(top)
    assert abs(angles[variances.argmax()] - top) <= 0.5
    assert variances.max() == pytest.approx(values[0], rel=1e-4)
    assert curve.get_title() == f"{u @ S @ u / np.trace(S):.0%} of the total variance"
    plt.close("all")


def test_draw_projection_variance_takes_points_and_refuses_bad_ones():
    from mmlbook.plotting.pca import draw_projection_variance

    X = [[0.0, 0.0], [2.0, 0.0], [0.0, 1.0], [2.0, 1.0]]
    points, curve = draw_projection_variance(plt.figure(), angle=0.0, X=X,
                                             feature_names=("a", "b"))
    assert (points.get_xlabel(), points.get_ylabel()) == ("a", "b")
    # Along the first axis the variance is that of 0, 2, 0, 2: 1, of a total of 1.25.
    assert curve.get_title() == "80% of the total variance"
    with pytest.raises(ValueError, match="X must have two columns and at least two rows"):
        draw_projection_variance(plt.figure(), X=np.zeros((4, 3)))
    with pytest.raises(ValueError, match="X must have two columns and at least two rows"):
        draw_projection_variance(plt.figure(), X=[[1.0, 2.0]])
    for flat in ([[1.0, 2.0], [1.0, 2.0]], 1e120 * np.array(X), 1e-120 * np.array(X)):
        with pytest.raises(ValueError, match="X must spread about its mean by between"):
            draw_projection_variance(plt.figure(), X=flat)
    with pytest.raises(ValueError, match="angle"):
        draw_projection_variance(plt.figure(), angle=float("nan"))
    with pytest.raises(TypeError, match="angle"):
        draw_projection_variance(plt.figure(), angle="30")
    with pytest.raises(TypeError, match="feature_names must be a pair of strings"):
        draw_projection_variance(plt.figure(), feature_names="ab")
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        draw_projection_variance(None)
    plt.close("all")


def test_projection_3d_axes_have_one_scale():

    from mmlbook.plotting.pca import plot_projection_3d

    ax = plot_projection_3d([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [1.0, 2.0, 3.0])
    spans = np.array([np.ptp(ax.get_xlim()), np.ptp(ax.get_ylim()), np.ptp(ax.get_zlim())])
    box = np.asarray(ax.get_box_aspect())
    np.testing.assert_allclose(box / box.max(), spans / spans.max())
    plt.close(ax.figure)
