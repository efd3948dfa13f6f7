"""Tests of mmlbook.linalg.gram_schmidt: orthonormal bases, blocked and textbook."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mmlbook.datasets import ill_conditioned_matrix
from mmlbook.linalg import (
    dimensions,
    gram_schmidt,
    gram_schmidt_modified,
    gram_schmidt_textbook,
)

# The module, not the function of the same name that mmlbook.linalg exports.
gs_module = importlib.import_module("mmlbook.linalg.gram_schmidt")

BOTH = [gram_schmidt, gram_schmidt_textbook, gram_schmidt_modified]




def reference_q(A: np.ndarray) -> np.ndarray:
    """Gram--Schmidt's Q from numpy's Householder QR, with R's diagonal made positive."""
    Q, R = np.linalg.qr(A)
    return Q * np.sign(np.diag(R))


# --- hand-derived cases -------------------------------------------------------------


@pytest.mark.parametrize("fn", BOTH)
def test_a_hand_computed_basis(fn) -> None:
    # v1 = (3, 4)/5; v2 = (1, 2) - (11/25)(3, 4) = (-8, 6)/25, normalised (-0.8, 0.6).
    np.testing.assert_allclose(fn([[3, 1], [4, 2]]), [[0.6, -0.8], [0.8, 0.6]])


@pytest.mark.parametrize("fn", BOTH)
def test_dependent_column_becomes_zero(fn) -> None:
    A = np.array([[1.0, 2.0, 0.0], [1.0, 2.0, 1.0], [0.0, 0.0, 1.0], [1.0, 2.0, 0.0]])
    Q = fn(A)
    np.testing.assert_array_equal(Q[:, 1], 0.0)
    np.testing.assert_allclose(Q[:, 0], np.array([1, 1, 0, 1]) / np.sqrt(3))
    # Column 3 minus its part along column 1, normalised.
    third = np.array([0.0, 1.0, 1.0, 0.0]) - np.array([1, 1, 0, 1]) / 3
    np.testing.assert_allclose(Q[:, 2], third / np.linalg.norm(third))
    assert dimensions(A) == 2


@pytest.mark.parametrize("scale", [1e-320, 1e-200, 1e200, 1e300])
def test_tiny_and_huge_numbers_give_the_same_basis(scale: float) -> None:
    A = np.array([[3.0, 1.0], [4.0, 2.0], [0.0, 1.0]])
    for fn in BOTH:
        np.testing.assert_allclose(fn(A * scale), fn(A), atol=1e-15 if scale > 1e-300 else 1e-3)


@pytest.mark.parametrize("fn", BOTH)
def test_wide_matrices_get_zero_columns_past_the_rank(fn) -> None:
    # Five vectors in R^3 (the course's B): three independent, then nothing new.
    B = np.array([[6, 2, 1, 7, 5], [2, 8, 5, -4, 1], [1, -6, 3, 2, 8]], dtype=float)
    Q = fn(B)
    np.testing.assert_array_equal(Q[:, 3:], 0.0)
    np.testing.assert_allclose(Q[:, :3], reference_q(B[:, :3]), atol=1e-12)
    assert dimensions(B) == 3


@pytest.mark.parametrize("shape", [(3, 200), (50, 300), (130, 140)])
def test_wide_blocks_match_numpy_on_the_independent_columns(shape) -> None:
    A = np.random.default_rng(shape[1]).standard_normal(shape)
    rank = min(shape)
    Q = gram_schmidt(A)
    np.testing.assert_allclose(Q[:, :rank], reference_q(A[:, :rank]), atol=1e-9)
    np.testing.assert_array_equal(Q[:, rank:], 0.0)
    assert dimensions(A) == np.linalg.matrix_rank(A) == rank


def test_modified_loses_orthogonality_like_eps_kappa() -> None:
    A = ill_conditioned_matrix(200, 40, 1e10, seed=5)
    loss = lambda Q: np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1]))  # noqa: E731
    eps = np.finfo(float).eps
    # Classical drifts like eps kappa^2 (far beyond 1e-2 here); modified like eps kappa.
    assert loss(gram_schmidt_modified(A)) < 100 * eps * 1e10
    assert loss(gram_schmidt_textbook(A)) > 1e-2 > loss(gram_schmidt_modified(A))


