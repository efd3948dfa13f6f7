"""What the backpropagation chapter's captions say about its figures, checked against the
helpers that draw them: the grey target heart, and the chain of Jacobians drawn to shape."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from mmlbook.datasets import heart_curve  # noqa: E402
from mmlbook.plotting import calculus as cplot  # noqa: E402


def test_the_target_heart_is_the_grey_closed_curve_under_the_drawings():
    _, y = heart_curve(50)
    drawn = y[::-1]
    ax = cplot.plot_heart(y, {"network": drawn})
    target, network = ax.lines
    assert to_rgb(target.get_color()) == pytest.approx((0.7, 0.7, 0.7))
    assert to_rgb(network.get_color()) != to_rgb(target.get_color())
    assert target.get_zorder() < network.get_zorder()
    # Closed: the curve returns to its first point.
    np.testing.assert_array_equal(target.get_xdata(), np.append(y[0], y[0, 0]))
    np.testing.assert_array_equal(target.get_ydata(), np.append(y[1], y[1, 0]))
    plt.close("all")


def test_each_jacobian_is_a_grid_of_one_square_per_entry_in_the_order_of_the_product():
    shapes = [(6, 1), (7, 6), (2, 7), (1, 2)]
    ax = cplot.plot_jacobian_chain(shapes, names=["a", "b", "c", "d"])
    blocks = ax.patches
    assert [p.get_gid() for p in blocks] == ["d", "c", "b", "a", "product"]
    drawn = [(p.get_height(), p.get_width()) for p in blocks]
    assert drawn == shapes[::-1] + [(1, 1)]
    # Left to right, without overlap.
    lefts = [p.get_x() for p in blocks]
    rights = [p.get_x() + p.get_width() for p in blocks]
    assert all(r < next_left for r, next_left in zip(rights, lefts[1:], strict=False))
    # Inner grid lines: (columns − 1) + (rows − 1) per block, so each entry is one square.
    assert len(ax.lines) == sum(r - 1 + c - 1 for r, c in drawn)
    plt.close("all")


def test_the_shapes_of_a_chain_must_chain():
    with pytest.raises(ValueError, match="do not chain"):
        cplot.plot_jacobian_chain([(3, 1), (2, 2)])
    with pytest.raises(ValueError, match="names must hold 2 strings"):
        cplot.plot_jacobian_chain([(3, 1), (2, 3)], names=["a"])
    with pytest.raises(TypeError, match=r"shapes\[0\] must be a \(rows, columns\) pair"):
        cplot.plot_jacobian_chain([3])
    with pytest.raises(TypeError, match="shapes must be a non-empty sequence"):
        cplot.plot_jacobian_chain([])
    plt.close("all")


def test_the_training_try_it_draws_the_cost_and_the_drawing_of_the_trained_network():
    from mmlbook.calculus import forward, init_network, train

    fig = plt.figure()
    cplot.draw_training(fig, learning_rate=5.0, momentum=0.5)
    left, right = fig.axes
    x, y = heart_curve(100)
    result = train(init_network([1, 6, 7, 2], rng=1), x, y, steps=cplot.TRAINING_TRY_IT_STEPS,
                   learning_rate=5.0, momentum=0.5)
    (curve,) = [line for line in left.lines if line.get_gid() == "cost"]
    np.testing.assert_array_equal(curve.get_ydata(), result.costs)
    assert left.get_yscale() == "log" and left.get_title() == "η = 5, β = 0.50"
    target, drawn = right.lines
    np.testing.assert_array_equal(target.get_xdata()[:-1], y[0])
    np.testing.assert_allclose(np.vstack(drawn.get_data())[:, :-1], forward(result.params, x))
    assert drawn.get_label() == f"after {cplot.TRAINING_TRY_IT_STEPS} steps"
    assert right.get_title() == f"C = {result.costs[-1]:.2g}"
    plt.close("all")


def test_the_training_try_it_refuses_settings_outside_the_sliders():
    for settings, match in (({"learning_rate": 0.05}, "learning_rate"),
                            ({"learning_rate": 101.0}, "learning_rate"),
                            ({"momentum": 0.96}, "momentum"), ({"momentum": -0.1}, "momentum")):
        with pytest.raises(ValueError, match=match):
            cplot.draw_training(plt.figure(), **settings)
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        cplot.draw_training(None)
    plt.close("all")


def test_the_training_try_it_starts_at_the_chapters_setting_and_redraws():
    from mmlbook.widgets.calculus import training_widget

    widget = training_widget()
    assert widget.settings == {"learning_rate": 2.0, "momentum": 0.9} and widget.frames == 1
    rate, momentum = widget.children[0].children
    assert (rate.min, rate.max, momentum.min, momentum.max) == (-1, 2, 0.0, 0.95)
    momentum.value = 0.0
    assert widget.settings == {"learning_rate": 2.0, "momentum": 0.0} and widget.frames == 2
    plt.close("all")
