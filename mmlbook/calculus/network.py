"""A small fully connected network with sigmoid activations, trained by backpropagation.

Parameters are a list of ``(W, b)`` pairs, one per layer, with ``W`` of shape
``(out, in)`` and ``b`` of shape ``(out, 1)``. Examples are the columns of ``x``, so a
whole batch goes through a layer as one matrix product: ``a ← σ(W a + b)``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mmlbook._validation import (
    as_float_array,
    as_generator,
    binary_exponent,
    check_positive_int,
    check_real,
    unscale,
)

__all__ = [
    "TrainingResult",
    "chain_jacobians",
    "cost",
    "forward",
    "gradients",
    "init_network",
    "layer_jacobians",
    "sigmoid",
    "train",
]

Params = list[tuple[np.ndarray, np.ndarray]]


def sigmoid(z: Any) -> np.ndarray:
    """The logistic function ``σ(z) = 1 / (1 + e^{−z})``, computed without overflow.

    Its derivative is ``σ'(z) = σ(z)(1 − σ(z))``. Derived in
    :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    z : array_like
        Inputs.

    Returns
    -------
    numpy.ndarray
        ``σ(z)``, of the shape of ``z``, in [0, 1].

    Raises
    ------
    TypeError
        If ``z`` is not numeric.
    ValueError
        If ``z`` contains NaN or infinity.

    Examples
    --------
    >>> sigmoid([0.0, 1000.0, -1000.0])
    array([0.5, 1. , 0. ])
    """
    return _sigmoid(as_float_array(z, "z"))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # The identity σ(z) = (1 + tanh(z/2)) / 2 never overflows, unlike 1 / (1 + e^{−z}).
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def init_network(sizes: Sequence[int], rng: int | np.random.Generator) -> Params:
    """Random initial parameters of a network with layer widths ``sizes``.

    Weights are drawn from ``N(0, 1/in)`` -- so a neuron's input starts with variance
    about one, in the sigmoid's sensitive range -- and biases from ``N(0, 1)``.
    Derived in :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    sizes : sequence of int
        Widths of the input, hidden and output layers, e.g. ``[1, 6, 7, 2]``.
    rng : int or numpy.random.Generator
        Seed or generator of the draw.

    Returns
    -------
    list of (W, b)
        ``W`` of shape ``(sizes[l+1], sizes[l])``, ``b`` of shape ``(sizes[l+1], 1)``.

    Raises
    ------
    TypeError
        If a size is not an integer or ``rng`` not a seed/Generator.
    ValueError
        If fewer than two sizes are given or a size is below 1.

    Examples
    --------
    >>> params = init_network([1, 6, 7, 2], rng=0)
    >>> [W.shape for W, b in params]
    [(6, 1), (7, 6), (2, 7)]
    """
    if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence):
        raise TypeError(f"sizes must be a sequence of integers, got {type(sizes).__name__}")
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least two layers, got {list(sizes)}")
    widths = [check_positive_int(s, f"sizes[{i}]", maximum=100_000) for i, s in enumerate(sizes)]
    generator = as_generator(rng, "rng")
    return [
        (
            generator.standard_normal((n_out, n_in)) / np.sqrt(n_in),
            generator.standard_normal((n_out, 1)),
        )
        for n_in, n_out in zip(widths[:-1], widths[1:], strict=True)
    ]


def _check_params(params: Any) -> Params:
    if not isinstance(params, (list, tuple)) or not params:
        raise TypeError("params must be a non-empty list of (W, b) pairs")
    checked = []
    for i, layer in enumerate(params):
        if not isinstance(layer, (list, tuple)) or len(layer) != 2:
            raise TypeError(f"params[{i}] must be a (W, b) pair")
        W = as_float_array(layer[0], f"params[{i}] W", ndim=2)
        b = as_float_array(layer[1], f"params[{i}] b", ndim=2)
        if b.shape != (W.shape[0], 1):
            raise ValueError(
                f"params[{i}] b must have shape ({W.shape[0]}, 1) to match W of shape "
                f"{W.shape}, got {b.shape}"
            )
        if checked and W.shape[1] != checked[-1][0].shape[0]:
            raise ValueError(
                f"params[{i}] W has {W.shape[1]} inputs but layer {i - 1} has "
                f"{checked[-1][0].shape[0]} outputs"
            )
        checked.append((W, b))
    return checked


def _check_inputs(params: Params, x: Any) -> np.ndarray:
    xs = as_float_array(x, "x", ndim=2)
    if xs.shape[0] != params[0][0].shape[1]:
        raise ValueError(
            f"x must have {params[0][0].shape[1]} rows, one per input of the network's first "
            f"layer params[0], got shape {xs.shape}"
        )
    return xs


def _check_targets(params: Params, xs: np.ndarray, y: Any) -> np.ndarray:
    ys = as_float_array(y, "y", ndim=2)
    expected = (params[-1][0].shape[0], xs.shape[1])
    if ys.shape != expected:
        raise ValueError(
            f"y must have shape {expected}, one row per output of the last layer of params "
            f"and one column per example of x, got {ys.shape}"
        )
    return ys


def _activations(params: Params, x: np.ndarray) -> list[np.ndarray]:
    activations = [x]
    for W, b in params:
        activations.append(_sigmoid(W @ activations[-1] + b))
    return activations


def forward(params: Params, x: Any) -> np.ndarray:
    """Feed the examples (columns of ``x``) through the network: ``a ← σ(W a + b)``.

    Derived in :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    params : list of (W, b)
        The network, as from :func:`init_network`.
    x : array_like of shape (n_inputs, N)
        One example per column.

    Returns
    -------
    numpy.ndarray of shape (n_outputs, N)
        The output layer's activations.

    Raises
    ------
    TypeError
        If ``params`` is not a list of pairs or an array is not numeric.
    ValueError
        If shapes do not chain or an entry is not finite.

    Examples
    --------
    >>> params = [(np.zeros((2, 1)), np.zeros((2, 1)))]
    >>> forward(params, [[1.0, 2.0, 3.0]])
    array([[0.5, 0.5, 0.5],
           [0.5, 0.5, 0.5]])
    """
    checked = _check_params(params)
    return _activations(checked, _check_inputs(checked, x))[-1]


def chain_jacobians(jacobians: Sequence[Any]) -> np.ndarray:
    """The Jacobian of a chain of functions: the product of its links' Jacobians.

    For ``h = f_L ∘ ⋯ ∘ f_1`` with ``f_l: ℝ^{n_{l−1}} → ℝ^{n_l}``, the multivariate chain
    rule gives ``J_h = J_L ⋯ J_2 J_1``, an ``n_L × n_0`` matrix, where ``J_l`` is the
    ``n_l × n_{l−1}`` Jacobian of ``f_l`` at the point the chain passes through. The
    shapes must chain: link ``l`` takes as many inputs as link ``l − 1`` gives outputs.
    Derived in :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    jacobians : sequence of array_like
        ``J_1, …, J_L``, in the order the functions are applied (first one first); each
        2-D. A chain of one link returns it.

    Returns
    -------
    numpy.ndarray of shape (n_L, n_0)
        The product ``J_L ⋯ J_1``.

    Raises
    ------
    TypeError
        If ``jacobians`` is not a sequence or an entry is not numeric.
    ValueError
        If it is empty, an entry is not a finite 2-D array, or two neighbours' shapes do
        not chain.

    Examples
    --------
    ``t ↦ (t, t²) ↦ x + y``: the Jacobians at ``t = 3`` are ``[[1], [6]]`` and ``[[1, 1]]``.

    >>> chain_jacobians([[[1.0], [6.0]], [[1.0, 1.0]]])
    array([[7.]])
    >>> chain_jacobians([np.ones((3, 2)), np.ones((4, 2))])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    ValueError: jacobians[1] has 2 columns, but jacobians[0] has 3 rows: ...
    """
    if isinstance(jacobians, (str, bytes)) or not isinstance(jacobians, Sequence):
        raise TypeError(f"jacobians must be a sequence of matrices, got {type(jacobians).__name__}")
    if not jacobians:
        raise ValueError("jacobians must hold at least one matrix")
    links = [as_float_array(J, f"jacobians[{i}]", ndim=2) for i, J in enumerate(jacobians)]
    for i in range(1, len(links)):
        rows, columns = links[i - 1].shape[0], links[i].shape[1]
        if columns != rows:
            raise ValueError(
                f"jacobians[{i}] has {columns} columns, but jacobians[{i - 1}] has {rows} rows: "
                f"function {i + 1} of the chain takes {columns} inputs and function {i} "
                f"gives {rows} outputs"
            )
    product = links[0]
    for J in links[1:]:
        product = J @ product
    return product


def layer_jacobians(params: Params, x: Any) -> list[np.ndarray]:
    """The Jacobian of each layer's output with respect to its input, at one example.

    Layer ``l`` maps ``a^{(l−1)}`` to ``a^{(l)} = σ(W_l a^{(l−1)} + b_l)``; its Jacobian is
    ``∂a^{(l)}/∂a^{(l−1)} = diag(σ'(z^{(l)})) W_l``, of the shape of ``W_l``. By the chain
    rule their product (:func:`chain_jacobians`) is the Jacobian of the whole network's
    output with respect to its input. Derived in :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    params : list of (W, b)
        The network.
    x : array_like of shape (n_inputs,) or (n_inputs, 1)
        One example.

    Returns
    -------
    list of numpy.ndarray
        One Jacobian per layer, first layer first.

    Raises
    ------
    TypeError
        If ``params`` is not a list of pairs or an array is not numeric.
    ValueError
        If shapes do not chain, ``x`` is not one example, or an entry is not finite.

    Examples
    --------
    >>> params = [(np.array([[2.0]]), np.array([[0.0]]))]
    >>> layer_jacobians(params, [0.0])  # σ'(0) · 2 = 0.5
    [array([[0.5]])]
    """
    checked = _check_params(params)
    example = as_float_array(x, "x", ndim=(1, 2))
    if example.ndim == 2 and example.shape[1] != 1:
        raise ValueError(f"x must be one example, of shape (n,) or (n, 1), got {example.shape}")
    column = _check_inputs(checked, example.reshape(-1, 1))
    activations = _activations(checked, column)
    # σ'(z) = a(1 − a): scaling row i of W by it is the product diag(σ'(z)) W.
    return [
        (a * (1.0 - a)) * W for (W, _), a in zip(checked, activations[1:], strict=True)
    ]


def cost(params: Params, x: Any, y: Any) -> float:
    """Mean squared error ``C = Σ_n |a_L(x_n) − y_n|² / N`` over the N examples.

    Derived in :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    params : list of (W, b)
        The network.
    x : array_like of shape (n_inputs, N)
        Inputs, one example per column.
    y : array_like of shape (n_outputs, N)
        Targets, one per column.

    Returns
    -------
    float
        The cost.

    Raises
    ------
    TypeError
        If ``params`` is not a list of pairs or an array is not numeric.
    ValueError
        If shapes do not match, an entry is not finite, or the cost is beyond the range
        of float64 (about 1.8e308: targets too large).

    Examples
    --------
    >>> params = [(np.zeros((2, 1)), np.zeros((2, 1)))]
    >>> cost(params, [[0.0, 1.0]], [[1.0, 0.5], [0.5, 0.5]])
    0.125
    """
    checked = _check_params(params)
    xs = _check_inputs(checked, x)
    ys = _check_targets(checked, xs, y)
    return _mean_square(_activations(checked, xs)[-1] - ys)


def _mean_square(residual: np.ndarray) -> float:
    """``Σ |residual|² / N`` over the N columns, refused if beyond the range of floats.

    The residuals are scaled by a power of 2 (exactly) before they are squared, so that
    the squares do not overflow where the mean is still a float.
    """
    e = binary_exponent(residual)
    scaled = np.ldexp(residual, -e)
    # A cost below the smallest normal float is a perfect fit to working precision.
    mean = float(np.sum(scaled**2) / residual.shape[1])
    return unscale(mean, 2 * e, "the cost", "y", negligible=math.inf)


def _backpropagate(
    params: Params, x: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, Params]:
    """The residuals ``a_L − y``, from which the cost follows, and the gradients."""
    activations = _activations(params, x)
    residual = activations[-1] - y
    n = x.shape[1]
    # ∂C/∂a_L = 2(a_L − y)/N; σ'(z) = a(1 − a) needs no stored z.
    delta = 2.0 * residual / n * activations[-1] * (1.0 - activations[-1])
    grads: Params = []
    for layer in range(len(params) - 1, -1, -1):
        grads.append((delta @ activations[layer].T, delta.sum(axis=1, keepdims=True)))
        if layer:
            a = activations[layer]
            delta = (params[layer][0].T @ delta) * a * (1.0 - a)
    return residual, grads[::-1]


def gradients(params: Params, x: Any, y: Any) -> Params:
    """The gradient of :func:`cost` with respect to every weight and bias (backpropagation).

    With ``δ_L = 2(a_L − y)/N ⊙ σ'(z_L)`` and ``δ_{l−1} = (W_lᵀ δ_l) ⊙ σ'(z_{l−1})``, the
    layer's gradients are ``∂C/∂W_l = δ_l a_{l−1}ᵀ`` and ``∂C/∂b_l = Σ_n δ_l``.
    Derived in :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    params : list of (W, b)
        The network.
    x : array_like of shape (n_inputs, N)
        Inputs, one example per column.
    y : array_like of shape (n_outputs, N)
        Targets.

    Returns
    -------
    list of (dW, db)
        Of the same shapes as ``params``.

    Raises
    ------
    TypeError
        If ``params`` is not a list of pairs or an array is not numeric.
    ValueError
        If shapes do not match or an entry is not finite.

    Examples
    --------
    >>> params = [(np.zeros((1, 1)), np.zeros((1, 1)))]
    >>> dW, db = gradients(params, [[2.0]], [[1.0]])[0]
    >>> float(dW[0, 0]), float(db[0, 0])
    (-0.5, -0.25)
    """
    checked = _check_params(params)
    xs = _check_inputs(checked, x)
    return _backpropagate(checked, xs, _check_targets(checked, xs, y))[1]


@dataclass(frozen=True)
class TrainingResult:
    """What :func:`train` returns.

    Attributes
    ----------
    params : list of (W, b)
        The trained network.
    costs : numpy.ndarray of shape (steps + 1,)
        The cost before each step and after the last.
    snapshots : dict of int to list of (W, b)
        Copies of the parameters after the requested numbers of steps.
    """

    params: Params
    costs: np.ndarray
    snapshots: dict[int, Params] = field(default_factory=dict)


def train(
    params: Params,
    x: Any,
    y: Any,
    steps: int,
    learning_rate: float,
    *,
    momentum: float = 0.0,
    snapshot_steps: Sequence[int] = (),
) -> TrainingResult:
    """Train by gradient descent on the whole batch: ``θ ← θ − η ∂C/∂θ``.

    With ``momentum`` β > 0 each update also keeps β of the previous one (heavy-ball
    descent), which speeds the walk along the long shallow valleys that sigmoid networks
    have. ``params`` is not modified. Derived in :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    params : list of (W, b)
        The starting network.
    x : array_like of shape (n_inputs, N)
        Inputs, one example per column.
    y : array_like of shape (n_outputs, N)
        Targets.
    steps : int
        Number of descent steps.
    learning_rate : float
        The step size η (> 0).
    momentum : float, default 0.0
        The fraction β in [0, 1) of the previous update kept.
    snapshot_steps : sequence of int, optional
        After which steps (0 to ``steps``) to keep a copy of the parameters.

    Returns
    -------
    TrainingResult
        The final parameters, the cost history and the snapshots.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If shapes do not match, a size is out of range, the cost is beyond the range
        of float64 (targets too large), or training diverges.

    Examples
    --------
    >>> from mmlbook.datasets import heart_curve
    >>> x, y = heart_curve(50)
    >>> result = train(init_network([1, 6, 7, 2], rng=1), x, y, steps=200, learning_rate=5.0)
    >>> bool(result.costs[-1] < result.costs[0])
    True
    """
    checked = _check_params(params)
    xs = _check_inputs(checked, x)
    ys = _check_targets(checked, xs, y)
    n_steps = check_positive_int(steps, "steps", maximum=10_000_000)
    eta = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    beta = check_real(momentum, "momentum", low=0.0, high=1.0, high_inclusive=False)
    if isinstance(snapshot_steps, (str, bytes)) or not isinstance(snapshot_steps, Iterable):
        raise TypeError(
            "snapshot_steps must be a sequence of integers, got "
            f"{type(snapshot_steps).__name__}"
        )
    wanted = set()
    for s in snapshot_steps:
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or not 0 <= s <= n_steps:
            raise ValueError(f"snapshot_steps must hold integers in [0, {n_steps}], got {s!r}")
        wanted.add(int(s))
    current = [(W.copy(), b.copy()) for W, b in checked]
    velocity = [(np.zeros_like(W), np.zeros_like(b)) for W, b in current]
    costs = np.empty(n_steps + 1)
    snapshots: dict[int, Params] = {}
    for step in range(n_steps + 1):
        if step in wanted:
            snapshots[step] = [(W.copy(), b.copy()) for W, b in current]
        residual, grads = _backpropagate(current, xs, ys)
        costs[step] = _mean_square(residual)
        if step == n_steps:
            break
        layers = zip(current, grads, velocity, strict=True)
        for layer, ((W, b), (dW, db), (vW, vb)) in enumerate(layers):
            vW = beta * vW - eta * dW
            vb = beta * vb - eta * db
            velocity[layer] = (vW, vb)
            current[layer] = (W + vW, b + vb)
    if not np.all(np.isfinite(costs)):
        raise ValueError("training diverged; lower learning_rate")
    return TrainingResult(params=current, costs=costs, snapshots=snapshots)