def test_zero_matrix_has_dimension_zero() -> None:
    np.testing.assert_array_equal(gram_schmidt(np.zeros((4, 3))), 0.0)
    assert dimensions(np.zeros((4, 3))) == 0


def test_classical_loses_orthogonality_and_reorthogonalising_restores_it() -> None:
    A = ill_conditioned_matrix(200, 60, 1e10, seed=3)
    eye = np.eye(60)
    classical = np.linalg.norm(gram_schmidt_textbook(A).T @ gram_schmidt_textbook(A) - eye)
    twice = gram_schmidt_textbook(A, reorthogonalise=True)
    assert classical > 1e-3
    assert np.linalg.norm(twice.T @ twice - eye) < 1e-13


# --- against numpy ------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(7, 7), (50, 20), (300, 130), (200, 200)])
def test_matches_numpy_qr(shape: tuple[int, int]) -> None:
    A = np.random.default_rng(sum(shape)).standard_normal(shape)
    np.testing.assert_allclose(gram_schmidt(A), reference_q(A), atol=1e-11)
    np.testing.assert_allclose(
        gram_schmidt_textbook(A, reorthogonalise=True), reference_q(A), atol=1e-11
    )


@pytest.mark.parametrize("condition", [1e4, 1e8, 1e12])
def test_blocked_version_stays_orthogonal_on_ill_conditioned_input(condition: float) -> None:
    A = ill_conditioned_matrix(600, 200, condition, seed=int(np.log10(condition)))
    Q = gram_schmidt(A)
    assert np.linalg.norm(Q.T @ Q - np.eye(200)) < 1e-12
    # It spans the same nested subspaces: Q^T A is upper triangular.
    R = Q.T @ A
    assert np.abs(np.tril(R, -1)).max() < 1e-12 * np.abs(R).max() * condition


@pytest.mark.parametrize("rank", [1, 37, 70, 99])
def test_dimension_matches_numpy_rank(rank: int) -> None:
    rng = np.random.default_rng(rank)
    A = rng.standard_normal((150, rank)) @ rng.standard_normal((rank, 100))
    assert dimensions(A) == np.linalg.matrix_rank(A) == rank
    Q = gram_schmidt(A)
    kept = np.any(Q != 0, axis=0)
    np.testing.assert_allclose(Q[:, kept].T @ Q[:, kept], np.eye(rank), atol=1e-12)


def test_dependent_columns_inside_a_block_take_the_careful_path() -> None:
    rng = np.random.default_rng(0)
    A = rng.standard_normal((300, 150))
    A[:, 100] = A[:, 3] - 2 * A[:, 90]  # dependent, in the middle of a block
    Q = gram_schmidt(A)
    np.testing.assert_array_equal(Q[:, 100], 0.0)
    keep = np.r_[0:100, 101:150]
    np.testing.assert_allclose(Q[:, keep], reference_q(A[:, keep]), atol=1e-11)


@pytest.mark.parametrize(
    ("condition", "householder"), [(1e3, False), (1e5, False), (1e6, True), (1e8, True)]
)
def test_a_block_on_either_side_of_the_cholesky_limit(
    monkeypatch, condition: float, householder: bool
) -> None:
    # One block of 128 columns: up to a condition near 1e5 its first pass is a
    # Cholesky QR, beyond it Householder; both must give numpy's Q and stay orthogonal.
    A = ill_conditioned_matrix(1000, 128, condition, seed=3)
    calls = []
    dgeqrt = gs_module.scipy.linalg.lapack.dgeqrt
    monkeypatch.setattr(
        gs_module.scipy.linalg.lapack, "dgeqrt", lambda *args: calls.append(1) or dgeqrt(*args)
    )
    Q = gram_schmidt(A)
    assert bool(calls) == householder
    assert np.linalg.norm(Q.T @ Q - np.eye(128)) < 1e-13
    # Q is determined by the data only to about eps * condition.
    np.testing.assert_allclose(Q, reference_q(A), atol=1e-14 * condition)


