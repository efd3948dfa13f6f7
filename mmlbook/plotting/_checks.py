"""Argument checks shared by the plot helpers: where to draw, and the drawing's options.

Every helper of :mod:`mmlbook.plotting` checks its ``ax``, colours, labels and pairs of
numbers with these, so that a wrong option is refused with a message naming it, before
matplotlib turns it into an error of its own (or silently draws something else).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import is_color_like

from mmlbook._validation import as_float_array, check_axes, check_positive_int


def axes_or_new(ax: Any, figsize: tuple[float, float] | None = None) -> Axes:
    """``ax`` checked to be an Axes, or the axes of a new figure of ``figsize`` if None."""
    if ax is None:
        return plt.subplots(figsize=figsize)[1]
    return check_axes(ax)


def check_colour(value: Any, name: str) -> Any:
    """Check that ``value`` is a matplotlib colour: a name, ``"#rrggbb"`` or an RGB(A) tuple."""
    if not isinstance(value, (str, tuple)):
        raise TypeError(
            f"{name} must be a matplotlib colour (a name, '#rrggbb' or an RGB tuple), "
            f"got {type(value).__name__}"
        )
    if not is_color_like(value):
        raise ValueError(f"{name} must be a matplotlib colour, got {value!r}")
    return value


def check_label(value: Any, name: str, *, optional: bool = True) -> str | None:
    """Check that ``value`` is a string (a legend or colour-bar label), or None if optional."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        allowed = "a string or None" if optional else "a string"
        raise TypeError(f"{name} must be {allowed}, got {type(value).__name__}")
    return value


def check_labels(value: Any, name: str, count: int, per: str) -> list[str]:
    """Check that ``value`` holds ``count`` strings, one ``per`` thing drawn.

    A string counts as the sequence of its characters (``"ABC"`` names three pages).
    """
    if not isinstance(value, (str, Sequence, np.ndarray)) or isinstance(value, bytes):
        raise TypeError(f"{name} must be a sequence of strings, got {type(value).__name__}")
    labels = list(value)
    wrong = next((item for item in labels if not isinstance(item, str)), None)
    if wrong is not None:
        raise TypeError(f"{name} must hold strings, got a {type(wrong).__name__}")
    if len(labels) != count:
        raise ValueError(f"{name} must hold {count} strings, one per {per}, got {len(labels)}")
    return labels


def check_window(value: Any, name: str = "window") -> tuple[float, float]:
    """Check that ``value`` is an increasing pair ``(low, high)`` of finite numbers."""
    bounds = as_float_array(value, name, ndim=1)
    if bounds.shape != (2,) or not bounds[0] < bounds[1]:
        raise ValueError(f"{name} must be an increasing pair (low, high), got {value!r}")
    return float(bounds[0]), float(bounds[1])


def check_size(value: Any, name: str) -> tuple[float, float]:
    """Check that ``value`` is a pair of positive finite numbers (a size in inches)."""
    size = as_float_array(value, name, ndim=1)
    if size.shape != (2,) or not np.all(size > 0):
        raise ValueError(
            f"{name} must be a pair (width, height) of positive numbers, got {value!r}"
        )
    return float(size[0]), float(size[1])


def check_shape(value: Any, name: str) -> tuple[int, int]:
    """Check that ``value`` is a pair ``(rows, columns)`` of positive integers."""
    if (
        not isinstance(value, (Sequence, np.ndarray))
        or isinstance(value, (str, bytes))
        or (isinstance(value, np.ndarray) and value.ndim == 0)
    ):
        raise TypeError(f"{name} must be a pair (rows, columns) of integers, got {value!r}")
    if len(value) != 2:
        raise ValueError(f"{name} must be a pair (rows, columns), got {len(value)} entries")
    return check_positive_int(value[0], f"{name}[0]"), check_positive_int(value[1], f"{name}[1]")
