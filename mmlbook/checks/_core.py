"""The machinery every checker shares: cases, comparisons and a report in plain words."""

from __future__ import annotations

import contextlib
import copy
import math
import numbers
import signal
import threading
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mmlbook._validation import check_positive_int, check_real

__all__ = ["Case", "CheckReport", "Failure", "compare_arrays", "compare_scalars", "run_cases"]

#: A comparison: given what the function returned and what was expected, ``None`` if
#: they agree, otherwise one sentence that says what is wrong.
Compare = Callable[[Any, Any], "str | None"]


@dataclass(frozen=True)
class Case:
    """One test case: what it is, the inputs in the order the function takes them, and
    the expected answer.

    Parameters
    ----------
    description : str
        Says where the case comes from, e.g. ``"the course's 3 x 5 matrix B"``.
    inputs : mapping of str to object
        The arguments, by the names the course's function gives them, in order; the
        function is called with them positionally.
    expected : object
        The right answer.

    Raises
    ------
    TypeError
        If ``description`` is not a string, or ``inputs`` is not a mapping with string
        keys.
    ValueError
        If ``description`` is empty.
    """

    description: str
    inputs: Mapping[str, Any]
    expected: Any

    def __post_init__(self) -> None:
        if not isinstance(self.description, str):
            raise TypeError(
                f"description must be a string, got {type(self.description).__name__}"
            )
        if not self.description:
            raise ValueError("description must not be empty: say where the case comes from")
        if not isinstance(self.inputs, Mapping) or not all(
            isinstance(key, str) for key in self.inputs
        ):
            raise TypeError(
                "inputs must be a mapping from argument names (strings) to values, got "
                f"{type(self.inputs).__name__}"
            )


@dataclass(frozen=True)
class Failure:
    """A case the function got wrong: the case, what it gave, and what is wrong with it."""

    case: Case
    got: Any
    problem: str


@dataclass(frozen=True)
class CheckReport:
    """What a checker found: every case it ran and the ones that failed.

    Print it (or leave it as the last line of a notebook cell) to read it.
    """

    name: str
    cases: tuple[Case, ...]
    failures: tuple[Failure, ...] = field(default=())
    max_shown: int = 5

    @property
    def passed(self) -> bool:
        """Whether every case passed."""
        return not self.failures

    def __str__(self) -> str:
        total = len(self.cases)
        if self.passed:
            return f"{self.name} passed all {total} cases."
        lines = [f"{self.name} failed {len(self.failures)} of {total} cases."]
        for number, failure in enumerate(self.failures[: self.max_shown], start=1):
            lines.append("")
            lines.append(f"{number}. {failure.case.description}")
            for key, value in failure.case.inputs.items():
                lines.append(_labelled(f"input {key}", value))
            lines.append(_labelled("expected", failure.case.expected))
            lines.append(_labelled("got", failure.got))
            lines.append(_labelled("problem", failure.problem))
        hidden = len(self.failures) - self.max_shown
        if hidden > 0:
            lines.append("")
            lines.append(f"... and {hidden} more failing case{'s' if hidden > 1 else ''}.")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<CheckReport {self.name}: {len(self.failures)} of {len(self.cases)} failed>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython shows the plain-words report, not the dataclass fields.
        printer.text(str(self))


def _show(value: Any) -> str:
    if isinstance(value, BaseException):
        return f"raised {type(value).__name__}: {value}"
    if isinstance(value, np.ndarray):
        # Adding 0.0 turns -0.0 into 0.0: a report never shows "-0." beside "0.".
        shown = value + 0.0 if np.issubdtype(value.dtype, np.floating) else value
        return np.array2string(shown, precision=4, suppress_small=True, max_line_width=80)
    if isinstance(value, np.generic):
        return repr(value.item())
    return repr(value)


def _labelled(label: str, value: Any) -> str:
    text = value if label == "problem" else _show(value)
    head = f"   {label + ':':<{max(12, len(label) + 2)}}"
    return head + text.replace("\n", "\n" + " " * len(head))


