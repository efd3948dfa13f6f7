"""Input checks shared by every public function of :mod:`mmlbook`.

Each public function validates its arguments at the boundary with these helpers, so a
reader who passes the wrong thing gets a ``TypeError`` or ``ValueError`` that names the
argument and says what was expected -- never a NaN or a silently wrong answer.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

__all__ = [
    "as_float_array",
    "as_generator",
    "as_square_matrix",
    "binary_exponent",
    "check_axes",
    "check_choice",
    "check_figure",
    "check_flag",
    "check_int",
    "check_positive_int",
    "check_real",
    "unscale",
]

#: The largest finite float64 and the smallest positive normal one: the range that the
#: messages of :func:`unscale` give.
FLOAT_MAX = float(np.finfo(np.float64).max)
FLOAT_TINY = float(np.finfo(np.float64).tiny)


def as_float_array(
    value: Any,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    finite: bool = True,
    min_size: int = 1,
) -> np.ndarray:
    """Convert ``value`` to a float array, or raise an error that names ``name``.

    Parameters
    ----------
    value : array_like
        What the caller passed.
    name : str
        The argument's name, used in error messages.
    ndim : int or tuple of int, optional
        The allowed number(s) of dimensions.
    finite : bool, default True
        Reject NaN and infinity.
    min_size : int, default 1
        The fewest elements allowed.

    Returns
    -------
    numpy.ndarray
        A float64 array (a copy only when conversion needs one).

    Raises
    ------
    TypeError
        If ``value`` is not numeric (strings, objects, complex numbers, booleans).
    ValueError
        If the number of dimensions, the size or the finiteness is wrong.
    """
    if value is None:
        raise TypeError(f"{name} must be an array of real numbers, got None")
    try:
        raw = np.asarray(value)
    except ValueError:  # ragged nested lists
        raise ValueError(
            f"{name} must be a rectangular array, but its nested lists differ in length"
        ) from None
    # The kinds of (unsigned) integers and floats pass at once; np.issubdtype, several
    # times slower than the whole of a small fit's other checks, decides the rest.
    if raw.dtype.kind not in "iuf" and (raw.dtype == bool or not (
        np.issubdtype(raw.dtype, np.integer) or np.issubdtype(raw.dtype, np.floating)
    )):
        raise TypeError(
            f"{name} must be an array of real numbers, got dtype {raw.dtype}"
        )
    array = raw.astype(np.float64, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            expected = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(
                f"{name} must be a {expected} array, got shape {array.shape}"
            )
    if array.size < min_size:
        raise ValueError(
            f"{name} must have at least {min_size} element(s), got shape {array.shape}"
        )
    if finite and not _all_finite(array):
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return array


def _all_finite(array: np.ndarray) -> bool:
    """Whether every entry of a float array is finite, usually from its sum alone.

    A NaN or an infinity makes the sum NaN or infinite (inf + x stays inf, inf - inf is
    NaN), so a finite sum proves every entry finite, in one pass and with no boolean
    array of the data's size. Only a sum that overflowed (or was made NaN or infinite by
    a bad entry) is checked entry by entry.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        total = float(np.sum(array))
    return math.isfinite(total) or bool(np.all(np.isfinite(array)))


def as_square_matrix(value: Any, name: str) -> np.ndarray:
    """Convert ``value`` to a finite square float matrix, or raise.

    Parameters
    ----------
    value : array_like
        What the caller passed.
    name : str
        The argument's name, used in error messages.

    Returns
    -------
    numpy.ndarray
        A float64 array of shape (n, n), n >= 1.
    """
    matrix = as_float_array(value, name, ndim=2)
    if matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {matrix.shape}")
    return matrix


def as_generator(seed: Any, name: str = "seed") -> np.random.Generator:
    """Turn a non-negative integer seed into a ``numpy.random.Generator``; pass one through.

    Parameters
    ----------
    seed : int or numpy.random.Generator
        What the caller passed.
    name : str, default "seed"
        The argument's name, used in error messages.

    Returns
    -------
    numpy.random.Generator
        ``seed`` itself, or a new generator seeded with it.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"{name} must be an integer seed or a numpy.random.Generator, "
            f"got {type(seed).__name__}"
        )
    if seed < 0:
        raise ValueError(f"{name} must be a non-negative seed, got {seed}")
    return np.random.default_rng(int(seed))


def check_real(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> float:
    """Check that ``value`` is a finite real number within the given bounds.

    Parameters
    ----------
    value : float
        What the caller passed.
    name : str
        The argument's name, used in error messages.
    low, high : float, optional
        Bounds on the value.
    low_inclusive, high_inclusive : bool, default True
        Whether each bound itself is allowed.

    Returns
    -------
    float
        The value as a Python float.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number}")
    if low is not None and (number < low or (number == low and not low_inclusive)):
        bound = ">=" if low_inclusive else ">"
        raise ValueError(f"{name} must be {bound} {low}, got {number}")
    if high is not None and (number > high or (number == high and not high_inclusive)):
        bound = "<=" if high_inclusive else "<"
        raise ValueError(f"{name} must be {bound} {high}, got {number}")
    return number


