"""The registry of the common checks (``tests/test_common.py``).

One valid call of every public function, constructor and method of ``mmlbook``, and for
each argument a *spec*: what its docstring allows. The common checks replace each
argument in turn by every bad input they know, and the spec says whether that input must
be refused (``Expect.REFUSE``) or may be answered (``Expect.EITHER``: then with a finite
result, or else with a clear error naming the argument).

To register a new public function, add an ``Entry`` under its qualified name (the
shortest module path that exports it, such as ``mmlbook.pca.norm``)::

    "mmlbook.pca.norm": Entry(
        {"x": Arg(np.array([3.0, 4.0]), Array(1)),
         "A": Arg(SPD, Optional(Array(2, refuse={"zero", "negative"})))},
        laws=(Law(1, x=1), Law(0.5, A=1)),
    ),

- ``Arg(value, spec)``: the valid value (``Fresh(factory)`` for objects that must be new
  for every call, such as Axes), and its spec. ``base=`` gives another valid value to
  start the bad inputs from (for an optional argument whose valid value is ``None``);
  ``items=`` specs for the parts of a container argument, by their path
  (``{(0, 0): Array(2)}`` is ``params[0][0]``), which get the bad inputs too.
- Specs: ``Real(low, high)``, ``Int(low, high)``, ``Flag()``, ``Choice(...)``,
  ``Text()``, ``Texts(n)``, ``Instance(type)``, ``Function()``, ``PathArg()``,
  ``Seed()``, ``Colour()``, ``Optional(spec)``, ``Where(predicate)``, ``Exact()``,
  ``MappingOf(empty_ok)`` and ``Array(ndim, kind=, min_size=, free=, refuse=, accept=)``:
  ``free`` lists the axes whose length may change on its own (0 the first, -1 the last),
  ``refuse`` and ``accept`` the bad inputs the docstring rules out or allows beyond the
  defaults (see ``Array.expect``).
- ``Law(degree, **exponents)``: a scaling law ``f(c^e1 a1, ...) = c^degree f(a1, ...)``
  (``degree`` a number, or a tuple with one entry per part of a tuple result, ``None``
  for parts it does not constrain). With a law the checks demand the right answer for
  inputs near the ends of the range of floats whenever that answer is representable,
  and an error naming the range when it is not.
- A method also needs ``instance=``, a factory of the object to call it on.
"""

from __future__ import annotations

import dataclasses
import enum
import gzip
import math
import numbers
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.figure import Figure


class Expect(enum.Enum):
    REFUSE = "must be refused"
    EITHER = "may be answered (finitely) or refused (clearly)"
    ACCEPT = "must be answered correctly"


class Spec:
    """What the docstring allows an argument to be."""

    def admits(self, value: Any) -> bool:
        return False

    def expect(self, mutation: str, value: Any) -> Expect:
        return Expect.EITHER if self.admits(value) else Expect.REFUSE


def _real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


@dataclasses.dataclass(frozen=True)
class Real(Spec):
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    def admits(self, value: Any) -> bool:
        if not _real(value) or not math.isfinite(value):
            return False
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            return False
        return not (
            self.high is not None and (value > self.high or (self.high_open and value == self.high))
        )


@dataclasses.dataclass(frozen=True)
class Int(Spec):
    low: int = 1
    high: int | None = None

    def admits(self, value: Any) -> bool:
        return (
            isinstance(value, numbers.Integral)
            and not isinstance(value, (bool, np.bool_))
            and value >= self.low
            and (self.high is None or value <= self.high)
        )


class Flag(Spec):
    def admits(self, value: Any) -> bool:
        return isinstance(value, (bool, np.bool_))


class Choice(Spec):
    def __init__(self, *options: str) -> None:
        self.options = options

    def admits(self, value: Any) -> bool:
        return isinstance(value, str) and value in self.options


class Text(Spec):
    def admits(self, value: Any) -> bool:
        return isinstance(value, str)


@dataclasses.dataclass(frozen=True)
class Texts(Spec):
    """A sequence of ``length`` strings (a str counts as the sequence of its characters)."""

    length: int

    def admits(self, value: Any) -> bool:
        return (
            isinstance(value, (str, list, tuple))
            and len(value) == self.length
            and all(isinstance(item, str) for item in value)
        )


class Instance(Spec):
    def __init__(self, *types: type) -> None:
        self.types = types

    def admits(self, value: Any) -> bool:
        return isinstance(value, self.types)


class Function(Spec):
    def admits(self, value: Any) -> bool:
        return callable(value)


class PathArg(Spec):
    """A path: any str or os.PathLike is allowed (a missing file is a documented error)."""

    def admits(self, value: Any) -> bool:
        return isinstance(value, (str, os.PathLike))


class Seed(Spec):
    def admits(self, value: Any) -> bool:
        return isinstance(value, np.random.Generator) or Int(0).admits(value)


class Colour(Spec):
    def admits(self, value: Any) -> bool:
        from matplotlib.colors import is_color_like

        return isinstance(value, (str, tuple)) and is_color_like(value)


class Anything(Spec):
    def admits(self, value: Any) -> bool:
        return True


class Exact(Spec):
    """Only the valid value itself, or the named mutations of it: every other bad input of
    the whole argument is refused (its parts get their own specs through ``items``)."""

    def __init__(self, *allowed: str) -> None:
        self.allowed = allowed

    def expect(self, mutation: str, value: Any) -> Expect:
        return Expect.EITHER if mutation in self.allowed else Expect.REFUSE


class Where(Spec):
    def __init__(self, predicate: Callable[[Any], bool]) -> None:
        self.predicate = predicate

    def admits(self, value: Any) -> bool:
        try:
            return bool(self.predicate(value))
        except (TypeError, ValueError):
            return False


@dataclasses.dataclass(frozen=True)
class Optional(Spec):
    inner: Spec

    def expect(self, mutation: str, value: Any) -> Expect:
        return Expect.EITHER if value is None else self.inner.expect(mutation, value)


@dataclasses.dataclass(frozen=True)
class MappingOf(Spec):
    """A mapping with str keys; its values get specs through ``items``."""

    empty_ok: bool = True

    def admits(self, value: Any) -> bool:
        return (
            isinstance(value, Mapping)
            and (self.empty_ok or len(value) > 0)
            and all(isinstance(key, str) for key in value)
        )


#: Bad inputs no array argument allows.
_NEVER = {"NaN", "+inf", "-inf", "None", "complex", "boolean", "object", "ragged", '"False"'}


@dataclasses.dataclass(frozen=True)
class Array(Spec):
    """An array argument: ``ndim`` the allowed numbers of dimensions (None: any).

    ``kind`` is "real" (any real numbers), "int" (integer entries) or "label" (integers
    or strings). By default the docstring allows what keeps the array a finite real
    array of the right shape: huge, tiny, zero and negative entries (and fractional ones
    for "real"); other shapes only along the ``free`` axes or to another allowed
    ``ndim``; an empty array if ``min_size`` is 0.
    """

    ndim: int | tuple[int, ...] | None
    kind: str = "real"
    min_size: int = 1
    free: tuple[int, ...] = ()
    refuse: frozenset[str] | set[str] = frozenset()
    accept: frozenset[str] | set[str] = frozenset()

    def expect(self, mutation: str, value: Any) -> Expect:
        if mutation in self.refuse:
            return Expect.REFUSE
        if mutation in self.accept:
            return Expect.EITHER
        if mutation in _NEVER:
            return Expect.REFUSE
        if mutation == "string":
            allowed = self.kind == "label"
        elif mutation == "empty":
            allowed = self.min_size == 0
        elif mutation in ("extra axis", "fewer axes"):
            ndims = (self.ndim,) if isinstance(self.ndim, int) else self.ndim
            allowed = ndims is None or np.ndim(value) in ndims
        elif mutation == "shorter":
            allowed = 0 in self.free
        elif mutation == "narrower":
            allowed = -1 in self.free
        elif mutation == "fractional":
            allowed = self.kind == "real"
        else:
            allowed = True
        return Expect.EITHER if allowed else Expect.REFUSE


@dataclasses.dataclass(frozen=True)
class Fresh:
    """A valid value made anew for every call (Axes, widgets: objects a call changes)."""

    make: Callable[[], Any]


@dataclasses.dataclass(frozen=True)
class Arg:
    value: Any
    spec: Spec
    base: Any = None
    items: Mapping[tuple[Any, ...], Spec] = dataclasses.field(default_factory=dict)


class Law:
    """``f(c**e1 a1, c**e2 a2, ...) = c**degree f(a1, a2, ...)`` for every c > 0."""

    def __init__(self, degree: float | tuple[float | None, ...], **exponents: float) -> None:
        self.degree = degree
        self.exponents = exponents

    def degrees(self, n_parts: int) -> tuple[float | None, ...]:
        if isinstance(self.degree, tuple):
            return self.degree
        return (self.degree,) * n_parts


@dataclasses.dataclass(frozen=True)
class Entry:
    args: Mapping[str, Arg] = dataclasses.field(default_factory=dict)
    laws: tuple[Law, ...] = ()
    instance: Callable[[], Any] | None = None

    def law_for(self, name: str) -> Law | None:
        return next((law for law in self.laws if set(law.exponents) == {name}), None)


# ----------------------------------------------------------------------------------
# Shared values


def _new_figure() -> Any:
    import matplotlib.pyplot as plt

    return plt.figure()


def _new_axes() -> Any:
    import matplotlib.pyplot as plt

    return plt.figure().add_subplot()


def _new_figure() -> Any:
    import matplotlib.pyplot as plt

    return plt.figure()


def _figure_spec() -> Spec:
    from matplotlib.figure import Figure

    return Instance(Figure)


def _axes_spec() -> Spec:
    from matplotlib.axes import Axes

    return Instance(Axes)


def _pit() -> Any:
    from mmlbook.calculus import intro_pit

    return intro_pit()


def _pit_spec() -> Spec:
    from mmlbook.calculus import Pit

    return Instance(Pit)


def _sum_of_squares(p: np.ndarray) -> float:
    return float(np.sum(p**2) + p[0])


_LINE_DESIGN = np.array([[0.0, 1.0], [1.0, 1.0], [2.0, 1.0]])
_LINE_DATA = np.array([1.0, 3.0, 4.0])


#: Four points and their uncertainties, for the straight-line fits.
_LINE_X = np.array([0.0, 1.0, 2.0, 3.0])
_LINE_Y = np.array([1.0, 3.0, 4.0, 6.5])
_LINE_SIGMA = np.array([0.5, 1.0, 1.0, 2.0])
_UNCERTAINTIES = Array(1, refuse={"zero", "negative"})


