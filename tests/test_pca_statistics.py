"""Tests of mmlbook.pca.statistics: mean, covariance, correlation and affine maps."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mmlbook.pca import affine_covariance, affine_mean, corr, cov, mean

# Entries are 0 or at least 1e-100 in magnitude: data whose every entry is smaller have a
# covariance below the range of floats, which is refused (tested below).
finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False).filter(
    lambda v: v == 0.0 or abs(v) >= 1e-100
)


def data_matrices(max_n=12, max_d=5):
    shapes = st.tuples(st.integers(1, max_n), st.integers(1, max_d))
    return shapes.flatmap(lambda shape: arrays(np.float64, shape, elements=finite))


def test_mean_and_cov_by_hand():
    X = np.array([[1.0, 0.0], [3.0, 2.0], [2.0, 4.0]])
    # mean (2, 2); deviations (-1,-2), (1,0), (0,2)
    np.testing.assert_allclose(mean(X), [2.0, 2.0])
    expected = np.array([[2.0, 2.0], [2.0, 8.0]]) / 3.0
    np.testing.assert_allclose(cov(X), expected)


def test_cov_of_a_single_point_is_zero():
    np.testing.assert_array_equal(cov([[1.0, 2.0, 3.0]]), np.zeros((3, 3)))


@pytest.mark.parametrize("scale", [2.0**-500, 1e-150, 1e150, 2.0**510])
def test_cov_at_the_ends_of_the_range_is_that_of_the_rescaled_data(scale):
    X = np.array([[1.0, 0.0], [3.0, 2.0], [2.0, 4.0]])
    expected = np.array([[2.0, 2.0], [2.0, 8.0]]) / 3.0 * scale**2
    np.testing.assert_allclose(cov(X * scale), expected, rtol=1e-14)
    # Constant data at any scale have covariance zero, though the mean is rounded.
    np.testing.assert_array_equal(cov(np.full((3, 2), 1.48838528e-266)), np.zeros((2, 2)))


@pytest.mark.parametrize(
    ("X", "message"),
    [(np.array([[1e-200], [0.0]]), r"the covariance of X is below the range of float64"),
     (np.array([[1e200], [0.0]]), r"the covariance of X is beyond the range of float64")],
)
def test_cov_out_of_the_range_of_floats_is_refused(X, message):
    with pytest.raises(ValueError, match=message):
        cov(X)


def test_affine_covariance_out_of_the_range_of_floats_is_refused():
    S = np.array([[2.0, 0.5], [0.5, 1.0]])
    A = np.array([[1.0, 2.0]])
    assert affine_covariance(S, A * 1e150, [0.0])[0, 0] == pytest.approx(8.0 * 1e300)
    with pytest.raises(ValueError, match="A S Aᵀ is beyond the range of float64"):
        affine_covariance(S, A * 1e160, [0.0])
    with pytest.raises(ValueError, match="A S Aᵀ is below the range of float64"):
        affine_covariance(S, A * 1e-160, [0.0])


@settings(max_examples=60, deadline=None)
@given(data_matrices())
def test_against_numpy(X):
    np.testing.assert_allclose(mean(X), np.mean(X, axis=0), rtol=1e-12, atol=1e-9)
    # Variables as rows: numpy < 2.1 reads a one-row X as one variable whatever rowvar says.
    reference = np.atleast_2d(np.cov(X.T, bias=True))
    scale = max(1.0, float(np.abs(X).max()) ** 2)
    np.testing.assert_allclose(cov(X), reference, rtol=1e-9, atol=1e-9 * scale)


@settings(max_examples=60, deadline=None)
@given(data_matrices())
def test_cov_is_symmetric_and_positive_semidefinite(X):
    S = cov(X)
    np.testing.assert_array_equal(S, S.T)
    scale = max(1.0, float(np.abs(X).max()) ** 2)
    assert np.linalg.eigvalsh(S).min() >= -1e-9 * scale


@settings(max_examples=40, deadline=None)
@given(
    data_matrices(max_d=3),
    st.integers(1, 4),
    st.integers(0, 2**32 - 1),
)
def test_affine_identities_match_mapping_the_data(X, m, seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(m, X.shape[1]))
    b = rng.normal(size=m)
    Y = X @ A.T + b
    scale = max(1.0, float(np.abs(X).max()))
    np.testing.assert_allclose(affine_mean(mean(X), A, b), mean(Y), rtol=1e-9, atol=1e-9 * scale)
    np.testing.assert_allclose(
        affine_covariance(cov(X), A, b), cov(Y), rtol=1e-8, atol=1e-8 * scale**2
    )


def test_affine_by_hand():
    A = np.array([[1.0, 1.0], [0.0, 2.0]])
    b = np.array([10.0, -1.0])
    np.testing.assert_allclose(affine_mean([1.0, 2.0], A, b), [13.0, 3.0])
    S = np.diag([1.0, 4.0])
    # A S Aᵀ = [[1+4, 8], [8, 16]]
    np.testing.assert_allclose(affine_covariance(S, A, b), [[5.0, 8.0], [8.0, 16.0]])


def test_affine_covariance_is_exactly_symmetric():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(50, 4))
    A = rng.normal(size=(4, 4))
    result = affine_covariance(cov(X), A, np.zeros(4))
    np.testing.assert_array_equal(result, result.T)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: mean([1.0, 2.0]), ValueError, "X must be a 2-D array"),
        (lambda: mean(np.zeros((0, 3))), ValueError, "X must have at least 1"),
        (lambda: cov([[1.0, np.nan]]), ValueError, "X must contain only finite"),
        (lambda: cov([["a", "b"]]), TypeError, "X must be an array of real numbers"),
        (lambda: cov(None), TypeError, "X must be an array of real numbers"),
        (
            lambda: affine_mean([1.0, 2.0], np.eye(3), np.zeros(3)),
            ValueError,
            "A must have 2 columns to match mean of length 2",
        ),
        (
            lambda: affine_mean([1.0, 2.0], np.eye(2), np.zeros(3)),
            ValueError,
            r"b must have shape \(2,\)",
        ),
        (
            lambda: affine_mean([[1.0, 2.0]], np.eye(2), np.zeros(2)),
            ValueError,
            "mean must be a 1-D",
        ),
        (
            lambda: affine_covariance(np.ones((2, 3)), np.eye(2), np.zeros(2)),
            ValueError,
            "S must be a square",
        ),
        (
            lambda: affine_covariance([[1.0, 2.0], [0.0, 1.0]], np.eye(2), np.zeros(2)),
            ValueError,
            "S must be symmetric",
        ),
        (
            lambda: affine_covariance(np.eye(2), np.eye(2), [np.inf, 0.0]),
            ValueError,
            "b must contain only finite",
        ),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 30), st.integers(1, 6))
def test_corr_against_numpy(seed, n, d):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.1, 10.0, size=d) + rng.normal(size=d)
    R = corr(X)
    np.testing.assert_allclose(R, np.atleast_2d(np.corrcoef(X, rowvar=False)), atol=1e-12)
    np.testing.assert_array_equal(np.diag(R), 1.0)
    assert np.all(np.abs(R) <= 1.0)


def test_corr_by_hand_and_under_rescaling():
    # y = 2x + 1 exactly: correlation 1; -y: correlation -1; units do not matter.
    x = np.array([0.0, 1.0, 2.0, 5.0])
    X = np.column_stack([x, 2 * x + 1, -(2 * x + 1)])
    np.testing.assert_allclose(corr(X), [[1, 1, -1], [1, 1, -1], [-1, -1, 1]], atol=1e-15)
    scaled = X * [100.0, 0.01, 3.0] + [7.0, -2.0, 0.5]
    np.testing.assert_allclose(corr(scaled), corr(X), atol=1e-12)


def test_corr_refuses_constant_columns():
    with pytest.raises(ValueError, match=r"X has constant columns \(1\)"):
        corr([[0.0, 5.0], [1.0, 5.0], [2.0, 5.0]])