def check_int(value: Any, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """Check that ``value`` is an integer with ``low <= value <= high``.

    Parameters
    ----------
    value : int
        What the caller passed (a Python or numpy integer; never a bool).
    name : str
        The argument's name, used in error messages.
    low, high : int, optional
        The smallest and the largest value allowed.

    Returns
    -------
    int
        The value as a Python int.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    number = int(value)
    if low is not None and number < low:
        raise ValueError(f"{name} must be at least {low}, got {number}")
    if high is not None and number > high:
        raise ValueError(f"{name} must be at most {high}, got {number}")
    return number


def check_positive_int(value: Any, name: str, *, maximum: int | None = None) -> int:
    """Check that ``value`` is an integer with ``1 <= value <= maximum``.

    Parameters
    ----------
    value : int
        What the caller passed.
    name : str
        The argument's name, used in error messages.
    maximum : int, optional
        The largest value allowed.

    Returns
    -------
    int
        The value as a Python int.
    """
    return check_int(value, name, low=1, high=maximum)


def check_flag(value: Any, name: str) -> bool:
    """Check that ``value`` is a boolean: ``True`` or ``False`` (Python's or numpy's).

    Anything else is refused, even what Python would count as true or false: the string
    ``"False"`` is true, and 1 or ``None`` may be a slip for another argument.

    Parameters
    ----------
    value : bool
        What the caller passed.
    name : str
        The argument's name, used in error messages.

    Returns
    -------
    bool
        The value as a Python bool.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return bool(value)


def check_choice(value: Any, name: str, options: tuple[str, ...]) -> str:
    """Check that ``value`` is one of the strings ``options``.

    Parameters
    ----------
    value : str
        What the caller passed.
    name : str
        The argument's name, used in error messages.
    options : tuple of str
        The strings allowed.

    Returns
    -------
    str
        The value.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {options}, got {type(value).__name__}")
    if value not in options:
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value


def check_axes(value: Any, name: str = "ax") -> Any:
    """Check that ``value`` is a matplotlib ``Axes`` to draw on.

    Parameters
    ----------
    value : matplotlib.axes.Axes
        What the caller passed.
    name : str, default "ax"
        The argument's name, used in error messages.

    Returns
    -------
    matplotlib.axes.Axes
        The value.
    """
    from matplotlib.axes import Axes

    if not isinstance(value, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes, got {type(value).__name__}")
    return value


def check_figure(value: Any, name: str = "fig") -> Any:
    """Check that ``value`` is a matplotlib ``Figure`` to draw on.

    Parameters
    ----------
    value : matplotlib.figure.Figure
        What the caller passed.
    name : str, default "fig"
        The argument's name, used in error messages.

    Returns
    -------
    matplotlib.figure.Figure
        The value.
    """
    from matplotlib.figure import Figure

    if not isinstance(value, Figure):
        raise TypeError(f"{name} must be a matplotlib Figure, got {type(value).__name__}")
    return value


def binary_exponent(*arrays: np.ndarray, even: bool = False) -> int:
    """The power of 2 that brings the largest magnitude of finite ``arrays`` into [0.5, 1).

    Dividing by ``2**e`` (``numpy.ldexp(a, -e)``) is exact, so a computation on the
    scaled arrays that is then scaled back with :func:`unscale` gives the same digits as
    on the arrays themselves, without overflowing or underflowing on the way.

    Parameters
    ----------
    *arrays : numpy.ndarray
        Finite float arrays (already validated).
    even : bool, default False
        Round the exponent up to an even number, so that a quantity of degree 1/2 (a
        square root) can be scaled back by the power of 2 ``e / 2``.

    Returns
    -------
    int
        The exponent ``e``; 0 when every entry is zero or there are none.
    """
    largest = max((float(np.abs(a).max(initial=0.0)) for a in arrays), default=0.0)
    if largest == 0.0:
        return 0
    exponent = math.frexp(largest)[1]
    return exponent + exponent % 2 if even else exponent


def unscale(
    value: Any, exponent: int, quantity: str, names: str, *, negligible: float = 0.0
) -> Any:
    """``value * 2**exponent``, or a ValueError giving the range of float64 if that is
    out of it.

    The counterpart of :func:`binary_exponent`: a result computed from scaled inputs is
    scaled back, and refused (rather than returned as inf, or as 0 for a non-zero
    answer) when the true answer is larger than the largest float or its largest entry
    is smaller than the smallest normal one.

    Parameters
    ----------
    value : float or numpy.ndarray
        The result computed from the scaled inputs (finite).
    exponent : int
        The power of 2 to multiply by.
    quantity : str
        What the value is, for the message ("the distance between x and y").
    names : str
        The arguments to rescale, for the message ("x and y").
    negligible : float, default 0.0
        A scaled value whose largest magnitude is at most this is zero to working
        precision (rounding noise, say): it may underflow without being refused.

    Returns
    -------
    float or numpy.ndarray
        The value scaled back: a float for a float, an array for an array.

    Raises
    ------
    ValueError
        If the scaled-back value is out of the range of float64.
    """
    # A float (chi squared, say) is checked and scaled in plain arithmetic, which is
    # exact for it too and a few microseconds cheaper than through an array.
    array = None if isinstance(value, float) else np.asarray(value, dtype=np.float64)
    largest = abs(value) if array is None else float(np.abs(array).max(initial=0.0))
    if largest != 0.0:
        # 2**(top - 1) <= largest * 2**exponent < 2**top, and scaling by a power of 2 is
        # exact within the normal range: the answer is a float exactly when
        # -1022 <= top - 1 and top <= 1024.
        top = math.frexp(largest)[1] + exponent
        if top > 1024:
            raise ValueError(
                f"{quantity} is beyond the range of float64 (magnitudes up to "
                f"{FLOAT_MAX:.4g}): rescale {names}"
            )
        if top - 1 < -1022 and largest > negligible:
            raise ValueError(
                f"{quantity} is below the range of float64 (the smallest normal magnitude "
                f"is {FLOAT_TINY:.4g}): rescale {names}"
            )
    if array is None:
        return math.ldexp(value, exponent)
    scaled = np.ldexp(array, exponent)
    return float(scaled) if np.ndim(value) == 0 else scaled
