"""Tests of mmlbook.calculus.network: forward pass, cost, backpropagation, training."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

from mmlbook.calculus import (
    chain_jacobians,
    cost,
    forward,
    gradients,
    init_network,
    layer_jacobians,
    numeric_jacobian,
    sigmoid,
    train,
)
from mmlbook.datasets import heart_curve


def flat_cost(params, x, y, layer, which, index, h):
    shifted = [(W.copy(), b.copy()) for W, b in params]
    shifted[layer][which][index] += h
    return cost(shifted, x, y)


def finite_difference_gradients(params, x, y, h=1e-6):
    result = []
    for layer, (W, b) in enumerate(params):
        grads = []
        for which, array in enumerate((W, b)):
            g = np.empty_like(array)
            for index in np.ndindex(array.shape):
                g[index] = (
                    flat_cost(params, x, y, layer, which, index, h)
                    - flat_cost(params, x, y, layer, which, index, -h)
                ) / (2 * h)
            grads.append(g)
        result.append(tuple(grads))
    return result


def test_sigmoid_matches_scipy_and_never_overflows():
    z = np.linspace(-800, 800, 2001)
    # The tanh form is accurate to rounding in absolute terms, which is what the network needs.
    np.testing.assert_allclose(sigmoid(z), expit(z), rtol=1e-12, atol=1e-16)
    assert np.all((sigmoid(z) >= 0) & (sigmoid(z) <= 1))
    assert sigmoid(0.0) == 0.5


def test_shapes_of_init_network():
    params = init_network([1, 6, 7, 2], rng=np.random.default_rng(0))
    assert [(W.shape, b.shape) for W, b in params] == [
        ((6, 1), (6, 1)),
        ((7, 6), (7, 1)),
        ((2, 7), (2, 1)),
    ]
    again = init_network([1, 6, 7, 2], rng=0)
    np.testing.assert_array_equal(init_network([1, 6, 7, 2], rng=0)[1][0], again[1][0])


def test_forward_by_hand():
    W1, b1 = np.array([[1.0], [-1.0]]), np.array([[0.0], [1.0]])
    W2, b2 = np.array([[2.0, 1.0]]), np.array([[-1.0]])
    x = np.array([[0.5, -2.0]])
    a1 = expit(W1 @ x + b1)
    expected = expit(W2 @ a1 + b2)
    np.testing.assert_allclose(forward([(W1, b1), (W2, b2)], x), expected)


def test_cost_by_hand():
    params = [(np.zeros((2, 1)), np.zeros((2, 1)))]  # outputs 0.5 everywhere
    x = np.zeros((1, 3))
    y = np.array([[0.5, 1.5, 0.5], [0.5, 0.5, -0.5]])
    assert cost(params, x, y) == pytest.approx((0 + 1 + 1) / 3)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_backpropagation_matches_finite_differences(seed, n):
    rng = np.random.default_rng(seed)
    params = init_network([2, 3, 4, 2], rng)
    x = rng.uniform(-1, 1, (2, n))
    y = rng.uniform(0, 1, (2, n))
    for (dW, db), (fW, fb) in zip(
        gradients(params, x, y), finite_difference_gradients(params, x, y), strict=True
    ):
        np.testing.assert_allclose(dW, fW, atol=1e-8)
        np.testing.assert_allclose(db, fb, atol=1e-8)


def test_heart_network_gradients_match_finite_differences():
    x, y = heart_curve(20)
    params = init_network([1, 6, 7, 2], rng=3)
    for (dW, db), (fW, fb) in zip(
        gradients(params, x, y), finite_difference_gradients(params, x, y), strict=True
    ):
        assert dW.shape == fW.shape and db.shape == fb.shape
        np.testing.assert_allclose(dW, fW, atol=1e-8)
        np.testing.assert_allclose(db, fb, atol=1e-8)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.lists(st.integers(1, 5), min_size=2, max_size=5))
def test_the_chain_of_layer_jacobians_is_the_networks_jacobian(seed, sizes):
    rng = np.random.default_rng(seed)
    params = init_network(sizes, rng)
    x = rng.uniform(-1, 1, sizes[0])
    links = layer_jacobians(params, x)
    assert [J.shape for J in links] == [W.shape for W, _ in params]
    whole = chain_jacobians(links)
    numeric = numeric_jacobian(lambda v: forward(params, v[:, None])[:, 0], x)
    np.testing.assert_allclose(whole, numeric, atol=1e-8)


def test_chain_jacobians_multiplies_in_the_order_of_the_chain():
    A, B, C = np.ones((3, 2)), np.arange(12.0).reshape(4, 3), np.eye(4)[:1]
    np.testing.assert_array_equal(chain_jacobians([A, B, C]), C @ B @ A)
    np.testing.assert_array_equal(chain_jacobians([A]), A)


def test_training_lowers_the_cost_and_keeps_snapshots():
    x, y = heart_curve(50)
    start = init_network([1, 6, 7, 2], rng=1)
    before = [W.copy() for W, _ in start]
    result = train(start, x, y, steps=300, learning_rate=2.0, momentum=0.9, snapshot_steps=[0, 300])
    assert result.costs.shape == (301,)
    assert result.costs[-1] < 0.5 * result.costs[0]
    assert result.costs[0] == pytest.approx(cost(start, x, y))
    assert result.costs[-1] == pytest.approx(cost(result.params, x, y))
    np.testing.assert_array_equal(result.snapshots[0][0][0], before[0])
    np.testing.assert_array_equal(result.snapshots[300][2][0], result.params[2][0])
    for W, old in zip((W for W, _ in start), before, strict=True):
        np.testing.assert_array_equal(W, old)


def test_one_plain_step_is_minus_eta_times_gradient():
    x, y = heart_curve(10)
    start = init_network([1, 3, 2], rng=0)
    step = train(start, x, y, steps=1, learning_rate=0.5).params
    for (W, b), (W0, b0), (dW, db) in zip(step, start, gradients(start, x, y), strict=True):
        np.testing.assert_allclose(W, W0 - 0.5 * dW)
        np.testing.assert_allclose(b, b0 - 0.5 * db)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: init_network([3], rng=0), ValueError, "at least two layers"),
        (lambda: chain_jacobians([]), ValueError, "at least one matrix"),
        (lambda: chain_jacobians("ab"), TypeError, "jacobians must be a sequence"),
        (lambda: chain_jacobians([np.ones(3)]), ValueError, r"jacobians\[0\] must be a 2-D"),
        (
            lambda: chain_jacobians([np.ones((3, 2)), np.ones((4, 2))]),
            ValueError,
            "jacobians\\[1\\] has 2 columns, but jacobians\\[0\\] has 3 rows",
        ),
        (
            lambda: layer_jacobians(init_network([2, 3], 0), np.ones((2, 2))),
            ValueError,
            "x must be one example",
        ),
        (lambda: init_network("12", rng=0), TypeError, "sizes must be a sequence"),
        (lambda: init_network([1, 0], rng=0), ValueError, r"sizes\[1\] must be at least 1"),
        (lambda: init_network([1, 2], rng=1.5), TypeError, "rng must be an integer seed"),
        (lambda: init_network([1, 2], rng=-1), ValueError, "rng must be a non-negative seed"),
        (lambda: forward([], [[1.0]]), TypeError, "params must be a non-empty list"),
        (lambda: forward([(np.ones((2, 1)), np.ones(2))], [[1.0]]), ValueError, "b must be a 2-D"),
        (
            lambda: forward([(np.ones((2, 1)), np.ones((3, 1)))], [[1.0]]),
            ValueError,
            r"b must have shape \(2, 1\)",
        ),
        (
            lambda: forward(init_network([1, 2, 3], 0)[::-1], [[1.0]]),
            ValueError,
            "inputs but layer",
        ),
        (
            lambda: forward(init_network([1, 2], 0), [[1.0], [2.0]]),
            ValueError,
            "x must have 1 rows",
        ),
        (
            lambda: forward(init_network([1, 2], 0), [[np.nan]]),
            ValueError,
            "x must contain only finite",
        ),
        (
            lambda: cost(init_network([1, 2], 0), [[1.0]], [[1.0]]),
            ValueError,
            r"y must have shape \(2, 1\)",
        ),
        (
            lambda: train(init_network([1, 2], 0), [[1.0]], [[1.0], [1.0]], 0, 1.0),
            ValueError,
            "steps must be at least 1",
        ),
        (
            lambda: train(init_network([1, 2], 0), [[1.0]], [[1.0], [1.0]], 5, -1.0),
            ValueError,
            "learning_rate must be >",
        ),
        (
            lambda: train(init_network([1, 2], 0), [[1.0]], [[1.0], [1.0]], 5, 1.0, momentum=1.0),
            ValueError,
            "momentum must be <",
        ),
        (
            lambda: train(
                init_network([1, 2], 0), [[1.0]], [[1.0], [1.0]], 5, 1.0, snapshot_steps=[6]
            ),
            ValueError,
            "snapshot_steps",
        ),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_cost_of_huge_targets_is_refused_or_given_without_overflow():
    params = [(np.zeros((1, 1)), np.zeros((1, 1)))]  # outputs 0.5 for every input
    # Two examples with residuals -1e154: the squares, 1e308 each, sum to 2e308, beyond the
    # largest float; their mean over the two examples, 1e308, is a float.
    x, y = np.array([[1.0, 1.0]]), np.full((1, 2), 1e154 + 0.5)
    assert cost(params, x, y) == pytest.approx(1e308, rel=1e-12)
    with pytest.raises(ValueError, match=r"the cost is beyond the range of float64.*rescale y"):
        cost(params, x, y * 1e10)
    # The gradients do not need the cost, and are floats for the same targets: each
    # example gives 2 r / N * sigma'(0) = 2 (0.5 - 1e164) / 2 * 0.25.
    dW, db = gradients(params, x, y * 1e10)[0]
    expected = 2 * 2 * (0.5 - 1e164) / 2 * 0.25
    np.testing.assert_allclose([dW[0, 0], db[0, 0]], [expected, expected], rtol=1e-12)
    with pytest.raises(ValueError, match="the cost is beyond the range of float64"):
        train(params, x, y * 1e10, steps=1, learning_rate=1.0)


def test_a_network_too_short_for_the_targets_is_named():
    with pytest.raises(ValueError, match=r"one row per output of the last layer of params"):
        cost(init_network([1, 2], 0), [[1.0]], [[1.0], [1.0], [1.0]])


@pytest.mark.parametrize("snapshot_steps", [None, np.int64(3), 3])
def test_snapshot_steps_must_be_a_sequence(snapshot_steps):
    with pytest.raises(TypeError, match="snapshot_steps must be a sequence of integers"):
        train(init_network([1, 2], 0), [[1.0]], [[1.0], [1.0]], 5, 1.0,
              snapshot_steps=snapshot_steps)
