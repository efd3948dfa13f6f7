"""Common checks: every public function and method of mmlbook, fed the same bad inputs.

In the spirit of scikit-learn's ``check_estimator`` family. Every public callable -- each
name in the ``__all__`` of a public module of ``mmlbook``, the constructors of its
classes and their public methods -- has one valid call in ``common_registry.REGISTRY``,
with a spec of what each argument's docstring allows. Every argument of that call is
then replaced, in turn, by each of the ``MUTATIONS`` (NaN, infinity, empty, the wrong
number of dimensions, the wrong length, strings, complex, boolean and object dtypes,
None, ragged lists, huge and tiny magnitudes, zero, negative and fractional values, the
string "False"), and for each outcome the test asserts one of:

- a ``ValueError`` or ``TypeError`` (or another exception the docstring's *Raises*
  section lists) raised by ``mmlbook`` itself, whose message names the argument and not
  an error from deep inside numpy; or
- where the spec allows the input, a finite result, with no warning escaping and no
  argument changed in place -- and where a scaling law says what the answer must be
  (``norm(c x) = c norm(x)``), the correct answer whenever it is representable.

A call that takes more than ``TIME_LIMIT`` seconds counts as a hang. Defects that are
known and not yet fixed are listed in ``KNOWN_DEFECTS``; the list may only shrink.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import math
import numbers
import pkgutil
import re
import signal
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pytest

import mmlbook
from common_registry import RECORDS, REGISTRY, Entry, Expect, Fresh, Law

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

#: The most processor time a single call may take before it counts as a hang, in seconds
#: (processor time, not wall time, so that a busy machine does not make calls "hang").
TIME_LIMIT = 5.0

#: Defects the checks have found and that are not fixed yet: (callable, argument,
#: mutation) -> why. Fixing one makes its entry fail as "fixed": then delete it.
def _known(*groups: tuple[str, str, tuple[str, ...], str]) -> dict[tuple[str, str, str], str]:
    """(callable, argument, mutations, why) groups, as one entry per mutation."""
    return {
        (qualname, argument, mutation): why
        for qualname, argument, mutations, why in groups
        for mutation in mutations
    }


KNOWN_DEFECTS: dict[tuple[str, str, str], str] = _known()

PACKAGE_DIR = Path(mmlbook.__file__).resolve().parent
TESTS_DIR = Path(__file__).resolve().parent
SKIP = object()


# ----------------------------------------------------------------------------------
# Discovery: every public callable of the package


def public_modules() -> list[Any]:
    """Every module of mmlbook whose dotted name has no part starting with "_"."""
    modules = [mmlbook]
    for info in pkgutil.walk_packages(mmlbook.__path__, "mmlbook."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            modules.append(importlib.import_module(info.name))
    return modules


def _methods(cls: type) -> Iterator[tuple[str, Any]]:
    """The public methods and properties a class of mmlbook defines (with ``__call__``)."""
    seen = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("mmlbook"):
            continue
        for name, attribute in vars(klass).items():
            if name in seen or (name.startswith("_") and name != "__call__"):
                continue
            if isinstance(attribute, (staticmethod, classmethod)):
                attribute = attribute.__func__
            if inspect.isfunction(attribute) or isinstance(attribute, property):
                seen.add(name)
                yield name, attribute


def public_callables() -> dict[str, Any]:
    """Qualified name -> object, for every public function, constructor and method.

    A name exported by several modules (``mmlbook.pca.norm`` is also
    ``mmlbook.pca.geometry.norm``) is listed once, under its shortest module path.
    Exceptions and warnings are not called with data, so they are left out.
    """
    homes: dict[int, tuple[str, Any]] = {}
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if not callable(obj) or (isinstance(obj, type) and issubclass(obj, BaseException)):
                continue
            qualname = f"{module.__name__}.{name}"
            known = homes.get(id(obj))
            if known is None or len(qualname) < len(known[0]):
                homes[id(obj)] = (qualname, obj)
    found = {}
    for qualname, obj in homes.values():
        found[qualname] = obj
        if isinstance(obj, type):
            for name, method in _methods(obj):
                found[f"{qualname}.{name}"] = method
    return dict(sorted(found.items()))


CALLABLES = public_callables()
CHECKED = sorted(name for name in CALLABLES if name not in RECORDS)


# ----------------------------------------------------------------------------------
# What a docstring documents


def _section(obj: Any, title: str) -> set[str]:
    """The names listed in a numpydoc section (``Raises``, ``Warns``) of ``obj``'s docstring."""
    if isinstance(obj, property):
        obj = obj.fget
    lines = (inspect.getdoc(obj) or "").splitlines()
    names: set[str] = set()
    inside = False
    for k, line in enumerate(lines):
        underline = k + 1 < len(lines) and re.fullmatch(r"-{3,}", lines[k + 1].strip())
        if underline:
            inside = line.strip() == title
            continue
        if inside and line and not line[0].isspace() and not re.fullmatch(r"-{3,}", line):
            names.update(part.strip() for part in line.split(","))
    return names


