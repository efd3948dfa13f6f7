"""The Linear Algebra checkers: they pass mmlbook's functions and the course's own way of
writing them, and name the failing case of a broken one."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from mmlbook.checks import linalg as checks
from mmlbook.datasets import micro_internet
from mmlbook.linalg import (
    dimensions,
    gram_schmidt,
    gram_schmidt_modified,
    is_singular,
    pagerank,
    reflection_matrix,
)

# --- the course's procedures, written as a learner would (our own code) ---------------


def _fix_row(A: np.ndarray, k: int) -> np.ndarray:
    """Clear row k left of the diagonal, add lower rows while its pivot is 0, scale to 1."""
    for j in range(k):
        A[k] = A[k] - A[k, j] * A[j]
    for below in range(k + 1, len(A)):
        if A[k, k] != 0:
            break
        A[k] = A[k] + A[below]
        for j in range(k):
            A[k] = A[k] - A[k, j] * A[j]
    if A[k, k] == 0:
        raise ArithmeticError("singular")
    A[k] = A[k] / A[k, k]
    return A


def course_is_singular(A) -> bool:
    B = np.array(A, dtype=float)
    try:
        for k in range(4):
            _fix_row(B, k)
    except ArithmeticError:
        return True
    return False


def course_gs_basis(A) -> np.ndarray:
    B = np.array(A, dtype=float)
    for i in range(B.shape[1]):
        for j in range(i):
            B[:, i] = B[:, i] - B[:, i] @ B[:, j] * B[:, j]
        norm = np.linalg.norm(B[:, i])
        B[:, i] = B[:, i] / norm if norm > 1e-14 else 0.0
    return B


def course_dimensions(A) -> float:
    return float(np.sum(np.linalg.norm(course_gs_basis(A), axis=0)))


def course_reflection(bearBasis) -> np.ndarray:
    E = course_gs_basis(bearBasis)
    return E @ np.diag([1.0, -1.0]) @ np.linalg.inv(E)


def course_page_rank_loop(linkMatrix, d) -> np.ndarray:
    n = linkMatrix.shape[0]
    M = d * linkMatrix + (1 - d) / n * np.ones((n, n))
    r = 100 * np.ones(n) / n
    last = r
    r = M @ r
    while np.linalg.norm(last - r) > 0.01:
        last = r
        r = M @ r
    return r


FIXES = [checks.check_fix_row_zero, checks.check_fix_row_one, checks.check_fix_row_two,
         checks.check_fix_row_three]

PASSING = [
    (checks.check_is_singular, is_singular),
    (checks.check_is_singular, course_is_singular),
    (checks.check_gs_basis4, gram_schmidt),
    (checks.check_gs_basis4, course_gs_basis),
    (checks.check_gs_basis, gram_schmidt),
    (checks.check_gs_basis, gram_schmidt_modified),
    (checks.check_gs_basis, course_gs_basis),
    (checks.check_dimensions, dimensions),
    (checks.check_dimensions, course_dimensions),
    (checks.check_build_reflection_matrix, reflection_matrix),
    (checks.check_build_reflection_matrix, course_reflection),
    (checks.check_page_rank, checks._course_page_rank),
    (checks.check_page_rank, course_page_rank_loop),
    # An exact eigenvector passes too: the tolerance covers the course's stopping rule.
    (checks.check_page_rank, lambda L, d: 100 * pagerank(L, d, tol=1e-14)),
    *[(check, lambda A, k=k: _fix_row(A, k)) for k, check in enumerate(FIXES)],
]


@pytest.mark.parametrize("check, function", PASSING)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_right_answers_pass_every_case(check, function, seed: int) -> None:
    report = check(function, seed=seed)
    assert report.passed, str(report)


def _classical_without_threshold(A):
    # Forgets to zero dependent columns: they become normalised rounding noise.
    B = np.array(A, dtype=float)
    for i in range(B.shape[1]):
        B[:, i] -= B[:, :i] @ (B[:, :i].T @ B[:, i])
        B[:, i] /= np.linalg.norm(B[:, i])
    return B


BROKEN = [
    (checks.check_is_singular, lambda A: False, "the course's matrix A"),
    (checks.check_gs_basis4, lambda A: A / np.linalg.norm(A, axis=0), "the course's matrix V"),
    (checks.check_gs_basis, _classical_without_threshold, "the course's 3 x 5 matrix B"),
    (checks.check_dimensions, lambda A: A.shape[1], "the course's 3 x 5 matrix B"),
    (checks.check_build_reflection_matrix,
     lambda E: E @ np.diag([1.0, -1.0]) @ np.linalg.inv(E), "the course's bear basis"),
    (checks.check_page_rank, lambda L, d: course_page_rank_loop(L, d) / 100,
     "the course's micro-internet at d = 0.5"),
    (checks.check_fix_row_zero, lambda A: A, "the course's matrix B"),
    (checks.check_fix_row_two, lambda A: A, "the course's matrix B"),
]


@pytest.mark.parametrize("check, function, first", BROKEN)
def test_a_broken_function_fails_and_the_report_names_the_case(check, function, first) -> None:
    report = check(function)
    assert not report.passed
    text = str(report)
    assert report.failures[0].case.description.startswith(first)
    assert f"1. {first}" in text
    assert "expected:" in text and "got:" in text and "problem:" in text


def test_an_exception_names_the_case_too() -> None:
    def crashes(A):
        raise IndexError("index 4 is out of bounds")

    report = checks.check_gs_basis(crashes)
    assert len(report.failures) == len(report.cases)
    assert "raised IndexError: index 4 is out of bounds" in str(report)


def test_the_course_cases_come_first_with_their_known_answers() -> None:
    report = checks.check_dimensions(dimensions, n_random=0)
    assert [case.expected for case in report.cases] == [4.0, 3.0, 3.0, 2.0]
    report = checks.check_is_singular(is_singular, n_random=0)
    assert [case.expected for case in report.cases] == [True, False]
    B = checks.check_gs_basis(gram_schmidt, n_random=0).cases[2]
    np.testing.assert_array_equal(B.expected[:, 3:], 0.0)


def test_the_course_page_rank_convention_sums_to_100() -> None:
    r = checks._course_page_rank(checks.seven_page_web(), 0.5)
    assert r.sum() == pytest.approx(100.0)
    np.testing.assert_allclose(r, course_page_rank_loop(checks.seven_page_web(), 0.5),
                               atol=1e-12)


def test_bad_arguments_are_refused_with_a_message() -> None:
    with pytest.raises(TypeError, match="gsBasis must be your function"):
        checks.check_gs_basis(None)
    with pytest.raises(ValueError, match="n_random must be between 0 and 1000"):
        checks.check_page_rank(checks._course_page_rank, n_random=-1)
    with pytest.raises(TypeError, match="seed must be an integer seed"):
        checks.check_is_singular(is_singular, seed="zero")


# --- the chapters' "Check your own solution" tables are the checkers' cases -------------

CHAPTERS = Path(__file__).resolve().parents[1] / "book" / "linear_algebra"
_TABLE = re.compile(r"^% checker: (\w+)\n((?:\|.*\n)+)", re.MULTILINE)
_NAMES = {"np": np, "micro_internet": micro_internet, "seven_page_web": checks.seven_page_web}


def _course_tables() -> list[tuple[str, str, list[list[str]]]]:
    tables = []
    for path in sorted(CHAPTERS.glob("*.md")):
        for name, table in _TABLE.findall(path.read_text(encoding="utf-8")):
            rows = [line.strip().strip("|").split("|") for line in table.strip().splitlines()]
            tables.append((path.stem, name, [[cell.strip() for cell in row] for row in rows[2:]]))
    return tables


def test_every_assignment_chapter_has_its_tables() -> None:
    found = {(chapter, name) for chapter, name, _ in _course_tables()}
    assert found >= {
        ("special_matrices", "check_is_singular"),
        ("gram_schmidt", "check_gs_basis"),
        ("gram_schmidt", "check_dimensions"),
        ("reflecting_a_bear", "check_build_reflection_matrix"),
        ("pagerank", "check_page_rank"),
    }


@pytest.mark.parametrize("chapter, name, rows", _course_tables())
def test_a_course_case_table_lists_exactly_the_checkers_course_cases(chapter, name, rows) -> None:
    report = getattr(checks, name)(lambda *args: None, n_random=0)
    cases = {case.description: case for case in report.cases}
    assert sorted(row[0] for row in rows) == sorted(cases), f"{chapter}: the cases differ"
    for row in rows:
        case = cases[row[0]]
        for cell, (argument, value) in zip(row[1:], case.inputs.items(), strict=False):
            typed = eval(cell.strip("`"), dict(_NAMES))  # the chapter's own literal
            assert np.array_equal(np.asarray(typed, dtype=float), np.asarray(value, dtype=float)), (
                f"{chapter}: {row[0]}: {argument} in the table is not the checker's"
            )


def test_the_row_fix_cases_number_rows_from_0_as_the_course_functions_do() -> None:
    first = [
        check(lambda A: A, n_random=0).cases[0].description for check in FIXES
    ]
    assert first == [
        "the course's matrix B",
        "the course's matrix B, row 0 already fixed",
        "the course's matrix B, rows 0 to 1 already fixed",
        "the course's matrix B, rows 0 to 2 already fixed",
    ]
    # The state handed to fixRowTwo has exactly rows 0 and 1 in echelon form.
    state = checks.check_fix_row_two(lambda A: A, n_random=0).cases[0].inputs["A"]
    np.testing.assert_array_equal(state[2:], checks.SPECIAL_B[2:])
    assert state[0, 0] == 1.0 and state[1, 0] == 0.0 and state[1, 1] == 1.0