def _line_residual(p: np.ndarray) -> np.ndarray:
    return _LINE_DATA - _LINE_DESIGN @ p


def _line_jacobian(p: np.ndarray) -> np.ndarray:
    return -_LINE_DESIGN


def _circle_and_line(p: np.ndarray) -> np.ndarray:
    return np.array([p[0] ** 2 + p[1] ** 2 - 1, p[0] - p[1]])


def _circle_and_line_jacobian(p: np.ndarray) -> np.ndarray:
    return np.array([[2 * p[0], 2 * p[1]], [1.0, -1.0]])


def _product_on_grid(p: np.ndarray) -> np.ndarray:
    return p[0] * p[1]


def _squared_radius_on_grid(p: np.ndarray) -> np.ndarray:
    return p[0] ** 2 + p[1] ** 2


def _increasing_window(value: Any) -> bool:
    if np.iscomplexobj(value):
        return False
    window = np.asarray(value, dtype=float)
    return (
        window.shape == (4,) and bool(np.all(np.isfinite(window)))
        and window[0] < window[1] and window[2] < window[3]
    )


def _xy_gradient(p: np.ndarray) -> np.ndarray:
    return np.array([p[1], p[0]])


def _xy_hessian(p: np.ndarray) -> np.ndarray:
    return np.array([[0.0, 1.0], [1.0, 0.0]]) + 0.0 * p[1]


def _circle(p: np.ndarray) -> float:
    return float(p[0] ** 2 + p[1] ** 2)


def _circle_gradient(p: np.ndarray) -> np.ndarray:
    return np.array([2 * p[0], 2 * p[1]])


def _circle_hessian(p: np.ndarray) -> np.ndarray:
    return 2.0 * np.eye(2) + 0.0 * p[1]


def _steepest_step(x: Any, y: Any, mu: float, sig: float, aggression: float) -> Any:
    from mmlbook.calculus import steepest_step

    return steepest_step(x, y, mu, sig, aggression)


def _transpose(A: np.ndarray) -> np.ndarray:
    return A.T


def _draw(fig: Any, slope: float = 1.0) -> None:
    fig.add_subplot().plot([0, 1], [0, slope])


def _controls() -> dict[str, Any]:
    import ipywidgets

    return {"slope": ipywidgets.FloatSlider(value=1.0, min=0.0, max=2.0)}


def _game() -> Any:
    from mmlbook.calculus import SandpitGame

    return SandpitGame(show_slope=True)


def _walk() -> Any:
    from mmlbook.calculus import descend, intro_pit

    return descend(intro_pit(), [2.0, 2.0], "hybrid", learning_rate=0.1)


def _bowl_height(x: Any, y: Any) -> Any:
    return (x - 1.0) ** 2 + (y - 2.0) ** 2


def _bowl_gradient(x: Any, y: Any) -> Any:
    return np.array([2 * (x - 1.0), 2 * (y - 2.0)])


def _valley_gradient(r: np.ndarray) -> np.ndarray:
    return r * np.array([1.0, 20.0])


def _orders(value: Any) -> bool:
    """A non-empty sequence of orders: integers >= 0 (not an object array)."""
    if isinstance(value, np.ndarray) and value.dtype.kind not in "iu":
        return False
    return len(value) > 0 and all(Int(0).admits(n) for n in value)


def _wave(p: np.ndarray) -> float:
    return float(np.sin(p[0]) * np.cos(p[-1]))


def _two_sums(q: np.ndarray) -> np.ndarray:
    return np.array([q.sum(), (q**2).sum()])


def _guess_j_w1(x: Any, y: Any) -> np.ndarray:
    """A learner's J_W1 that reads the network from its module's globals, as the course's do."""
    return np.zeros_like(globals().get("W1", np.zeros((6, 1))))


def _steepest_next_step(f: float, J: np.ndarray, H: np.ndarray) -> np.ndarray:
    return -0.5 * J


def _new_figure() -> Any:
    import matplotlib.pyplot as plt

    return plt.figure()


def _figure_type() -> type:
    from matplotlib.figure import Figure

    return Figure


def _two_axes() -> Any:
    import matplotlib.pyplot as plt

    return plt.subplots(1, 2)[1]


def _played_game() -> Any:
    from mmlbook.calculus import follow_the_arrows

    game = _game()
    follow_the_arrows(game, 7, 2)
    return game


def _game_type() -> type:
    from mmlbook.calculus import SandpitGame

    return SandpitGame


def _square_minus_two(x: Any) -> Any:
    return x**2 - 2


def _twice(x: Any) -> Any:
    return 2 * x


def _polar_cells(value: Any) -> bool:
    if not isinstance(value, (tuple, list)) or not 1 <= len(value) <= 8:
        return False
    return all(
        isinstance(cell, (tuple, list)) and len(cell) == 2
        and all(_real(v) and math.isfinite(v) for v in cell) and cell[0] >= 0
        for cell in value
    )


def _network() -> list[tuple[np.ndarray, np.ndarray]]:
    from mmlbook.calculus import init_network

    return init_network([1, 3, 2], rng=0)


def _params_items() -> dict[tuple[int, int], Spec]:
    return {(layer, part): Array(2) for layer in (0, 1) for part in (0, 1)}


def _pair(low: float | None = None) -> Where:
    """An increasing pair of finite reals, both above ``low`` if given."""

    def admits(value: Any) -> bool:
        if isinstance(value, (str, bytes)) or len(value) != 2:
            return False
        a, b = value
        return (
            _real(a) and _real(b) and math.isfinite(a) and math.isfinite(b) and a < b
            and (low is None or a > low)
        )

    return Where(admits)


def _positive_pair(value: Any) -> bool:
    return (
        not isinstance(value, (str, bytes))
        and len(value) == 2
        and all(_real(v) and math.isfinite(v) and v > 0 for v in value)
    )


def _ints_within(low: int, high: int, min_len: int = 0) -> Where:
    def admits(value: Any) -> bool:
        if isinstance(value, (str, bytes, Mapping)) or len(value) < min_len:
            return False
        return all(
            isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_))
            and low <= v <= high
            for v in value
        )

    return Where(admits)


