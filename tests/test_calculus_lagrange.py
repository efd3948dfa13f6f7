"""Lagrange multipliers: hand-derived cases, SciPy's SLSQP, and the PCA link (the largest
eigenvector of a symmetric matrix maximises xᵀSx on the unit sphere) against numpy.eigh."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

from mmlbook.calculus import CONSTRAINED_KINDS, solve_lagrange


def sphere(n):
    """g(x) = xᵀx and its derivatives, in n dimensions."""
    return (lambda x: x @ x), (lambda x: 2 * x), (lambda x: 2 * np.eye(n))


def quadratic_form(S):
    """f(x) = xᵀSx and its derivatives."""
    return (lambda x: 2 * S @ x), (lambda x: 2 * S)


def xy():
    return (lambda p: np.array([p[1], p[0]])), (lambda p: np.array([[0.0, 1.0], [1.0, 0.0]]))


def x2y():
    """The course's example, f(x, y) = x²y."""
    return (
        lambda p: np.array([2 * p[0] * p[1], p[0] ** 2]),
        lambda p: np.array([[2 * p[1], 2 * p[0]], [2 * p[0], 0.0]]),
    )


@pytest.mark.parametrize(
    ("start", "point", "multiplier", "kind"),
    [
        ((1.2, 0.7), (1.0, 1.0), 0.5, "maximum"),
        ((-0.8, -1.1), (-1.0, -1.0), 0.5, "maximum"),
        ((1.3, -0.6), (1.0, -1.0), -0.5, "minimum"),
        ((-0.9, 1.2), (-1.0, 1.0), -0.5, "minimum"),
    ],
)
def test_xy_on_the_circle_of_radius_root_two(start, point, multiplier, kind):
    # ∇(xy) = (y, x) = λ(2x, 2y) gives y² = x², so x = ±1, y = ±1 and λ = y / (2x).
    result = solve_lagrange(*xy(), *sphere(2), start, level=2.0)
    assert result.converged and result.kind == kind
    np.testing.assert_allclose(result.x, point, atol=1e-12)
    assert result.multiplier == pytest.approx(multiplier, abs=1e-12)
    assert result.residual < 1e-12


def test_the_courses_x2y_on_a_circle_has_six_stationary_points():
    # x = 0, y = ±a with λ = 0; or y = λ, x² = 2y², so y = ±a/√3, x = ±a√(2/3).
    a = 2.0
    found = {}
    for angle in np.linspace(0, 2 * np.pi, 24, endpoint=False):
        start = 1.1 * a * np.array([np.cos(angle), np.sin(angle)])
        result = solve_lagrange(*x2y(), *sphere(2), start, level=a**2)
        if result.converged:
            found[tuple(result.x.round(6) + 0.0)] = (result.multiplier, result.kind)
    r, s = a * np.sqrt(2 / 3), a / np.sqrt(3)
    expected = {
        (0.0, a): (0.0, "minimum"),
        (0.0, -a): (0.0, "maximum"),
        (r, s): (s, "maximum"),
        (-r, s): (s, "maximum"),
        (r, -s): (-s, "minimum"),
        (-r, -s): (-s, "minimum"),
    }
    assert set(found) == {tuple(np.round(p, 6) + 0.0) for p in expected}
    for point, (multiplier, kind) in expected.items():
        got_multiplier, got_kind = found[tuple(np.round(point, 6) + 0.0)]
        assert got_multiplier == pytest.approx(multiplier, abs=1e-9)
        assert got_kind == kind


def test_the_multiplier_is_the_rate_of_change_of_the_best_value_with_the_level():
    # For x²y on x² + y² = c the best value is 2c^{3/2}/(3√3), and λ = √c/√3 = d f*/dc.
    def best(c):
        result = solve_lagrange(*x2y(), *sphere(2), [1.0, 0.8], level=c)
        return result.x[0] ** 2 * result.x[1], result.multiplier

    for c in (0.5, 1.0, 4.0):
        value, multiplier = best(c)
        assert value == pytest.approx(2 * c**1.5 / (3 * np.sqrt(3)), rel=1e-12)
        h = 1e-6
        slope = (best(c + h)[0] - best(c - h)[0]) / (2 * h)
        assert multiplier == pytest.approx(slope, rel=1e-6)


