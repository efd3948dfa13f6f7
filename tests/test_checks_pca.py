"""The PCA course's checkers: they pass mmlbook and independent solutions, fail broken ones
readably, and their fixed cases are right by an independent reference."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from scipy.spatial.distance import cdist
from sklearn.neighbors import KNeighborsClassifier

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


def _knn(k, X, y, x):
    return knn_predict(X, y, x[None, :], k)[0]


# mmlbook's functions in the course's conventions (week 1: D x N data; week 3: x a column).
MMLBOOK = {
    "mean": (checks.check_mean, lambda X: mean(X.T)),
    "cov": (checks.check_cov, lambda X: cov(X.T)),
    "affine_mean": (checks.check_affine_mean, affine_mean),
    "affine_covariance": (checks.check_affine_covariance, affine_covariance),
    "distance": (checks.check_distance, distance),
    "angle": (checks.check_angle, angle),
    "pairwise_distance_matrix": (checks.check_pairwise_distance_matrix, pairwise_distances),
    "KNN": (checks.check_knn, _knn),
    "projection_matrix_1d": (checks.check_projection_matrix_1d, projection_matrix_1d),
    "project_1d": (checks.check_project_1d, project_1d),
    "projection_matrix_general": (checks.check_projection_matrix_general, projection_matrix),
    "project_general": (checks.check_project_general, lambda x, B: project(np.ravel(x), B)),
}


def _knn_by_sorting(k, X, y, x):
    nearest = np.argsort(np.linalg.norm(X - x, axis=1), kind="stable")[:k]
    return int(np.bincount(y[nearest]).argmax())


# Independent solutions, written as a learner would, from numpy, scipy and scikit-learn.
INDEPENDENT = {
    "mean": lambda X: X.mean(axis=1, keepdims=True),  # the course's (D, 1) column
    "cov": lambda X: np.cov(X, bias=True).reshape(X.shape[0], X.shape[0]),
    "affine_mean": lambda mean, A, b: A @ mean + b,
    "affine_covariance": lambda S, A, b: A @ S @ A.T,
    "distance": lambda x0, x1: float(np.linalg.norm(x0 - x1)),
    "angle": lambda x0, x1: float(
        np.arccos(np.clip(x0 @ x1 / np.linalg.norm(x0) / np.linalg.norm(x1), -1, 1))
    ),
    "pairwise_distance_matrix": cdist,
    "KNN": lambda k, X, y, x: int(
        KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(X, y).predict(x[None])[0]
    ),
    "projection_matrix_1d": lambda b: np.outer(b, b) / (b @ b),
    "project_1d": lambda x, b: np.outer(b, b) @ x / (b @ b),
    "projection_matrix_general": lambda B: B @ np.linalg.pinv(B),
    "project_general": lambda x, B: B @ np.linalg.lstsq(B, x, rcond=None)[0],
}

# Typical mistakes, each of which some case must catch.
BROKEN = {
    "mean": lambda X: X.mean(axis=0),
    "cov": lambda X: np.cov(X),
    "affine_mean": lambda mean, A, b: A @ mean,
    "affine_covariance": lambda S, A, b: A @ S @ A.T + np.outer(b, b),
    "distance": lambda x0, x1: float(np.sum((x0 - x1) ** 2)),
    "angle": lambda x0, x1: float(np.degrees(INDEPENDENT["angle"](x0, x1))),
    "pairwise_distance_matrix": lambda X, Y: cdist(X, Y) ** 2,
    "KNN": lambda k, X, y, x: _knn_by_sorting(1, X, y, x),
    "projection_matrix_1d": lambda b: np.outer(b, b),
    "project_1d": lambda x, b: (b @ x) * b,
    "projection_matrix_general": lambda B: B @ B.T,
    "project_general": lambda x, B: B @ (B.T @ x),
}


@pytest.mark.parametrize("name", sorted(MMLBOOK))
def test_mmlbook_and_an_independent_solution_pass(name):
    checker, ours = MMLBOOK[name]
    for function in (ours, INDEPENDENT[name]):
        report = checker(function, n_random=25, seed=3)
        assert report.passed, str(report)
        assert len(report.cases) == len(checks.course_cases(name)) + 25


@pytest.mark.parametrize("name", sorted(MMLBOOK))
def test_a_broken_solution_fails_and_the_report_names_the_case(name):
    checker, _ = MMLBOOK[name]
    report = checker(BROKEN[name])
    assert not report.passed
    text = str(report)
    first = report.failures[0]
    assert text.startswith(f"{name} failed {len(report.failures)} of {len(report.cases)} cases.")
    assert f"1. {first.case.description}" in text
    assert "expected:" in text and "got:" in text and "problem:" in text


@pytest.mark.parametrize("name", sorted(MMLBOOK))
def test_the_fixed_cases_are_right_by_an_independent_reference(name):
    for case in checks.course_cases(name):
        got = INDEPENDENT[name](*case.inputs.values())
        np.testing.assert_allclose(np.ravel(got), np.ravel(case.expected), atol=1e-12)


def test_the_course_cases_are_labelled_by_where_they_come_from():
    for name in MMLBOOK:
        for case in checks.course_cases(name):
            assert case.description.startswith(("the course's", "hand-worked:"))


def test_a_crashing_solution_is_a_failed_case():
    def crash(b):
        raise ValueError("shapes (3,) and (1, 3) not aligned")

    report = checks.check_projection_matrix_1d(crash, n_random=2)
    assert len(report.failures) == len(report.cases)
    assert "raised ValueError: shapes (3,) and (1, 3) not aligned" in str(report)


def test_random_cases_are_seeded_and_the_count_is_checked():
    first = checks.check_cov(lambda X: cov(X.T), seed=5).cases
    again = checks.check_cov(lambda X: cov(X.T), seed=5).cases
    assert [c.description for c in first] == [c.description for c in again]
    assert all(
        np.array_equal(a.inputs["X"], b.inputs["X"]) for a, b in zip(first, again, strict=True)
    )
    assert len(checks.check_cov(lambda X: cov(X.T), n_random=0).cases) == 3
    with pytest.raises(ValueError, match="n_random must be at least 0"):
        checks.check_cov(np.cov, n_random=-1)
    with pytest.raises(TypeError, match="n_random must be an integer"):
        checks.check_cov(np.cov, n_random=2.0)
    with pytest.raises(TypeError, match="seed must be an integer"):
        checks.check_cov(np.cov, seed="0")


def test_random_knn_cases_have_no_ties():
    for case in checks.check_knn(_knn, n_random=40, seed=1).cases[3:]:
        k, X, y, x = case.inputs.values()
        distances = np.sort(np.linalg.norm(X - x, axis=1))
        assert k == len(distances) or distances[k] > distances[k - 1]
        votes = np.bincount(y[np.argsort(np.linalg.norm(X - x, axis=1))[:k]])
        assert np.count_nonzero(votes == votes.max()) == 1


def test_course_cases_names_the_functions_it_knows():
    with pytest.raises(ValueError, match="function_name must be one of"):
        checks.course_cases("projection_matrix")
    with pytest.raises(TypeError, match="function_name must be a string"):
        checks.course_cases(3)
    cases = checks.course_cases("cov")
    cases[0].inputs["X"][...] = 99.0
    assert checks.course_cases("cov")[0].inputs["X"][0, 0] == 0.0


# Week 4: PCA(X, num_components), the course's four results.


def _pca_by_numpy(X, num_components):
    """A learner's PCA from numpy alone: eigh of the covariance with divisor N."""
    mu = X.mean(axis=0)
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False, bias=True).reshape(X.shape[1], -1))
    order = np.argsort(values)[::-1][:num_components]
    B = vectors[:, order]
    return mu + (X - mu) @ B @ B.T, mu, values[order], B


