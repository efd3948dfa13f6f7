"""Checkers for the Multivariate Calculus assignments: run your function on the cases.

Each checker takes your function with the signature the course gives it, runs the cases
the chapter's *Check your own solution* table lists and then seeded random ones, and
compares every answer with ``mmlbook``'s; print the report to read it.

- :func:`check_deepest_point` -- your search for the phone in a sandpit
  (:doc:`/book/calculus/sandpit`);
- :func:`check_j_w1` … :func:`check_j_b3` -- your backpropagation Jacobians
  ``J_W1(x, y)`` … ``J_b3(x, y)`` of the 1 → 6 → 7 → 2 network
  (:doc:`/book/calculus/backpropagation`);
- :func:`check_next_step` -- your ``next_step(f, J, H)`` of steepest descent, Newton's
  method or the hybrid (:doc:`/book/calculus/gradient_descent`);
- :func:`check_steepest_step` -- your ``steepest_step(x, y, mu, sig, aggression)`` of the
  fit to the heights (:doc:`/book/calculus/fitting_heights`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np

from mmlbook._validation import as_generator, check_positive_int, check_real
from mmlbook.calculus.descent import hybrid_step, newton_step, steepest_descent_step
from mmlbook.calculus.fitting import steepest_step
from mmlbook.calculus.network import gradients, init_network
from mmlbook.calculus.sandpit import SANDPIT_SIZE, Pit, intro_pit, random_pit
from mmlbook.checks._core import Case, CheckReport, compare_arrays, run_cases
from mmlbook.datasets import heart_curve, heights_histogram

__all__ = [
    "BACKPROPAGATION_SIZES",
    "NEXT_STEP_RULES",
    "PHONE_TOLERANCE",
    "backpropagation_cases",
    "check_deepest_point",
    "check_j_b1",
    "check_j_b2",
    "check_j_b3",
    "check_j_w1",
    "check_j_w2",
    "check_j_w3",
    "check_next_step",
    "check_steepest_step",
    "deepest_point_cases",
    "next_step_cases",
]

# ---------------------------------------------------------------------------------------
# The sandpit: where is the phone?

#: How close to the deepest point an answer must be: the sandpit game's default for its
#: 12 × 12 grid (three quarters of a cell of side 0.5).
PHONE_TOLERANCE: float = 0.375


class _Heights:
    """The height of the sand, ``f(x, y)``: all a learner's search may ask, as in the game."""

    def __init__(self, pit: Pit, name: str):
        self._pit, self._name = pit, name

    def __call__(self, x: Any, y: Any) -> Any:
        heights = self._pit(x, y)
        return float(heights) if heights.ndim == 0 else heights

    def __repr__(self) -> str:
        return f"the height f(x, y) of {self._name}"


def deepest_point_cases(n_random: int = 4) -> list[Case]:
    """The cases of :func:`check_deepest_point`: this book's first pit, then random pits.

    Parameters
    ----------
    n_random : int, default 4
        How many seeded random pits follow (0 to 20). They have several wells and rocks
        but no narrow well.

    Returns
    -------
    list of Case
        Inputs ``f`` (the height ``f(x, y)`` on ``[0, 6]²``); expected the deepest point.

    Raises
    ------
    TypeError
        If ``n_random`` is not an integer.
    ValueError
        If it is out of range.

    Examples
    --------
    >>> case = deepest_point_cases(0)[0]
    >>> case.description, case.inputs["f"], case.expected.round(2)
    ('the first sandpit, intro_pit()', the height f(x, y) of intro_pit(), array([1.21, 4.01]))
    """
    return list(_deepest_point_cases(_count(n_random, "n_random")))


@functools.cache
def _deepest_point_cases(count: int) -> tuple[Case, ...]:
    # Finding each pit's deepest point is the slow part: a checker run twice reuses them.
    pits = [("the first sandpit, intro_pit()", "intro_pit()", intro_pit())]
    pits += [
        (call, call, random_pit(seed, narrow=False))
        for seed in range(1, count + 1)
        for call in [f"random_pit({seed}, narrow=False)"]
    ]
    return tuple(
        Case(description, {"f": _Heights(pit, call)}, pit.deepest_point())
        for description, call, pit in pits
    )