def test_the_nearest_point_of_a_sphere_in_three_dimensions():
    # Minimise |x − p|² on the unit sphere: x = p/|p|, with λ = 1 − |p|.
    p = np.array([3.0, 4.0, 12.0])
    result = solve_lagrange(lambda x: 2 * (x - p), lambda x: 2 * np.eye(3), *sphere(3),
                            [0.5, 0.5, 0.5], level=1.0)
    assert result.converged and result.kind == "minimum"
    np.testing.assert_allclose(result.x, p / 13, atol=1e-12)
    assert result.multiplier == pytest.approx(1 - 13, abs=1e-10)


@pytest.mark.parametrize("seed", range(6))
def test_agrees_with_scipys_slsqp_on_random_quadratics_on_ellipses(seed):
    rng = np.random.default_rng(seed)
    n = 2 + seed % 3
    A = rng.standard_normal((n, n))
    H = A @ A.T + n * np.eye(n)  # a convex bowl
    b = rng.standard_normal(n) * 3
    D = np.diag(rng.uniform(0.5, 2.0, n))  # the ellipsoid xᵀDx = 1
    f = lambda x: 0.5 * x @ H @ x - b @ x  # noqa: E731
    reference = minimize(f, np.ones(n) / np.sqrt(n), jac=lambda x: H @ x - b, method="SLSQP",
                         constraints=[{"type": "eq", "fun": lambda x: x @ D @ x - 1,
                                       "jac": lambda x: 2 * D @ x}],
                         options={"ftol": 1e-14, "maxiter": 500})
    assert reference.success
    ours = solve_lagrange(lambda x: H @ x - b, lambda x: H, lambda x: x @ D @ x,
                          lambda x: 2 * D @ x, lambda x: 2 * D, reference.x + 0.05, level=1.0)
    assert ours.converged and ours.kind == "minimum"
    np.testing.assert_allclose(ours.x, reference.x, atol=1e-6)
    assert f(ours.x) <= f(reference.x) + 1e-10


def test_the_largest_eigenvector_maximises_the_quadratic_form_on_the_unit_sphere():
    rng = np.random.default_rng(3)
    A = rng.standard_normal((4, 4))
    S = A @ A.T
    values, vectors = np.linalg.eigh(S)
    # Newton–Raphson finds the stationary point nearest its start: try several, with λ0
    # the Rayleigh quotient of the start, and keep the best.
    starts = rng.standard_normal((20, 4))
    results = [solve_lagrange(*quadratic_form(S), *sphere(4), x0, x0 @ S @ x0 / (x0 @ x0),
                              level=1.0) for x0 in starts]
    best = max((r for r in results if r.converged), key=lambda r: r.x @ S @ r.x)
    assert best.kind == "maximum"
    assert best.multiplier == pytest.approx(values[-1], rel=1e-12)
    assert abs(best.x @ vectors[:, -1]) == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=40)
@given(
    entries=st.lists(st.floats(-5, 5), min_size=6, max_size=6),
    start=st.lists(st.floats(-2, 2), min_size=3, max_size=3),
)
def test_every_solution_is_an_eigenpair_of_a_symmetric_matrix(entries, start):
    S = np.zeros((3, 3))
    S[np.triu_indices(3)] = entries
    S = S + np.triu(S, 1).T
    x0 = np.array(start)
    if np.linalg.norm(x0) < 1e-3:
        return
    result = solve_lagrange(*quadratic_form(S), *sphere(3), x0, level=1.0)
    if not result.converged:
        return
    scale = 1 + np.abs(S).max()
    # ∇L = 0: 2Sx = λ·2x and xᵀx = 1, so (λ, x) is an eigenpair and xᵀSx = λ.
    np.testing.assert_allclose(S @ result.x, result.multiplier * result.x, atol=1e-9 * scale)
    assert result.x @ result.x == pytest.approx(1.0, abs=1e-12)
    assert result.kind in CONSTRAINED_KINDS
    values = np.linalg.eigvalsh(S)
    assert np.min(np.abs(values - result.multiplier)) < 1e-9 * scale
    if result.kind == "maximum":
        assert result.multiplier == pytest.approx(values[-1], abs=1e-8 * scale)
    if result.kind == "minimum":
        assert result.multiplier == pytest.approx(values[0], abs=1e-8 * scale)