def _documented(exc_type: type, names: set[str]) -> bool:
    return any(klass.__name__ in names for klass in exc_type.__mro__)


# ----------------------------------------------------------------------------------
# The mutations: the same list, applied to every argument


def _numeric(value: Any) -> np.ndarray | None:
    """``value`` as an array if it is a number or an array of real numbers, else None."""
    if isinstance(value, (bool, np.bool_, str)):
        return None
    if isinstance(value, numbers.Real):
        return np.asarray(value)
    if isinstance(value, (np.ndarray, list, tuple)):
        try:
            array = np.asarray(value)
        except ValueError:
            return None
        if array.dtype.kind in "iuf" and array.dtype != object:
            return array
    return None


def _with_entry(value: Any, entry: float) -> Any:
    a = _numeric(value)
    if a is None or a.ndim == 0:
        return entry
    changed = a.astype(float)
    changed.flat[0] = entry
    return changed


def _empty(value: Any) -> Any:
    a = _numeric(value)
    if a is not None:
        return np.empty(0) if a.ndim == 0 else a[:0]
    if isinstance(value, str):
        return "" if value else SKIP
    if isinstance(value, Mapping):
        return {} if value else SKIP
    if isinstance(value, (list, tuple)):
        return type(value)() if value else SKIP
    return []


def _extra_axis(value: Any) -> Any:
    a = _numeric(value)
    return a[np.newaxis] if a is not None else [value]


def _fewer_axes(value: Any) -> Any:
    a = _numeric(value)
    if a is not None:
        return a[0] if a.ndim >= 1 else SKIP
    if isinstance(value, (list, tuple)) and value:
        return value[0]
    return SKIP


def _shorter(value: Any) -> Any:
    a = _numeric(value)
    if a is not None:
        if a.ndim == 0:
            return SKIP
        return a[:-1] if len(a) >= 2 else np.concatenate([a, a])
    if isinstance(value, Mapping):
        return dict(list(value.items())[:-1]) if len(value) >= 2 else SKIP
    if isinstance(value, (list, tuple)):
        return value[:-1] if len(value) >= 2 else type(value)(list(value) * 2)
    return SKIP


def _narrower(value: Any) -> Any:
    a = _numeric(value)
    if a is None or a.ndim < 2:
        return SKIP
    return a[..., :-1] if a.shape[-1] >= 2 else np.concatenate([a, a], axis=-1)


def _string(value: Any) -> Any:
    if isinstance(value, str):
        return SKIP
    a = _numeric(value)
    if a is not None and a.ndim:
        return a.astype(str)
    return str(value)


def _complex(value: Any) -> Any:
    a = _numeric(value)
    if a is None:
        return 1j
    return a.astype(complex) if a.ndim else complex(a)