def _chained_shapes(value: Any) -> bool:
    """A non-empty sequence of (rows, columns) pairs of sizes 1 to 50 that chain."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or not value:
        return False
    for i, shape in enumerate(value):
        if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence) or len(shape) != 2:
            return False
        if not all(Int(1, 50).admits(size) for size in shape):
            return False
        if i and shape[1] != value[i - 1][0]:
            return False
    return True


def _sequence_of(kind: type, min_len: int = 1) -> Where:
    return Where(
        lambda v: isinstance(v, Sequence) and not isinstance(v, (str, bytes))
        and len(v) >= min_len and all(isinstance(item, kind) for item in v)
    )


# Files for the readers of IDX files, in a folder that lives as long as the tests.
_FOLDER = tempfile.TemporaryDirectory(prefix="mmlbook-common-")
_MNIST = Path(_FOLDER.name)
(_MNIST / "train-images-idx3-ubyte").write_bytes(
    bytes([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2]) + bytes(range(8))
)
(_MNIST / "train-labels-idx1-ubyte.gz").write_bytes(
    gzip.compress(bytes([0, 0, 8, 1, 0, 0, 0, 2, 7, 1]))
)

SPD = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, 0.0], [0.0, 0.0, 3.0]])
SQUARE = np.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]])
TALL = np.array([[1.0, 0.0, 2.0], [1.0, 1.0, 0.0], [0.0, 1.0, 1.0], [1.0, 2.0, 1.0]])
STOCHASTIC = np.array([[0.0, 1.0, 0.5], [0.5, 0.0, 0.5], [0.5, 0.0, 0.0]])
DATA = np.array(
    [[1.0, 2.0, 0.5], [2.0, 1.0, 1.5], [0.0, 1.0, 2.5], [3.0, 4.0, 1.0], [2.0, 2.5, 0.0],
     [1.5, 0.5, 1.0]]
)
HEIGHTS = np.array([170.0, 175.0, 180.0, 185.0, 190.0])
DENSITIES = np.array([0.02, 0.04, 0.05, 0.04, 0.02])
POSITIVE_SEMIDEFINITE = Array(2, refuse={"negative"})
MATRIX = Array(2)
VECTOR = Array(1)
OPTIONAL_TOL = Optional(Real(0.0))


def _linalg() -> dict[str, Entry]:
    tol = Arg(None, OPTIONAL_TOL, base=1e-10)
    square = Arg(SQUARE, MATRIX)
    pivoting = Arg("partial", Choice("partial", "add"))
    any_shape = Arg(SQUARE, Array(2, free=(0, -1)))
    orthogonal = np.array([[2.0, -2.0], [1.0, 4.0]])
    return {
        "mmlbook.linalg.coordinates_in_basis": Entry(
            {
                "x": Arg(np.array([3.0, 4.0]), VECTOR),
                "basis": Arg(orthogonal, Array(2, refuse={"zero"})),
                "tol": Arg(1e-10, Real(0.0)),
            },
            laws=(Law(1, x=1), Law(-1, basis=1)),
        ),
        "mmlbook.linalg.eigenvalues_2x2": Entry(
            {"A": Arg(np.array([[2.0, 1.0], [0.5, 1.5]]), MATRIX)}, laws=(Law(1, A=1),)
        ),
        "mmlbook.linalg.gram_schmidt_modified": Entry(
            {"A": Arg(TALL, Array(2, free=(0, -1))), "tol": tol}, laws=(Law(0, A=1),)
        ),
        "mmlbook.linalg.power_method": Entry(
            {
                "A": Arg(SPD, MATRIX),
                "tol": Arg(1e-12, Real(0.0, low_open=True)),
                "max_iter": Arg(10_000, Int(1)),
                "seed": Arg(0, Seed()),
            },
            laws=(Law((1, 0), A=1),),
        ),
        "mmlbook.linalg.scalar_projection": Entry(
            {
                "x": Arg(np.array([3.0, 4.0, 1.0]), VECTOR),
                "b": Arg(np.array([1.0, 2.0, 2.0]), Array(1, refuse={"zero"})),
            },
            laws=(Law(1, x=1), Law(0, b=1)),
        ),
        "mmlbook.linalg.solve": Entry(
            {
                "A": square,
                "b": Arg(np.array([1.0, 2.0, 3.0]), Array((1, 2), free=(-1,))),
                "tol": tol,
            },
            laws=(Law(-1, A=1), Law(1, b=1)),
        ),
        "mmlbook.linalg.determinant": Entry(
            {"A": square, "tol": tol}, laws=(Law(3, A=1),)
        ),
        "mmlbook.linalg.dimensions": Entry(
            {"A": Arg(TALL, Array(2, free=(0, -1))), "tol": tol}, laws=(Law(0, A=1),)
        ),
        "mmlbook.linalg.elimination_steps": Entry(
            {"A": any_shape, "tol": tol, "pivoting": pivoting}
        ),
        "mmlbook.linalg.gram_schmidt": Entry(
            {"A": Arg(TALL, Array(2, free=(0, -1))), "tol": tol}, laws=(Law(0, A=1),)
        ),
        "mmlbook.linalg.gram_schmidt_textbook": Entry(
            {
                "A": Arg(TALL, Array(2, free=(0, -1))),
                "tol": tol,
                "reorthogonalise": Arg(True, Flag()),
            },
            laws=(Law(0, A=1),),
        ),
        "mmlbook.linalg.inverse": Entry({"A": square, "tol": tol}, laws=(Law(-1, A=1),)),
        "mmlbook.linalg.is_singular": Entry({"A": square, "tol": tol}, laws=(Law(0, A=1),)),
        "mmlbook.linalg.is_reflection": Entry(
            {"T": Arg(np.diag([1.0, 1.0, -1.0]), MATRIX), "tol": Arg(1e-10, Real(0.0))}
        ),
        "mmlbook.linalg.link_matrix": Entry(
            {
                "links": Arg(
                    np.array([[0, 1], [0, 2], [1, 0], [2, 0]]),
                    Array(2, kind="int", min_size=0, free=(0,), refuse={"negative", "huge"}),
                ),
                "n_pages": Arg(3, Optional(Int(1))),
                "sparse": Arg(False, Flag()),
            }
        ),
        "mmlbook.linalg.pagerank": Entry(
            {
                "L": Arg(STOCHASTIC, Array(2, refuse={"huge", "negative"})),
                "damping": Arg(0.85, Real(0.0, 1.0, low_open=True)),
                "tol": Arg(1e-10, Real(0.0, low_open=True)),
                "max_iter": Arg(1000, Int(1)),
                "total": Arg(1.0, Real(0.0, low_open=True)),
                "norm": Arg(1, Where(lambda v: Int(1, 2).admits(v))),
            },
        ),
        "mmlbook.linalg.pagerank_iterates": Entry(
            {
                "L": Arg(STOCHASTIC, Array(2, refuse={"huge", "negative"})),
                "damping": Arg(0.85, Real(0.0, 1.0, low_open=True)),
                "n_iter": Arg(10, Int(1)),
            }
        ),
        "mmlbook.linalg.reflection_matrix": Entry(
            {"basis": Arg(SQUARE, Array(2, refuse={"zero"}))}, laws=(Law(0, basis=1),)
        ),
        "mmlbook.linalg.row_echelon": Entry(
            {"A": any_shape, "tol": tol, "pivoting": pivoting}, laws=(Law(0, A=1),)
        ),
        "mmlbook.linalg.transform_in_basis": Entry(
            {
                "transform": Arg(np.array([[2.0, 0.0], [0.0, 1.0]]), MATRIX),
                "basis": Arg(np.array([[1.0, 1.0], [0.0, 1.0]]), Array(2, refuse={"zero"})),
            },
            laws=(Law(1, transform=1), Law(0, basis=1)),
        ),
    }


def _unfitted_pca() -> Any:
    from mmlbook.pca import PCA

    return PCA(2)


def _fitted_pca() -> Any:
    return _unfitted_pca().fit(DATA)


def _pca() -> dict[str, Entry]:
    x, y = np.array([1.0, 2.0, 2.0]), np.array([2.0, 0.0, 1.0])
    inner = Arg(SPD, Optional(Array(2, refuse={"zero", "negative"})))
    two_columns = np.array([[0.0, 0.0], [1.0, 0.5], [0.5, 1.0], [3.0, 3.0], [4.0, 3.5],
                            [3.5, 4.0]])
    basis = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    training = {"X": Arg(DATA, Array(2, free=(0, -1))), "y": Arg(None, Anything())}
    return {
        # scikit-learn's contract: the constructor only stores its arguments and fit
        # checks them (tests/test_pca_estimator.py feeds fit the bad parameters).
        "mmlbook.pca.PCA": Entry(
            {"n_components": Arg(2, Anything()), "standardize": Arg(False, Anything()),
             "solver": Arg("auto", Anything())}
        ),
        "mmlbook.pca.PCA.fit": Entry(training, instance=_unfitted_pca),
        "mmlbook.pca.PCA.fit_transform": Entry(training, instance=_unfitted_pca),
        "mmlbook.pca.PCA.inverse_transform": Entry(
            {"Z": Arg(np.array([[1.0, 0.5], [-0.5, 2.0]]), Array(2, free=(0,)))},
            instance=_fitted_pca,
        ),
        "mmlbook.pca.PCA.reconstruction_errors": Entry(
            {"X": Arg(DATA[:2].copy(), Array(2, free=(0,))),
             "target": Arg(None, Optional(MATRIX), base=DATA[2:4].copy())},
            instance=_fitted_pca,
        ),
        "mmlbook.pca.PCA.transform": Entry(
            {"X": Arg(DATA[:2].copy(), Array(2, free=(0,)))}, instance=_fitted_pca
        ),
        "mmlbook.pca.affine_covariance": Entry(
            {
                "S": Arg(np.array([[2.0, 0.5], [0.5, 1.0]]), MATRIX),
                "A": Arg(np.array([[1.0, 2.0], [0.0, 1.0], [1.0, 1.0]]), MATRIX),
                "b": Arg(np.array([1.0, 2.0, 3.0]), VECTOR),
            },
            laws=(Law(1, S=1), Law(2, A=1), Law(0, b=1)),
        ),
        "mmlbook.pca.affine_mean": Entry(
            {
                "mean": Arg(np.array([1.0, 2.0]), VECTOR),
                "A": Arg(np.array([[1.0, 2.0], [0.0, 1.0], [1.0, 1.0]]), MATRIX),
                "b": Arg(np.array([1.0, 2.0, 3.0]), VECTOR),
            },
            laws=(Law(1, mean=1, b=1), Law(1, A=1, b=1)),
        ),
        "mmlbook.pca.angle": Entry(
            {"x": Arg(x, Array(1, refuse={"zero"})), "y": Arg(y, Array(1, refuse={"zero"})),
             "A": inner},
            laws=(Law(0, x=1), Law(0, y=1), Law(0, A=1)),
        ),
        "mmlbook.pca.corr": Entry(
            {"X": Arg(DATA, Array(2, free=(0, -1), refuse={"zero"}))}, laws=(Law(0, X=1),)
        ),
        "mmlbook.pca.cov": Entry(
            {"X": Arg(DATA, Array(2, free=(0, -1)))}, laws=(Law(2, X=1),)
        ),
        "mmlbook.pca.distance": Entry(
            {"x": Arg(x, VECTOR), "y": Arg(y, VECTOR), "A": inner},
            laws=(Law(1, x=1, y=1), Law(0.5, A=1)),
        ),
        "mmlbook.pca.eig": Entry({"S": Arg(SPD, MATRIX)}, laws=(Law((1, 0), S=1),)),
        "mmlbook.pca.function_inner_product": Entry(
            {"f": Arg(np.sin, Function()), "g": Arg(np.cos, Function()),
             "interval": Arg((0.0, 1.0), _pair())}
        ),
        "mmlbook.pca.inner_product": Entry(
            {"x": Arg(x, VECTOR), "y": Arg(y, VECTOR), "A": inner},
            laws=(Law(1, x=1), Law(1, y=1), Law(1, A=1)),
        ),
        "mmlbook.pca.knn_predict": Entry(
            {
                "X_train": Arg(two_columns, MATRIX),
                "y_train": Arg(np.array([0, 0, 0, 1, 1, 1]), Array(1, kind="label")),
                "X_query": Arg(np.array([[0.5, 0.5], [3.0, 4.0], [2.0, 2.1]]),
                               Array(2, free=(0,))),
                "k": Arg(3, Int(1, 6)),
            },
            laws=(Law(0, X_train=1, X_query=1),),
        ),
        "mmlbook.pca.mean": Entry(
            {"X": Arg(DATA, Array(2, free=(0, -1)))}, laws=(Law(1, X=1),)
        ),
        "mmlbook.pca.nearest_neighbors": Entry(
            {
                "X_train": Arg(two_columns, Array(2, free=(0,))),
                "X_query": Arg(np.array([[0.5, 0.5], [3.0, 4.0], [2.0, 2.1]]),
                               Array(2, free=(0,))),
                "k": Arg(3, Int(1, 6)),
            },
            laws=(Law(0, X_train=1, X_query=1),),
        ),
        "mmlbook.pca.mse": Entry(
            {"predicted": Arg(DATA, MATRIX), "actual": Arg(DATA[::-1].copy(), MATRIX)},
            laws=(Law(2, predicted=1, actual=1),),
        ),
        "mmlbook.pca.norm": Entry(
            {"x": Arg(x, VECTOR), "A": inner}, laws=(Law(1, x=1), Law(0.5, A=1))
        ),
        "mmlbook.pca.normalize": Entry(
            {"X": Arg(DATA, Array(2, free=(0, -1)))}, laws=(Law(1, X=1),)
        ),
        "mmlbook.pca.pairwise_distances": Entry(
            {
                "X": Arg(DATA[:4], Array(2, free=(0,))),
                "Y": Arg(DATA[3:], Optional(Array(2, free=(0,)))),
            },
            laws=(Law(1, X=1, Y=1),),
        ),
        "mmlbook.pca.pca": Entry(
            {"X": Arg(DATA, Array(2, free=(0, -1))), "n_components": Arg(2, Int(1, 3))},
            laws=(Law((1, 1, 2, 0), X=1),),
        ),
        "mmlbook.pca.pca_high_dim": Entry(
            {"X": Arg(DATA.T.copy(), Array(2, free=(-1,))), "n_components": Arg(2, Int(1, 2))},
            laws=(Law((1, 1, 2, 0), X=1),),
        ),
        "mmlbook.pca.project": Entry(
            {"x": Arg(np.array([1.0, 2.0, 3.0]), Array((1, 2))),
             "B": Arg(basis, Array(2, free=(-1,)))},
            laws=(Law(1, x=1), Law(0, B=1)),
        ),
        "mmlbook.pca.project_1d": Entry(
            {"x": Arg(np.array([2.0, 0.0]), Array((1, 2))),
             "b": Arg(np.array([1.0, 1.0]), Array(1, refuse={"zero"}))},
            laws=(Law(1, x=1), Law(0, b=1)),
        ),
        "mmlbook.pca.projection_coordinates": Entry(
            {"x": Arg(np.array([1.0, 2.0, 3.0]), Array((1, 2))),
             "B": Arg(basis, Array(2, free=(-1,)))},
            laws=(Law(1, x=1), Law(-1, B=1)),
        ),
        "mmlbook.pca.projection_matrix": Entry(
            {"B": Arg(basis, Array(2, free=(0, -1), refuse={"zero"}))}, laws=(Law(0, B=1),)
        ),
        "mmlbook.pca.projection_matrix_1d": Entry(
            {"b": Arg(np.array([1.0, 1.0]), Array(1, free=(0,), refuse={"zero"}))},
            laws=(Law(0, b=1),),
        ),
    }


def _calculus() -> dict[str, Entry]:
    from mmlbook.calculus import (
        FIT_METHODS,
        LEAST_SQUARES_METHODS,
        MAX_ORDER,
        METHODS,
        TAYLOR_EXAMPLES,
        Probe,
        SandpitGame,
    )

    pit = Arg(Fresh(_pit), _pit_spec())
    coordinates = {
        "x": Arg(np.array([4.1, 1.0, 2.0]), Array(None)),
        "y": Arg(np.array([0.9, 2.0, 3.0]), Array(None)),
    }
    params = Arg(Fresh(_network), Exact(), items=_params_items())
    inputs = Arg(np.array([[0.0, 0.3, 0.6, 0.9]]), MATRIX)
    targets = Arg(np.array([[0.2, 0.4, 0.6, 0.8], [0.5, 0.5, 0.4, 0.3]]), MATRIX)
    data = {"x": Arg(HEIGHTS, VECTOR), "y": Arg(DENSITIES, VECTOR)}
    mu_sigma = {"mu": Arg(178.0, Real()), "sigma": Arg(7.5, Real(0.0, low_open=True))}
    fit_law = {"x": 1, "y": -1, "mu": 1, "sigma": 1}
    jacobian = Arg(np.array([1.0, 0.5]), VECTOR)
    hessian = Arg(np.array([[2.0, 0.0], [0.0, 3.0]]), MATRIX)
    positive = Real(0.0, low_open=True)
    model_points = Arg(np.array([[0.6, 1.1], [0.4, 0.8], [1.0, 1.0]]), Array((1, 2, 3), free=(0,)))
    return {
        "mmlbook.calculus.DescentResult.end": Entry(instance=_walk),
        "mmlbook.calculus.DescentResult.steps": Entry(instance=_walk),
        "mmlbook.calculus.Pit": Entry(
            {
                "centre": Arg((4.1, 0.9), VECTOR),
                "bowl": Arg(-1.0, Real()),
                # A pit may have no bumps, but then centres and widths must be empty too.
                "heights": Arg(np.array([-30.0, 5.0]), VECTOR),
                "centres": Arg(np.array([[1.5, 3.7], [4.0, 4.0]]), MATRIX),
                "widths": Arg(np.array([2.8, 0.5]), Array(1, refuse={"zero", "negative"})),
                "size": Arg(6.0, positive),
            }
        ),
        "mmlbook.calculus.Pit.__call__": Entry(coordinates, instance=_pit),
        "mmlbook.calculus.Pit.deepest_point": Entry(
            {"resolution": Arg(21, Int(2))}, instance=_pit
        ),
        "mmlbook.calculus.Pit.gradient": Entry(coordinates, instance=_pit),
        "mmlbook.calculus.Pit.hessian": Entry(coordinates, instance=_pit),
        "mmlbook.calculus.SandpitGame": Entry(
            {
                "pit": Arg(Fresh(_pit), Optional(_pit_spec())),
                "show_slope": Arg(True, Flag()),
                "cells": Arg(12, Int(2, 30)),
                "budget": Arg(25, Int(1, 1000)),
                "tolerance": Arg(0.15, Optional(positive)),
            }
        ),
        "mmlbook.calculus.SandpitGame.cell_centre": Entry(
            {"column": Arg(2, Int(0, 11)), "row": Arg(8, Int(0, 11))}, instance=_game
        ),
        "mmlbook.calculus.SandpitGame.describe": Entry(
            {"probe": Arg(Probe(3.0, 3.0, -16.9, np.array([1.0, 2.0]), False, False),
                          Instance(Probe))},
            instance=_game,
        ),
        "mmlbook.calculus.SandpitGame.found": Entry(instance=_game),
        "mmlbook.calculus.SandpitGame.over": Entry(instance=_game),
        "mmlbook.calculus.SandpitGame.probe": Entry(
            {"x": Arg(3.0, Real(0.0, 6.0)), "y": Arg(3.0, Real(0.0, 6.0))},
            instance=_game,
        ),
        "mmlbook.calculus.SandpitGame.probe_cell": Entry(
            {"column": Arg(2, Int(0, 11)), "row": Arg(8, Int(0, 11))}, instance=_game
        ),
        "mmlbook.calculus.SandpitGame.remaining": Entry(instance=_game),
        "mmlbook.calculus.chi_squared": Entry(
            {**data, **mu_sigma}, laws=(Law(-2, **fit_law),)
        ),
        "mmlbook.calculus.chi_squared_gradient": Entry(
            {**data, **mu_sigma}, laws=(Law(-3, **fit_law),)
        ),
        "mmlbook.calculus.chain_jacobians": Entry(
            {"jacobians": Arg([np.ones((3, 2)), np.ones((1, 3))], _sequence_of(object),
                              items={(0,): Array(2, free=(-1,)), (1,): Array(2, free=(0,))})}
        ),
        "mmlbook.calculus.classify_stationary_point": Entry(
            {"hessian": Arg(np.array([[2.0, 1.0], [1.0, 3.0]]), MATRIX),
             "tol": Arg(1e-8, Real(0.0, 1.0, high_open=True))},
            laws=(Law(0, hessian=1),),
        ),
        "mmlbook.calculus.cost": Entry({"params": params, "x": inputs, "y": targets}),
        "mmlbook.calculus.deepest_point": Entry(
            {
                "f": Arg(_bowl_height, Function()),
                "size": Arg(6.0, positive),
                "resolution": Arg(21, Int(2, 3000)),
                "gradient": Arg(None, Optional(Function()), base=_bowl_gradient),
            }
        ),
        "mmlbook.calculus.descend": Entry(
            {
                "pit": pit,
                "start": Arg(np.array([2.0, 2.0]), VECTOR),
                "method": Arg("hybrid", Where(lambda v: callable(v) or v in METHODS)),
                "learning_rate": Arg(0.05, positive),
                "max_step": Arg(2.0, positive),
                "max_steps": Arg(50, Int(1, 1_000_000)),
                "tol": Arg(1e-6, Real(0.0)),
            }
        ),
        "mmlbook.calculus.downhill_arrow": Entry({"slope": Arg(np.array([1.0, -2.0]), VECTOR)}),
        "mmlbook.calculus.find_stationary_points": Entry(
            {
                "pit": pit,
                "n_per_side": Arg(5, Int(1, 200)),
                "iterations": Arg(20, Int(1, 10_000)),
                "tol": Arg(1e-9, positive),
            }
        ),
        "mmlbook.calculus.fit_gaussian": Entry(
            {
                **data,
                "mu0": Arg(175.0, Real()),
                "sigma0": Arg(10.0, positive),
                "method": Arg("levenberg-marquardt", Choice(*FIT_METHODS)),
                "learning_rate": Arg(1000.0, positive),
                "max_iter": Arg(None, Optional(Int(1)), base=200),
                "xtol": Arg(1e-10, positive),
            },
            laws=(Law((1, 1, -2, None, 1, None, None), x=1, y=-1, mu0=1, sigma0=1),),
        ),
        "mmlbook.calculus.fit_line": Entry(
            {
                "x": Arg(_LINE_X, VECTOR),
                "y": Arg(_LINE_Y, VECTOR),
                "sigma": Arg(None, Optional(_UNCERTAINTIES), base=_LINE_SIGMA),
            }
        ),
        "mmlbook.calculus.follow_the_arrows": Entry(
            {
                "game": Arg(Fresh(_game), Instance(SandpitGame)),
                "column": Arg(1, Int(0, 11)),
                "row": Arg(10, Int(0, 11)),
            }
        ),
        "mmlbook.calculus.forward": Entry(
            {
                "params": Arg(Fresh(_network), Exact("shorter"), items=_params_items()),
                "x": Arg(inputs.value, Array(2, free=(-1,))),
            }
        ),
        "mmlbook.calculus.gaussian": Entry(
            {"x": Arg(HEIGHTS, Array(1, free=(0,))), **mu_sigma},
            laws=(Law(-1, x=1, mu=1, sigma=1),)
        ),
        "mmlbook.calculus.gaussian_dmu": Entry(
            {"x": Arg(HEIGHTS, Array(1, free=(0,))), **mu_sigma},
            laws=(Law(-2, x=1, mu=1, sigma=1),)
        ),
        "mmlbook.calculus.gaussian_dsigma": Entry(
            {"x": Arg(HEIGHTS, Array(1, free=(0,))), **mu_sigma},
            laws=(Law(-2, x=1, mu=1, sigma=1),)
        ),
        "mmlbook.calculus.gradients": Entry({"params": params, "x": inputs, "y": targets}),
        "mmlbook.calculus.grid_probes": Entry(
            {"n_per_side": Arg(3, Int(1, 3000)), "size": Arg(6.0, positive)}
        ),
        "mmlbook.calculus.gradient_flow": Entry(
            {
                "pit": pit,
                "starts": Arg(np.array([[2.0, 3.0], [5.5, 5.5]]), Array(2, free=(0,))),
                "step": Arg(0.02, Real(0.0, 1.0, low_open=True)),
                "n_steps": Arg(20, Int(1, 100_000)),
            }
        ),
        "mmlbook.calculus.hybrid_step": Entry(
            {"J": jacobian, "H": hessian, "max_step": Arg(2.0, positive),
             "learning_rate": Arg(0.5, positive)},
            laws=(Law(1, J=1, max_step=1),),
        ),
        "mmlbook.calculus.init_network": Entry(
            {
                "sizes": Arg([1, 3, 2], _ints_within(1, 100_000, min_len=2),
                             items={(1,): Int(1, 100_000)}),
                "rng": Arg(0, Seed()),
            }
        ),
        "mmlbook.calculus.intro_pit": Entry(),
        "mmlbook.calculus.layer_jacobians": Entry(
            {"params": Arg(Fresh(_network), Exact("shorter"), items=_params_items()),
             "x": Arg(np.array([0.3]), Array((1, 2)))}
        ),
        "mmlbook.calculus.line_residuals": Entry(
            {
                "x": Arg(_LINE_X, VECTOR),
                "y": Arg(_LINE_Y, VECTOR),
                "slope": Arg(1.5, Real()),
                "intercept": Arg(1.0, Real()),
                "sigma": Arg(None, Optional(_UNCERTAINTIES), base=_LINE_SIGMA),
            }
        ),
        "mmlbook.calculus.local_minima": Entry(
            {"pit": pit, "n_per_side": Arg(3, Int(1, 100)), "max_steps": Arg(50, Int(1))}
        ),
        "mmlbook.calculus.momentum_descent": Entry(
            {
                "gradient": Arg(_valley_gradient, Function()),
                "start": Arg(np.array([-4.0, 1.5]), VECTOR),
                "learning_rate": Arg(0.05, positive),
                "momentum": Arg(0.5, Real(0.0, 1.0, high_open=True)),
                "max_steps": Arg(20, Int(1, 1_000_000)),
                "tol": Arg(1e-8, Real(0.0)),
            }
        ),
        "mmlbook.calculus.least_squares": Entry(
            {
                "residual": Arg(_line_residual, Function()),
                "jacobian": Arg(_line_jacobian, Function()),
                "x0": Arg(np.array([0.0, 0.0]), Array(1)),
                "method": Arg("levenberg-marquardt", Choice(*LEAST_SQUARES_METHODS)),
                "learning_rate": Arg(None, Optional(positive), base=0.05),
                "max_iter": Arg(None, Optional(Int(1)), base=200),
                "xtol": Arg(1e-10, positive),
            }
        ),
        "mmlbook.calculus.newton_raphson": Entry(
            {
                "f": Arg(_circle_and_line, Function()),
                "derivative": Arg(_circle_and_line_jacobian, Function()),
                "x0": Arg(np.array([1.0, 0.0]), Array(1)),
                "tol": Arg(1e-12, positive),
                "max_iter": Arg(100, Int(1, 1_000_000)),
            }
        ),
        "mmlbook.calculus.solve_lagrange": Entry(
            {
                "gradient": Arg(_xy_gradient, Function()),
                "hessian": Arg(_xy_hessian, Function()),
                "constraint": Arg(_circle, Function()),
                "constraint_gradient": Arg(_circle_gradient, Function()),
                "constraint_hessian": Arg(_circle_hessian, Function()),
                "x0": Arg(np.array([1.2, 0.7]), Array(1)),
                "multiplier0": Arg(0.0, Real()),
                "level": Arg(2.0, Real()),
                "tol": Arg(1e-12, positive),
                "max_iter": Arg(100, Int(1, 1_000_000)),
            }
        ),
        "mmlbook.calculus.newton_step": Entry(
            {"J": jacobian, "H": hessian}, laws=(Law(1, J=1), Law(-1, H=1))
        ),
        "mmlbook.calculus.best_step": Entry(
            {"scheme": Arg("forward", Choice("forward", "central"))}
        ),
        "mmlbook.calculus.derivative": Entry(
            {
                "f": Arg(np.sin, Function()),
                "x": Arg(np.array([0.0, 1.0, 2.5]), Array(None, min_size=0, free=(0, -1))),
                "step": Arg(None, Optional(positive), base=1e-4),
                "scheme": Arg("central", Choice("forward", "central")),
            }
        ),
        "mmlbook.calculus.difference_errors": Entry(
            {
                "f": Arg(np.exp, Function()),
                "exact": Arg(1.0, Real()),
                "x": Arg(0.0, Real()),
                "steps": Arg(np.array([1e-8, 1e-4, 1e-1]), Array(1, free=(0,),
                                                                  refuse={"zero", "negative"})),
                "scheme": Arg("forward", Choice("forward", "central")),
            }
        ),
        "mmlbook.calculus.numeric_gradient": Entry(
            {
                "f": Arg(_sum_of_squares, Function()),
                "point": Arg(np.array([1.0, 5.0]), Array(1, free=(0,))),
                "step": Arg(1e-6, positive),
            }
        ),
        "mmlbook.calculus.numeric_jacobian": Entry(
            {
                "f": Arg(_two_sums, Function()),
                "point": Arg(np.array([2.0, 0.5]), Array(1, free=(0,))),
                "step": Arg(1e-6, positive),
            }
        ),
        "mmlbook.calculus.numeric_hessian": Entry(
            {
                "f": Arg(_sum_of_squares, Function()),
                "point": Arg(np.array([1.0, 5.0]), Array(1, free=(0,))),
                "step": Arg(1e-4, positive),
            }
        ),
        "mmlbook.calculus.random_pit": Entry(
            {
                "seed": Arg(3, Seed()),
                "n_wells": Arg(4, Int(0, 20)),
                "n_rocks": Arg(2, Int(0, 20)),
                "narrow": Arg(True, Flag()),
            }
        ),
        "mmlbook.calculus.random_probes": Entry(
            {"n": Arg(5, Int(1, 10_000_000)), "seed": Arg(0, Seed()), "size": Arg(6.0, positive)}
        ),
        "mmlbook.calculus.sandpit_game": Entry(
            {
                "pit": Arg(Fresh(_pit), Optional(_pit_spec())),
                "show_slope": Arg(True, Flag()),
                "cells": Arg(3, Int(2, 30)),
                "budget": Arg(25, Int(1, 1000)),
            }
        ),
        "mmlbook.calculus.sigmoid": Entry({"z": Arg(np.array([[0.0, 1.0], [-2.0, 3.0]]),
                                                   Array(None, free=(0, -1)))}),
        "mmlbook.calculus.steepest_descent_step": Entry(
            {"J": Arg(jacobian.value, Array(1, free=(0,))),
             "learning_rate": Arg(0.5, positive)},
            laws=(Law(1, J=1), Law(1, learning_rate=1)),
        ),
        "mmlbook.calculus.steepest_step": Entry(
            {**data, **mu_sigma, "learning_rate": Arg(10.0, positive)},
            laws=(Law(1, **fit_law, learning_rate=4),),
        ),
        "mmlbook.calculus.derivative_bound": Entry(
            {
                "function": Arg("cos", Choice(*TAYLOR_EXAMPLES)),
                "order": Arg(3, Int(0, MAX_ORDER)),
                # low <= high: a negative, zero or huge low stays below high = 2 (or not).
                "low": Arg(0.5, Where(lambda v: Real().admits(v) and v <= 2.0)),
                "high": Arg(2.0, Where(lambda v: Real().admits(v) and v >= 0.5)),
            }
        ),
        "mmlbook.calculus.derivatives_at": Entry(
            {
                "function": Arg("log1p", Choice(*TAYLOR_EXAMPLES)),
                # log1p is defined for a > -1 only: a negative a (-0.5) is fine, -1 is not.
                "a": Arg(0.5, Real(-1.0, low_open=True)),
                "order": Arg(6, Int(0, MAX_ORDER)),
            }
        ),
        "mmlbook.calculus.linear_model": Entry(
            {
                "f": Arg(_wave, Function()),
                "point": Arg(np.array([0.5, 1.0]), Array(1, free=(0,))),
                "x": model_points,
                "gradient": Arg(None, Optional(Array(1)), base=np.array([0.47, -0.4])),
            }
        ),
        "mmlbook.calculus.quadratic_model": Entry(
            {
                "f": Arg(_wave, Function()),
                "point": Arg(np.array([0.5, 1.0]), Array(1, free=(0,))),
                "x": model_points,
                "gradient": Arg(None, Optional(Array(1)), base=np.array([0.47, -0.4])),
                "hessian": Arg(None, Optional(Array(2)),
                               base=np.array([[-0.26, -0.37], [-0.37, -0.26]])),
            }
        ),
        "mmlbook.calculus.radius_of_convergence": Entry(
            {
                "function": Arg("reciprocal", Choice(*TAYLOR_EXAMPLES)),
                "a": Arg(2.0, Where(lambda a: Real().admits(a) and a != 0)),
            }
        ),
        "mmlbook.calculus.taylor_error_bound": Entry(
            {
                "max_derivative": Arg(np.e, Real(0.0)),
                "a": Arg(0.0, Real()),
                "x": Arg(np.array([0.5, 1.0, -1.0]), Array(None, free=(0,))),
                "order": Arg(3, Int(0, MAX_ORDER)),
            }
        ),
        "mmlbook.calculus.taylor_polynomial": Entry(
            {
                "derivatives": Arg(np.array([1.0, 0.0, -1.0, 0.0, 1.0]), Array(1, free=(0,))),
                "a": Arg(0.0, Real()),
                "x": Arg(np.array([0.5, 1.0, -1.0]), Array(None, free=(0,))),
            }
        ),
        "mmlbook.calculus.train": Entry(
            {
                "params": params,
                "x": inputs,
                "y": targets,
                "steps": Arg(5, Int(1, 10_000_000)),
                "learning_rate": Arg(1.0, positive),
                "momentum": Arg(0.0, Real(0.0, 1.0, high_open=True), base=0.5),
                "snapshot_steps": Arg((0, 5), _ints_within(0, 5), items={(1,): Int(0, 5)}),
            }
        ),
    }


def _pca_checks() -> dict[str, Entry]:
    """Each checker of the PCA course, given a function of the course's signature."""
    import mmlbook.checks.pca as checks
    from mmlbook.pca import (
        affine_covariance,
        affine_mean,
        angle,
        cov,
        distance,
        knn_predict,
        mean,
        pairwise_distances,
        pca,
        project,
        project_1d,
        projection_matrix,
        projection_matrix_1d,
    )

    solutions = {
        "mean": lambda X: mean(X.T),
        "cov": lambda X: cov(X.T),
        "affine_mean": affine_mean,
        "affine_covariance": affine_covariance,
        "distance": distance,
        "angle": angle,
        "pairwise_distance_matrix": pairwise_distances,
        "KNN": lambda k, X, y, x: knn_predict(X, y, x[None], k)[0],
        "projection_matrix_1d": projection_matrix_1d,
        "project_1d": project_1d,
        "projection_matrix_general": projection_matrix,
        "project_general": lambda x, B: project(np.ravel(x), B),
        "PCA": pca,
    }
    entries = {}
    for name, solution in solutions.items():
        checker = f"check_{name.lower()}"
        assert hasattr(checks, checker), checker
        entries[f"mmlbook.checks.pca.{checker}"] = Entry(
            {name: Arg(solution, Function()), "n_random": Arg(3, Int(0, 1000)),
             "seed": Arg(0, Seed())}
        )
    entries["mmlbook.checks.pca.course_cases"] = Entry(
        {"function_name": Arg("cov", Choice(*solutions))}
    )
    return entries