def test_a_constant_f_is_degenerate_everywhere_on_the_constraint():
    result = solve_lagrange(lambda x: np.zeros(2), lambda x: np.zeros((2, 2)), *sphere(2),
                            [0.6, 0.8], level=1.0)
    assert result.converged and result.kind == "degenerate" and result.n_iter == 0


def test_one_variable_is_degenerate_and_the_path_starts_at_the_start():
    result = solve_lagrange(lambda x: np.array([1.0]), lambda x: np.zeros((1, 1)),
                            lambda x: float(x[0] ** 2), lambda x: 2 * x, lambda x: 2 * np.eye(1),
                            [0.8], level=1.0)
    assert result.converged and result.kind == "degenerate"
    np.testing.assert_allclose(result.x, [1.0])
    np.testing.assert_array_equal(result.path[0], [0.8, 0.0])
    assert result.path.shape == (result.n_iter + 1, 2)


def test_a_singular_system_is_reported_not_converged():
    # f constant, a start off the circle on the x axis: the Hessian of L has a zero row.
    result = solve_lagrange(lambda x: np.zeros(2), lambda x: np.zeros((2, 2)), *sphere(2),
                            [2.0, 0.0], level=1.0)
    assert not result.converged and result.kind == "unknown"
    assert "singular" in result.message


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"gradient": 3}, TypeError, "gradient must be callable"),
        ({"x0": [[1.0, 0.0]]}, ValueError, "x0 must be"),
        ({"x0": [0.0, 0.0]}, ValueError, "constraint_gradient is zero at x0"),
        ({"hessian": lambda p: np.eye(3)}, ValueError, r"hessian must return an array of shape"),
        ({"constraint": lambda p: p}, ValueError, "constraint must return a single number"),
        ({"gradient": lambda p: p * 1j}, TypeError, "gradient must return real numbers"),
        ({"gradient": lambda p: "up"}, TypeError, "gradient must return real numbers"),
        ({"x0": [1.0]}, ValueError, "does x0 have the length"),
        ({"constraint": lambda p: np.inf}, ValueError, "must be finite at x0"),
        ({"tol": 0.0}, ValueError, "tol must be"),
        ({"max_iter": 0}, ValueError, "max_iter must be"),
        ({"level": np.nan}, ValueError, "level must be"),
    ],
)
def test_bad_input(kwargs, error, message):
    arguments = dict(zip(["gradient", "hessian"], xy(), strict=True))
    arguments.update(zip(["constraint", "constraint_gradient", "constraint_hessian"], sphere(2),
                         strict=True))
    arguments.update(x0=[1.2, 0.7], level=2.0)
    arguments.update(kwargs)
    with pytest.raises(error, match=message):
        solve_lagrange(**arguments)


# --- the figures: what the captions say is drawn ---------------------------------------------


def _figures():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from mmlbook.plotting import calculus as cplot

    return plt, cplot