class _TimeLimit(BaseException):
    """Raised inside a learner's function that runs past the time limit of a case.

    Not an ``Exception``, as ``KeyboardInterrupt`` is not: code that catches every
    ``Exception`` (a learner's, or NumPy's own ``array_equal``, which answers ``False``
    when converting its arguments raises) must not swallow it and carry on.
    """


@dataclass(frozen=True)
class _Unfinished:
    """What a case stopped at its time limit gave: nothing."""

    seconds: float

    def __repr__(self) -> str:
        return f"nothing: stopped after {self.seconds:g} s" if self.seconds else "nothing"


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` of wall time, where the platform allows it.

    A learner's loop whose stopping test never holds would otherwise hang the checker.
    Only the main thread of a platform with ``signal.setitimer`` can be interrupted (a
    Jupyter kernel on Linux or macOS can; Windows and the in-browser Python cannot), so
    elsewhere the block simply runs to its end.
    """
    if (
        seconds is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_cases(
    function: Callable[..., Any],
    cases: Sequence[Case],
    compare: Compare,
    *,
    name: str | None = None,
    max_shown: int = 5,
    time_limit: float | None = 10.0,
) -> CheckReport:
    """Call ``function`` on every case and compare its answers with the expected ones.

    Each case gets its own deep copy of the inputs, so a function that changes its
    arguments in place cannot spoil later cases. An exception raised by the function
    counts as a failure of that case, and warnings it raises are silenced. A case that
    runs longer than ``time_limit`` seconds is stopped and fails, and the cases after it
    are not run, so that a loop that never ends cannot hang the check (where the
    platform can interrupt it: on Linux and macOS, not on Windows or in the in-browser
    Python).

    Parameters
    ----------
    function : callable
        The function under test, called as ``function(*case.inputs.values())``.
    cases : sequence of Case
        The cases to run, at least one.
    compare : callable
        ``compare(got, expected)`` returns ``None`` when they agree, else a sentence that
        says what is wrong; see :func:`compare_arrays` and :func:`compare_scalars`.
    name : str, optional
        The function's name in the report; ``function.__name__`` by default.
    max_shown : int, default 5
        How many failing cases the report spells out.
    time_limit : float or None, default 10.0
        Seconds each case may run; ``None`` for no limit.

    Returns
    -------
    CheckReport
        Every case and every failure.

    Raises
    ------
    TypeError
        If ``function`` or ``compare`` is not callable, a case is not a :class:`Case`,
        ``name`` is not a string, or ``max_shown`` or ``time_limit`` is not a number.
    ValueError
        If there are no cases, ``name`` is empty, or ``max_shown`` or ``time_limit`` is
        not positive.

    Examples
    --------
    >>> import numpy as np
    >>> cases = [Case("a 2-vector", {"x": np.array([3.0, 4.0])}, 5.0)]
    >>> report = run_cases(lambda x: x.sum(), cases, compare_scalars(), name="norm")
    >>> report.passed
    False
    >>> print(report)
    norm failed 1 of 1 cases.
    <BLANKLINE>
    1. a 2-vector
       input x:    [3. 4.]
       expected:   5.0
       got:        7.0
       problem:    expected 5, got 7
    """
    if not callable(function):
        raise TypeError(f"function must be callable, got {type(function).__name__}")
    if not callable(compare):
        raise TypeError(f"compare must be callable, got {type(compare).__name__}")
    if isinstance(cases, (str, bytes)) or not isinstance(cases, Sequence):
        raise TypeError(f"cases must be a sequence of Case, got {type(cases).__name__}")
    if not cases:
        raise ValueError("cases must hold at least one Case")
    for case in cases:
        if not isinstance(case, Case):
            raise TypeError(f"cases must hold only Case objects, got {type(case).__name__}")
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be a string, got {type(name).__name__}")
    if name == "":
        raise ValueError("name must not be empty: it heads the report")
    label = name if name is not None else getattr(function, "__name__", "function")
    shown = check_positive_int(max_shown, "max_shown")
    limit = None if time_limit is None else check_real(
        time_limit, "time_limit", low=0.0, low_inclusive=False
    )
    failures = []
    for index, case in enumerate(cases):
        inputs = copy.deepcopy(list(case.inputs.values()))
        try:
            with _time_limit(limit), warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                got = function(*inputs)
        except _TimeLimit:
            problem = f"did not finish within {limit:g} s: a loop that never stops?"
            failures.append(Failure(case, _Unfinished(limit), problem))
            # A function that hangs once usually hangs again: do not make the learner wait
            # for every case.
            failures.extend(
                Failure(later, _Unfinished(0.0), "not run: an earlier case did not finish")
                for later in cases[index + 1:]
            )
            break
        except Exception as error:  # a learner's bug is a failed case, not a crash
            failures.append(Failure(case, error, f"raised {type(error).__name__}: {error}"))
            continue
        problem = compare(got, case.expected)
        if problem is not None:
            failures.append(Failure(case, got, problem))
    return CheckReport(label, tuple(cases), tuple(failures), shown)


def compare_arrays(*, rtol: float = 1e-6, atol: float = 1e-8) -> Compare:
    """A comparison of arrays: same shape, finite, equal within ``rtol`` and ``atol``.

    Parameters
    ----------
    rtol, atol : float
        Relative and absolute tolerances, as in ``numpy.allclose``.

    Returns
    -------
    callable
        ``compare(got, expected)`` for :func:`run_cases`.

    Raises
    ------
    TypeError
        If ``rtol`` or ``atol`` is not a real number.
    ValueError
        If ``rtol`` or ``atol`` is negative or not finite.

    Examples
    --------
    >>> import numpy as np
    >>> compare = compare_arrays()
    >>> compare(np.eye(2), np.eye(2)) is None
    True
    >>> compare(np.eye(3), np.eye(2))
    'expected an array of shape (2, 2), got shape (3, 3)'
    """
    rtol = check_real(rtol, "rtol", low=0.0)
    atol = check_real(atol, "atol", low=0.0)

    def compare(got: Any, expected: Any) -> str | None:
        want = np.asarray(expected, dtype=float)
        try:
            have = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return f"expected an array of numbers, got {type(got).__name__}"
        if have.shape != want.shape:
            return f"expected an array of shape {want.shape}, got shape {have.shape}"
        if not np.all(np.isfinite(have)):
            return "the answer contains NaN or infinity"
        if np.allclose(have, want, rtol=rtol, atol=atol):
            return None
        gap = np.abs(have - want)
        where = np.unravel_index(int(np.argmax(gap)), gap.shape)
        index = tuple(int(i) for i in where)
        return (
            f"entry {index if len(index) != 1 else index[0]} is {have[where]:.6g}, "
            f"expected {want[where]:.6g}"
        )

    return compare


def compare_scalars(*, rtol: float = 1e-6, atol: float = 1e-8) -> Compare:
    """A comparison of single numbers: exact for booleans and integers, else within
    ``rtol`` and ``atol``.

    Parameters
    ----------
    rtol, atol : float
        Relative and absolute tolerances for real numbers.

    Returns
    -------
    callable
        ``compare(got, expected)`` for :func:`run_cases`.

    Raises
    ------
    TypeError
        If ``rtol`` or ``atol`` is not a real number.
    ValueError
        If ``rtol`` or ``atol`` is negative or not finite.

    Examples
    --------
    >>> compare = compare_scalars()
    >>> compare(3, 3) is None, compare(True, False)
    (True, 'expected False, got True')
    """
    rtol = check_real(rtol, "rtol", low=0.0)
    atol = check_real(atol, "atol", low=0.0)

    def compare(got: Any, expected: Any) -> str | None:
        if isinstance(got, np.generic):
            got = got.item()
        if isinstance(expected, (bool, np.bool_)):
            if not isinstance(got, (bool, np.bool_)):
                return f"expected True or False, got {got!r}"
            return None if bool(got) == bool(expected) else f"expected {expected}, got {got}"
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            return f"expected a number, got {type(got).__name__}"
        if isinstance(expected, numbers.Integral):
            return None if got == expected else f"expected {expected}, got {got:g}"
        if not math.isfinite(got):
            return f"expected {expected:g}, got {got}"
        if math.isclose(got, expected, rel_tol=rtol, abs_tol=atol):
            return None
        return f"expected {expected:.6g}, got {got:.6g}"

    return compare