def _checks() -> dict[str, Entry]:
    from mmlbook.checks import Case, CheckReport, compare_arrays

    case = Case("the 2 x 2 identity", {"A": np.eye(2)}, np.eye(2))
    tolerance = Real(0.0)
    return {
        "mmlbook.checks.Case": Entry(
            {
                "description": Arg("a case", Where(lambda v: isinstance(v, str) and v != "")),
                "inputs": Arg({"A": np.eye(2)}, MappingOf()),
                "expected": Arg(np.eye(2), Anything()),
            }
        ),
        "mmlbook.checks.CheckReport.passed": Entry(
            instance=lambda: CheckReport("transpose", (case,))
        ),
        "mmlbook.checks.compare_arrays": Entry(
            {"rtol": Arg(1e-6, tolerance), "atol": Arg(1e-8, tolerance)}
        ),
        "mmlbook.checks.compare_scalars": Entry(
            {"rtol": Arg(1e-6, tolerance), "atol": Arg(1e-8, tolerance)}
        ),
        "mmlbook.checks.run_cases": Entry(
            {
                "function": Arg(_transpose, Function()),
                "cases": Arg([case], _sequence_of(Case)),
                "compare": Arg(compare_arrays(), Function()),
                "name": Arg("transpose", Optional(Text())),
                "max_shown": Arg(5, Int(1)),
                "time_limit": Arg(10.0, Optional(Real(0.0, low_open=True))),
            }
        ),
    }