def test_the_constraint_the_contours_through_the_points_and_parallel_arrows_are_drawn():
    plt, cplot = _figures()
    f_grad, _ = xy()
    points = np.array([[1.0, 1.0], [1.0, -1.0]])
    walk = np.array([[1.2, 0.7], [1.05, 0.95], [1.0, 1.0]])
    ax = cplot.plot_lagrange(lambda p: p[0] * p[1], lambda p: p[0] ** 2 + p[1] ** 2, 2.0,
                             points, f_gradient=f_grad, g_gradient=lambda p: 2 * p,
                             paths={"Newton": walk})
    by_gid = {artist.get_gid(): artist for artist in ax.get_children() if artist.get_gid()}
    assert list(by_gid["constraint"].levels) == [2.0]
    assert list(by_gid["contour through 0"].levels) == [1.0]
    assert list(by_gid["contour through 1"].levels) == [-1.0]
    for k, point in enumerate(points):
        arrow_f, arrow_g = by_gid[f"grad f at {k}"], by_gid[f"grad g at {k}"]
        np.testing.assert_allclose([arrow_f.X[0], arrow_f.Y[0]], point)
        uf = np.array([arrow_f.U[0], arrow_f.V[0]])
        ug = np.array([arrow_g.U[0], arrow_g.V[0]])
        np.testing.assert_allclose(uf / np.linalg.norm(uf), f_grad(point) / np.linalg.norm(
            f_grad(point)))
        np.testing.assert_allclose(ug / np.linalg.norm(ug), point / np.linalg.norm(point))
        # ∇f a tenth of the window wide, ∇g half as long again.
        assert np.linalg.norm(uf) == pytest.approx(0.4)
        assert np.linalg.norm(ug) == pytest.approx(0.6)
    line = by_gid["path Newton"]
    np.testing.assert_array_equal(np.column_stack([line.get_xdata(), line.get_ydata()]), walk)
    plt.close("all")


def test_a_gradient_zero_but_for_round_off_gets_no_arrow():
    plt, cplot = _figures()
    ax = cplot.plot_lagrange(lambda p: p[0] ** 2 * p[1], lambda p: p[0] ** 2 + p[1] ** 2, 1.0,
                             [[-1e-17, 1.0]], f_gradient=lambda p: np.array([2 * p[0] * p[1],
                                                                          p[0] ** 2]),
                             g_gradient=lambda p: 2 * np.asarray(p))
    gids = {artist.get_gid() for artist in ax.get_children()}
    assert "grad g at 0" in gids and "grad f at 0" not in gids
    plt.close("all")


@pytest.mark.parametrize("half_width", [1.8, 2.2])
def test_the_level_where_grad_f_vanishes_is_drawn_on_no_grid(half_width):
    # ±1.8 puts a grid column at x = 2.2e-16, ±2.2 one at exactly 0: how a contour of
    # x²y = 0 would trace the y axis differs between them, so that level is left out.
    plt, cplot = _figures()
    points = [[0.0, 1.0], [np.sqrt(2 / 3), np.sqrt(1 / 3)]]
    ax = cplot.plot_lagrange(lambda p: p[0] ** 2 * p[1], lambda p: p[0] ** 2 + p[1] ** 2, 1.0,
                             points, f_gradient=lambda p: np.array([2 * p[0] * p[1],
                                                                    p[0] ** 2]),
                             g_gradient=lambda p: 2 * np.asarray(p),
                             extent=(-half_width, half_width, -half_width, half_width))
    by_gid = {artist.get_gid(): artist for artist in ax.get_children() if artist.get_gid()}
    assert "contour through 0" not in by_gid
    assert list(by_gid["contour through 1"].levels) == pytest.approx([2 / (3 * np.sqrt(3))])
    thin = np.asarray(by_gid["f contours"].levels)
    assert 0.0 not in thin and len(thin) >= 10
    # The other thin levels are evenly spaced round numbers, with one gap at 0.
    steps = np.diff(thin)
    assert np.allclose(steps[steps < 1.5 * steps.min()], steps.min())
    assert np.sum(steps > 1.5 * steps.min()) == 1
    plt.close("all")