def test_block_size_does_not_change_the_result(monkeypatch) -> None:
    A = ill_conditioned_matrix(300, 150, 1e6, seed=5)
    expected = gram_schmidt(A)
    monkeypatch.setattr(gs_module, "_BLOCK", 7)
    # Q is determined by the data only to about eps * condition = 2e-10.
    np.testing.assert_allclose(gram_schmidt(A), expected, atol=1e-9)


# --- properties ---------------------------------------------------------------------


def any_matrices():
    return st.tuples(st.integers(1, 12), st.integers(1, 12)).flatmap(
        lambda mn: arrays(
            np.float64,
            mn,
            elements=st.floats(-100, 100, allow_nan=False, width=64),
        )
    )


@settings(max_examples=80, deadline=None)
@given(any_matrices())
def test_nonzero_columns_are_orthonormal_and_span_in_order(A: np.ndarray) -> None:
    Q = gram_schmidt(A)
    assert Q.shape == A.shape
    assert np.all(np.isfinite(Q))
    kept = np.any(Q != 0, axis=0)
    np.testing.assert_allclose(Q[:, kept].T @ Q[:, kept], np.eye(kept.sum()), atol=1e-10)
    # Column k of A lies in the span of the first k columns of Q.
    coefficients = np.triu(Q.T @ A)
    np.testing.assert_allclose(
        Q @ coefficients, A, atol=1e-8 * max(1.0, float(np.abs(A).max()))
    )
    # No more basis vectors than the space has dimensions.
    assert kept.sum() <= min(A.shape)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 10), st.integers(0, 5), st.integers(0, 2**32 - 1))
def test_independent_columns_give_an_orthogonal_basis(n: int, extra: int, seed: int) -> None:
    A = np.random.default_rng(seed).standard_normal((n + extra, n))
    Q = gram_schmidt(A)
    np.testing.assert_allclose(Q.T @ Q, np.eye(n), atol=1e-12)
    assert dimensions(A) == n


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 8), st.integers(1, 10), st.integers(0, 2**32 - 1))
def test_the_course_loop_agrees_with_the_blocked_one(m: int, n: int, seed: int) -> None:
    # Independent columns only (at most m of them): projecting once, the loop leaves
    # about eps * cond behind in a *dependent* column, which with cond near 1e3 exceeds
    # the max(m, n) * eps tolerance, so there the loop may keep a column of rounding
    # noise that the blocked version drops (seed 21 of numpy's generator at 3 x 8 does).
    A = np.random.default_rng(seed).standard_normal((m, min(m, n)))
    assume(np.linalg.cond(A) < 1e3)
    np.testing.assert_allclose(gram_schmidt_modified(A), gram_schmidt(A), atol=1e-9)


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize("fn", [*BOTH, dimensions])
def test_bad_input_is_refused_with_a_message(fn) -> None:
    with pytest.raises(ValueError, match="A must contain only finite"):
        fn([[1.0, np.inf], [0.0, 1.0]])
    with pytest.raises(TypeError, match="A must be an array of real numbers"):
        fn([[1 + 2j, 0], [0, 1]])
    with pytest.raises(ValueError, match="A must be a 2-D array"):
        fn([1.0, 2.0])
    with pytest.raises(ValueError, match="tol must be >= 0"):
        fn(np.eye(2), tol=-1e-3)


def test_ill_conditioned_matrix_has_the_condition_asked_for() -> None:
    A = ill_conditioned_matrix(120, 30, 1e8, seed=2)
    singular = np.linalg.svd(A, compute_uv=False)
    np.testing.assert_allclose([singular[0], singular[-1]], [1.0, 1e-8], rtol=1e-6)
    with pytest.raises(ValueError, match="n must be at most 3"):
        ill_conditioned_matrix(3, 4, 10.0)
    with pytest.raises(ValueError, match="condition must be >= 1"):
        ill_conditioned_matrix(4, 3, 0.5)
    with pytest.raises(ValueError, match="m \\* n must be at most 100_000_000 entries"):
        ill_conditioned_matrix(2**64, 3, 10.0)


@pytest.mark.parametrize("flag", [1, "False", None, np.array([True])])
def test_reorthogonalise_must_be_a_bool(flag) -> None:
    with pytest.raises(TypeError, match="reorthogonalise must be True or False"):
        gram_schmidt_textbook(np.eye(2), reorthogonalise=flag)