def _pca_with_the_n_minus_1_divisor(X, num_components):
    reconstruction, mu, values, B = _pca_by_numpy(X, num_components)
    return reconstruction, mu, values * len(X) / (len(X) - 1), B


def _pca_uncentred(X, num_components):
    values, vectors = np.linalg.eigh(X.T @ X / len(X))
    B = vectors[:, ::-1][:, :num_components]
    return X @ B @ B.T, X.mean(axis=0), values[::-1][:num_components], B


def _pca_with_flipped_signs(X, num_components):
    reconstruction, mu, values, B = _pca_by_numpy(X, num_components)
    return reconstruction, mu, values, -B


def test_check_pca_passes_mmlbook_numpy_and_either_sign():
    for function in (pca, _pca_by_numpy, _pca_with_flipped_signs):
        report = checks.check_pca(function, n_random=25, seed=3)
        assert report.passed, str(report)
        assert len(report.cases) == len(checks.course_cases("PCA")) + 25


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (_pca_with_the_n_minus_1_divisor, "the eigenvalues: entry 0 is 8, expected 5.33333"),
        (_pca_uncentred, "the eigenvalues: entry 0 is 23.3333, expected 5.33333"),
        (lambda X, k: pca(X, k)[:3], "expected four results"),
    ],
)
def test_check_pca_fails_broken_solutions_readably(broken, problem):
    report = checks.check_pca(broken)
    assert not report.passed
    assert report.failures[0].problem.startswith(problem), report.failures[0].problem
    assert str(report).startswith(f"PCA failed {len(report.failures)} of")