def _checks_linalg() -> dict[str, Entry]:
    from mmlbook.linalg import dimensions, gram_schmidt, is_singular, pagerank, reflection_matrix

    def entry(name: str, function: Any) -> Entry:
        return Entry({name: Arg(function, Function()), "n_random": Arg(2, Int(0, 1000)),
                      "seed": Arg(0, Seed())})

    def page_rank(linkMatrix: Any, d: float) -> Any:
        return pagerank(linkMatrix, d, tol=0.01, total=100, norm=2)

    def fix_row(A: Any) -> Any:
        return A

    return {
        "mmlbook.checks.linalg.check_build_reflection_matrix": entry(
            "build_reflection_matrix", reflection_matrix),
        "mmlbook.checks.linalg.check_dimensions": entry("dimensions", dimensions),
        "mmlbook.checks.linalg.check_fix_row_one": entry("fixRowOne", fix_row),
        "mmlbook.checks.linalg.check_fix_row_three": entry("fixRowThree", fix_row),
        "mmlbook.checks.linalg.check_fix_row_two": entry("fixRowTwo", fix_row),
        "mmlbook.checks.linalg.check_fix_row_zero": entry("fixRowZero", fix_row),
        "mmlbook.checks.linalg.check_gs_basis": entry("gsBasis", gram_schmidt),
        "mmlbook.checks.linalg.check_gs_basis4": entry("gsBasis4", gram_schmidt),
        "mmlbook.checks.linalg.check_is_singular": entry("isSingular", is_singular),
        "mmlbook.checks.linalg.check_page_rank": entry("pageRank", page_rank),
        "mmlbook.checks.linalg.seven_page_web": Entry(),
    }


