"""The least-squares line: against numpy and scipy, by hand, and its invariants.

Also the spring data it is fitted to, and what the captions of the linear-regression
chapter say about the figures that draw it.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from scipy import stats  # noqa: E402

from mmlbook.calculus import LineFit, fit_line, least_squares, line_residuals  # noqa: E402
from mmlbook.datasets import SPRING_LINE, spring_measurements  # noqa: E402
from mmlbook.plotting import calculus as cplot  # noqa: E402
from mmlbook.widgets.calculus import line_fit_widget  # noqa: E402


def test_three_points_by_hand():
    # Normal equations [[5, 3], [3, 3]] (m, c) = (11, 8): m = 3/2, c = 7/6; the residuals
    # are -1/6, 1/3, -1/6.
    fit = fit_line([0.0, 1.0, 2.0], [1.0, 3.0, 4.0])
    assert isinstance(fit, LineFit)
    assert fit.slope == pytest.approx(1.5, abs=1e-14)
    assert fit.intercept == pytest.approx(7 / 6, abs=1e-14)
    np.testing.assert_allclose(fit.residuals, [-1 / 6, 1 / 3, -1 / 6], atol=1e-14)
    assert fit.chi2 == pytest.approx(1 / 6, rel=1e-13)
    assert fit.dof == 1
    # (AᵀA)⁻¹ = [[3, -3], [-3, 5]] / 6.
    assert fit.slope_error == pytest.approx(np.sqrt(0.5), rel=1e-13)
    assert fit.intercept_error == pytest.approx(np.sqrt(5 / 6), rel=1e-13)


def test_two_points_are_joined_exactly():
    fit = fit_line([1.0, 3.0], [2.0, 6.0])
    assert (fit.slope, fit.intercept, fit.dof) == (pytest.approx(2.0), pytest.approx(0.0), 0)
    assert fit.chi2 == pytest.approx(0.0, abs=1e-28)


def test_the_unweighted_line_is_scipys_linregress():
    x, y, _ = spring_measurements(30, seed=4)
    fit, reference = fit_line(x, y), stats.linregress(x, y)
    assert fit.slope == pytest.approx(reference.slope, rel=1e-12)
    assert fit.intercept == pytest.approx(reference.intercept, rel=1e-12)
    # linregress estimates σ from the scatter: our errors (σ = 1) times √(χ²/dof).
    scatter = np.sqrt(fit.chi2 / fit.dof)
    assert fit.slope_error * scatter == pytest.approx(reference.stderr, rel=1e-10)
    assert fit.intercept_error * scatter == pytest.approx(reference.intercept_stderr, rel=1e-10)


def test_the_weighted_line_and_its_covariance_are_numpys_polyfit():
    x, y, sigma = spring_measurements(20, seed=1, softening=0.05)
    fit = fit_line(x, y, sigma)
    # polyfit weighs the residuals, not their squares: w = 1/σ.
    coefficients, covariance = np.polyfit(x, y, 1, w=1 / sigma, cov="unscaled")
    np.testing.assert_allclose([fit.slope, fit.intercept], coefficients, rtol=1e-12)
    np.testing.assert_allclose([fit.slope_error, fit.intercept_error],
                               np.sqrt(np.diag(covariance)), rtol=1e-10)
    np.testing.assert_allclose(fit.residuals, (y - np.polyval(coefficients, x)) / sigma,
                               atol=1e-12)


def test_the_normal_equations_and_lstsq_agree():
    x, y, sigma = spring_measurements(15, seed=2)
    A = np.column_stack([x, np.ones_like(x)])
    W = np.diag(1 / sigma**2)
    normal = np.linalg.solve(A.T @ W @ A, A.T @ W @ y)
    weighted_lstsq = np.linalg.lstsq(A / sigma[:, None], y / sigma, rcond=None)[0]
    fit = fit_line(x, y, sigma)
    np.testing.assert_allclose([fit.slope, fit.intercept], normal, rtol=1e-12)
    np.testing.assert_allclose([fit.slope, fit.intercept], weighted_lstsq, rtol=1e-12)
    covariance = np.linalg.inv(A.T @ W @ A)
    np.testing.assert_allclose([fit.slope_error, fit.intercept_error],
                               np.sqrt(np.diag(covariance)), rtol=1e-10)


def test_one_gauss_newton_step_lands_on_the_line_from_anywhere():
    x, y, sigma = spring_measurements(seed=3)
    A = np.column_stack([x, np.ones_like(x)]) / sigma[:, None]
    fit = fit_line(x, y, sigma)
    for start in ([0.0, 0.0], [100.0, -50.0], [-3.0, 1e3]):
        walk = least_squares(lambda p: y / sigma - A @ p, lambda p: -A, start,
                             method="gauss-newton")
        assert len(walk.path) == 2 and walk.converged
        np.testing.assert_allclose(walk.path[1], [fit.slope, fit.intercept], rtol=1e-9)
        assert walk.chi2 == pytest.approx(fit.chi2, rel=1e-9)


def test_line_residuals_are_those_of_the_fit_and_their_squares_sum_to_chi2():
    x, y, sigma = spring_measurements(seed=5)
    fit = fit_line(x, y, sigma)
    r = line_residuals(x, y, fit.slope, fit.intercept, sigma)
    np.testing.assert_allclose(r, fit.residuals, atol=1e-13)
    assert float(r @ r) == pytest.approx(fit.chi2, rel=1e-12)
    np.testing.assert_array_equal(line_residuals(x, y, 0.0, 0.0), y)


def test_chi2_is_least_at_the_fit():
    x, y, sigma = spring_measurements(seed=6)
    fit = fit_line(x, y, sigma)
    rng = np.random.default_rng(0)
    for dm, dc in rng.normal(scale=0.05, size=(20, 2)):
        r = line_residuals(x, y, fit.slope + dm, fit.intercept + dc, sigma)
        assert r @ r > fit.chi2


def test_scaling_every_uncertainty_keeps_the_line_and_scales_its_errors():
    x, y, sigma = spring_measurements(seed=7)
    fit, doubled = fit_line(x, y, sigma), fit_line(x, y, 2 * sigma)
    assert doubled.slope == pytest.approx(fit.slope, rel=1e-12)
    assert doubled.intercept == pytest.approx(fit.intercept, rel=1e-12)
    assert doubled.slope_error == pytest.approx(2 * fit.slope_error, rel=1e-12)
    assert doubled.intercept_error == pytest.approx(2 * fit.intercept_error, rel=1e-12)
    assert doubled.chi2 == pytest.approx(fit.chi2 / 4, rel=1e-12)


_values = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@st.composite
def _data(draw):
    n = draw(st.integers(2, 30))
    x = np.array(draw(st.lists(_values, min_size=n, max_size=n)))
    y = np.array(draw(st.lists(_values, min_size=n, max_size=n)))
    sigma = np.array(draw(st.lists(st.floats(0.01, 100.0), min_size=n, max_size=n)))
    # The spread of x must be well above the rounding of its values for a slope to exist.
    if np.ptp(x) < 1e-3 * (1 + np.abs(x).max()):
        x = x + np.arange(n)
    return x, y, sigma


@given(_data())
@settings(max_examples=150, deadline=None)
def test_residuals_sum_to_zero_and_are_orthogonal_to_x(data):
    # The normal equations: Σ r_i/σ_i = 0 (from ∂χ²/∂c) and Σ x_i r_i/σ_i = 0 (∂χ²/∂m).
    x, y, sigma = data
    fit = fit_line(x, y, sigma)
    weighted = fit.residuals / sigma
    size = np.sum(np.abs(y / sigma**2)) + 1e-300
    assert abs(weighted.sum()) <= 1e-9 * size
    assert abs(weighted @ (x - x.mean())) <= 1e-9 * size * (np.ptp(x) + 1)


@given(_data())
@settings(max_examples=100, deadline=None)
def test_the_fit_moves_with_the_data(data):
    # Shifting y by a line a x + b adds (a, b) to the fit and leaves the residuals alone.
    x, y, sigma = data
    fit, shifted = fit_line(x, y, sigma), fit_line(x, y + 2.0 * x - 3.0, sigma)
    scale = np.abs(y).max() + 5 * np.abs(x).max() + 1
    assert shifted.slope == pytest.approx(fit.slope + 2.0, abs=1e-6 * scale)
    assert shifted.intercept == pytest.approx(fit.intercept - 3.0, abs=1e-6 * scale * scale)
    np.testing.assert_allclose(shifted.residuals, fit.residuals, atol=1e-6 * scale / sigma.min())


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: fit_line([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]), ValueError, "x must spread"),
        (lambda: fit_line([1.0], [1.0]), ValueError, "x must spread"),
        (lambda: fit_line([1.0, 2.0], [1.0, 2.0, 3.0]), ValueError, "same shape"),
        (lambda: fit_line([1.0, 2.0], [1.0, 2.0], [1.0, 0.0]), ValueError, "sigma must be pos"),
        (lambda: fit_line([1.0, 2.0], [1.0, 2.0], [1.0]), ValueError, "sigma must have"),
        (lambda: fit_line([1.0, 2.0], [1.0, np.nan]), ValueError, "y must contain only"),
        (lambda: fit_line([1e300, -1e300], [1.0, 2.0]), ValueError, "overflows"),
        (lambda: line_residuals([1.0], [1.0], "1", 0.0), TypeError, "slope must be"),
        (lambda: spring_measurements(1), ValueError, "n must be at least 2"),
        (lambda: spring_measurements(softening=-1.0), ValueError, "softening"),
    ],
)
def test_bad_input_is_refused_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_spring_data_are_seeded_and_scatter_about_hookes_line():
    first, again = spring_measurements(), spring_measurements()
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    load, length, sigma = spring_measurements(100_000, seed=9)
    assert load[0] == 0.5 and load[-1] == 6.0
    np.testing.assert_allclose(sigma, 0.2 + 0.1 * load)
    pulls = (length - (SPRING_LINE[1] + SPRING_LINE[0] * load)) / sigma
    assert abs(pulls.mean()) < 0.02 and abs(pulls.std() - 1) < 0.02
    softened = spring_measurements(seed=9, softening=0.3)[1] - spring_measurements(seed=9)[1]
    np.testing.assert_allclose(softened, 0.3 * spring_measurements()[0] ** 2)


# The figures: what the chapter's captions say they draw.


def test_error_bars_span_one_sigma_and_residual_segments_join_points_to_the_line():
    x, y, sigma = spring_measurements()
    ax = cplot.plot_line_fit(x, y, sigma, {"guess": (2.0, 14.0), "other": (2.5, 12.0)},
                             residuals=True)
    bars = ax.containers[0]
    segments = bars.lines[2][0].get_segments()
    np.testing.assert_allclose([s[:, 1] for s in segments], np.column_stack([y - sigma,
                                                                             y + sigma]))
    residuals = [line for line in ax.lines if line.get_gid() == "residual"]
    assert len(residuals) == x.size
    for line, xi, yi in zip(residuals, x, y, strict=True):
        np.testing.assert_allclose(line.get_xdata(), [xi, xi])
        np.testing.assert_allclose(line.get_ydata(), [yi, 2.0 * xi + 14.0])
    assert ax.get_legend_handles_labels()[1] == ["guess", "other"]
    plt.close("all")


def test_the_residual_plot_draws_stems_from_zero_over_a_band_of_plus_minus_one():
    ax = cplot.plot_residuals([0.0, 1.0, 2.0], [0.5, -1.5, 0.25])
    (band,) = [patch for patch in ax.patches if patch.get_gid() == "band"]
    extent = band.get_path().transformed(band.get_patch_transform()).get_extents()
    assert (extent.y0, extent.y1) == pytest.approx((-1.0, 1.0))
    stems = ax.collections[0].get_segments()
    np.testing.assert_allclose([s[:, 1] for s in stems], [[0.0, 0.5], [0.0, -1.5],
                                                         [0.0, 0.25]])
    plt.close("all")


def test_the_try_it_figure_shows_the_lines_chi2_and_the_best_one():
    fig = plt.figure()
    cplot.draw_line_fit(fig, slope=2.2, intercept=13.0)
    top, bottom = fig.axes
    x, y, sigma = spring_measurements()
    r = line_residuals(x, y, 2.2, 13.0, sigma)
    best = fit_line(x, y, sigma)
    assert top.get_title() == (f"m = 2.20, c = 13.00: χ² = {r @ r:.1f} "
                               f"(best line: {best.chi2:.1f})")
    np.testing.assert_allclose([s[1, 1] for s in bottom.collections[0].get_segments()], r)
    plt.close("all")


def test_the_widgets_first_frame_is_the_static_figure():
    widget = line_fit_widget()
    assert widget.settings == dict(zip(("slope", "intercept"), cplot.LINE_GUESS, strict=True))
    assert widget.frames == 1
    slope, _ = widget.children[0].children
    slope.value = 2.5
    assert widget.settings["slope"] == 2.5 and widget.frames == 2
    plt.close("all")