def _compare_phone(got: Any, expected: Any) -> str | None:
    try:
        point = np.asarray(got, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return f"expected a point (x, y), got {type(got).__name__}"
    if point.shape != (2,) or not np.all(np.isfinite(point)):
        return f"expected a point (x, y) of two finite numbers, got {got!r}"
    if np.any(point < 0) or np.any(point > SANDPIT_SIZE):
        return f"the point {tuple(point.round(3))} lies outside the pit [0, 6]²"
    miss = float(np.linalg.norm(point - expected))
    if miss <= PHONE_TOLERANCE:
        return None
    return (
        f"({point[0]:.2f}, {point[1]:.2f}) is {miss:.2f} from the phone at "
        f"({expected[0]:.2f}, {expected[1]:.2f}), more than {PHONE_TOLERANCE}"
    )


def check_deepest_point(find_phone: Callable[..., Any], n_random: int = 4) -> CheckReport:
    """Check your search for the phone: it must land near each pit's deepest point.

    ``find_phone(f)`` gets the height of the sand as a function ``f(x, y)`` on the square
    ``[0, 6]²`` -- nothing else, as in the game -- and returns the point ``(x, y)`` where
    it thinks the phone is. It passes a case when that point is within
    :data:`PHONE_TOLERANCE` of the deepest point. Derived in
    :doc:`/book/calculus/sandpit`.

    Parameters
    ----------
    find_phone : callable
        Your search, ``find_phone(f) -> (x, y)``.
    n_random : int, default 4
        How many random pits to try after the first sandpit (0 checks only that one).

    Returns
    -------
    CheckReport
        Print it to read which pits your search got wrong.

    Raises
    ------
    TypeError
        If ``find_phone`` is not callable or ``n_random`` not an integer.
    ValueError
        If ``n_random`` is out of range.

    Examples
    --------
    >>> print(check_deepest_point(lambda f: (1.2, 4.0), n_random=0))
    find_phone passed all 1 cases.
    """
    if not callable(find_phone):
        raise TypeError(f"find_phone must be callable, got {type(find_phone).__name__}")
    return run_cases(
        find_phone,
        deepest_point_cases(n_random),
        _compare_phone,
        name=_name(find_phone, "find_phone"),
    )


# ---------------------------------------------------------------------------------------
# Backpropagation: the Jacobians of the cost with respect to each weight and bias.

#: The course's network: one input, hidden layers of 6 and 7 neurons, two outputs.
BACKPROPAGATION_SIZES: tuple[int, ...] = (1, 6, 7, 2)

_PARAMETER_NAMES = ("W1", "b1", "W2", "b2", "W3", "b3")


def backpropagation_cases(parameter: str, n_random: int = 4) -> list[Case]:
    """The cases of the backpropagation checkers, for the Jacobian of one parameter.

    The first case is the 1 → 6 → 7 → 2 network with the weights
    ``init_network([1, 6, 7, 2], rng=1)`` on the 100 points of ``heart_curve()``, as in
    the chapter; then networks of other seeds on 5 random inputs with random targets.

    Parameters
    ----------
    parameter : {"W1", "b1", "W2", "b2", "W3", "b3"}
        Whose Jacobian ``∂C/∂parameter`` the cases expect.
    n_random : int, default 4
        How many random cases follow (0 to 20).

    Returns
    -------
    list of Case
        Inputs ``x``, ``y`` and the network ``W1, b1, …, b3``; expected ``∂C/∂parameter``
        from :func:`mmlbook.calculus.gradients`.

    Raises
    ------
    TypeError
        If ``n_random`` is not an integer.
    ValueError
        If ``parameter`` is unknown or ``n_random`` out of range.

    Examples
    --------
    >>> case = backpropagation_cases("W3", n_random=0)[0]
    >>> list(case.inputs), case.expected.shape
    (['x', 'y', 'W1', 'b1', 'W2', 'b2', 'W3', 'b3'], (2, 7))
    """
    if parameter not in _PARAMETER_NAMES:
        raise ValueError(f"parameter must be one of {_PARAMETER_NAMES}, got {parameter!r}")
    count = _count(n_random, "n_random")
    index = _PARAMETER_NAMES.index(parameter)
    x, y = heart_curve(100)
    setups = [("the network of seed 1 on the heart's 100 points", 1, x, y)]
    for seed in range(2, count + 2):
        rng = np.random.default_rng(seed)
        setups.append(
            (
                f"the network of seed {seed} on 5 random inputs and targets",
                seed,
                rng.uniform(0.0, 1.0, (1, 5)),
                rng.uniform(0.0, 1.0, (2, 5)),
            )
        )
    cases = []
    for description, seed, inputs, targets in setups:
        params = init_network(list(BACKPROPAGATION_SIZES), rng=seed)
        network = {name: array for name, array in zip(_PARAMETER_NAMES, _flat(params), strict=True)}
        expected = _flat(gradients(params, inputs, targets))[index]
        cases.append(Case(description, {"x": inputs, "y": targets, **network}, expected))
    return cases


def _flat(params: list[tuple[np.ndarray, np.ndarray]]) -> list[np.ndarray]:
    return [array for layer in params for array in layer]


_MISSING = object()


def _with_network(jacobian: Callable[..., Any], name: str) -> Callable[..., Any]:
    """Call the learner's ``J(x, y)`` with the case's network in its notebook's globals.

    The course's Jacobian functions read ``W1, b1, …, b3`` as global variables, so the
    checker sets them where the function looks them up, and restores what was there.
    """
    namespace = getattr(jacobian, "__globals__", None)
    if not isinstance(namespace, dict):
        raise TypeError(
            f"{name} must be a Python function that reads the network's weights "
            f"W1, b1, ..., b3 from its notebook's global variables, got {type(jacobian).__name__}"
        )

    def call(x: Any, y: Any, *network: np.ndarray) -> Any:
        saved = {name: namespace.get(name, _MISSING) for name in _PARAMETER_NAMES}
        namespace.update(zip(_PARAMETER_NAMES, network, strict=True))
        try:
            return jacobian(x, y)
        finally:
            for name, value in saved.items():
                if value is _MISSING:
                    namespace.pop(name, None)
                else:
                    namespace[name] = value

    return call


def _check_jacobian(jacobian: Callable[..., Any], parameter: str, n_random: int) -> CheckReport:
    name = f"J_{parameter}"
    if not callable(jacobian):
        raise TypeError(f"{name} must be callable, got {type(jacobian).__name__}")
    return run_cases(
        _with_network(jacobian, name),
        backpropagation_cases(parameter, n_random),
        compare_arrays(rtol=1e-6, atol=1e-10),
        name=_name(jacobian, name),
        # Each case holds a whole network: two spelled out are enough to debug with.
        max_shown=2,
    )


_JACOBIAN_DOC = """Check your ``J_{p}(x, y)``: the Jacobian ``∂C/∂{p}`` of the course's cost.

    As in the course, your function takes the inputs ``x`` (shape ``(1, N)``, one example
    per column) and the targets ``y`` (``(2, N)``) and reads the network ``W1, b1, W2, b2,
    W3, b3`` from its notebook's global variables; the cost is
    ``C = Σ |a3 − y|² / N``. For each case the checker sets those globals to the case's
    network (and restores yours afterwards), calls your function and compares its answer
    with :func:`mmlbook.calculus.gradients`. Derived in
    :doc:`/book/calculus/backpropagation`.

    Parameters
    ----------
    J_{p} : callable
        Your function ``J_{p}(x, y)``.
    n_random : int, default 4
        How many random cases follow the first.

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If your function is not a Python function (the checker must reach its globals).
    ValueError
        If ``n_random`` is out of range.
    """


def check_j_w1(J_W1: Callable[..., Any], n_random: int = 4) -> CheckReport:
    return _check_jacobian(J_W1, "W1", n_random)


def check_j_b1(J_b1: Callable[..., Any], n_random: int = 4) -> CheckReport:
    return _check_jacobian(J_b1, "b1", n_random)


def check_j_w2(J_W2: Callable[..., Any], n_random: int = 4) -> CheckReport:
    return _check_jacobian(J_W2, "W2", n_random)


def check_j_b2(J_b2: Callable[..., Any], n_random: int = 4) -> CheckReport:
    return _check_jacobian(J_b2, "b2", n_random)


def check_j_w3(J_W3: Callable[..., Any], n_random: int = 4) -> CheckReport:
    return _check_jacobian(J_W3, "W3", n_random)


def check_j_b3(J_b3: Callable[..., Any], n_random: int = 4) -> CheckReport:
    return _check_jacobian(J_b3, "b3", n_random)


for _checker, _parameter in zip(
    (check_j_w1, check_j_b1, check_j_w2, check_j_b2, check_j_w3, check_j_b3),
    _PARAMETER_NAMES,
    strict=True,
):
    _checker.__doc__ = _JACOBIAN_DOC.format(p=_parameter)


# ---------------------------------------------------------------------------------------
# Gradient descent in a sandpit: the step rules next_step(f, J, H).

#: The step rules :func:`check_next_step` knows, as the week-5 lab names them.
NEXT_STEP_RULES: tuple[str, ...] = ("steepest", "newton", "hybrid")


def _step_cases(
    n_random: int, singular: bool
) -> list[tuple[str, float, np.ndarray, np.ndarray]]:
    # Hand-made cases, one for each branch of the hybrid rule and a general one, then points
    # of random pits. Newton's rule has no step where H is singular: that case is left out.
    cases = [
        ("J = [1, 0], H = 4I: Newton's step is short and downhill", 0.0, [1.0, 0.0], 4 * np.eye(2)),
        ("J = [1, 0], H = diag(-2, 2): Newton's step goes uphill", 0.0, [1.0, 0.0],
         np.diag([-2.0, 2.0])),
        ("J = [10, 0], H = 4I: Newton's step is longer than 2", 0.0, [10.0, 0.0], 4 * np.eye(2)),
        ("J = [1, -2], H = [[3, 1], [1, 2]]", 1.5, [1.0, -2.0], np.array([[3.0, 1.0], [1.0, 2.0]])),
    ]
    if singular:
        cases.append(
            ("J = [1, 1], H = [[1, 1], [1, 1]]: H is singular, no Newton step", 0.0, [1.0, 1.0],
             np.ones((2, 2)))
        )
    rng = np.random.default_rng(5)
    for seed in range(n_random):
        pit = random_pit(seed)
        x, y = rng.uniform(0.0, pit.size, 2)
        cases.append(
            (
                f"random_pit({seed}) at ({x:.3f}, {y:.3f})",
                float(pit(x, y)),
                pit.gradient(x, y),
                pit.hessian(x, y),
            )
        )
    return [(d, f, np.asarray(J, dtype=float), np.asarray(H, dtype=float)) for d, f, J, H in cases]


def next_step_cases(
    rule: str, learning_rate: float = 0.5, max_step: float = 2.0, n_random: int = 6
) -> list[Case]:
    """The cases of :func:`check_next_step` for one step rule.

    Hand-made cases first -- for the hybrid, one in which it takes Newton's step, one in
    which Newton's step would go uphill, one in which it is too long, a general one and
    (for ``"steepest"`` and ``"hybrid"``, since Newton's rule has no step there) one with
    a singular ``H`` -- then points of seeded random pits (the height, Jacobian and
    Hessian there).

    Parameters
    ----------
    rule : {"steepest", "newton", "hybrid"}
        The step rule.
    learning_rate : float, default 0.5
        The steepest-descent step size ``γ`` your function uses.
    max_step : float, default 2.0
        The longest Newton step your hybrid accepts.
    n_random : int, default 6
        How many random points follow the hand-made cases (0 to 20).

    Returns
    -------
    list of Case
        Inputs ``f``, ``J``, ``H``; expected the step.

    Raises
    ------
    TypeError
        If a size is not a real number or ``n_random`` not an integer.
    ValueError
        If ``rule`` is unknown, a size is not positive or ``n_random`` out of range.

    Examples
    --------
    >>> case = next_step_cases("hybrid")[1]
    >>> case.expected + 0.0
    array([-0.5,  0. ])
    """
    if rule not in NEXT_STEP_RULES:
        raise ValueError(f"rule must be one of {NEXT_STEP_RULES}, got {rule!r}")
    gamma = check_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    longest = check_real(max_step, "max_step", low=0.0, low_inclusive=False)
    cases = []
    for description, f, J, H in _step_cases(_count(n_random, "n_random"), rule != "newton"):
        if rule == "steepest":
            expected = steepest_descent_step(J, gamma)
        elif rule == "newton":
            expected = newton_step(J, H)
        else:
            expected = hybrid_step(J, H, longest, gamma)
        cases.append(Case(description, {"f": f, "J": J, "H": H}, expected))
    return cases


def check_next_step(
    next_step: Callable[..., Any],
    rule: str,
    learning_rate: float = 0.5,
    max_step: float = 2.0,
    n_random: int = 6,
) -> CheckReport:
    """Check your ``next_step(f, J, H)`` of the week-5 lab against ``mmlbook``'s rule.

    As in the lab, your function gets the height ``f``, the Jacobian ``J`` (shape
    ``(2,)``) and the Hessian ``H`` (``(2, 2)``) at the current point and returns the step.
    ``rule`` says which step it should be: ``"steepest"`` is ``−γJ``, ``"newton"`` is
    ``−H⁻¹J`` and ``"hybrid"`` takes Newton's step when it goes downhill and is at most
    ``max_step`` long, else (and where ``H`` is singular) ``−γJ``. Tell the checker the
    ``γ`` (and ``max_step``) your function uses. Derived in :doc:`/book/calculus/gradient_descent`.

    Parameters
    ----------
    next_step : callable
        Your step rule.
    rule : {"steepest", "newton", "hybrid"}
        Which rule it implements.
    learning_rate : float, default 0.5
        The ``γ`` your function uses.
    max_step : float, default 2.0
        The longest Newton step your hybrid takes.
    n_random : int, default 6
        How many random points follow the hand-made cases (five, or four for Newton's).

    Returns
    -------
    CheckReport
        Print it to read which cases failed.

    Raises
    ------
    TypeError
        If ``next_step`` is not callable, a size is not a real number or ``n_random``
        not an integer.
    ValueError
        If ``rule`` is unknown, a size is not positive or ``n_random`` out of range.

    Examples
    --------
    >>> def next_step(f, J, H):
    ...     return -0.5 * J
    >>> print(check_next_step(next_step, "steepest"))
    next_step passed all 11 cases.
    """
    if not callable(next_step):
        raise TypeError(f"next_step must be callable, got {type(next_step).__name__}")
    cases = next_step_cases(rule, learning_rate, max_step, n_random)
    compare = compare_arrays(rtol=1e-6, atol=1e-9)
    return run_cases(next_step, cases, compare, name=_name(next_step, "next_step"))


def _count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if not 0 <= value <= 20:
        raise ValueError(f"{name} must be between 0 and 20, got {value}")
    return int(value)


def _name(function: Any, default: str = "your function") -> str:
    name = getattr(function, "__name__", default)
    return default if name == "<lambda>" else name


# ---------------------------------------------------------------------------------------
# Fitting the distribution of heights: one steepest-descent step

#: The assignment's test: from (μ, σ) = (155, 6), one step and then fifty, at this rate.
_START = (155.0, 6.0)
_RATE = 2000.0
_STEPS = 50


def _walk(
    step: Callable[..., Any], x: np.ndarray, y: np.ndarray, mu: float, sig: float,
    aggression: float, steps: int,
) -> np.ndarray:
    """Take ``steps`` steps with ``step`` as the assignment's loop does; return (μ, σ)."""
    for _ in range(steps):
        dmu, dsig = step(x.copy(), y.copy(), mu, sig, aggression)
        mu, sig = mu + dmu, sig + dsig
    return np.array([mu, sig], dtype=float)


def _random_histograms(rng: np.random.Generator, count: int) -> list[tuple[np.ndarray, ...]]:
    """Histograms of normal samples: bin centres and densities, like the heights."""
    histograms = []
    for _ in range(count):
        mean, spread = rng.uniform(150, 200), rng.uniform(4, 15)
        samples = rng.normal(mean, spread, size=int(rng.integers(50, 500)))
        density, edges = np.histogram(samples, bins=int(rng.integers(10, 60)), density=True)
        histograms.append(((edges[:-1] + edges[1:]) / 2, density))
    return histograms


def check_steepest_step(
    steepest_step_function: Callable[..., Any], *, n_random: int = 10, seed: Any = 0
) -> CheckReport:
    """Check your ``steepest_step(x, y, mu, sig, aggression)`` of the heights assignment.

    Your function returns the step ``[δμ, δσ] = −aggression · ∇χ²`` for the Gaussian
    fitted to the histogram ``(x, y)``. The checker runs the assignment's test on the
    book's histogram of heights -- the first step from ``(μ, σ) = (155, 6)`` at
    aggression 2000, and where 50 such steps lead -- then ``n_random`` random points and
    aggressions on the heights and on random histograms, against
    :func:`mmlbook.calculus.steepest_step` (which calls the aggression
    ``learning_rate``). Derived in :doc:`/book/calculus/fitting_heights`.

    Parameters
    ----------
    steepest_step_function : callable
        Your function, called as ``steepest_step_function(x, y, mu, sig, aggression)``;
        it may return any pair of numbers.
    n_random : int, default 10
        How many random cases to run after the assignment's.
    seed : int or numpy.random.Generator, default 0
        Seed of the random cases.

    Returns
    -------
    CheckReport
        Print it to read which cases failed, with their inputs, the expected and the
        actual answer.

    Raises
    ------
    TypeError
        If ``steepest_step_function`` is not callable or ``seed`` is not a seed.
    ValueError
        If ``n_random < 1``.

    Examples
    --------
    >>> from mmlbook.calculus import steepest_step
    >>> print(check_steepest_step(steepest_step))
    steepest_step passed all 12 cases.
    >>> def uphill(x, y, mu, sig, aggression):  # the sign forgotten
    ...     dmu, dsig = steepest_step(x, y, mu, sig, aggression)
    ...     return -dmu, -dsig
    >>> report = check_steepest_step(uphill)
    >>> report.passed, len(report.failures)
    (False, 12)
    """
    if not callable(steepest_step_function):
        raise TypeError(
            "steepest_step_function must be callable, got "
            f"{type(steepest_step_function).__name__}"
        )
    count = check_positive_int(n_random, "n_random", maximum=10_000)
    rng = as_generator(seed)
    x, y = heights_histogram()
    heights = "the heights histogram (100 bins)"
    # The report names each data set rather than print its hundred numbers.
    data = {heights: (x, y)}
    for k, histogram in enumerate(_random_histograms(rng, count // 2), start=1):
        data[f"random histogram {k} ({histogram[0].size} bins)"] = histogram
    names = list(data)

    # Fresh copies for every call, so that a function that changes its arguments in
    # place cannot spoil the cases after it.
    def step_on(name: str, mu: float, sig: float, aggression: float) -> Any:
        xs, ys = (a.copy() for a in data[name])
        return steepest_step_function(xs, ys, mu, sig, aggression)

    def walk_on(name: str, mu: float, sig: float, aggression: float, steps: int) -> np.ndarray:
        return _walk(steepest_step_function, *data[name], mu, sig, aggression, steps)

    def expected_step(name: str, mu: float, sig: float, aggression: float) -> np.ndarray:
        return np.array(steepest_step(*data[name], mu, sig, aggression))

    step_cases = [
        Case(
            "the assignment's first step, from (mu, sig) = (155, 6)",
            {"x, y": heights, "mu": _START[0], "sig": _START[1], "aggression": _RATE},
            expected_step(heights, *_START, _RATE),
        )
    ]
    for k in range(count):
        # Every other random case on the heights, the rest on random histograms; the
        # curve overlaps the data, as a fit's would.
        name = names[0] if k % 2 == 0 else names[k // 2 + 1]
        centres, density = data[name]
        mean = float(np.sum(centres * density) / np.sum(density))
        mu, sig = mean + rng.uniform(-10, 10), rng.uniform(3, 20)
        aggression = float(rng.uniform(10, 3000))
        step_cases.append(
            Case(
                f"random case {k + 1}",
                {"x, y": name, "mu": mu, "sig": sig, "aggression": aggression},
                expected_step(name, mu, sig, aggression),
            )
        )
    walk_case = Case(
        f"the assignment's {_STEPS} steps from (mu, sig) = (155, 6): the final (mu, sig)",
        {"x, y": heights, "mu": _START[0], "sig": _START[1], "aggression": _RATE,
         "steps": _STEPS},
        _walk(steepest_step, x, y, *_START, _RATE, _STEPS),
    )
    compare = compare_arrays(rtol=1e-6, atol=1e-9)
    name = getattr(steepest_step_function, "__name__", "steepest_step")
    stepped = run_cases(step_on, step_cases[:1], compare, name=name)
    walked = run_cases(walk_on, [walk_case], compare, name=name)
    random = run_cases(step_on, step_cases[1:], compare, name=name)
    return CheckReport(
        name,
        stepped.cases + walked.cases + random.cases,
        stepped.failures + walked.failures + random.failures,
    )