def _boolean(value: Any) -> Any:
    a = _numeric(value)
    if a is not None:
        return a.astype(bool) if a.ndim else bool(a)
    return SKIP if value is True else True


def _object(value: Any) -> Any:
    a = _numeric(value)
    return a.astype(object) if a is not None else object()


def _none(value: Any) -> Any:
    return SKIP if value is None else None


def _ragged(value: Any) -> Any:
    a = _numeric(value)
    if a is None or a.ndim == 0:
        return [[1.0], [1.0, 2.0]]
    rows = a.tolist()
    if a.ndim == 1:
        return [rows, rows[:1]]
    last = rows[-1][:-1] if len(rows[-1]) >= 2 else rows[-1] * 2
    return rows[:-1] + [last] if len(rows) >= 2 else rows + [last]


def _magnitude_exponent(a: np.ndarray, target: int) -> int | None:
    """The even k for which 2**k * max|a| is close to 2**target, or None if a is 0."""
    largest = float(np.abs(a).max()) if a.size else 0.0
    if largest == 0.0 or not math.isfinite(largest):
        return None
    k = target - math.frexp(largest)[1]
    return k - (k % 2)


def _scaled(value: Any, target: int) -> Any:
    a = _numeric(value)
    if a is None:
        return SKIP
    if a.dtype.kind in "iu":
        if a.ndim == 0:
            return 2**64 if target > 0 else SKIP
        return a.astype(np.int64) * 2**40 if target > 0 else SKIP
    k = _magnitude_exponent(a, target)
    if k is None:
        return SKIP
    scaled = np.ldexp(a.astype(float), k)
    return float(scaled) if a.ndim == 0 else scaled


def _zero(value: Any) -> Any:
    a = _numeric(value)
    if a is None or not np.any(a):
        return SKIP
    return np.zeros_like(a) if a.ndim else type(value)(0)


def _negative(value: Any) -> Any:
    a = _numeric(value)
    if a is None:
        return SKIP
    if a.ndim == 0:
        return -value if value != 0 else type(value)(-1)
    return -a if np.any(a) else SKIP


def _fractional(value: Any) -> Any:
    a = _numeric(value)
    if a is None or a.dtype.kind not in "iu":
        return SKIP
    return a + 0.5 if a.ndim else value + 0.5


#: Inputs at the top and at the bottom of the range of float64 (as powers of 2).
HUGE, TINY = 996, -996

MUTATIONS: dict[str, Callable[[Any], Any]] = {
    "NaN": lambda v: _with_entry(v, math.nan),
    "+inf": lambda v: _with_entry(v, math.inf),
    "-inf": lambda v: _with_entry(v, -math.inf),
    "empty": _empty,
    "extra axis": _extra_axis,
    "fewer axes": _fewer_axes,
    "shorter": _shorter,
    "narrower": _narrower,
    "string": _string,
    "complex": _complex,
    "boolean": _boolean,
    "object": _object,
    "None": _none,
    "ragged": _ragged,
    "huge": lambda v: _scaled(v, HUGE),
    "tiny": lambda v: _scaled(v, TINY),
    "zero": _zero,
    "negative": _negative,
    "fractional": _fractional,
    '"False"': lambda v: SKIP if isinstance(v, str) and v == "False" else "False",
}


# ----------------------------------------------------------------------------------
# Calling, and judging the outcome