def _bundled_images() -> Any:
    from mmlbook.datasets import Images

    return Images(np.zeros((2, 6)), np.array([0, 1]), (2, 3), (0.0, 16.0), "two images")


def _datasets() -> dict[str, Entry]:
    return {
        "mmlbook.datasets.bear": Entry(),
        "mmlbook.datasets.generated_web": Entry(
            {"n_pages": Arg(50, Int(2)), "n_links": Arg(100, Int(1, 551)),
             "seed": Arg(0, Seed())}
        ),
        "mmlbook.datasets.heart_curve": Entry({"n": Arg(20, Int(1, 10_000_000))}),
        "mmlbook.datasets.heights_histogram": Entry(),
        "mmlbook.datasets.spring_measurements": Entry(
            {"n": Arg(8, Int(2, 100_000)), "seed": Arg(0, Seed()),
             "softening": Arg(0.1, Real(0.0, 1.0))}
        ),
        "mmlbook.datasets.ill_conditioned_matrix": Entry(
            {
                "m": Arg(6, Int(3)),
                "n": Arg(3, Int(1, 6)),
                "condition": Arg(1e3, Real(1.0)),
                "seed": Arg(0, Seed()),
            }
        ),
        "mmlbook.glue.glue": Entry(
            {
                "name": Arg("answer", Where(lambda name: isinstance(name, str) and name != "")),
                "variable": Arg(42, Anything()),
                "display": Arg(False, Flag()),
            }
        ),
        "mmlbook.datasets.load_digits": Entry(),
        "mmlbook.datasets.load_images": Entry(),
        "mmlbook.datasets.Images.n_pixels": Entry(instance=_bundled_images),
        "mmlbook.datasets.load_iris": Entry(),
        "mmlbook.datasets.load_mnist": Entry(
            {"folder": Arg(str(_MNIST), PathArg()), "kind": Arg("train", Choice("train", "t10k"))}
        ),
        "mmlbook.datasets.micro_internet": Entry(),
        "mmlbook.datasets.micro_internet_links": Entry(),
        "mmlbook.datasets.read_idx": Entry(
            {"path": Arg(str(_MNIST / "train-images-idx3-ubyte"), PathArg())}
        ),
    }


