"""Tests of mmlbook.pca.geometry: inner products, distances, angles and k-NN."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial.distance import cdist
from sklearn.neighbors import KNeighborsClassifier

import mmlbook.pca.geometry as geometry
from mmlbook.pca import (
    angle,
    distance,
    function_inner_product,
    inner_product,
    knn_predict,
    nearest_neighbors,
    norm,
    pairwise_distances,
)

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)
vectors = st.integers(1, 6).flatmap(lambda d: arrays(np.float64, d, elements=finite))


def test_by_hand():
    assert inner_product([1.0, 2.0, 3.0], [4.0, -5.0, 6.0]) == 12.0
    assert norm([1.0, 2.0, 2.0]) == 3.0
    assert distance([1.0, 2.0], [4.0, 6.0]) == 5.0
    assert angle([1.0, 0.0], [0.0, 3.0]) == pytest.approx(np.pi / 2, abs=1e-15)
    assert angle([1.0, 0.0], [-2.0, 0.0]) == pytest.approx(np.pi, abs=1e-15)
    assert angle([1.0, 1.0], [1.0, 0.0]) == pytest.approx(np.pi / 4, abs=1e-15)


def test_a_different_inner_product():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    x, y = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    # ⟨e1, e2⟩ = 1, ‖e1‖² = ‖e2‖² = 2, so cos θ = 1/2 and θ = π/3.
    assert inner_product(x, y, A) == 1.0
    assert norm(x, A) == pytest.approx(np.sqrt(2.0))
    assert distance(x, y, A) == pytest.approx(np.sqrt(2.0))  # (1, -1)ᵀA(1, -1) = 2
    assert angle(x, y, A) == pytest.approx(np.pi / 3, abs=1e-15)


@settings(max_examples=100, deadline=None)
@given(vectors)
def test_angle_of_a_vector_with_itself_is_exactly_zero(x):
    assume(np.any(x))
    assert angle(x, x) == 0.0
    assert angle(x, 2.5 * x) == pytest.approx(0.0, abs=1e-7)
    assert angle(x, -x) == pytest.approx(np.pi, abs=1e-7)
    assert distance(x, x) == 0.0


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 6).flatmap(lambda d: st.tuples(*[arrays(np.float64, d, elements=finite)] * 2))
)
def test_against_numpy(pair):
    x, y = pair
    assume(np.linalg.norm(x) > 1e-3 and np.linalg.norm(y) > 1e-3)
    cosine = np.clip(x @ y / (np.linalg.norm(x) * np.linalg.norm(y)), -1.0, 1.0)
    theta = angle(x, y)
    assert 0.0 <= theta <= np.pi
    assert np.cos(theta) == pytest.approx(cosine, abs=1e-12)
    assert distance(x, y) == pytest.approx(np.linalg.norm(x - y), rel=1e-12, abs=1e-12)
    assert angle(x, y) == angle(y, x)


def test_angle_survives_extreme_scales():
    x = np.array([1e-300, 2e-300])
    y = np.array([3e300, 1e300])
    expected = np.arccos(5.0 / np.sqrt(5.0 * 10.0))
    assert angle(x, y) == pytest.approx(expected, rel=1e-14)
    assert angle([1.0, 1e-9], [1.0, 0.0]) == pytest.approx(1e-9, rel=1e-9)


@pytest.mark.parametrize("scale", [2.0**-1015, 1e-300, 1e-160, 1e160, 1e300, 2.0**1019])
def test_lengths_and_distances_at_the_ends_of_the_range_of_doubles(scale):
    # math.hypot scales internally: an independent reference that neither overflows nor
    # underflows. Powers of ten are not exact in binary, hence the tolerance.
    x, y = np.array([3.0, 4.0, 12.0]) * scale, np.array([-1.0, 2.0, 0.5]) * scale
    assert norm(x) == pytest.approx(math.hypot(*x), rel=1e-14)
    # x - y is (4, 2, 11.5) times the scale, which may itself overflow here.
    assert distance(x, y) == pytest.approx(scale * math.hypot(4.0, 2.0, 11.5), rel=1e-14)
    A = np.diag([4.0, 1.0, 1.0])  # the length in this inner product is that of (2 x1, x2, x3)
    assert norm(x, A) == pytest.approx(math.hypot(2 * x[0], x[1], x[2]), rel=1e-14)
    D = pairwise_distances(np.array([x, y]), np.array([y]))
    np.testing.assert_allclose(D[:, 0], [distance(x, y), 0.0], rtol=1e-7, atol=0.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [(lambda: norm([1.5e308, 1.5e308]), r"the length of x is beyond the range of float64"),
     (lambda: distance([1e308, 0.0], [-1e308, 0.0]),
      r"the distance between x and y is beyond the range of float64"),
     (lambda: pairwise_distances([[1e308], [-1e308]]), r"beyond the range.*rescale X and Y")],
)
def test_lengths_out_of_the_range_of_doubles_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_lengths_of_subnormal_vectors_are_subnormal_not_refused():
    assert norm([1e-320, 0.0]) == 1e-320
    # Scaled beside the entries 1 (by 1/2), the subnormal entry loses its last bit.
    assert distance([1.11253693e-308, 1.0, 0.0], [0.0, 1.0, 0.0]) == pytest.approx(
        1.11253693e-308, rel=1e-12)
    np.testing.assert_array_equal(pairwise_distances([[5e-324], [0.0]]), [[0, 5e-324], [5e-324, 0]])


def test_scaling_changes_no_digit_of_ordinary_lengths():
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=7), rng.normal(size=7)
    assert norm(x) == np.linalg.norm(x)
    assert distance(x, y) == np.linalg.norm(x - y)
    A = np.diag(rng.uniform(0.5, 3.0, size=7))
    assert norm(x, A) == np.sqrt(x @ A @ x)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 20), st.integers(1, 20), st.integers(1, 5))
def test_pairwise_distances_against_scipy(seed, n, m, d):
    rng = np.random.default_rng(seed)
    X, Y = rng.normal(size=(n, d)), rng.normal(size=(m, d))
    np.testing.assert_allclose(pairwise_distances(X, Y), cdist(X, Y), atol=1e-7)
    D = pairwise_distances(X)
    np.testing.assert_array_equal(D, D.T)
    np.testing.assert_array_equal(np.diag(D), 0.0)
    np.testing.assert_allclose(D, cdist(X, X), atol=1e-7)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 9), st.integers(1, 4))
def test_knn_against_scikit_learn(seed, k, n_classes):
    rng = np.random.default_rng(seed)
    X_train = rng.normal(size=(60, 3))
    y_train = rng.integers(0, n_classes, size=60)
    X_query = rng.normal(size=(40, 3))
    reference = KNeighborsClassifier(n_neighbors=k, algorithm="brute")
    expected = reference.fit(X_train, y_train).predict(X_query)
    np.testing.assert_array_equal(knn_predict(X_train, y_train, X_query, k), expected)


@pytest.mark.parametrize("k", [1, 3, 8, 15])
def test_knn_against_scikit_learn_with_many_training_points(k):
    # 1000 points are padded to 1024 columns and searched group by group.
    rng = np.random.default_rng(k)
    X_train = rng.normal(size=(1000, 5))
    y_train = rng.integers(0, 6, size=1000)
    X_query = rng.normal(size=(300, 5))
    reference = KNeighborsClassifier(n_neighbors=k, algorithm="brute")
    expected = reference.fit(X_train, y_train).predict(X_query)
    np.testing.assert_array_equal(knn_predict(X_train, y_train, X_query, k), expected)


def test_knn_in_small_blocks_matches_one_block(monkeypatch):
    rng = np.random.default_rng(7)
    X_train, y_train = rng.normal(size=(300, 4)), rng.integers(0, 5, size=300)
    X_query = rng.normal(size=(101, 4))
    whole = knn_predict(X_train, y_train, X_query, 6)
    # Blocks of two queries: the scores held at once are bounded by the constant.
    monkeypatch.setattr(geometry, "KNN_BLOCK_ELEMENTS", 600)
    np.testing.assert_array_equal(knn_predict(X_train, y_train, X_query, 6), whole)


@pytest.mark.parametrize("n_queries", [5, 200])  # double precision, then single
@pytest.mark.parametrize("k", [1, 4, 9])
def test_nearest_neighbors_are_sorted_and_ties_go_to_the_smallest_index(n_queries, k):
    # Integer points: many exact ties. Sorting all distances with a stable sort is the
    # reference; it lists equally far points in index order.
    rng = np.random.default_rng(k)
    X_train = rng.integers(0, 4, size=(2000, 3)).astype(float)
    X_query = rng.integers(0, 4, size=(n_queries, 3)) + 0.5
    squared = ((X_query[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)
    expected = np.argsort(squared, axis=1, kind="stable")[:, :k]
    np.testing.assert_array_equal(nearest_neighbors(X_train, X_query, k), expected)


@pytest.mark.parametrize("k", [1, 7, 40])
def test_knn_in_single_precision_agrees_with_scikit_learn(k):
    # 4100 points (not a multiple of the group size) and 300 queries: the screened path.
    rng = np.random.default_rng(11)
    centres = rng.normal(scale=3.0, size=(6, 20))
    y_train = rng.integers(0, 6, size=4100)
    X_train = centres[y_train] + rng.normal(size=(4100, 20)) * 2.0
    X_query = centres[rng.integers(0, 6, size=300)] + rng.normal(size=(300, 20)) * 2.0
    reference = KNeighborsClassifier(n_neighbors=k, algorithm="brute")
    expected = reference.fit(X_train, y_train).predict(X_query)
    np.testing.assert_array_equal(knn_predict(X_train, y_train, X_query, k), expected)


def _knn_with_peak_memory(*args):
    """``knn_predict(*args)`` and the peak of the memory it allocated, in bytes."""
    import tracemalloc

    tracemalloc.start()
    try:
        predicted = knn_predict(*args)
        return predicted, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_knn_extra_memory_stays_below_the_training_set(monkeypatch):
    rng = np.random.default_rng(5)
    X_train = rng.normal(size=(6000, 50))
    y_train = rng.integers(0, 10, size=6000)
    X_query = rng.normal(size=(500, 50))
    monkeypatch.setattr(geometry, "KNN_BLOCK_ELEMENTS", 2**16)
    _, peak = _knn_with_peak_memory(X_train, y_train, X_query, 5)
    assert peak < X_train.nbytes


@pytest.mark.parametrize("n_queries", [40, 400])  # double precision, then single
def test_knn_blocks_of_a_small_training_set_stay_below_it(n_queries):

    # 4000 × 64 doubles take 2 MB, a quarter of the default block's 2**21 scores: the
    # blocks shrink to a quarter of the training set's bytes.
    rng = np.random.default_rng(8)
    X_train = rng.normal(size=(4000, 64))
    y_train = rng.integers(0, 10, size=4000)
    X_query = rng.normal(size=(n_queries, 64))
    predicted, peak = _knn_with_peak_memory(X_train, y_train, X_query, 7)
    assert peak < X_train.nbytes
    reference = KNeighborsClassifier(n_neighbors=7, algorithm="brute")
    expected = reference.fit(X_train, y_train).predict(X_query)
    np.testing.assert_array_equal(predicted, expected)


def _process_settings():
    import os

    from threadpoolctl import threadpool_info

    return {
        "threadpools": threadpool_info(),
        "errstate": np.geterr(),
        "bufsize": np.getbufsize(),
        "environ": dict(os.environ),
    }


@pytest.mark.parametrize("n_queries", [10, 300])  # double precision, then single
def test_knn_changes_no_process_wide_setting(monkeypatch, n_queries):
    # The settings are read before the call, inside it (while the neighbours of every
    # block are selected) and after it.
    rng = np.random.default_rng(9)
    X_train = rng.normal(size=(3000, 16))
    y_train = rng.integers(0, 4, size=3000)
    X_query = rng.normal(size=(n_queries, 16))
    before = _process_settings()
    during = []
    select = geometry._k_smallest

    def recording(*args):
        during.append(_process_settings())
        return select(*args)

    monkeypatch.setattr(geometry, "_k_smallest", recording)
    knn_predict(X_train, y_train, X_query, 5)
    after = _process_settings()
    assert during, "the search did not run"
    assert all(settings == before for settings in during)
    assert after == before


@pytest.mark.parametrize(
    ("n_train", "dimension", "per_block"),
    # D / 4 = 50 queries; then N / (32k) = 12, fewer than D / 4 = 100.
    [(20_000, 200, 50), (2000, 400, 12)],
)
def test_knn_big_blocks_stay_below_the_training_set(monkeypatch, n_train, dimension, per_block):

    # A small constant, so that the training set's shape sets the blocks.
    monkeypatch.setattr(geometry, "KNN_BLOCK_ELEMENTS", 2**10)
    assert geometry._queries_per_block(n_train, dimension, 5) == per_block
    rng = np.random.default_rng(6)
    X_train = rng.normal(size=(n_train, dimension))
    y_train = rng.integers(0, 10, size=n_train)
    X_query = rng.normal(size=(300, dimension))
    blocked, peak = _knn_with_peak_memory(X_train, y_train, X_query, 5)
    assert peak < X_train.nbytes
    monkeypatch.setattr(geometry, "KNN_BLOCK_ELEMENTS", 2**40)  # all queries at once
    np.testing.assert_array_equal(blocked, knn_predict(X_train, y_train, X_query, 5))


def test_knn_ties_go_to_the_smallest_label():
    X_train = [[-1.0], [1.0], [-2.0], [2.0]]
    # Query 0 has neighbours at distance 1 with labels 5 and 3: a 1–1 tie.
    assert knn_predict(X_train, [5, 3, 5, 3], [[0.0]], k=2).tolist() == [3]
    assert knn_predict(X_train, [5, 3, 5, 3], [[0.0]], k=4).tolist() == [3]
    assert knn_predict(X_train, ["b", "a", "b", "a"], [[0.0]], k=2).tolist() == ["a"]


def test_knn_with_k_equal_to_n_is_the_majority():
    X_train = np.arange(5.0)[:, None]
    y = [2, 2, 7, 7, 7]
    assert knn_predict(X_train, y, [[-100.0], [100.0]], k=5).tolist() == [7, 7]


def test_knn_by_hand_and_sorted_training_data():
    X_train = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0], [5.0, 5.1]])
    y_train = np.array([1, 1, 2, 2, 2])
    assert knn_predict(X_train, y_train, [[0.2, 0.2], [4.0, 4.0]], k=1).tolist() == [1, 2]
    assert knn_predict(X_train, y_train, [[0.2, 0.2]], k=3).tolist() == [1]
    assert knn_predict(X_train, y_train, [[0.2, 0.2]], k=5).tolist() == [2]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: angle([0.0, 0.0], [1.0, 0.0]), ValueError, "x must be a non-zero vector"),
        (lambda: angle([1.0, 0.0], [0.0, 0.0]), ValueError, "y must be a non-zero vector"),
        (lambda: distance([1.0], [1.0, 2.0]), ValueError, "x and y must have the same shape"),
        (lambda: distance([[1.0]], [[1.0]]), ValueError, "x must be a 1-D"),
        (lambda: inner_product([1.0], [np.nan]), ValueError, "y must contain only finite"),
        (
            lambda: inner_product([1.0, 0], [1, 0], [[1.0, 2.0], [0.0, 1.0]]),
            ValueError,
            "symmetric",
        ),
        (lambda: norm([1.0, 0.0], [[1.0, 0.0], [0.0, -1.0]]), ValueError, "positive definite"),
        (lambda: norm([1.0, 0.0], np.eye(3)), ValueError,
         r"A must have shape \(2, 2\) to match x of length 2"),
        (lambda: angle("ab", [1.0, 2.0]), TypeError, "x must be an array of real numbers"),
        (lambda: pairwise_distances(np.ones((2, 3)), np.ones((2, 2))), ValueError, "same number"),
        (lambda: knn_predict([[0.0]], [0], [[0.0]], 2), ValueError, "k must be at most 1"),
        (lambda: knn_predict([[0.0]], [0], [[0.0]], 0), ValueError, "k must be at least 1"),
        (lambda: knn_predict([[0.0]], [0], [[0.0]], 1.5), TypeError, "k must be an integer"),
        (lambda: knn_predict([[0.0]], [0.5], [[0.0]], 1), TypeError, "y_train must hold"),
        (lambda: knn_predict([[0.0]], [0, 1], [[0.0]], 1), ValueError, r"y_train must have shape"),
        (lambda: knn_predict([[0.0]], [0], [[0.0, 1.0]], 1), ValueError, "X_query must have 1"),
        (lambda: knn_predict([0.0], [0], [[0.0]], 1), ValueError, "X_train must be a 2-D"),
        (lambda: knn_predict([[np.nan]], [0], [[0.0]], 1), ValueError, "X_train must contain"),
        (lambda: knn_predict([[0.0]], [0], [[np.inf]], 1), ValueError, "X_query must contain"),
        (lambda: nearest_neighbors([[0.0]], [[0.0]], 2), ValueError, "k must be at most 1"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def _brute_force_knn(X_train, y_train, X_query, k):
    distances = ((X_query[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2)
    nearest = np.argsort(distances, axis=1, kind="stable")[:, :k]
    return np.array([np.bincount(y_train[row]).argmax() for row in nearest])


def test_knn_is_exact_where_single_precision_cannot_tell_points_apart():
    # Points 1e-3 apart, 1000 from the origin: their scores (about 3e6) differ by about
    # 1e-5, far below single precision's resolution there (about 0.2) and far above
    # double precision's (about 1e-9), so only the double-precision rescoring orders them.
    # 2000 points and 100 queries: the single-precision screen is used.
    offsets = np.arange(2000) * 1e-3
    X_train = (1000.0 + offsets)[:, None] * np.ones((1, 3))
    y_train = np.arange(2000) % 4
    X_query = np.full((100, 3), 1000.0) + (np.arange(100)[:, None] * 7.3e-3 + 1.1e-4)
    for k in (1, 3, 7):
        expected = _brute_force_knn(X_train, y_train, X_query, k)
        np.testing.assert_array_equal(knn_predict(X_train, y_train, X_query, k), expected)


@pytest.mark.parametrize("scale", [1e-200, 1e-160, 1e160, 1e290])
@pytest.mark.parametrize("n_queries", [5, 100])
def test_knn_at_the_ends_of_the_range_of_doubles(scale, n_queries):
    # Squares of these points underflow or overflow; neighbours do not depend on scale.
    rng = np.random.default_rng(3)
    X_train = rng.standard_normal((500, 4))
    X_query = rng.standard_normal((n_queries, 4))
    expected = nearest_neighbors(X_train, X_query, 6)
    np.testing.assert_array_equal(
        nearest_neighbors(X_train * scale, X_query * scale, 6), expected
    )


def test_knn_with_magnitudes_beyond_single_precision():
    rng = np.random.default_rng(7)
    X_train = rng.standard_normal((300, 4)) * 1e20
    y_train = rng.integers(0, 3, 300)
    X_query = rng.standard_normal((20, 4)) * 1e20
    expected = _brute_force_knn(X_train / 1e20, y_train, X_query / 1e20, 5)
    np.testing.assert_array_equal(knn_predict(X_train, y_train, X_query, 5), expected)


def test_function_inner_product_by_hand():
    # ∫ sin cos over a period is 0; ∫ sin² is π; ∫_0^1 t · t² = 1/4; ∫_0^1 t² · t² = 1/5.
    assert abs(function_inner_product(np.sin, np.cos, (-np.pi, np.pi))) < 1e-14
    assert function_inner_product(np.sin, np.sin, (-np.pi, np.pi)) == pytest.approx(np.pi)
    assert function_inner_product(lambda t: t, lambda t: t**2, (0, 1)) == pytest.approx(0.25)
    assert function_inner_product(np.square, np.square, (0, 1)) == pytest.approx(0.2)


@settings(max_examples=30, deadline=None)
@given(st.lists(finite, min_size=3, max_size=3), st.lists(finite, min_size=3, max_size=3))
def test_function_inner_product_of_polynomials_against_exact_integrals(p, q):
    # Polynomials of degree 2 on [-1, 2]: the integral of their product is exact.
    product = np.polynomial.Polynomial(p) * np.polynomial.Polynomial(q)
    exact = product.integ()(2.0) - product.integ()(-1.0)
    value = function_inner_product(np.polynomial.Polynomial(p), np.polynomial.Polynomial(q),
                                   (-1.0, 2.0))
    assert value == pytest.approx(exact, rel=1e-10, abs=1e-6)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: function_inner_product(1.0, np.sin, (0, 1)), TypeError, "must be callable"),
        (lambda: function_inner_product(np.sin, np.sin, (1, 0)), ValueError, "increasing"),
        (lambda: function_inner_product(np.sin, np.sin, (0, np.inf)), ValueError, "finite"),
        (lambda: function_inner_product(np.sin, np.sin, 3), TypeError, "interval must be a pair"),
        (
            lambda: function_inner_product(lambda t: 1 / t, lambda t: 1.0, (1e-300, 1)),
            ValueError,
            "did not converge",
        ),
    ],
)
def test_function_inner_product_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_an_indefinite_A_is_refused_where_cholesky_raises_no_error(monkeypatch):
    # Pyodide's WebAssembly numpy returns a factor that is not finite for a matrix that
    # is not positive definite instead of raising LinAlgError.
    monkeypatch.setattr(np.linalg, "cholesky", lambda A: np.full(np.shape(A), np.nan))
    with pytest.raises(ValueError, match="positive definite"):
        norm([1.0, 1.0], [[1.0, 0.0], [0.0, -1.0]])
