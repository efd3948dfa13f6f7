"""The shared machinery of the learner's checkers: cases, comparisons, the report."""

from __future__ import annotations

import time

import numpy as np
import pytest

from mmlbook.checks import Case, compare_arrays, compare_scalars, run_cases


def _cases() -> list[Case]:
    return [
        Case("the 2 x 2 identity", {"A": np.eye(2)}, np.eye(2)),
        Case("a 2 x 3 matrix", {"A": np.arange(6.0).reshape(2, 3)},
             np.arange(6.0).reshape(2, 3).T),
    ]


def test_a_correct_function_passes_every_case() -> None:
    report = run_cases(np.transpose, _cases(), compare_arrays(), name="transpose")
    assert report.passed
    assert str(report) == "transpose passed all 2 cases."


def test_a_wrong_answer_is_reported_with_input_expected_and_got() -> None:
    report = run_cases(lambda a: a, _cases(), compare_arrays(), name="transpose")
    assert not report.passed
    (failure,) = report.failures
    assert failure.case.description == "a 2 x 3 matrix"
    text = str(report)
    assert text.startswith("transpose failed 1 of 2 cases.")
    assert "1. a 2 x 3 matrix" in text
    assert "input A:" in text and "expected:" in text and "got:" in text
    assert "expected an array of shape (3, 2), got shape (2, 3)" in text


def test_an_exception_is_a_failed_case_not_a_crash() -> None:
    def broken(a):
        raise ZeroDivisionError("division by zero")

    report = run_cases(broken, _cases(), compare_arrays())
    assert len(report.failures) == 2
    assert "raised ZeroDivisionError: division by zero" in str(report)
    assert report.name == "broken"


def test_a_function_that_changes_its_input_cannot_spoil_the_cases() -> None:
    cases = _cases()

    def scribble(a):
        result = a.T.copy()
        a[...] = 99.0
        return result

    assert run_cases(scribble, cases, compare_arrays()).passed
    assert np.array_equal(cases[0].inputs["A"], np.eye(2))


def test_a_case_that_never_ends_is_stopped_and_the_check_ends() -> None:
    def loops_on_the_identity(a):
        # A stopping test that never holds on the first case, as in a learner's while loop.
        while np.array_equal(a, np.eye(2)):
            pass
        return a.T

    cases = [_cases()[1], *_cases()]
    report = run_cases(loops_on_the_identity, cases, compare_arrays(), time_limit=0.2)
    assert [f.case.description for f in report.failures] == ["the 2 x 2 identity", "a 2 x 3 matrix"]
    text = str(report)
    assert text.startswith("loops_on_the_identity failed 2 of 3 cases.")
    assert "did not finish within 0.2 s: a loop that never stops?" in text
    assert "got:        nothing: stopped after 0.2 s" in text
    assert "not run: an earlier case did not finish" in text
    # The alarm is switched off again: a slow but finite call after the check is not hit.
    assert run_cases(np.transpose, _cases(), compare_arrays(), time_limit=None).passed


def test_the_time_limit_is_not_swallowed_by_code_that_catches_every_exception() -> None:
    # np.array_equal answers False when converting its arguments raises an Exception, so
    # a time limit raised there as an Exception ended the loop above now and then (CI).
    def catches_everything(a):
        give_up = time.monotonic() + 3.0  # so that a swallowed limit fails, not hangs
        while time.monotonic() < give_up:
            try:
                np.array_equal(a, np.eye(2))
            except Exception:
                pass
        return a.T

    report = run_cases(catches_everything, _cases(), compare_arrays(), time_limit=0.2)
    assert [f.problem for f in report.failures] == [
        "did not finish within 0.2 s: a loop that never stops?",
        "not run: an earlier case did not finish",
    ]


def test_the_report_spells_out_at_most_max_shown_failures() -> None:
    cases = [Case(f"case {k}", {"x": float(k)}, float(k)) for k in range(8)]
    report = run_cases(lambda x: x + 1, cases, compare_scalars(), max_shown=3)
    text = str(report)
    assert "3. case 2" in text and "4. case 3" not in text
    assert "... and 5 more failing cases." in text


def test_the_report_shows_no_negative_zero() -> None:
    cases = [Case("a step", {"x": np.array([1.0, 0.0])}, np.array([-0.5, -0.0]))]
    text = str(run_cases(lambda x: -x, cases, compare_arrays()))
    assert "expected:   [-0.5  0. ]" in text and "got:        [-1.  0.]" in text
    assert "-0." not in text.replace("-0.5", "")


def test_compare_arrays_names_the_worst_entry() -> None:
    compare = compare_arrays()
    assert compare(np.array([1.0, 2.5, 3.0]), np.array([1.0, 2.0, 3.0])) == (
        "entry 1 is 2.5, expected 2"
    )
    assert compare(np.array([np.nan, 2.0]), np.array([1.0, 2.0])) == (
        "the answer contains NaN or infinity"
    )
    assert compare("no", np.zeros(2)) == "expected an array of numbers, got str"
    assert compare(np.zeros(2) + 1e-10, np.zeros(2)) is None


def test_compare_scalars_is_exact_for_booleans_and_integers() -> None:
    compare = compare_scalars()
    assert compare(np.True_, True) is None
    assert compare(1, True) == "expected True or False, got 1"
    assert compare(3, 3) is None and compare(3.0, 3) is None
    assert compare(4, 3) == "expected 3, got 4"
    assert compare(1.0 + 1e-9, 1.0) is None
    assert compare(1.1, 1.0) == "expected 1, got 1.1"
    assert compare("1", 1.0) == "expected a number, got str"


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        (("not callable", [], None), TypeError, "function must be callable"),
        ((len, [], None), TypeError, "compare must be callable"),
        ((len, [], compare_scalars()), ValueError, "cases must hold at least one Case"),
        ((len, "abc", compare_scalars()), TypeError, "cases must be a sequence"),
        ((len, [1], compare_scalars()), TypeError, "cases must hold only Case objects"),
    ],
)
def test_run_cases_rejects_bad_arguments(arguments, error, message) -> None:
    with pytest.raises(error, match=message):
        run_cases(*arguments)


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [(["norm"], TypeError, "name must be a string, got list"),
     (float("nan"), TypeError, "name must be a string, got float"),
     ("", ValueError, "name must not be empty")],
)
def test_run_cases_rejects_a_name_that_is_not_a_string(name, error, message) -> None:
    cases = [Case("one", {"x": 1.0}, 1.0)]
    with pytest.raises(error, match=message):
        run_cases(abs, cases, compare_scalars(), name=name)


@pytest.mark.parametrize(
    ("make", "tolerance", "error", "message"),
    [(make, tolerance, error, message)
     for make in (compare_arrays, compare_scalars)
     for tolerance, error, message in (
         (-1e-6, ValueError, "must be >= 0"),
         (float("inf"), ValueError, "must be finite"),
         ("1e-6", TypeError, "must be a real number"))],
)
def test_comparisons_reject_bad_tolerances(make, tolerance, error, message) -> None:
    for argument in ("rtol", "atol"):
        with pytest.raises(error, match=f"{argument} {message}"):
            make(**{argument: tolerance})


def test_case_rejects_inputs_that_are_not_named() -> None:
    with pytest.raises(TypeError, match="inputs must be a mapping"):
        Case("positional", (1, 2), 3)
    with pytest.raises(ValueError, match="description must not be empty"):
        Case("", {}, 3)
    with pytest.raises(TypeError, match="description must be a string, got float"):
        Case(float("nan"), {}, 3)
