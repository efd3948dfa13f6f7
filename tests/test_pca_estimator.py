"""Tests of mmlbook.pca.PCA: against scikit-learn, by hand, invariants, and bad input."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn.decomposition import PCA as SklearnPCA
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from mmlbook.pca import PCA, cov, eig, mse, pca, pca_high_dim

SOLVERS = ("auto", "covariance", "gram", "svd")


def random_data(seed, n, d, offset=3.0):
    """N × D data with well-separated variances along random orthogonal directions."""
    rng = np.random.default_rng(seed)
    scales = np.geomspace(5.0, 0.2, d)
    return offset + rng.normal(size=(n, d)) * scales @ np.linalg.qr(rng.normal(size=(d, d)))[0]


def columns_equal_up_to_sign(a, b, atol):
    """Whether each column of a is ± the same column of b."""
    signs = np.sign(np.sum(a * b, axis=0))
    np.testing.assert_allclose(a * signs, b, atol=atol)


def test_by_hand():
    # Four points on the line y = x: one direction, (1, 1)/√2, with all the variance.
    X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    model = PCA(1).fit(X)
    np.testing.assert_allclose(model.components_, [[np.sqrt(0.5), np.sqrt(0.5)]])
    np.testing.assert_array_equal(model.mean_, [1.5, 1.5])
    # Coordinates along it: ±1.5√2, ±0.5√2, so the variance is (2 · 4.5 + 2 · 0.5) / 3.
    np.testing.assert_allclose(model.transform(X)[:, 0], np.array([-3, -1, 1, 3]) / np.sqrt(2))
    np.testing.assert_allclose(model.explained_variance_, [10.0 / 3.0])
    np.testing.assert_allclose(model.explained_variance_ratio_, [1.0])
    np.testing.assert_allclose(model.singular_values_, [np.sqrt(10.0)])
    np.testing.assert_allclose(model.inverse_transform(model.transform(X)), X, atol=1e-15)
    assert (model.n_components_, model.n_features_in_, model.n_samples_) == (1, 2, 4)
    assert model.solver_ == "covariance"


def test_standardize_by_hand():
    # Feature 2 is feature 1 in other units (times 100), plus a constant third feature:
    # standardised, the first two weigh alike and the constant one not at all.
    t = np.array([-1.0, 0.0, 1.0, 2.0])
    X = np.column_stack([t, 100.0 * t, np.full(4, 7.0)])
    model = PCA(1, standardize=True).fit(X)
    np.testing.assert_allclose(model.scale_, [t.std(), 100.0 * t.std(), 1.0])
    np.testing.assert_allclose(model.components_, [[np.sqrt(0.5), np.sqrt(0.5), 0.0]], atol=1e-15)
    unscaled = PCA(1).fit(X)
    assert abs(unscaled.components_[0, 1]) > 0.9999


def test_auto_solver_follows_the_shape():
    assert PCA(2).fit(random_data(0, 20, 5)).solver_ == "covariance"
    assert PCA(2).fit(random_data(0, 5, 20)).solver_ == "gram"


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize(("n", "d", "k"), [(200, 10, 3), (50, 8, 7), (20, 60, 5), (12, 12, 11)])
def test_against_scikit_learn(solver, n, d, k):
    X = random_data(1, n, d)
    theirs = SklearnPCA(n_components=k, svd_solver="full").fit(X)
    ours = PCA(k, solver=solver).fit(X)
    np.testing.assert_allclose(ours.explained_variance_, theirs.explained_variance_, rtol=1e-9)
    np.testing.assert_allclose(
        ours.explained_variance_ratio_, theirs.explained_variance_ratio_, rtol=1e-9
    )
    np.testing.assert_allclose(ours.singular_values_, theirs.singular_values_, rtol=1e-9)
    np.testing.assert_allclose(ours.mean_, theirs.mean_, atol=1e-12)
    columns_equal_up_to_sign(ours.components_.T, theirs.components_.T, atol=1e-8)
    columns_equal_up_to_sign(ours.transform(X), theirs.transform(X), atol=1e-8)
    new = random_data(2, 7, d)
    columns_equal_up_to_sign(ours.transform(new), theirs.transform(new), atol=1e-8)
    np.testing.assert_allclose(
        ours.inverse_transform(ours.transform(new)),
        theirs.inverse_transform(theirs.transform(new)),
        atol=1e-8,
    )


@pytest.mark.parametrize("solver", SOLVERS)
def test_standardized_against_scikit_learn(solver):
    rng = np.random.default_rng(4)
    X = random_data(4, 80, 6) * rng.uniform(0.01, 100.0, size=6)
    ours = PCA(3, standardize=True, solver=solver).fit(X)
    theirs = make_pipeline(StandardScaler(), SklearnPCA(3, svd_solver="full")).fit(X)
    reference = theirs[-1]
    np.testing.assert_allclose(ours.scale_, theirs[0].scale_, rtol=1e-12)
    np.testing.assert_allclose(ours.explained_variance_, reference.explained_variance_, rtol=1e-9)
    columns_equal_up_to_sign(ours.components_.T, reference.components_.T, atol=1e-8)
    columns_equal_up_to_sign(ours.transform(X), theirs.transform(X), atol=1e-8)
    np.testing.assert_allclose(
        ours.inverse_transform(ours.transform(X)),
        theirs.inverse_transform(theirs.transform(X)),
        atol=1e-8,
    )


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(2, 30),
    st.integers(1, 30),
    st.sampled_from(SOLVERS),
    st.booleans(),
    st.data(),
)
def test_invariants(seed, n, d, solver, standardize, data):
    X = random_data(seed, n, d)
    k = data.draw(st.integers(1, min(n - 1, d)))
    model = PCA(k, standardize=standardize, solver=solver).fit(X)
    B = model.components_
    np.testing.assert_allclose(B @ B.T, np.eye(k), atol=1e-9)
    assert np.all(np.diff(model.explained_variance_) <= 1e-9 * model.explained_variance_[0])
    assert np.all(model.explained_variance_ > 0)
    assert model.explained_variance_ratio_.sum() <= 1 + 1e-9
    # The largest entry of each component is positive: the sign convention.
    assert np.all(B[np.arange(k), np.abs(B).argmax(axis=1)] > 0)
    # The coordinates of the training points are centred, and their variances (divisor
    # N - 1) are the explained variances.
    Z = model.transform(X)
    scale = float(np.abs(Z).max())
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-10 * scale)
    np.testing.assert_allclose(Z.var(axis=0, ddof=1), model.explained_variance_, rtol=1e-7)
    # Reconstruction is a projection: doing it twice changes nothing more.
    once = model.inverse_transform(Z)
    twice = model.inverse_transform(model.transform(once))
    np.testing.assert_allclose(twice, once, atol=1e-9 * float(np.abs(X).max()))
    # Every solver finds the same variances.
    other = PCA(k, standardize=standardize, solver="svd").fit(X)
    np.testing.assert_allclose(model.explained_variance_, other.explained_variance_, rtol=1e-6)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(3, 25), st.integers(2, 6), st.data())
def test_shifting_and_rescaling(seed, n, d, data):
    X = random_data(seed, n, d)
    k = data.draw(st.integers(1, min(n - 1, d)))
    values = eig(cov(X))[0]
    assume(np.all(np.abs(np.diff(values[: k + 1])) > 1e-6 * values[0]))
    model = PCA(k).fit(X)
    shift = np.random.default_rng(seed).normal(size=d) * 100.0
    shifted = PCA(k).fit(X + shift)
    np.testing.assert_allclose(shifted.components_, model.components_, atol=1e-7)
    np.testing.assert_allclose(shifted.mean_, model.mean_ + shift, atol=1e-9)
    # A power of two rescales exactly: variances by its square, components not at all.
    scaled = PCA(k).fit(X * 2.0**-500)
    np.testing.assert_allclose(scaled.explained_variance_, model.explained_variance_ * 2.0**-1000)
    np.testing.assert_allclose(scaled.components_, model.components_, atol=1e-12)
    # Standardising makes the result blind to each feature's units.
    units = np.random.default_rng(seed + 1).uniform(0.1, 10.0, size=d)
    a = PCA(k, standardize=True).fit(X)
    b = PCA(k, standardize=True).fit(X * units)
    np.testing.assert_allclose(a.explained_variance_, b.explained_variance_, rtol=1e-8)
    # (Up to sign: standardised data in 2-D have components (1, ±1)/√2, a tie of signs.)
    columns_equal_up_to_sign(a.transform(X), b.transform(X * units), atol=1e-8)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(3, 20), st.integers(1, 6), st.data())
def test_course_functions_are_the_estimator(seed, n, d, data):
    X = random_data(seed, n, d)
    k = data.draw(st.integers(1, min(n - 1, d)))
    for function, solver in ((pca, "covariance"), (pca_high_dim, "gram")):
        result = function(X, k)
        model = PCA(k, solver=solver).fit(X)
        np.testing.assert_array_equal(result.components, model.components_.T)
        np.testing.assert_array_equal(result.mean, model.mean_)
        np.testing.assert_allclose(
            result.eigenvalues, model.explained_variance_ * (n - 1) / n, rtol=1e-15
        )
        np.testing.assert_array_equal(
            result.reconstruction, model.inverse_transform(model.transform(X))
        )
        # The course's divisor N: the error is the sum of the discarded eigenvalues.
        discarded = float(np.maximum(eig(cov(X))[0][k:], 0.0).sum())
        assert mse(result.reconstruction, X) == pytest.approx(discarded, rel=1e-7, abs=1e-9)


@pytest.mark.parametrize("solver", SOLVERS)
def test_more_components_than_the_rank_are_refused_by_every_solver(solver):
    # Five points in 10-D: the centred data have rank 4.
    X = random_data(0, 5, 10)
    assert PCA(4, solver=solver).fit(X).n_components_ == 4
    with pytest.raises(ValueError, match="rank is 4"):
        PCA(5, solver=solver).fit(X)
    # Points on a line in 3-D: rank 1.
    line = np.outer(np.arange(6.0), [1.0, 2.0, 2.0])
    with pytest.raises(ValueError, match="rank is 1"):
        PCA(2, solver=solver).fit(line)


def test_the_constructor_only_stores():
    model = PCA("three", standardize="yes", solver=None)
    assert (model.n_components, model.standardize, model.solver) == ("three", "yes", None)
    assert repr(PCA(2, solver="svd")) == "PCA(n_components=2, standardize=False, solver='svd')"
    assert not hasattr(model, "components_")


#: Bad values of each constructor argument, and the error ``fit`` must raise.
BAD_PARAMETERS = [
    ("n_components", 0, ValueError),
    ("n_components", -1, ValueError),
    ("n_components", 7, ValueError),
    ("n_components", 2.0, TypeError),
    ("n_components", np.nan, TypeError),
    ("n_components", None, TypeError),
    ("n_components", "2", TypeError),
    ("n_components", True, TypeError),
    ("standardize", 1, TypeError),
    ("standardize", "False", TypeError),
    ("standardize", None, TypeError),
    ("solver", "eigh", ValueError),
    ("solver", "", ValueError),
    ("solver", None, TypeError),
    ("solver", 3, TypeError),
]


@pytest.mark.parametrize(("name", "value", "error"), BAD_PARAMETERS)
def test_fit_checks_the_parameters(name, value, error):
    parameters = {"n_components": 2, "standardize": False, "solver": "auto"} | {name: value}
    n_components = parameters.pop("n_components")
    with pytest.raises(error, match=name):
        PCA(n_components, **parameters).fit(random_data(0, 8, 6))


def test_unfitted_and_mismatched_input():
    with pytest.raises(ValueError, match="not fitted yet: call fit"):
        PCA(1).transform([[1.0, 2.0]])
    with pytest.raises(ValueError, match="not fitted yet: call fit"):
        PCA(1).inverse_transform([[1.0]])
    model = PCA(2).fit(random_data(0, 8, 3))
    with pytest.raises(ValueError, match="X must have 3 columns, one per feature"):
        model.transform(np.ones((2, 4)))
    with pytest.raises(ValueError, match="Z must have 2 columns, one per component"):
        model.inverse_transform(np.ones((2, 3)))
    with pytest.raises(ValueError, match="X must be a 2-D"):
        model.transform(np.ones(3))
    with pytest.raises(ValueError, match="X must contain only finite"):
        PCA(1).fit([[1.0, np.nan], [2.0, 3.0]])


def test_refitting_forgets_the_previous_data():
    model = PCA(2)
    first = model.fit(random_data(0, 10, 4)).components_.copy()
    model.fit(random_data(1, 10, 3))
    assert model.components_.shape == (2, 3)
    assert first.shape == (2, 4)
    again = PCA(2).fit(random_data(0, 10, 4)).components_
    np.testing.assert_array_equal(again, first)


def test_variances_out_of_range_are_refused_with_the_range():
    X = random_data(0, 10, 3)
    with pytest.raises(ValueError, match="X is out of range"):
        PCA(1).fit(X * 2.0**600)
    with pytest.raises(ValueError, match="X is out of range"):
        PCA(1).fit(X * 2.0**-600)
    # Up to the edge of the range the answer is exact.
    edge = PCA(1).fit(X * 2.0**505)
    np.testing.assert_allclose(
        edge.explained_variance_, PCA(1).fit(X).explained_variance_ * 2.0**1010
    )


# The covariance solver's product XᵀX / N − μμᵀ, and transform's XB − μB, for many points.

_MODULE = __import__("importlib").import_module("mmlbook.pca.pca")


def _always_centred(monkeypatch):
    monkeypatch.setattr(_MODULE, "_UNCENTRED_MIN_POINTS", 2**62)


@pytest.mark.parametrize("standardize", [False, True])
def test_many_points_near_the_origin_take_the_product_and_agree(monkeypatch, standardize):
    X = random_data(3, 6000, 12, offset=3.0)
    mu = X.mean(axis=0)
    product = _MODULE._uncentred_covariance(X, mu, np.ones(12))
    assert product is not None
    np.testing.assert_allclose(product, cov(X), rtol=0.0, atol=1e-12 * np.abs(cov(X)).max())
    model = PCA(5, standardize=standardize)
    Z = model.fit_transform(X)
    _always_centred(monkeypatch)
    centred = PCA(5, standardize=standardize)
    Z_centred = centred.fit_transform(X)
    np.testing.assert_allclose(model.explained_variance_, centred.explained_variance_,
                               rtol=1e-10)
    np.testing.assert_allclose(model.components_, centred.components_, atol=1e-9)
    np.testing.assert_allclose(Z, Z_centred, atol=1e-9 * np.abs(Z_centred).max())


def test_a_mean_far_from_the_origin_is_centred_first():
    # Mean 1e6, spread about 1: XᵀX / N − μμᵀ would keep only about four digits.
    X = random_data(4, 6000, 6, offset=1e6)
    assert _MODULE._uncentred_covariance(X, X.mean(axis=0), np.ones(6)) is None
    model = PCA(3).fit(X)
    reference = SklearnPCA(3, svd_solver="full").fit(X - X.mean(axis=0))
    np.testing.assert_allclose(model.explained_variance_, reference.explained_variance_,
                               rtol=1e-9)
    Z = model.transform(X)
    np.testing.assert_allclose(np.abs(Z), np.abs(reference.transform(X - X.mean(axis=0))),
                               atol=1e-8)


def test_few_points_or_squares_out_of_range_are_centred_first():
    X = random_data(5, 6000, 4)
    mu = X.mean(axis=0)
    assert _MODULE._uncentred_covariance(X[:100], X[:100].mean(axis=0), np.ones(4)) is None
    for scale in (1e140, 1e-140):  # mean squares above 2**900, or below 2**-900
        assert _MODULE._uncentred_covariance(X * scale, mu * scale, np.ones(4)) is None
        np.testing.assert_allclose(PCA(2).fit(X * scale).explained_variance_,
                                   PCA(2).fit(X).explained_variance_ * scale**2, rtol=1e-9)


def test_many_points_of_low_rank_are_refused_by_the_product():
    # 5000 points near the origin on a plane in 3-D: rank 2.
    rng = np.random.default_rng(6)
    X = 0.5 + rng.normal(size=(5000, 2)) @ np.array([[1.0, 0.0, 2.0], [0.0, 3.0, 1.0]])
    assert _MODULE._uncentred_covariance(X, X.mean(axis=0), np.ones(3)) is not None
    with pytest.raises(ValueError, match="rank is 2"):
        PCA(3).fit(X)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("method", ["fit", "fit_transform"])
def test_a_non_finite_entry_is_refused_by_the_mean(bad, method):
    # fit reads X's finiteness from its mean, which a NaN or an infinity makes non-finite.
    X = random_data(7, 50, 4)
    X[17, 2] = bad
    with pytest.raises(ValueError, match="X must contain only finite numbers"):
        getattr(PCA(2), method)(X)


def test_finite_data_whose_column_sum_overflows_are_not_refused_as_non_finite():
    # The first column's mean overflows although every entry is finite: the entry-by-entry
    # check lets it pass rather than calling it NaN or inf.
    X = np.full((4, 2), np.finfo(np.float64).max)
    X[:, 1] = [0.0, 1.0, 2.0, 4.0]
    mu = _MODULE._mean(X)
    assert mu[0] == np.inf and mu[1] == 1.75


@pytest.mark.parametrize("solver", ["covariance", "gram"])
def test_both_eigensolvers_give_the_same_components(monkeypatch, solver):
    # A matrix formed over many terms (N >= 10 D for S, D >= 10 N for K) goes to numpy's
    # eigh (all eigenpairs), others to scipy's with subset_by_index (the top k only);
    # forced onto each, the fits must agree, and with scikit-learn's full SVD.
    X = random_data(8, 800, 40) if solver == "covariance" else random_data(8, 30, 400)
    full = PCA(6, solver=solver).fit(X)
    monkeypatch.setattr(_MODULE, "_FULL_EIGH_DEPTH", 2**62)
    subset = PCA(6, solver=solver).fit(X)
    np.testing.assert_allclose(subset.explained_variance_, full.explained_variance_,
                               rtol=1e-10)
    np.testing.assert_allclose(subset.components_, full.components_, atol=1e-8)
    reference = SklearnPCA(6, svd_solver="full").fit(X)
    np.testing.assert_allclose(full.explained_variance_, reference.explained_variance_,
                               rtol=1e-9)
    np.testing.assert_allclose(np.abs(full.components_), np.abs(reference.components_),
                               atol=1e-8)


@pytest.mark.parametrize(
    "solver, n, d",
    [(solver, 40, 6) for solver in SOLVERS] + [(solver, 8, 30) for solver in SOLVERS]
    # 5000 rows span three of the blocks the errors are summed in (too many for the Gram).
    + [("covariance", 5000, 7), ("svd", 5000, 7)],
)
def test_reconstruction_errors_of_one_fit_are_those_of_a_fit_per_number_of_components(
    solver, n, d
):
    X = random_data(11, n, d)
    rank = min(n - 1, d)
    fresh = random_data(12, 25, d)
    target = fresh + np.random.default_rng(13).normal(size=fresh.shape)
    full = PCA(rank, solver=solver).fit(X)
    on_X, on_fresh = full.reconstruction_errors(X), full.reconstruction_errors(fresh, target)
    assert on_X.shape == on_fresh.shape == (rank,)
    for M in range(1, rank + 1):
        single = PCA(M, solver=solver).fit(X)
        scale = np.sum((X - X.mean(axis=0)) ** 2) / n
        assert abs(on_X[M - 1] - mse(single.inverse_transform(single.transform(X)), X)) < (
            1e-10 * scale
        )
        denoised = single.inverse_transform(single.transform(fresh))
        assert abs(on_fresh[M - 1] - mse(denoised, target)) < 1e-10 * mse(fresh, target)
    # The training error falls to zero, by the discarded variance each time.
    assert np.all(np.diff(on_X) <= 0) and on_X[-1] < 1e-10 * on_X[0]
    variances = full.explained_variance_ * (n - 1) / n
    np.testing.assert_allclose(on_X[:-1], np.cumsum(variances[::-1])[::-1][1:], rtol=1e-9)


def test_reconstruction_errors_refuse_what_they_cannot_answer():
    X = random_data(3, 20, 4)
    with pytest.raises(ValueError, match="not fitted"):
        PCA(2).reconstruction_errors(X)
    with pytest.raises(ValueError, match="standardize=False"):
        PCA(2, standardize=True).fit(X).reconstruction_errors(X)
    model = PCA(2).fit(X)
    with pytest.raises(ValueError, match="X must have 4 columns"):
        model.reconstruction_errors(X[:, :3])
    with pytest.raises(ValueError, match="target must have the shape of X"):
        model.reconstruction_errors(X, target=X[:5])
    with pytest.raises(TypeError, match="target"):
        model.reconstruction_errors(X, target="clean")
    with pytest.raises(ValueError, match="out of the range of float64"):
        model.reconstruction_errors(X * 1e160)