def _plotting() -> dict[str, Entry]:
    from mmlbook.calculus import TAYLOR_EXAMPLES
    from mmlbook.linalg import elimination_steps

    axes = _axes_spec()
    optional_axes = Arg(None, Optional(axes))
    given_axes = Arg(Fresh(_new_axes), axes)
    pit = Arg(Fresh(_pit), _pit_spec())
    points = np.array([[1.0, 2.0], [3.0, 4.0], [2.0, 2.5]])
    path = np.array([[2.0, 2.0], [1.5, 3.0], [1.2, 4.0]])
    heart = np.array([[0.5, 0.7, 0.5, 0.3], [0.6, 0.4, 0.2, 0.4]])
    steps = elimination_steps([[1.0, 2.0], [3.0, 4.0]])
    return {
        "mmlbook.plotting.use_book_style": Entry(),
        "mmlbook.plotting.calculus.plot_chi2_landscape": Entry(
            {
                "x": Arg(HEIGHTS, VECTOR),
                "y": Arg(DENSITIES, VECTOR),
                "mu_range": Arg((170.0, 185.0), _pair()),
                "sigma_range": Arg((4.0, 12.0), _pair(low=0.0)),
                "paths": Arg({"fit": np.array([[175.0, 10.0], [178.0, 7.5]])},
                             Optional(MappingOf()), items={("fit",): Array(2, free=(0,))}),
                "ax": optional_axes,
                "resolution": Arg(10, Int(2, 1000)),
            }
        ),
        "mmlbook.plotting.calculus.depth_colours": Entry({"pit": pit}),
        "mmlbook.plotting.calculus.draw_momentum": Entry(
            {
                "fig": Arg(Fresh(_new_figure), Instance(_figure_type())),
                "learning_rate": Arg(0.05, Real(0.0, low_open=True)),
                "momentum": Arg(0.5, Real(0.0, 1.0, high_open=True)),
            }
        ),
        "mmlbook.plotting.calculus.draw_line_fit": Entry(
            {
                "fig": Arg(Fresh(_new_figure), Instance(_figure_type())),
                "slope": Arg(2.4, Real()),
                "intercept": Arg(12.5, Real()),
            }
        ),
        "mmlbook.plotting.calculus.plot_line_fit": Entry(
            {
                "x": Arg(_LINE_X, VECTOR),
                "y": Arg(_LINE_Y, VECTOR),
                "sigma": Arg(None, Optional(_UNCERTAINTIES), base=_LINE_SIGMA),
                "lines": Arg({"fit": (1.5, 1.0)}, Optional(MappingOf()),
                             items={("fit",): Array(1)}),
                "ax": optional_axes,
                "residuals": Arg(True, Flag()),
            }
        ),
        "mmlbook.plotting.calculus.plot_residuals": Entry(
            {
                "x": Arg(_LINE_X, VECTOR),
                "residuals": Arg(np.array([0.5, -1.0, 0.2, 0.3]), VECTOR),
                "ax": optional_axes,
                "band": Arg(1.0, Real(0.0, low_open=True)),
            }
        ),
        "mmlbook.plotting.calculus.plot_fits": Entry(
            {
                "x": Arg(HEIGHTS, VECTOR),
                "y": Arg(DENSITIES, VECTOR),
                "fits": Arg({"fit": np.array([[170.0, 0.02], [180.0, 0.05]])}, MappingOf(),
                            items={("fit",): Array(2, free=(0,))}),
                "ax": optional_axes,
                "bin_width": Arg(2.5, Real(0.0, low_open=True)),
            }
        ),
        "mmlbook.plotting.calculus.plot_heart": Entry(
            {
                "target": Arg(heart, Array(2, free=(-1,))),
                "drawings": Arg({"copy": heart}, MappingOf(),
                                items={("copy",): Array(2, free=(-1,))}),
                "ax": optional_axes,
            }
        ),
        "mmlbook.plotting.calculus.plot_jacobian_chain": Entry(
            {
                "shapes": Arg([(3, 1), (2, 3)], Where(_chained_shapes)),
                "names": Arg(None, Optional(Texts(2)), base=["$J_1$", "$J_2$"]),
                "ax": optional_axes,
            }
        ),
        "mmlbook.plotting.calculus.plot_lagrange": Entry(
            {
                "f": Arg(_product_on_grid, Function()),
                "g": Arg(_squared_radius_on_grid, Function()),
                "level": Arg(2.0, Real()),
                "points": Arg(np.array([[1.0, 1.0]]), Optional(Array(2, free=(0,)))),
                "f_gradient": Arg(_xy_gradient, Function()),
                "g_gradient": Arg(_circle_gradient, Function()),
                "paths": Arg({"walk": path}, Optional(MappingOf()),
                             items={("walk",): Array(2, free=(0,))}),
                "extent": Arg((-2.0, 2.0, -2.0, 2.0), Where(_increasing_window)),
                "ax": optional_axes,
                "resolution": Arg(21, Int(2, 2000)),
            }
        ),
        "mmlbook.plotting.calculus.circle_stationary_points": Entry(
            {"level": Arg(1.0, Real(0.0, low_open=True))}
        ),
        "mmlbook.plotting.calculus.draw_fit_start": Entry(
            {
                "fig": Arg(Fresh(_new_figure), Instance(_figure_type())),
                "mu0": Arg(160.0, Real(150.0, 200.0)),
                "sigma0": Arg(15.0, Real(3.0, 25.0)),
            }
        ),
        "mmlbook.plotting.calculus.draw_training": Entry(
            {
                "fig": Arg(Fresh(_new_figure), Instance(_figure_type())),
                "learning_rate": Arg(5.0, Real(0.1, 100.0)),
                "momentum": Arg(0.5, Real(0.0, 0.95)),
            }
        ),
        "mmlbook.plotting.calculus.draw_lagrange_level": Entry(
            {
                "fig": Arg(Fresh(_new_figure), Instance(_figure_type())),
                "level": Arg(2.0, Real(0.25, 4.0)),
            }
        ),
        "mmlbook.plotting.calculus.plot_game": Entry(
            {
                "game": Arg(Fresh(_played_game), Instance(_game_type())),
                "ax": optional_axes,
                "reveal": Arg(None, Optional(Flag()), base=True),
            }
        ),
        "mmlbook.plotting.calculus.plot_product_rule": Entry(
            {
                "f": Arg(3.0, Real(0.0, low_open=True)),
                "g": Arg(2.0, Real(0.0, low_open=True)),
                "df": Arg(0.5, Real(0.0, low_open=True)),
                "dg": Arg(0.4, Real(0.0, low_open=True)),
                "ax": optional_axes,
            }
        ),
        "mmlbook.plotting.calculus.plot_secants": Entry(
            {
                "f": Arg(_square_minus_two, Function()),
                "x0": Arg(1.0, Real()),
                "steps": Arg(np.array([1.0, 0.5, 0.25]), Array(1, free=(0,), refuse={"zero"})),
                "window": Arg((0.0, 2.5), _pair()),
                "ax": optional_axes,
            }
        ),
        "mmlbook.plotting.calculus.plot_slope_curve": Entry(
            {
                "f": Arg(_square_minus_two, Function()),
                "window": Arg((0.0, 2.0), _pair()),
                "points": Arg(np.array([0.5, 1.5]), Array(1, free=(0,), min_size=0)),
                "exact": Arg(None, Optional(Function()), base=_twice),
                "axes": Arg(None, Optional(Instance(list, tuple)), base=Fresh(_two_axes)),
            }
        ),
        "mmlbook.plotting.calculus.plot_difference_errors": Entry(
            {
                "f": Arg(_square_minus_two, Function()),
                "exact": Arg(2.0, Real()),
                "x": Arg(1.0, Real()),
                "steps": Arg(np.array([1e-8, 1e-4, 1e-1]), Array(1, free=(0,),
                                                                  refuse={"zero", "negative"})),
                "ax": optional_axes,
            }
        ),
        "mmlbook.plotting.calculus.draw_secant": Entry(
            {
                "fig": Arg(Fresh(_new_figure), Instance(_figure_type())),
                "step": Arg(0.5, Real(0.0, 2.0, low_open=True)),
            }
        ),
        "mmlbook.plotting.calculus.plot_newton_1d": Entry(
            {
                "ax": optional_axes,
                "f": Arg(_square_minus_two, Function()),
                "derivative": Arg(_twice, Function()),
                "path": Arg(np.array([1.0, 1.5, 1.4167]), Array(1, free=(0,))),
                "window": Arg((0.0, 2.0), _pair()),
                "label": Arg("f(x)", Text()),
            }
        ),
        "mmlbook.plotting.calculus.plot_paths": Entry(
            {
                "ax": given_axes,
                "paths": Arg({"walk": path}, MappingOf(), items={("walk",): Array(2, free=(0,))}),
                "colors": Arg({"walk": "#D55E00"}, Optional(MappingOf()),
                              items={("walk",): Colour()}),
            }
        ),
        "mmlbook.plotting.calculus.plot_pit": Entry(
            {
                "pit": pit,
                "ax": optional_axes,
                "resolution": Arg(20, Int(2, 2000)),
                "levels": Arg(5, Int(2, 500)),
                "colorbar": Arg(True, Flag()),
            }
        ),
        "mmlbook.plotting.calculus.plot_polar_map": Entry(
            {
                "axes": Arg(None, Optional(Instance(list, tuple)), base=Fresh(_two_axes)),
                "cells": Arg(((0.75, 0.3), (1.75, 1.0)), Where(_polar_cells)),
                "dr": Arg(0.25, Real(0.0, 2.0, low_open=True)),
                "dtheta": Arg(0.25, Real(0.0, math.pi / 2, low_open=True)),
            }
        ),
        "mmlbook.plotting.calculus.plot_probes": Entry(
            {
                "ax": given_axes,
                "points": Arg(points, MATRIX),
                "depths": Arg(np.array([-1.0, -2.0, -0.5]), Optional(VECTOR)),
                "label": Arg("probes", Text()),
                "color": Arg("#E69F00", Colour()),
            }
        ),
        "mmlbook.plotting.calculus.polar_cell_image": Entry(
            {
                "r": Arg(1.0, Real(0.0)),
                "theta": Arg(0.5, Real()),
                "dr": Arg(0.1, Real(0.0, low_open=True)),
                "dtheta": Arg(0.1, Real(0.0, low_open=True)),
                "n": Arg(10, Int(2, 10_000)),
            }
        ),
        "mmlbook.plotting.calculus.plot_slopes": Entry(
            {
                "ax": given_axes,
                "pit": pit,
                "points": Arg(points, Array(2, free=(0,))),
                "downhill": Arg(True, Flag()),
                "length": Arg(0.45, Real(0.0, low_open=True)),
            }
        ),
        "mmlbook.plotting.calculus.draw_taylor_order": Entry(
            {
                "fig": Arg(Fresh(_new_figure), Instance(_figure_type())),
                "function": Arg("log1p", Choice(*TAYLOR_EXAMPLES)),
                "order": Arg(6, Int(0, 40)),
            }
        ),
        "mmlbook.plotting.calculus.plot_surface_models": Entry(
            {
                "f": Arg(_wave, Function()),
                "point": Arg(np.array([0.5, 1.0]), Array(1)),
                "gradient": Arg(None, Optional(Array(1)), base=np.array([0.47, -0.4])),
                "hessian": Arg(None, Optional(Array(2)),
                               base=np.array([[-0.26, -0.37], [-0.37, -0.26]])),
                "half_width": Arg(0.5, Real(0.0, low_open=True)),
                "fig": Arg(None, Optional(Instance(_figure_type())), base=Fresh(_new_figure)),
            }
        ),
        "mmlbook.plotting.calculus.plot_taylor_errors": Entry(
            {
                "function": Arg("exp", Choice(*TAYLOR_EXAMPLES)),
                "points": Arg(np.array([1.0, 2.0]), Array(1, free=(0,))),
                "a": Arg(0.0, Real()),
                "max_order": Arg(5, Int(0, 200)),
                "ax": optional_axes,
            }
        ),
        "mmlbook.plotting.calculus.plot_taylor_series": Entry(
            {
                "function": Arg("cos", Choice(*TAYLOR_EXAMPLES)),
                "a": Arg(0.5, Real()),
                "orders": Arg((1, 2), Where(_orders)),
                "window": Arg((-2.0, 2.0), _pair()),
                "ylim": Arg(None, Optional(_pair()), base=(-2.0, 2.0)),
                "ax": optional_axes,
            }
        ),
        "mmlbook.plotting.linalg.draw_bear_mirror": Entry(
            {"fig": Arg(Fresh(_new_figure), Instance(Figure)), "angle": Arg(30.0, Real())}
        ),
        "mmlbook.plotting.linalg.draw_damping": Entry(
            {"fig": Arg(Fresh(_new_figure), Instance(Figure)),
             "damping": Arg(0.85, Real(0.0, 1.0, low_open=True, high_open=True))}
        ),
        "mmlbook.plotting.linalg.draw_gram_schmidt": Entry(
            {"fig": Arg(Fresh(_new_figure), Instance(Figure)), "angle": Arg(60.0, Real())}
        ),
        "mmlbook.plotting.linalg.draw_projection": Entry(
            {"fig": Arg(Fresh(_new_figure), Instance(Figure)), "angle": Arg(15.0, Real()),
             "length": Arg(1.5, Real(0.0, low_open=True))}
        ),
        "mmlbook.plotting.linalg.draw_matrix": Entry(
            {"fig": Arg(Fresh(_new_figure), Instance(Figure)),
             **{name: Arg(value, Real())
                for name, value in zip("abcd", (2.0, 1.0, 0.5, 1.5), strict=True)}}
        ),
        "mmlbook.plotting.linalg.plot_basis_grid": Entry(
            {
                "basis": Arg(np.array([[2.0, -2.0], [1.0, 4.0]]), Array(2, refuse={"zero"})),
                "x": Arg(np.array([3.0, 4.0]), Optional(VECTOR)),
                "ax": optional_axes,
                "lines": Arg(2, Int(1, 100)),
                "name": Arg("x", Text()),
            }
        ),
        "mmlbook.plotting.linalg.plot_eigenvectors": Entry(
            {"matrix": Arg(np.array([[2.0, 1.0], [0.5, 1.5]]), MATRIX), "ax": optional_axes}
        ),
        "mmlbook.plotting.linalg.plot_spectrum": Entry(
            {
                "eigenvalues": Arg({"M": np.array([1.0, 0.5j, -0.5j])},
                                   MappingOf(empty_ok=False),
                                   items={("M",): Array(1, free=(0,), accept={"complex"})}),
                "ax": optional_axes,
                "radius": Arg(0.85, Optional(Real(0.0, low_open=True))),
            }
        ),
        "mmlbook.plotting.linalg.plot_vectors": Entry(
            {
                "vectors": Arg({"r": np.array([3.0, 2.0])}, MappingOf(empty_ok=False),
                               items={("r",): VECTOR}),
                "ax": optional_axes,
                "origin": Arg(np.zeros(2), VECTOR),
                "colors": Arg(None, Optional(Where(
                    lambda v: isinstance(v, (list, tuple)) and len(v) == 1
                    and all(Colour().admits(c) and isinstance(c, str) for c in v)))),
            }
        ),
        "mmlbook.plotting.linalg.plot_elimination": Entry(
            {
                "steps": Arg(steps, _sequence_of(tuple), items={(1, 1): MATRIX}),
                "ncols": Arg(4, Int(1)),
            }
        ),
        "mmlbook.plotting.linalg.plot_rank_iterates": Entry(
            {
                "iterates": Arg(np.full((4, 3), 1 / 3), Array(2, free=(0,))),
                "names": Arg("ABC", Optional(Texts(3))),
                "ax": optional_axes,
            }
        ),
        "mmlbook.plotting.linalg.plot_shapes": Entry(
            {
                "shapes": Arg({"head": heart, "left eye": heart * 0.5}, MappingOf(empty_ok=False),
                              items={("head",): Array(2, free=(-1,))}),
                "ax": optional_axes,
                "color": Arg("#0072B2", Colour()),
                "label": Arg("bear", Optional(Text())),
                "alpha": Arg(1.0, Real(0.0, 1.0)),
            }
        ),
        "mmlbook.plotting.linalg.plot_transformation": Entry(
            {
                "matrix": Arg(np.array([[2.0, 1.0], [0.0, 1.0]]), MATRIX),
                "ax": optional_axes,
                "grid_lines": Arg(3, Int(1)),
            }
        ),
        "mmlbook.plotting.linalg.plot_web": Entry(
            {
                "L": Arg(STOCHASTIC, Array(2, refuse={"negative"})),
                "ranks": Arg(np.array([0.4, 0.35, 0.25]), Optional(Array(1, refuse={"negative"}))),
                "names": Arg("ABC", Optional(Texts(3))),
                "ax": optional_axes,
            }
        ),
        "mmlbook.plotting.pca.plot_cov_ellipse": Entry(
            {
                "mean": Arg(np.array([0.0, 1.0]), VECTOR),
                "S": Arg(np.array([[4.0, 1.0], [1.0, 1.0]]), POSITIVE_SEMIDEFINITE),
                "ax": given_axes,
                "n_std": Arg(2.0, Real(0.0, low_open=True)),
            }
        ),
        "mmlbook.plotting.pca.plot_decision_regions": Entry(
            {
                "X_train": Arg(np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]]), MATRIX),
                "y_train": Arg(np.array([0, 1, 1]), Array(1, kind="int", refuse={"negative",
                                                                                 "huge"})),
                "k": Arg(1, Int(1, 3)),
                "ax": optional_axes,
                "resolution": Arg(10, Int(1)),
                "feature_names": Arg(("a", "b"), Texts(2)),
            }
        ),
        "mmlbook.plotting.pca.draw_knn_regions": Entry(
            {
                "fig": Arg(Fresh(_new_figure), _figure_spec()),
                "k": Arg(3, Int(1, 6)),
                "X_train": Arg(None, Optional(MATRIX), base=DATA[:, :2].copy()),
                "y_train": Arg(None, Optional(Array(1, kind="int", refuse={"negative", "huge"}))),
                "feature_names": Arg(None, Optional(Texts(2))),
                "resolution": Arg(10, Int(1, 2000)),
            }
        ),
        "mmlbook.plotting.pca.draw_projection_variance": Entry(
            {
                "fig": Arg(Fresh(_new_figure), _figure_spec()),
                "angle": Arg(120.0, Real()),
                "X": Arg(None, Optional(Array(2, free=(0,), refuse={"zero"})),
                         base=DATA[:, :2].copy()),
                "feature_names": Arg(None, Optional(Texts(2))),
            }
        ),
        "mmlbook.plotting.pca.draw_reconstructions": Entry(
            {"fig": Arg(Fresh(_new_figure), _figure_spec()), "n_components": Arg(3, Int(1, 61))}
        ),
        "mmlbook.plotting.pca.image_value_range": Entry(
            {
                "images": Arg(np.array([[0.0, 3.0], [1.0, 16.0]]), Array(None, free=(0, -1))),
                "value_range": Arg(None, Optional(_pair()), base=(0.0, 16.0)),
                "signed": Arg(False, Flag()),
            }
        ),
        "mmlbook.plotting.pca.plot_function_product": Entry(
            {
                "f": Arg(np.sin, Function()),
                "g": Arg(np.cos, Function()),
                "interval": Arg((0.0, 3.0), _pair()),
                "ax": optional_axes,
                "names": Arg(("f", "g"), Texts(2)),
                "samples": Arg(50, Int(2, 100_000)),
            }
        ),
        "mmlbook.plotting.pca.plot_projection_3d": Entry(
            {
                "B": Arg(np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]),
                         Array(2, refuse={"zero"})),
                "x": Arg(np.array([6.0, 0.0, 0.0]), VECTOR),
                "ax": Arg(None, Optional(Where(lambda v: getattr(v, "name", "") == "3d"))),
            }
        ),
        "mmlbook.plotting.pca.plot_images": Entry(
            {
                "images": Arg(np.eye(4, 16), MATRIX),
                "ncols": Arg(2, Int(1)),
                "titles": Arg(["a", "b", "c", "d"], Optional(Texts(4))),
                "image_shape": Arg((4, 4), Optional(Where(
                    lambda v: len(v) == 2 and all(Int(1).admits(s) for s in v)
                    and int(v[0]) * int(v[1]) == 16))),
                "size": Arg(0.9, Real(0.1, 5.0)),
                "value_range": Arg(None, Optional(_pair()), base=(0.0, 1.0)),
                "signed": Arg(False, Flag()),
            }
        ),
        "mmlbook.plotting.pca.plot_matrix": Entry(
            {
                "matrix": Arg(np.array([[1.0, -0.5], [-0.5, 1.0]]), Array(2, free=(0, -1))),
                "ax": optional_axes,
                "diverging": Arg(True, Flag()),
                "label": Arg("covariance", Optional(Text())),
            }
        ),
    }