def test_the_six_stationary_points_of_x2y_are_the_hand_derived_ones():
    _, cplot = _figures()
    c = 3.0
    results = cplot.circle_stationary_points(c)
    r, s = np.sqrt(2 * c / 3), np.sqrt(c / 3)
    expected = [(r, s), (0, np.sqrt(c)), (-r, s), (-r, -s), (0, -np.sqrt(c)), (r, -s)]
    np.testing.assert_allclose([result.x for result in results], expected, atol=1e-12)


def test_the_level_figure_draws_the_best_value_and_a_tangent_of_slope_lambda():
    plt, cplot = _figures()
    fig = plt.figure()
    cplot.draw_lagrange_level(fig, level=2.0)
    right = fig.axes[1]
    best = next(line for line in right.lines if line.get_gid() == "best")
    levels, values = best.get_xdata(), best.get_ydata()
    # The chapter's caption says the curve runs over c from 0.25 to 4.
    assert (levels[0], levels[-1]) == (0.25, 4.0) and right.get_xlim() == (0.25, 4.0)
    np.testing.assert_allclose(values, 2 * levels**1.5 / (3 * np.sqrt(3)), rtol=1e-12)
    slope = next(line for line in right.lines if line.get_gid() == "slope")
    (x0, x1), (y0, y1) = slope.get_xdata(), slope.get_ydata()
    # d f*/dc = √c/√3 at c = 2: the line is the tangent.
    assert (y1 - y0) / (x1 - x0) == pytest.approx(np.sqrt(2 / 3), rel=1e-9)
    # The zero set of x²y, both axes, is drawn as two exact lines on the left.
    zero_set = [line for line in fig.axes[0].lines if line.get_gid() == "zero set of f"]
    assert sorted((tuple(line.get_xdata()), tuple(line.get_ydata())) for line in zero_set) == [
        ((0, 0), (0, 1)), ((0, 1), (0, 0))]
    plt.close("all")


def test_the_widgets_first_frame_is_the_static_figure():
    plt, _ = _figures()
    from mmlbook.widgets.calculus import lagrange_level_widget

    widget = lagrange_level_widget()
    assert widget.settings == {"level": 1.0} and widget.frames == 1
    (slider,) = widget.children[0].children
    slider.value = 2.5
    assert widget.settings == {"level": 2.5} and widget.frames == 2
    plt.close("all")


@pytest.mark.parametrize("scale", [1.0, 1e-9, 1e-12, 1e9])
def test_kind_does_not_depend_on_the_scale_of_f(scale: float) -> None:
    """f = scale · y on the unit circle: a maximum at (0, 1) and a minimum at (0, −1) at any scale
    (a fixed zero threshold once called both degenerate for small scales)."""
    args = (
        lambda p: np.array([0.0, scale]),
        lambda p: np.zeros((2, 2)),
        lambda p: p @ p,
        lambda p: 2 * p,
        lambda p: 2 * np.eye(2),
    )
    top = solve_lagrange(*args, [0.1, 0.9], 0.5 * scale, level=1.0)
    bottom = solve_lagrange(*args, [0.1, -0.9], -0.5 * scale, level=1.0)
    np.testing.assert_allclose(top.x, [0.0, 1.0], atol=1e-9)
    np.testing.assert_allclose(bottom.x, [0.0, -1.0], atol=1e-9)
    assert (top.kind, bottom.kind) == ("maximum", "minimum")


def test_a_point_where_the_constraint_gradient_vanishes_is_not_classified() -> None:
    # x² + y² on x² − y² = 0: Newton ends at the origin, where ∇g = 0 and any λ fits.
    result = solve_lagrange(
        lambda p: 2 * p,
        lambda p: 2 * np.eye(2),
        lambda p: p[0] ** 2 - p[1] ** 2,
        lambda p: np.array([2 * p[0], -2 * p[1]]),
        lambda p: np.diag([2.0, -2.0]),
        [0.3, 0.1],
    )
    assert result.converged and np.allclose(result.x, 0.0, atol=1e-9)
    assert result.kind == "degenerate" and "multiplier is not determined" in result.message
