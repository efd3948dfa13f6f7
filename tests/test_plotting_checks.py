"""The argument checks the plot helpers share (mmlbook/plotting/_checks.py), and what the
helpers draw for inputs at the ends of the range of floats."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mmlbook.calculus import intro_pit  # noqa: E402
from mmlbook.datasets import heights_histogram, micro_internet  # noqa: E402
from mmlbook.plotting._checks import (  # noqa: E402
    axes_or_new,
    check_colour,
    check_label,
    check_labels,
    check_shape,
    check_size,
    check_window,
)
from mmlbook.plotting.calculus import plot_chi2_landscape, plot_slopes  # noqa: E402
from mmlbook.plotting.linalg import plot_shapes, plot_web  # noqa: E402
from mmlbook.plotting.pca import plot_matrix  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_axes_or_new_passes_axes_through_and_makes_them_when_none() -> None:
    ax = plt.figure().add_subplot()
    assert axes_or_new(ax) is ax
    made = axes_or_new(None, (3.0, 2.0))
    assert tuple(made.figure.get_size_inches()) == (3.0, 2.0)
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes, got Figure"):
        axes_or_new(ax.figure)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: check_colour(None, "color"), TypeError, "color must be a matplotlib colour"),
        (lambda: check_colour(["#0072B2"], "color"), TypeError, "got list"),
        (lambda: check_colour("False", "color"), ValueError, "color must be a matplotlib"),
        (lambda: check_label(3, "label"), TypeError, "label must be a string or None, got int"),
        (lambda: check_label(None, "label", optional=False), TypeError,
         "label must be a string, got NoneType"),
        (lambda: check_labels(1.5, "names", 2, "page"), TypeError, "names must be a sequence"),
        (lambda: check_labels(["a", 1], "names", 2, "page"), TypeError,
         "names must hold strings, got a int"),
        (lambda: check_labels("abc", "names", 2, "page"), ValueError,
         "names must hold 2 strings, one per page, got 3"),
        (lambda: check_window((2.0, 1.0), "window"), ValueError, "increasing pair"),
        (lambda: check_window((0.0, 1.0, 2.0), "window"), ValueError, "increasing pair"),
        (lambda: check_size((3.0, 0.0), "figsize"), ValueError, "positive numbers"),
        (lambda: check_size((True, True), "figsize"), TypeError, "figsize must be an array"),
        (lambda: check_shape(4, "image_shape"), TypeError, "image_shape must be a pair"),
        (lambda: check_shape((4, 4, 1), "image_shape"), ValueError, "got 3 entries"),
        (lambda: check_shape((4, 4.0), "image_shape"), TypeError,
         r"image_shape\[1\] must be an integer"),
        (lambda: check_shape((0, 4), "image_shape"), ValueError,
         r"image_shape\[0\] must be at least 1"),
    ],
)
def test_the_shared_checks_name_the_argument_and_the_problem(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()


def test_the_shared_checks_return_what_they_accept() -> None:
    assert check_colour((0.1, 0.2, 0.3), "color") == (0.1, 0.2, 0.3)
    assert check_colour("0.4", "color") == "0.4"
    assert check_labels("AB", "names", 2, "page") == ["A", "B"]
    assert check_labels(np.array(["a", "b"]), "names", 2, "page") == ["a", "b"]
    assert check_window([1, 3]) == (1.0, 3.0)
    assert check_size(np.array([3, 2]), "figsize") == (3.0, 2.0)
    assert check_shape(np.array([8, 8]), "image_shape") == (8, 8)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: plot_shapes({"head": np.ones((2, 3))}, alpha=1.5), ValueError,
         "alpha must be <= 1"),
        (lambda: plot_shapes({"head": np.ones((2, 3))}, color=None), TypeError, "color must be"),
        (lambda: plot_shapes([np.ones((2, 3))]), TypeError, "shapes must be a mapping"),
        (lambda: plot_web(-micro_internet()), ValueError, "L must have non-negative entries"),
        (lambda: plot_matrix(np.eye(2), diverging="False"), TypeError,
         "diverging must be True or False"),
        (lambda: plot_slopes(None, intro_pit(), [[1.0, 1.0]]), TypeError,
         "ax must be a matplotlib Axes, got NoneType"),
        (lambda: plot_slopes(plt.gca(), intro_pit(), [[1.0, 1.0]], length=0.0), ValueError,
         "length must be > 0"),
        (lambda: plot_chi2_landscape(*heights_histogram(), (170.0,), (4.0, 12.0)), ValueError,
         "mu_range must be an increasing pair"),
        (lambda: plot_chi2_landscape(*heights_histogram(), (170.0, 185.0), (-1.0, 12.0)),
         ValueError, "sigma_range must be positive"),
    ],
)
def test_plot_helpers_refuse_bad_options(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()


def _direct_log_chi2(x: np.ndarray, y: np.ndarray, mu: float, sigma: float) -> float:
    """log10 of chi^2 = sum (y - g)^2, straight from the formula (an independent check)."""
    g = np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))
    return float(np.log10(np.sum((y - g) ** 2)))


def test_the_chi2_landscape_draws_log10_chi2_of_each_grid_point() -> None:
    x, y = heights_histogram()
    ax = plot_chi2_landscape(x, y, (170.0, 185.0), (4.0, 12.0), resolution=5)
    filled = ax.collections[0]
    low, high = filled.get_array().min(), filled.get_array().max()
    grid = [_direct_log_chi2(x, y, m, s) for m in np.linspace(170, 185, 5)
            for s in np.linspace(4, 12, 5)]
    # contourf's levels enclose every value drawn, with no level beyond one step of them.
    step = filled.levels[1] - filled.levels[0]
    assert filled.levels[0] <= min(grid) and max(grid) <= filled.levels[-1]
    assert min(grid) - step <= low and high <= max(grid) + step


@settings(max_examples=20, deadline=None)
@given(st.integers(-900, 900))
def test_the_chi2_landscape_is_finite_for_data_of_any_scale(k: int) -> None:
    # Heights and densities scaled by 2**k: chi^2 scales by 4**k, its log10 shifts by
    # 2k log10(2), and nothing overflows on the way (the drawn values stay finite).
    x, y = heights_histogram()
    c = 2.0**k
    ax = plot_chi2_landscape(x * c, y, (170.0 * c, 185.0 * c), (4.0 * c, 12.0 * c),
                             resolution=4)
    assert np.all(np.isfinite(ax.collections[0].levels))
    plt.close(ax.figure)


def test_slope_arrows_keep_their_direction_and_length_far_from_the_centre() -> None:
    pit = intro_pit()
    near = np.array([[1.0, 2.0], [3.0, 4.0]])
    arrows = []
    for points in (near, near * 2.0**990):
        with np.errstate(over="raise", divide="raise", invalid="raise", under="ignore"):
            ax = plot_slopes(plt.figure().gca(), pit, points, length=0.5)
        arrows.append(np.column_stack([ax.collections[0].U, ax.collections[0].V]))
    for drawn in arrows:
        np.testing.assert_allclose(np.linalg.norm(drawn, axis=1), 0.5)
    gradient = pit.gradient(near[:, 0], near[:, 1])
    expected = -0.5 * gradient / np.linalg.norm(gradient, axis=1, keepdims=True)
    np.testing.assert_allclose(arrows[0], expected, rtol=1e-12)