class Hang(BaseException):
    """Raised by the alarm when a call takes longer than TIME_LIMIT (not an Exception,
    so that no ``except Exception`` in the code under test can swallow it)."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


@dataclasses.dataclass
class Outcome:
    result: Any = None
    error: BaseException | None = None
    warnings: list[warnings.WarningMessage] = dataclasses.field(default_factory=list)
    hang: bool = False


def _fresh(value: Any) -> Any:
    return value.make() if isinstance(value, Fresh) else copy.deepcopy(value)


def _call(target: Callable[[], Any], kwargs: dict[str, Any]) -> Outcome:
    outcome = Outcome()
    previous = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, TIME_LIMIT)
    try:
        # numpy's default: overflow, division by zero and invalid values warn;
        # underflow to zero or a subnormal is expected in floating point.
        with warnings.catch_warnings(record=True) as caught, np.errstate(
            over="warn", divide="warn", invalid="warn", under="ignore"
        ):
            warnings.simplefilter("always")
            try:
                outcome.result = target(**kwargs)
            except Hang:
                outcome.hang = True
            except Exception as error:
                outcome.error = error
        outcome.warnings = list(caught)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        plt.close("all")
    return outcome


class _Opaque:
    """Stands for an object (Axes, widgets) whose state a call may change."""


def _snapshot(value: Any) -> Any:
    """A copy of the data in an argument, to compare with after the call."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return type(value)(_snapshot(v) for v in value)
    if isinstance(value, dict):
        return {key: _snapshot(v) for key, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return copy.deepcopy(value)
    if value is None or isinstance(value, (numbers.Number, str, bytes)):
        return value
    return _Opaque()


def _same(a: Any, b: Any) -> bool:
    """Whether an argument still holds what it held before the call (``a``, a snapshot)."""
    if isinstance(a, _Opaque):
        return True
    if isinstance(a, np.ndarray):
        return (
            isinstance(b, np.ndarray)
            and a.shape == b.shape
            and a.dtype == b.dtype
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        return all(
            _same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)
        )
    if isinstance(a, (numbers.Number, str, bytes)):
        return a == b or (a != a and b != b)
    return True


def _leaves(value: Any, path: str = "result", depth: int = 0) -> Iterator[tuple[str, Any]]:
    """The numbers and numeric arrays inside a result, with where they are."""
    if depth > 6:
        return
    if isinstance(value, (bool, np.bool_, numbers.Number)):
        yield path, value
    elif isinstance(value, np.ndarray):
        if value.dtype.kind in "biufc":
            yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _leaves(item, f"{path}[{key!r}]", depth + 1)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{path}[{index}]", depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _leaves(getattr(value, f.name), f"{path}.{f.name}", depth + 1)
    elif hasattr(value, "tocsc") and hasattr(value, "data"):  # a scipy.sparse array
        yield f"{path}.data", value.data


def _fields(value: Any) -> list[Any]:
    """The top-level parts of a result that a scaling law's degrees refer to."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [getattr(value, f.name) for f in dataclasses.fields(value)]
    if isinstance(value, tuple):
        return list(value)
    return [value]


def _non_finite(result: Any) -> str | None:
    for path, leaf in _leaves(result):
        array = np.asarray(leaf)
        if array.dtype.kind in "fc" and not np.all(np.isfinite(array)):
            return path
    return None


INTERNAL_MESSAGES = re.compile(
    "|".join(
        [
            r"setting an array element with a sequence",
            r"inhomogeneous",
            r"could not broadcast",
            r"operands could not be",
            r"could not convert",
            r"out of bounds",
            r"object of type",
            r"unsupported operand",
            r"not subscriptable",
            r"has no attribute",
            r"math domain error",
            r"invalid literal",
            r"cannot reshape",
            r"maximum allowed dimension",
            r"unhashable type",
            r"is not iterable",
            r"argument must be a string or",
            r"positional argument",
            r"required positional",
            r"values to unpack",
            r"array is too big",
            r"negative dimensions",
            r"^\[Errno",
        ]
    ),
    re.IGNORECASE,
)


def _origin(error: BaseException) -> Path:
    frames = traceback.extract_tb(error.__traceback__)
    return Path(frames[-1].filename).resolve() if frames else PACKAGE_DIR


def _names(message: str, arguments: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\w.]){re.escape(a)}(?!\w)", message) for a in arguments)


def judge(
    qualname: str,
    arguments: tuple[str, ...],
    expect: Expect,
    outcome: Outcome,
    inputs_changed: list[str],
    expected: Callable[[Any], str | None] | None = None,
    range_refusal: bool = False,
) -> str | None:
    """What is wrong with an outcome, in one sentence, or None if nothing is."""
    doc = CALLABLES[qualname]
    if outcome.hang:
        return f"hangs: no answer within {TIME_LIMIT:g} s of processor time"
    allowed_warnings = _section(doc, "Warns")
    for w in outcome.warnings:
        if not _documented(w.category, allowed_warnings):
            return f"lets a {w.category.__name__} escape: {w.message}"
    error = outcome.error
    if error is not None:
        kind, message = type(error).__name__, str(error)
        raises = _section(doc, "Raises")
        if not isinstance(error, (ValueError, TypeError)) and not _documented(type(error), raises):
            return f"raises {kind}, neither a ValueError nor a TypeError nor documented: {message}"
        origin = _origin(error)
        if not (origin.is_relative_to(PACKAGE_DIR) or origin.is_relative_to(TESTS_DIR)):
            return f"raises {kind} from deep inside {origin.parent.name}/{origin.name}: {message}"
        if INTERNAL_MESSAGES.search(message):
            return f"raises {kind} with an internal message: {message}"
        if not _documented(type(error), raises):
            return f"raises {kind}, which its docstring's Raises section does not list: {message}"
        if not _names(message, arguments):
            return f"raises {kind} whose message does not name {' or '.join(arguments)}: {message}"
        if range_refusal and "range" not in message:
            return f"refuses an answer out of range without saying the range: {message}"
        if expect is Expect.ACCEPT:
            return f"refuses an input whose answer is representable: {kind}: {message}"
        return None
    if expect is Expect.REFUSE:
        return f"accepts it and returns {_short(outcome.result)}"
    if inputs_changed:
        return f"changes its argument {', '.join(inputs_changed)} in place"
    # A constructor stores what it is given (an ``Anything`` argument may be NaN).
    where = None if isinstance(doc, type) else _non_finite(outcome.result)
    if where is not None:
        return f"returns NaN or inf (in {where})"
    if expected is not None:
        return expected(outcome.result)
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# ----------------------------------------------------------------------------------
# Scaling laws: f(c^e1 a1, c^e2 a2, ...) = c^d f(a1, a2, ...) for c = 2**k, k even
#
# Powers of 2 scale floats exactly, so the answer for the scaled inputs is known exactly.
# Two regimes per direction: the inputs near the end of the range of float64 (the
# answer may then be out of range, and refusing is right), and the answer near the end
# of the range with the inputs still representable (the answer must be given).

#: Binary exponents (of ``math.frexp``) of: inputs at the edge, answers surely
#: representable, and answers surely not (all beyond the largest or below the
#: smallest normal float).
INPUT_EDGE, ANSWER_EDGE, OUT_OF_RANGE = 996, 1015, (-1022, 1025)


def _exponent(value: Any) -> int | None:
    array = np.abs(np.asarray(value, dtype=float))
    largest = float(array.max()) if array.size else 0.0
    return math.frexp(largest)[1] if largest and math.isfinite(largest) else None


def _answer_exponents(law: Law, valid: Any) -> list[tuple[int, float]]:
    """(binary exponent of the largest entry, degree) of each part the law constrains."""
    pairs = []
    for degree, part in zip(law.degrees(len(_fields(valid))), _fields(valid), strict=True):
        if degree in (None, 0):
            continue
        for _, leaf in _leaves(part):
            exponent = _exponent(leaf)
            if exponent is not None:
                pairs.append((exponent, degree))
    return pairs


def _interval(pairs: list[tuple[int, float]], bound: int) -> tuple[float, float]:
    """The k for which every ``exponent + k * factor`` lies within [-bound, bound]."""
    low, high = -math.inf, math.inf
    for exponent, factor in pairs:
        if factor == 0:
            continue
        ends = sorted(((-bound - exponent) / factor, (bound - exponent) / factor))
        low, high = max(low, ends[0]), min(high, ends[1])
    return low, high


def _extreme(interval: tuple[float, float], direction: int) -> int | None:
    low, high = interval
    if low > high:
        return None
    k = high if direction > 0 else low
    k = 2 * int(k / 2)  # even, rounded towards zero, so that c**0.5 is a power of 2 too
    return k if k * direction > 0 else None


def _input_exponents(law: Law, args: dict[str, Any]) -> list[tuple[int, float]] | None:
    pairs = []
    for name, factor in law.exponents.items():
        a = _numeric(args[name])
        exponent = None if a is None else _exponent(a)
        if exponent is None:
            return None
        pairs.append((exponent, factor))
    return pairs


def law_exponents(law: Law, args: dict[str, Any], valid: Any, direction: int) -> tuple:
    """k for the inputs at the edge, and k for the answer at the edge (or None)."""
    inputs = _input_exponents(law, args)
    if inputs is None:
        return None, None
    k_inputs = _extreme(_interval(inputs, INPUT_EDGE), direction)
    low, high = _interval(inputs, INPUT_EDGE + 24)
    answer_low, answer_high = _interval(_answer_exponents(law, valid), ANSWER_EDGE)
    k_answer = _extreme((max(low, answer_low), min(high, answer_high)), direction)
    return k_inputs, (None if k_answer == k_inputs else k_answer)


def _scale_args(law: Law, args: dict[str, Any], k: int) -> dict[str, Any]:
    scaled = dict(args)
    for name, factor in law.exponents.items():
        b = np.ldexp(_numeric(args[name]).astype(float), int(k * factor))
        scaled[name] = float(b) if b.ndim == 0 else b
    return scaled


def _law_expectation(
    law: Law, valid: Any, k: int
) -> tuple[Expect, Callable[[Any], str | None] | None, bool]:
    """Must the scaled call be answered (and what answer), refused, or either?"""
    exponents = [e + k * d for e, d in _answer_exponents(law, valid)]
    if all(-ANSWER_EDGE <= e <= ANSWER_EDGE for e in exponents):
        return Expect.ACCEPT, _matches(law, valid, k), False
    low, high = OUT_OF_RANGE
    if any(e <= low or e >= high for e in exponents):
        return Expect.REFUSE, None, True
    return Expect.EITHER, None, False


def _matches(law: Law, valid: Any, k: int) -> Callable[[Any], str | None]:
    def compare(result: Any) -> str | None:
        got, want = _fields(result), _fields(valid)
        if len(got) != len(want):
            return f"returns {len(got)} parts, not {len(want)} as for the valid call"
        degrees = law.degrees(len(want))
        for degree, have_part, want_part in zip(degrees, got, want, strict=True):
            if degree is None:
                continue
            have_leaves, want_leaves = list(_leaves(have_part)), list(_leaves(want_part))
            if len(have_leaves) != len(want_leaves):
                return "returns a result of another structure than for the valid call"
            for (where, have), (_, leaf) in zip(have_leaves, want_leaves, strict=True):
                have, leaf = np.asarray(have), np.asarray(leaf)
                if degree == 0 and leaf.dtype.kind in "biuUS":
                    if not np.array_equal(have, leaf):
                        return f"returns a wrong answer: {where} changes when rescaled"
                    continue
                power = int(k * degree)
                wanted = np.ldexp(leaf.astype(float), power)
                scale = float(np.abs(wanted).max()) if wanted.size else 0.0
                if have.shape != wanted.shape or not np.allclose(
                    have, wanted, rtol=1e-8, atol=1e-8 * scale
                ):
                    return (
                        f"returns a wrong answer: {where} should be 2**{power} times that "
                        "of the valid call"
                    )
        return None

    return compare


# ----------------------------------------------------------------------------------
# Running every mutation of one callable


def _target(qualname: str, entry: Entry) -> Callable[..., Any]:
    obj = CALLABLES[qualname]
    if entry.instance is None:
        return obj
    instance = entry.instance()
    name = qualname.rsplit(".", 1)[1]
    if isinstance(obj, property):
        return lambda: getattr(instance, name)
    return getattr(instance, name)


def _replace(container: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(container, Mapping):
        changed = dict(container)
        changed[head] = _replace(container[head], rest, new)
        return changed
    items = list(container)
    items[head] = _replace(items[head], rest, new)
    return type(container)(items) if isinstance(container, tuple) else items


def _get(container: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        container = container[key]
    return container


def _label(name: str, path: tuple[Any, ...]) -> str:
    return name + "".join(f"[{key!r}]" for key in path)


def sweep(qualname: str) -> tuple[dict[tuple[str, str], str], int]:
    """Every defect found in one callable, by (argument, mutation); and the number of calls."""
    entry = REGISTRY[qualname]
    defects: dict[tuple[str, str], str] = {}
    calls = 0

    def run(
        target_label: str,
        arguments: tuple[str, ...],
        mutation: str,
        kwargs: dict[str, Any],
        expect: Expect,
        expected: Callable[[Any], str | None] | None = None,
        range_refusal: bool = False,
    ) -> Outcome:
        nonlocal calls
        calls += 1
        before = {name: _snapshot(value) for name, value in kwargs.items()}
        outcome = _call(_target(qualname, entry), kwargs)
        changed = [name for name in kwargs if not _same(before[name], kwargs[name])]
        problem = judge(
            qualname, arguments, expect, outcome, changed, expected, range_refusal
        )
        if problem is not None:
            defects[(target_label, mutation)] = problem
        return outcome

    def fresh_args() -> dict[str, Any]:
        return {name: _fresh(arg.value) for name, arg in entry.args.items()}

    valid_args = fresh_args()
    valid = run("", (), "valid call", valid_args, Expect.ACCEPT)
    if ("", "valid call") in defects:
        return defects, calls

    for name, arg in entry.args.items():
        targets: list[tuple[tuple[Any, ...], Any]] = [((), arg.spec)]
        targets += list(arg.items.items())
        for path, spec in targets:
            for mutation, mutate in MUTATIONS.items():
                kwargs = fresh_args()
                if arg.base is not None and not path:
                    kwargs[name] = _fresh(arg.base)
                mutated = mutate(_get(kwargs[name], path))
                if mutated is SKIP:
                    continue
                kwargs[name] = _replace(kwargs[name], path, mutated)
                expect = spec.expect(mutation, mutated)
                expected, range_refusal = None, False
                law = entry.law_for(name) if not path else None
                if law is not None and mutation in ("huge", "tiny") and expect is not Expect.REFUSE:
                    direction = 1 if mutation == "huge" else -1
                    k, _ = law_exponents(law, valid_args, valid.result, direction)
                    if k is not None:
                        kwargs = _scale_args(law, fresh_args(), k)
                        expect, expected, range_refusal = _law_expectation(law, valid.result, k)
                run(_label(name, path), (name,), mutation, kwargs, expect, expected, range_refusal)

    for law in entry.laws:
        label = ", ".join(law.exponents)
        for direction, regime in ((1, "huge"), (-1, "tiny")):
            k_inputs, k_answer = law_exponents(law, valid_args, valid.result, direction)
            if k_inputs is not None and len(law.exponents) > 1:
                expect, expected, range_refusal = _law_expectation(law, valid.result, k_inputs)
                scaled = _scale_args(law, fresh_args(), k_inputs)
                run(label, tuple(law.exponents), regime, scaled, expect, expected, range_refusal)
            if k_answer is not None:
                expect, expected, _ = _law_expectation(law, valid.result, k_answer)
                scaled = _scale_args(law, fresh_args(), k_answer)
                run(label, tuple(law.exponents), f"{regime} answer", scaled, expect, expected)
    return defects, calls


# ----------------------------------------------------------------------------------
# The tests


def test_every_public_module_lists_its_public_names() -> None:
    missing = [m.__name__ for m in public_modules() if not hasattr(m, "__all__")]
    assert not missing, f"these public modules have no __all__: {missing}"


#: Public callables that landed, in parallel work, before their registry entries: the
#: common checks owe them an entry. Like KNOWN_DEFECTS, this list may only shrink, and
#: it must be empty when issue 12 is resolved.
AWAITING_ENTRIES: frozenset[str] = frozenset()


def test_every_public_callable_has_a_registry_entry() -> None:
    missing = [
        name for name in CALLABLES
        if name not in REGISTRY and name not in RECORDS and name not in AWAITING_ENTRIES
    ]
    assert not missing, (
        "these public callables have no entry in tests/common_registry.py: "
        f"{missing}.\nAdd one valid call for each to REGISTRY, with a spec per argument "
        "saying what its docstring allows, for instance\n"
        '    "mmlbook.pca.norm": Entry({"x": Arg(np.array([3.0, 4.0]), Array(1, free=(0,))),\n'
        '                               "A": Arg(None, Optional(Array(2)))},\n'
        '                              laws=(Law(x=1),)),\n'
        "(a method also needs instance=, a factory of the object to call it on). The common "
        "checks then try every bad input on each argument; see the docstring of "
        "tests/test_common.py."
    )


def test_the_registry_names_only_public_callables() -> None:
    stale = sorted(set(REGISTRY) - set(CALLABLES))
    assert not stale, f"REGISTRY has entries for names that are not public callables: {stale}"
    stale_records = sorted(set(RECORDS) - set(CALLABLES))
    assert not stale_records, f"RECORDS names classes that are not public: {stale_records}"


def test_records_only_hold_fields() -> None:
    """A class listed as a record is a frozen dataclass or a NamedTuple: building one by
    hand stores what it is given, so there is nothing to validate."""
    for name in RECORDS:
        cls = CALLABLES[name]
        frozen = dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
        named_tuple = issubclass(cls, tuple) and hasattr(cls, "_fields")
        assert frozen or named_tuple, f"{name} is listed in RECORDS but is not a plain record"
        assert "__post_init__" not in vars(cls) and "__init__" not in vars(cls) or frozen


def test_known_defects_name_registered_calls() -> None:
    unknown = [key for key in KNOWN_DEFECTS if key[0] not in REGISTRY]
    assert not unknown, f"KNOWN_DEFECTS names callables without a registry entry: {unknown}"
    assert set(k[2] for k in KNOWN_DEFECTS) <= set(MUTATIONS) | {
        "valid call", "huge", "tiny", "huge answer", "tiny answer"
    }


@pytest.mark.parametrize("qualname", [name for name in CHECKED if name in REGISTRY])
def test_common_checks(qualname: str) -> None:
    defects, calls = sweep(qualname)
    known = {(a, m): why for (q, a, m), why in KNOWN_DEFECTS.items() if q == qualname}
    new = {key: problem for key, problem in defects.items() if key not in known}
    fixed = sorted(set(known) - set(defects))
    lines = [f"{qualname}: {len(new)} new defect(s) in {calls} calls"]
    lines += [f"  {argument or '(valid call)'} <- {mutation}: {problem}"
              for (argument, mutation), problem in sorted(new.items())]
    if fixed:
        lines.append("fixed, so delete from KNOWN_DEFECTS: " + ", ".join(map(str, fixed)))
    # An entry that no longer fails is reported but does not fail the test: engineers who
    # fix a defect while rewriting a function in parallel must not turn main red.
    assert not new, "\n".join(lines)
