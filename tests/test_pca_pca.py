"""Tests of mmlbook.pca.pca: normalize, eig, pca, pca_high_dim and mse (PCA itself is in
test_pca_estimator.py)."""

import importlib

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn.decomposition import PCA

from mmlbook.pca import PCAResult, cov, eig, mse, normalize, pca, pca_high_dim


def random_data(seed, n, d, offset=3.0):
    rng = np.random.default_rng(seed)
    scales = np.geomspace(5.0, 0.2, d)
    return offset + rng.normal(size=(n, d)) * scales @ np.linalg.qr(rng.normal(size=(d, d)))[0]


def test_by_hand():
    # Points on the line y = x with spread along (1, 1)/√2 only.
    X = np.array([[1.0, 1.0], [3.0, 3.0], [5.0, 5.0]])
    Xbar, mu = normalize(X)
    np.testing.assert_array_equal(mu, [3.0, 3.0])
    np.testing.assert_array_equal(Xbar, [[-2.0, -2.0], [0.0, 0.0], [2.0, 2.0]])
    result = pca(X, 1)
    assert isinstance(result, PCAResult)
    # Variance along (1, 1)/√2: (8 + 0 + 8) / 3.
    np.testing.assert_allclose(result.eigenvalues, [16.0 / 3.0])
    np.testing.assert_allclose(result.components[:, 0], [np.sqrt(0.5)] * 2)
    np.testing.assert_allclose(result.reconstruction, X)
    assert mse(result.reconstruction, X) == pytest.approx(0.0, abs=1e-24)


def test_eig_by_hand_and_sign_convention():
    values, vectors = eig([[4.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 9.0]])
    np.testing.assert_array_equal(values, [9.0, 4.0, 1.0])
    np.testing.assert_array_equal(np.abs(vectors), [[0, 1, 0], [0, 0, 1], [1, 0, 0]])
    assert np.all(vectors.max(axis=0) > 0)


def test_shapes():
    X = random_data(0, 30, 6)
    for method in (pca, pca_high_dim):
        reconstruction, mean, eigenvalues, components = method(X, 4)
        assert reconstruction.shape == (30, 6)
        assert mean.shape == (6,)
        assert eigenvalues.shape == (4,)
        assert components.shape == (6, 4)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 40), st.integers(1, 8), st.data())
def test_pca_properties(seed, n, d, data):
    X = random_data(seed, n, d)
    rank = min(d, n - 1)
    k = data.draw(st.integers(1, rank))
    result = pca(X, k)
    np.testing.assert_allclose(result.components.T @ result.components, np.eye(k), atol=1e-10)
    assert np.all(np.diff(result.eigenvalues) <= 1e-12)
    values, _ = eig(cov(X))
    np.testing.assert_allclose(result.eigenvalues, values[:k], atol=1e-10)
    # The reconstruction error is the variance in the discarded directions.
    discarded = float(np.maximum(values[k:], 0.0).sum())
    assert mse(result.reconstruction, X) == pytest.approx(discarded, rel=1e-8, abs=1e-9)
    # As many components as the rank reproduce the data: they lie in that affine span.
    full = pca(X, rank)
    np.testing.assert_allclose(full.reconstruction, X, atol=1e-10)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(3, 15), st.integers(16, 60), st.data())
