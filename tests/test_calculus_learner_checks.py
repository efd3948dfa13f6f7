"""The calculus checkers of the sandpit, backpropagation and gradient-descent chapters:
each passes mmlbook's own function, and fails a broken one naming the failing case."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import approx_fprime, differential_evolution

from mmlbook.calculus import (
    cost,
    deepest_point,
    gradients,
    hybrid_step,
    intro_pit,
    newton_step,
    random_pit,
    steepest_descent_step,
    steepest_step,
)
from mmlbook.checks import calculus as checks

PARAMETERS = ("W1", "b1", "W2", "b2", "W3", "b3")
CHECKERS = dict(zip(PARAMETERS, (checks.check_j_w1, checks.check_j_b1, checks.check_j_w2,
                                 checks.check_j_b2, checks.check_j_w3, checks.check_j_b3),
                    strict=True))


# --- the sandpit --------------------------------------------------------------------------


def test_mmlbooks_search_finds_every_phone():
    report = checks.check_deepest_point(deepest_point)
    assert report.passed, str(report)
    assert len(report.cases) == 5


def test_the_expected_phones_agree_with_a_global_optimiser():
    # An independent reference: SciPy's differential evolution over the whole square.
    for case in checks.deepest_point_cases():
        f = case.inputs["f"]
        best = differential_evolution(lambda p, f=f: f(*p), [(0, 6)] * 2, seed=0, tol=1e-12)
        np.testing.assert_allclose(case.expected, best.x, atol=1e-3)


def test_a_coarse_search_fails_and_the_report_names_the_pit():
    def coarse(f):
        ticks = np.linspace(0.0, 6.0, 4)
        heights = [[f(x, y) for x in ticks] for y in ticks]
        row, column = np.unravel_index(np.argmin(heights), (4, 4))
        return ticks[column], ticks[row]

    report = checks.check_deepest_point(coarse)
    assert not report.passed
    text = str(report)
    assert text.startswith("coarse failed")
    assert "the first sandpit, intro_pit()" in text
    assert "from the phone at (1.21, 4.01), more than 0.375" in text


def test_the_course_case_comes_first_and_is_the_first_pit():
    first = checks.deepest_point_cases(0)
    assert len(first) == 1 and first[0].description == "the first sandpit, intro_pit()"
    np.testing.assert_array_equal(first[0].expected, intro_pit().deepest_point())
    assert checks.check_deepest_point(lambda f: (1.2, 4.0), n_random=0).passed


def test_answers_that_are_not_points_are_reported():
    report = checks.check_deepest_point(lambda f: (7.0, 1.0), n_random=0)
    assert "lies outside the pit" in str(report)
    report = checks.check_deepest_point(lambda f: "here", n_random=0)
    assert "expected a point (x, y)" in str(report)


# --- backpropagation ------------------------------------------------------------------------

# The course's way: the network lives in global variables, the functions read it.
W1 = b1 = W2 = b2 = W3 = b3 = None


def _network():
    return [(W1, b1), (W2, b2), (W3, b3)]


def _mmlbook_jacobian(parameter):
    layer, which = divmod(PARAMETERS.index(parameter), 2)

    def jacobian(x, y):
        return gradients(_network(), x, y)[layer][which]

    jacobian.__name__ = f"J_{parameter}"
    return jacobian


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_mmlbooks_backpropagation_passes_each_checker(parameter):
    report = CHECKERS[parameter](_mmlbook_jacobian(parameter))
    assert report.passed, str(report)
    assert report.name == f"J_{parameter}" and len(report.cases) == 5
    assert W1 is None, "the checker must restore the learner's globals"


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_the_expected_jacobians_agree_with_finite_differences(parameter):
    layer, which = divmod(PARAMETERS.index(parameter), 2)
    for case in checks.backpropagation_cases(parameter, n_random=2):
        arrays = [case.inputs[name] for name in PARAMETERS]
        params = [(arrays[0], arrays[1]), (arrays[2], arrays[3]), (arrays[4], arrays[5])]
        x, y = case.inputs["x"], case.inputs["y"]
        target = params[layer][which]

        def cost_of(values, params=params, target=target, x=x, y=y):
            saved = target.copy()
            target[...] = values.reshape(target.shape)
            try:
                return cost(params, x, y)
            finally:
                target[...] = saved

        numeric = approx_fprime(target.ravel().copy(), cost_of, 1e-7).reshape(target.shape)
        np.testing.assert_allclose(case.expected, numeric, atol=1e-6)


def test_a_jacobian_without_the_one_over_n_fails_and_names_the_case():
    right = _mmlbook_jacobian("W3")

    def J_W3(x, y):
        return right(x, y) * x.size

    report = checks.check_j_w3(J_W3)
    assert not report.passed and len(report.failures) == 5
    text = str(report)
    assert text.startswith("J_W3 failed 5 of 5 cases.")
    assert "1. the network of seed 1 on the heart's 100 points" in text
    assert "... and 3 more failing cases." in text


def test_a_jacobian_that_ignores_the_globals_fails():
    frozen = [(np.zeros((6, 1)), np.zeros((6, 1))), (np.zeros((7, 6)), np.zeros((7, 1))),
              (np.zeros((2, 7)), np.zeros((2, 1)))]

    def J_b1(x, y):
        return gradients(frozen, x, y)[0][1]

    assert not checks.check_j_b1(J_b1).passed


def test_a_jacobian_must_be_a_python_function():
    with pytest.raises(TypeError, match="J_W1 must be a Python function"):
        checks.check_j_w1(np.zeros)


def test_a_learners_globals_are_restored_even_when_the_function_raises():
    namespace = {"W1": "mine"}
    exec("def J_W1(x, y):\n    raise ZeroDivisionError('oops')", namespace)  # noqa: S102
    report = checks.check_j_w1(namespace["J_W1"], n_random=0)
    assert "raised ZeroDivisionError: oops" in str(report)
    assert namespace["W1"] == "mine" and "W2" not in namespace


# --- gradient descent: next_step(f, J, H) ---------------------------------------------------


def _course_style(rule, gamma=0.5, longest=2.0):
    def next_step(f, J, H):
        if rule == "steepest":
            return steepest_descent_step(J, gamma)
        if rule == "newton":
            return newton_step(J, H)
        return hybrid_step(J, H, longest, gamma)

    return next_step


@pytest.mark.parametrize("rule", checks.NEXT_STEP_RULES)
def test_mmlbooks_step_rules_pass(rule):
    report = checks.check_next_step(_course_style(rule), rule)
    assert report.passed, str(report)
    # Newton's rule has no step where H is singular: it skips that hand-made case.
    assert len(report.cases) == (10 if rule == "newton" else 11)
    assert checks.check_next_step(_course_style(rule, 0.1, 1.0), rule, 0.1, 1.0).passed


def test_the_hand_cases_are_what_the_hybrid_rule_says():
    cases = checks.next_step_cases("hybrid")
    np.testing.assert_allclose(cases[0].expected, [-0.25, 0.0])  # Newton: short, downhill
    np.testing.assert_allclose(cases[1].expected, [-0.5, 0.0])  # Newton uphill: −γJ
    np.testing.assert_allclose(cases[2].expected, [-5.0, 0.0])  # Newton too long: −γJ
    for case in cases[:3]:  # each tells the two rules apart
        J, H = case.inputs["J"], case.inputs["H"]
        assert not np.allclose(-np.linalg.solve(H, J), -0.5 * J)
    J, H = cases[3].inputs["J"], cases[3].inputs["H"]
    np.testing.assert_allclose(cases[3].expected, -np.linalg.solve(H, J))
    # A singular H: no Newton step, so −γJ; and Newton's own rule has no such case.
    assert np.linalg.matrix_rank(cases[4].inputs["H"]) == 1
    np.testing.assert_allclose(cases[4].expected, -0.5 * cases[4].inputs["J"])
    assert "singular" not in " ".join(c.description for c in checks.next_step_cases("newton"))


def test_a_hybrid_that_crashes_on_a_singular_hessian_fails_that_case():
    def next_step(f, J, H):
        step = np.linalg.solve(H, -J)
        return step if J @ step < 0 and np.linalg.norm(step) <= 2 else -0.5 * J

    report = checks.check_next_step(next_step, "hybrid")
    assert [f.case.description for f in report.failures] == [
        "J = [1, 1], H = [[1, 1], [1, 1]]: H is singular, no Newton step"
    ]
    assert "raised LinAlgError" in str(report)


def test_a_hybrid_that_always_takes_newtons_step_fails_on_the_uphill_case():
    def next_step(f, J, H):
        return -np.linalg.inv(H) @ J

    report = checks.check_next_step(next_step, "hybrid")
    assert not report.passed
    text = str(report)
    assert "J = [1, 0], H = diag(-2, 2): Newton's step goes uphill" in text
    assert "J = [10, 0], H = 4I: Newton's step is longer than 2" in text


def test_a_steepest_step_with_the_wrong_sign_fails_every_case():
    report = checks.check_next_step(lambda f, J, H: 0.5 * J, "steepest")
    assert len(report.failures) == 11


def test_the_random_cases_hold_each_pits_own_values():
    for case in checks.next_step_cases("newton")[4:]:
        seed = int(case.description.split("(")[1].split(")")[0])
        x, y = (float(v) for v in case.description.split("at (")[1].rstrip(")").split(", "))
        pit = random_pit(seed)
        np.testing.assert_allclose(case.inputs["J"], pit.gradient(x, y), rtol=1e-3, atol=1e-3)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: checks.check_next_step(len, "adam"), ValueError, "rule must be one of"),
        (lambda: checks.check_next_step(len, "steepest", 0.0), ValueError, "learning_rate"),
        (lambda: checks.backpropagation_cases("W4"), ValueError, "parameter must be one of"),
        (lambda: checks.deepest_point_cases(21), ValueError, "n_random must be between"),
        (lambda: checks.deepest_point_cases(1.0), TypeError, "n_random must be an integer"),
        (lambda: checks.check_deepest_point(3), TypeError, "find_phone must be callable"),
        (lambda: checks.check_next_step(3, "newton"), TypeError, "next_step must be callable"),
        (lambda: checks.check_j_b2(None), TypeError, "J_b2 must be callable"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


# --- the chapters' "Check your own solution" tables are the checkers' cases ------------------

CHAPTERS = Path(__file__).resolve().parents[1] / "book" / "calculus"
#: One table may serve several checkers that share their cases: ``% checker: a, b``.
_TABLE = re.compile(r"^% checker: (\w+(?:, \w+)*)\n((?:\|.*\n)+)", re.MULTILINE)
#: The checkers of this file and the chapter that holds each one's table.
_OURS = {
    "check_deepest_point": "sandpit",
    **{f"check_j_{p.lower()}": "backpropagation" for p in PARAMETERS},
    "check_next_step": "gradient_descent",
    "check_steepest_step": "fitting_heights",
}


def _tables() -> list[tuple[str, str, list[list[str]]]]:
    found = []
    for path in sorted(CHAPTERS.glob("*.md")):
        for names, table in _TABLE.findall(path.read_text(encoding="utf-8")):
            rows = [line.strip().strip("|").split("|") for line in table.strip().splitlines()]
            cells = [[c.strip() for c in row] for row in rows[2:]]
            found += [(path.stem, name, cells) for name in names.split(", ") if name in _OURS]
    return found


def _course_cases(name: str) -> list:
    if name == "check_deepest_point":
        return checks.deepest_point_cases(0)
    if name == "check_next_step":
        return checks.next_step_cases("hybrid", n_random=0)
    if name == "check_steepest_step":
        # The assignment's two cases come first; the random ones follow them.
        return list(checks.check_steepest_step(steepest_step, n_random=1).cases[:2])
    return checks.backpropagation_cases(name.removeprefix("check_j_").upper()
                                        .replace("B", "b"), n_random=0)


def test_every_checker_has_its_table_in_its_chapter():
    assert {(chapter, name) for chapter, name, _ in _tables()} >= {
        (chapter, name) for name, chapter in _OURS.items()
        if (CHAPTERS / f"{chapter}.md").read_text(encoding="utf-8").count("% checker:")
    }
    assert ("sandpit", "check_deepest_point") in {(c, n) for c, n, _ in _tables()}
    assert ("backpropagation", "check_j_b3") in {(c, n) for c, n, _ in _tables()}


@pytest.mark.parametrize(("chapter", "name", "rows"), _tables())
def test_a_table_lists_exactly_its_checkers_first_cases(chapter, name, rows):
    descriptions = [case.description for case in _course_cases(name)]
    assert [row[0] for row in rows] == descriptions, f"{chapter}: the cases of {name} differ"