def _widgets() -> dict[str, Entry]:
    return {
        "mmlbook.widgets.linalg.bear_mirror_widget": Entry(),
        "mmlbook.widgets.linalg.damping_widget": Entry(),
        "mmlbook.widgets.linalg.matrix_widget": Entry(),
        "mmlbook.widgets.linalg.gram_schmidt_widget": Entry(),
        "mmlbook.widgets.linalg.projection_widget": Entry(),
        "mmlbook.widgets.calculus.fit_start_widget": Entry(),
        "mmlbook.widgets.calculus.line_fit_widget": Entry(),
        "mmlbook.widgets.calculus.training_widget": Entry(),
        "mmlbook.widgets.calculus.lagrange_level_widget": Entry(),
        "mmlbook.widgets.calculus.momentum_widget": Entry(),
        "mmlbook.widgets.calculus.taylor_order_widget": Entry(),
        "mmlbook.widgets.calculus.secant_widget": Entry(),
        "mmlbook.widgets.pca.knn_regions_widget": Entry({"max_k": Arg(20, Int(5, 150))}),
        "mmlbook.widgets.pca.projection_variance_widget": Entry(),
        "mmlbook.widgets.pca.reconstructions_widget": Entry(),
        "mmlbook.widgets.interactive_figure": Entry(
            {
                "draw": Arg(_draw, Function()),
                "controls": Arg(Fresh(_controls), MappingOf(empty_ok=False)),
                "figsize": Arg((3.0, 2.0), Optional(Where(_positive_pair))),
            }
        ),
    }


#: Classes whose constructors only store what they are given (results the package
#: returns), so that there is nothing to validate: checked to be plain frozen records.
RECORDS: dict[str, str] = {
    "mmlbook.calculus.DescentResult": "what descend returns",
    "mmlbook.calculus.FitResult": "what fit_gaussian returns",
    "mmlbook.calculus.LagrangeResult": "what solve_lagrange returns",
    "mmlbook.calculus.LeastSquaresResult": "what least_squares returns",
    "mmlbook.calculus.LineFit": "what fit_line returns",
    "mmlbook.calculus.RootResult": "what newton_raphson returns",
    "mmlbook.calculus.Probe": "what SandpitGame.probe returns",
    "mmlbook.calculus.StationaryPoint": "what find_stationary_points returns",
    "mmlbook.calculus.TrainingResult": "what train returns",
    "mmlbook.checks.CheckReport": "what run_cases returns",
    "mmlbook.checks.Failure": "part of what run_cases returns",
    "mmlbook.datasets.Images": "what load_images returns",
    "mmlbook.pca.PCAResult": "what pca and pca_high_dim return",
}

def _calculus_checks() -> dict[str, Entry]:
    from mmlbook.checks.calculus import NEXT_STEP_RULES

    n_random = Arg(1, Int(0, 20))
    entries = {
        "mmlbook.checks.calculus.backpropagation_cases": Entry(
            {"parameter": Arg("W3", Choice("W1", "b1", "W2", "b2", "W3", "b3")),
             "n_random": n_random}
        ),
        "mmlbook.checks.calculus.check_deepest_point": Entry(
            {"find_phone": Arg(_deepest_guess, Function()), "n_random": n_random}
        ),
        "mmlbook.checks.calculus.check_next_step": Entry(
            {
                "next_step": Arg(_steepest_next_step, Function()),
                "rule": Arg("steepest", Choice(*NEXT_STEP_RULES)),
                "learning_rate": Arg(0.5, Real(0.0, low_open=True)),
                "max_step": Arg(2.0, Real(0.0, low_open=True)),
                "n_random": n_random,
            }
        ),
        "mmlbook.checks.calculus.check_steepest_step": Entry(
            {
                "steepest_step_function": Arg(_steepest_step, Function()),
                "n_random": Arg(2, Int(1, 10_000)),
                "seed": Arg(0, Seed()),
            }
        ),
        "mmlbook.checks.calculus.deepest_point_cases": Entry({"n_random": n_random}),
        "mmlbook.checks.calculus.next_step_cases": Entry(
            {
                "rule": Arg("hybrid", Choice(*NEXT_STEP_RULES)),
                "learning_rate": Arg(0.5, Real(0.0, low_open=True)),
                "max_step": Arg(2.0, Real(0.0, low_open=True)),
                "n_random": n_random,
            }
        ),
    }
    for parameter in ("w1", "b1", "w2", "b2", "w3", "b3"):
        # A Python function (the checker must reach its globals); any callable is allowed.
        entries[f"mmlbook.checks.calculus.check_j_{parameter}"] = Entry(
            {f"J_{parameter[0].upper() if parameter[0] == 'w' else 'b'}{parameter[1]}":
             Arg(_guess_j_w1, Function()), "n_random": n_random}
        )
    return entries


def _deepest_guess(f: Any) -> tuple[float, float]:
    return (1.2, 4.0)


REGISTRY: dict[str, Entry] = {
    **_linalg(),
    **_pca(),
    **_calculus(),
    **_checks(),
    **_checks_linalg(),
    **_calculus_checks(),
    **_pca_checks(),
    **_datasets(),
    **_plotting(),
    **_widgets(),
}