def test_pca_high_dim_equals_pca(seed, n, d, data):
    X = random_data(seed, n, d)
    k = data.draw(st.integers(1, n - 1))
    low, high = pca(X, k), pca_high_dim(X, k)
    gap = np.diff(eig(cov(X))[0][: k + 1])
    assume(np.all(np.abs(gap) > 1e-6))
    np.testing.assert_allclose(high.eigenvalues, low.eigenvalues, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(high.reconstruction, low.reconstruction, atol=1e-8)
    np.testing.assert_allclose(high.mean, low.mean)
    np.testing.assert_allclose(np.abs(high.components.T @ low.components), np.eye(k), atol=1e-7)


@pytest.mark.parametrize(("n", "d", "k"), [(200, 10, 3), (50, 8, 8), (20, 60, 5)])
def test_against_scikit_learn(n, d, k):
    X = random_data(1, n, d)
    model = PCA(n_components=k, svd_solver="full").fit(X)
    expected = model.inverse_transform(model.transform(X))
    method = pca_high_dim if n < d else pca
    result = method(X, k)
    np.testing.assert_allclose(
        result.eigenvalues, model.explained_variance_ * (n - 1) / n, rtol=1e-10
    )
    np.testing.assert_allclose(result.reconstruction, expected, atol=1e-9)
    np.testing.assert_allclose(
        np.abs(result.components.T @ model.components_.T), np.eye(k), atol=1e-8
    )


def test_pca_in_blocks_of_rows_matches_one_block(monkeypatch):
    # The package's name ``pca`` is the function, so fetch the module by its full name.
    module = importlib.import_module("mmlbook.pca.pca")
    X = random_data(5, 103, 7)
    whole = pca(X, 3)
    monkeypatch.setattr(module, "_BLOCK_ROWS", 10)
    blocked = pca(X, 3)
    np.testing.assert_allclose(blocked.eigenvalues, whole.eigenvalues, rtol=1e-12)
    np.testing.assert_allclose(blocked.reconstruction, whole.reconstruction, atol=1e-12)


def test_mse_by_hand():
    assert mse([[1.0, 2.0], [0.0, 0.0]], [[1.0, 0.0], [3.0, 4.0]]) == (4.0 + 25.0) / 2


@pytest.mark.parametrize("scale", [2.0**-500, 1e-150, 1e150, 2.0**510])
def test_mse_at_the_ends_of_the_range_is_that_of_the_rescaled_data(scale):
    predicted, actual = np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([[1.0, 0.0], [3.0, 4.0]])
    assert mse(predicted * scale, actual * scale) == pytest.approx(14.5 * scale**2, rel=1e-14)
    # The sum of the squares overflows, though the mean is a float: 1.44e308 < 1.8e308.
    assert mse(np.full((100, 1), 1.2e154), np.zeros((100, 1))) == pytest.approx(1.44e308)


@pytest.mark.parametrize(
    ("predicted", "message"),
    [([[1e200]], "the mean squared error is beyond the range of float64"),
     ([[1e-200]], "the mean squared error is below the range of float64")],
)
def test_mse_out_of_the_range_of_floats_is_refused(predicted, message):
    with pytest.raises(ValueError, match=message + r".*rescale predicted and actual"):
        mse(predicted, [[0.0]])


@pytest.mark.parametrize("method", [pca, pca_high_dim])
def test_more_components_than_the_rank_are_refused_by_both(method):
    # Constant data have rank 0; three points in 3-D span a plane, rank 2.
    with pytest.raises(ValueError, match="rank is 0"):
        method(np.full((5, 3), 2.0), 1)
    triangle = np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 2.0], [0.0, 3.0, 1.0]])
    with pytest.raises(ValueError, match="rank is 2"):
        method(triangle, 3)
    # Up to the rank both answer, and the two components rebuild the triangle exactly.
    np.testing.assert_allclose(method(triangle, 2).reconstruction, triangle, atol=1e-12)


def test_digit_like_data_with_blank_pixels_stop_at_their_rank():
    # Two pixels that never vary: the covariance has two zero eigenvalues.
    X = random_data(3, 50, 6)
    X[:, [0, 5]] = 0.0
    assert pca(X, 4).eigenvalues.shape == (4,)
    with pytest.raises(ValueError, match="rank is 4"):
        pca(X, 5)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: pca(np.ones((4, 3)), 4), ValueError, "n_components must be at most 3"),
        (lambda: pca(np.ones((4, 3)), 0), ValueError, "n_components must be at least 1"),
        (lambda: pca(np.ones((4, 3)), 2.0), TypeError, "n_components must be an integer"),
        (lambda: pca([1.0, 2.0], 1), ValueError, "X must be a 2-D"),
        (lambda: pca([[1.0, np.inf]], 1), ValueError, "X must contain only finite"),
        (lambda: pca_high_dim(random_data(0, 4, 10), 4), ValueError, "rank of the centred X"),
        (lambda: pca(random_data(0, 4, 10), 4), ValueError, "rank of the centred X"),
        (lambda: pca(random_data(0, 6, 3) * 1e160, 1), ValueError, "X is out of range"),
        (lambda: pca_high_dim(random_data(0, 4, 10), 5), ValueError, "at most 4"),
        (lambda: eig([[1.0, 2.0], [0.0, 1.0]]), ValueError, "S must be symmetric"),
        (lambda: eig(np.ones((2, 3))), ValueError, "S must be a square"),
        (lambda: normalize(np.ones(3)), ValueError, "X must be a 2-D"),
        (lambda: mse(np.ones((2, 2)), np.ones((2, 3))), ValueError, "same shape"),
        (lambda: mse(np.ones(2), np.ones(2)), ValueError, "predicted must be a 2-D"),
        (lambda: mse(np.ones((1, 1)), [["x"]]), TypeError, "actual must be an array of real"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