def test_check_pca_fixed_cases_are_right_by_numpy():
    for case in checks.course_cases("PCA"):
        got = _pca_by_numpy(*case.inputs.values())
        for have, want in zip(got[:3], case.expected[:3], strict=True):
            np.testing.assert_allclose(have, want, atol=1e-12)
        np.testing.assert_allclose(np.abs(got[3]), np.abs(case.expected.components), atol=1e-12)
        assert case.description.startswith("hand-worked:")


def test_check_pca_random_cases_have_separated_eigenvalues():
    for case in checks.check_pca(pca, n_random=30, seed=2).cases[3:]:
        X, k = case.inputs.values()
        values = np.linalg.eigvalsh(np.cov(X, rowvar=False, bias=True).reshape(X.shape[1], -1))
        gaps = np.diff(np.sort(values)[::-1][: k + 1])
        assert np.all(np.abs(gaps) > 1e-3 * values.max())


# --- the chapters' "Check your own solution" tables list exactly the checkers' cases -------

CHAPTERS = Path(__file__).resolve().parents[1] / "book" / "pca"
_TABLE = re.compile(r"^% checker: (\w+)\n((?:\|.*\n)+)", re.MULTILINE)


def _course_tables() -> list[tuple[str, str, list[list[str]]]]:
    tables = []
    for path in sorted(CHAPTERS.glob("*.md")):
        for name, table in _TABLE.findall(path.read_text(encoding="utf-8")):
            rows = [line.strip().strip("|").split("|") for line in table.strip().splitlines()]
            tables.append((path.stem, name, [[cell.strip() for cell in row] for row in rows[2:]]))
    return tables


def test_every_pca_assignment_chapter_has_its_tables() -> None:
    found = {(chapter, name) for chapter, name, _ in _course_tables()}
    assert found >= {
        ("mean_covariance", "check_mean"),
        ("mean_covariance", "check_cov"),
        ("mean_covariance", "check_affine_mean"),
        ("mean_covariance", "check_affine_covariance"),
        ("pca", "check_pca"),
        ("distances_angles", "check_distance"),
        ("distances_angles", "check_angle"),
        ("distances_angles", "check_pairwise_distance_matrix"),
        ("distances_angles", "check_knn"),
        ("projections", "check_projection_matrix_1d"),
        ("projections", "check_project_1d"),
        ("projections", "check_projection_matrix_general"),
        ("projections", "check_project_general"),
    }


@pytest.mark.parametrize("chapter, name, rows", _course_tables())
def test_a_course_case_table_lists_exactly_the_checkers_course_cases(chapter, name, rows) -> None:
    report = getattr(checks, name)(lambda *args: None, n_random=0)
    cases = {case.description: case for case in report.cases}
    assert sorted(row[0] for row in rows) == sorted(cases), f"{chapter}: the cases differ"
    for row in rows:
        case = cases[row[0]]
        literals = [cell for cell in row[1:] if cell.startswith("`")]
        assert len(literals) == len(case.inputs), f"{chapter}: {row[0]}: one cell per input"
        for cell, (argument, value) in zip(literals, case.inputs.items(), strict=True):
            typed = eval(cell.strip("`"), {"np": np})  # the chapter's own literal
            assert np.array_equal(np.asarray(typed, dtype=float), np.asarray(value, dtype=float)), (
                f"{chapter}: {row[0]}: {argument} in the table is not the checker's"
            )
