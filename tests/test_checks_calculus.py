"""The learner's checkers of the calculus assignments: course cases, random cases, reports."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from mmlbook.calculus import steepest_step
from mmlbook.checks import CheckReport
from mmlbook.checks.calculus import check_steepest_step
from mmlbook.datasets import heights_histogram


def course_style_steepest_step(x, y, mu, sig, aggression):
    """An independent solution in the course's conventions: scipy's density, hand derivatives."""
    g = norm.pdf(x, mu, sig)
    dg_dmu = g * (x - mu) / sig**2
    dg_dsig = g * ((x - mu) ** 2 / sig**3 - 1 / sig)
    gradient = np.array([-2 * (y - g) @ dg_dmu, -2 * (y - g) @ dg_dsig])
    return -aggression * gradient


def test_mmlbook_and_an_independent_solution_pass() -> None:
    for function in (steepest_step, course_style_steepest_step):
        report = check_steepest_step(function)
        assert isinstance(report, CheckReport) and report.passed, str(report)
        assert len(report.cases) == 12
    assert str(check_steepest_step(steepest_step)) == "steepest_step passed all 12 cases."


def test_the_course_cases_come_first_with_independent_expected_values() -> None:
    report = check_steepest_step(steepest_step, n_random=2)
    first, fifty = report.cases[:2]
    assert "first step, from (mu, sig) = (155, 6)" in first.description
    x, y = heights_histogram()
    np.testing.assert_allclose(
        first.expected, course_style_steepest_step(x, y, 155.0, 6.0, 2000.0), rtol=1e-10
    )
    assert "50 steps" in fifty.description and fifty.inputs["steps"] == 50
    mu, sig = 155.0, 6.0
    for _ in range(50):
        dmu, dsig = course_style_steepest_step(x, y, mu, sig, 2000.0)
        mu, sig = mu + dmu, sig + dsig
    np.testing.assert_allclose(fifty.expected, [mu, sig], rtol=1e-10)


def test_a_forgotten_sign_fails_every_case_in_plain_words() -> None:
    def uphill(x, y, mu, sig, aggression):
        return -course_style_steepest_step(x, y, mu, sig, aggression)

    report = check_steepest_step(uphill, n_random=4)
    assert not report.passed and len(report.failures) == len(report.cases) == 6
    text = str(report)
    assert text.startswith("uphill failed 6 of 6 cases.")
    assert "1. the assignment's first step, from (mu, sig) = (155, 6)" in text
    assert "input x, y: 'the heights histogram (100 bins)'" in text
    assert "input aggression: 2000.0" in text
    want = course_style_steepest_step(*heights_histogram(), 155.0, 6.0, 2000.0)
    assert f"problem:    entry 1 is {-want[1]:.6g}, expected {want[1]:.6g}" in text


def test_a_wrong_sigma_derivative_is_caught_in_its_entry() -> None:
    def no_prefactor(x, y, mu, sig, aggression):  # forgets the −1/σ of the prefactor
        g = norm.pdf(x, mu, sig)
        gradient = np.array([
            -2 * (y - g) @ (g * (x - mu) / sig**2),
            -2 * (y - g) @ (g * (x - mu) ** 2 / sig**3),
        ])
        return -aggression * gradient

    report = check_steepest_step(no_prefactor)
    single_steps = [f for f in report.failures if "steps" not in f.case.inputs]
    assert single_steps and all("entry 1 is" in f.problem for f in single_steps)


def test_an_error_and_a_scribbling_function_are_failed_cases_not_crashes() -> None:
    def broken(x, y, mu, sig, aggression):
        raise ZeroDivisionError("oops")

    report = check_steepest_step(broken, n_random=2)
    assert len(report.failures) == 4 and "raised ZeroDivisionError: oops" in str(report)

    def scribble(x, y, mu, sig, aggression):
        step = course_style_steepest_step(x, y, mu, sig, aggression)
        x[:] = 0.0
        y[:] = 0.0
        return step

    assert check_steepest_step(scribble).passed


def test_random_cases_follow_the_seed() -> None:
    first = check_steepest_step(steepest_step, seed=3).cases
    again = check_steepest_step(steepest_step, seed=3).cases
    other = check_steepest_step(steepest_step, seed=4).cases
    assert [c.inputs for c in first] == [c.inputs for c in again]
    assert [c.inputs for c in first] != [c.inputs for c in other]
    assert len(check_steepest_step(steepest_step, n_random=5).cases) == 7


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"steepest_step_function": None}, TypeError, "must be callable"),
        ({"steepest_step_function": steepest_step, "n_random": 0}, ValueError, "n_random"),
        ({"steepest_step_function": steepest_step, "seed": "a"}, TypeError, "seed must be"),
    ],
)
def test_bad_input(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        check_steepest_step(**kwargs)
