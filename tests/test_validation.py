"""The input checks every public function relies on."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mmlbook._validation import (
    as_float_array,
    as_generator,
    as_square_matrix,
    binary_exponent,
    check_axes,
    check_choice,
    check_figure,
    check_flag,
    check_int,
    check_positive_int,
    check_real,
    unscale,
)


@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)),
              elements=st.floats(-1e6, 1e6)))
def test_finite_arrays_pass_unchanged(values: np.ndarray) -> None:
    result = as_float_array(values, "X", ndim=2)
    assert result.dtype == np.float64
    np.testing.assert_array_equal(result, values)


def test_integers_and_lists_become_floats() -> None:
    result = as_float_array([[1, 2], [3, 4]], "A")
    assert result.dtype == np.float64 and result.shape == (2, 2)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_values_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="A must contain only finite numbers"):
        as_float_array([1.0, bad], "A")


@given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 6)),
              elements=st.floats(allow_nan=True, allow_infinity=True)))
def test_finiteness_is_judged_as_entry_by_entry(values: np.ndarray) -> None:
    # The check goes by the sum first; its answer must be numpy's entry-by-entry one,
    # also for huge finite entries whose sum overflows.
    if np.all(np.isfinite(values)):
        np.testing.assert_array_equal(as_float_array(values, "X"), values)
    else:
        with pytest.raises(ValueError, match="X must contain only finite numbers"):
            as_float_array(values, "X")


def test_finite_entries_whose_sum_overflows_pass() -> None:
    huge = np.full((3, 4), np.finfo(np.float64).max)
    np.testing.assert_array_equal(as_float_array(huge, "X"), huge)
    # ... and opposite infinities, whose sum is NaN, and a lone NaN among huge values.
    for bad in ([np.inf, -np.inf], [np.finfo(np.float64).max] * 3 + [np.nan]):
        with pytest.raises(ValueError, match="X must contain only finite numbers"):
            as_float_array(bad, "X")


@pytest.mark.parametrize(
    "value, kind",
    [(["a", "b"], "dtype <U1"), ([1 + 2j], "dtype complex128"), ([True, False], "dtype bool"),
     (None, "None")],
)
def test_non_real_input_is_a_type_error(value, kind: str) -> None:
    with pytest.raises(TypeError, match=f"x must be an array of real numbers, got {kind}"):
        as_float_array(value, "x")


def test_wrong_dimension_and_ragged_input_are_value_errors() -> None:
    with pytest.raises(ValueError, match=r"X must be a 2-D array, got shape \(3,\)"):
        as_float_array([1, 2, 3], "X", ndim=2)
    with pytest.raises(ValueError, match=r"X must be a 1-D or 2-D array"):
        as_float_array(np.zeros((2, 2, 2)), "X", ndim=(1, 2))
    with pytest.raises(ValueError, match="X must be a rectangular array, but its nested lists"):
        as_float_array([[1, 2], [3]], "X")
    with pytest.raises(ValueError, match="X must have at least 1 element"):
        as_float_array(np.zeros((0, 3)), "X")


def test_square_matrix() -> None:
    np.testing.assert_array_equal(as_square_matrix(np.eye(3), "A"), np.eye(3))
    with pytest.raises(ValueError, match=r"A must be a square matrix, got shape \(2, 3\)"):
        as_square_matrix(np.zeros((2, 3)), "A")


def test_check_real_bounds() -> None:
    assert check_real(0.85, "damping", low=0, high=1, low_inclusive=False) == 0.85
    assert check_real(1, "damping", low=0, high=1, low_inclusive=False) == 1.0
    with pytest.raises(ValueError, match="damping must be > 0"):
        check_real(0.0, "damping", low=0, high=1, low_inclusive=False)
    with pytest.raises(ValueError, match="damping must be <= 1"):
        check_real(1.5, "damping", low=0, high=1)
    with pytest.raises(ValueError, match="gamma must be finite"):
        check_real(float("nan"), "gamma")
    with pytest.raises(TypeError, match="gamma must be a real number, got str"):
        check_real("0.5", "gamma")
    with pytest.raises(TypeError, match="gamma must be a real number, got bool"):
        check_real(True, "gamma")


def test_check_positive_int() -> None:
    assert check_positive_int(np.int64(3), "k", maximum=5) == 3
    with pytest.raises(ValueError, match="k must be at least 1, got 0"):
        check_positive_int(0, "k")
    with pytest.raises(ValueError, match="k must be at most 5, got 6"):
        check_positive_int(6, "k", maximum=5)
    with pytest.raises(TypeError, match="k must be an integer, got float"):
        check_positive_int(2.0, "k")


def test_as_generator() -> None:
    generator = np.random.default_rng(1)
    assert as_generator(generator) is generator
    np.testing.assert_array_equal(
        as_generator(np.int64(5)).random(3), np.random.default_rng(5).random(3)
    )
    with pytest.raises(TypeError, match="rng must be an integer seed or a numpy.random.Generator"):
        as_generator(1.5, "rng")
    with pytest.raises(ValueError, match="seed must be a non-negative seed, got -1"):
        as_generator(-1)


def test_check_int_bounds() -> None:
    assert check_int(np.int8(0), "n_wells", low=0, high=20) == 0
    with pytest.raises(ValueError, match="n_wells must be at least 0, got -1"):
        check_int(-1, "n_wells", low=0)
    with pytest.raises(ValueError, match="n_wells must be at most 20, got 21"):
        check_int(21, "n_wells", high=20)
    with pytest.raises(TypeError, match="n_wells must be an integer, got bool"):
        check_int(np.True_, "n_wells")


@pytest.mark.parametrize("value", [True, False, np.True_, np.False_])
def test_check_flag_takes_booleans(value) -> None:
    assert check_flag(value, "sparse") is bool(value)


@pytest.mark.parametrize("value", ["False", "True", 0, 1, 1.0, None, [True], np.array(True)])
def test_check_flag_refuses_everything_else(value) -> None:
    with pytest.raises(TypeError, match="sparse must be True or False, got"):
        check_flag(value, "sparse")


def test_check_choice() -> None:
    assert check_choice("newton", "method", ("steepest", "newton")) == "newton"
    with pytest.raises(ValueError, match=r"method must be one of \('steepest', 'newton'\)"):
        check_choice("Newton", "method", ("steepest", "newton"))
    with pytest.raises(TypeError, match="method must be one of .*, got int"):
        check_choice(1, "method", ("steepest", "newton"))


def test_check_axes() -> None:
    import matplotlib.pyplot as plt

    ax = plt.figure().add_subplot()
    assert check_axes(ax) is ax
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes, got Figure"):
        check_axes(ax.figure)


def test_check_figure() -> None:
    import matplotlib.pyplot as plt

    fig = plt.figure()
    assert check_figure(fig) is fig
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure, got Axes"):
        check_figure(fig.add_subplot())
    with pytest.raises(TypeError, match="canvas must be a matplotlib Figure, got str"):
        check_figure("fig", "canvas")
    plt.close(fig)


@given(st.floats(1e-280, 1e280), st.integers(-40, 40))
def test_binary_exponent_scales_the_largest_entry_into_a_half_to_one(x, shift):
    values = np.array([x, -x / 3.0, 0.0]) * 2.0**shift
    e = binary_exponent(values)
    assert 0.5 <= np.abs(np.ldexp(values, -e)).max() < 1.0
    even = binary_exponent(values, even=True)
    assert even % 2 == 0 and even in (e, e + 1)


def test_binary_exponent_of_zeros_and_empty_arrays_is_zero() -> None:
    assert binary_exponent(np.zeros(3)) == 0
    assert binary_exponent(np.empty(0), np.zeros((2, 2))) == 0
    assert binary_exponent(np.array([1.0]), np.array([-6.0])) == 3  # 6 = 0.75 * 2**3


def test_unscale_gives_the_answer_within_the_range_of_float64() -> None:
    assert unscale(0.75, 1024, "the length of x", "x") == math.ldexp(0.75, 1024)
    assert unscale(0.5, -1021, "the length of x", "x") == 2.0**-1022
    assert unscale(0.0, 5000, "the length of x", "x") == 0.0
    scaled = unscale(np.array([0.5, 0.0]), 3, "a distance", "X")
    np.testing.assert_array_equal(scaled, [4.0, 0.0])
    assert isinstance(unscale(np.float64(0.5), 1, "q", "x"), float)


@pytest.mark.parametrize(
    ("value", "exponent", "message"),
    [(0.5, 1025, r"the length of x is beyond the range of float64 \(magnitudes up to "
                 r"1\.798e\+308\): rescale x"),
     (0.75, -1022, r"the length of x is below the range of float64 \(the smallest normal "
                   r"magnitude is 2\.225e-308\): rescale x"),
     (np.array([0.0, 1.0]), 1024, "beyond the range")],
)
def test_unscale_refuses_answers_out_of_range(value, exponent, message) -> None:
    with pytest.raises(ValueError, match=message):
        unscale(value, exponent, "the length of x", "x")
