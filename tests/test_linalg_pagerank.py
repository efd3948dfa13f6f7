"""Tests of mmlbook.linalg.pagerank and the webs of mmlbook.datasets."""

from __future__ import annotations

import importlib

import networkx as nx
import numpy as np
import pytest
import scipy.sparse
from hypothesis import given, settings
from hypothesis import strategies as st

from mmlbook.datasets import (
    MICRO_INTERNET_PAGES,
    generated_web,
    micro_internet,
    micro_internet_links,
)
from mmlbook.linalg import link_matrix, pagerank, pagerank_iterates


def damped_matrix(L: np.ndarray, damping: float) -> np.ndarray:
    """The damped matrix M, formed explicitly (an independent route to the ranks)."""
    n = L.shape[0]
    full = L.copy()
    full[:, L.sum(axis=0) == 0] = 1.0 / n
    return damping * full + (1 - damping) / n


# --- hand-derived cases -------------------------------------------------------------


def test_micro_internet_is_the_course_web() -> None:
    L = micro_internet()
    assert L.shape == (6, 6)
    np.testing.assert_allclose(L.sum(axis=0), 1.0)
    np.testing.assert_allclose(L[:, 0], [0, 1 / 3, 1 / 3, 1 / 3, 0, 0])  # A -> B, C, D
    np.testing.assert_allclose(L[:, 3], [0, 0, 1, 0, 0, 0])  # D -> C
    index = {p: i for i, p in enumerate(MICRO_INTERNET_PAGES)}
    edges = [(index[a], index[b]) for a, b in micro_internet_links()]
    np.testing.assert_allclose(link_matrix(edges), L)
    assert len(edges) == 13


def test_two_pages_with_a_dangling_one_by_hand() -> None:
    # r0 = d r1 / 2 + (1 - d)/2 and r0 + r1 = 1 give r0 = 0.4 for d = 0.5.
    np.testing.assert_allclose(pagerank([[0, 0], [1, 0]], damping=0.5), [0.4, 0.6])


def test_self_linking_page_absorbs_all_rank_without_damping() -> None:
    # Page G (index 6) links only to itself; everybody can reach it through F.
    index = {p: i for i, p in enumerate("ABCDEFG")}
    links = [(index[a], index[b]) for a, b in micro_internet_links()]
    links += [(index["F"], index["G"]), (index["G"], index["G"])]
    L = link_matrix(links)
    undamped = pagerank(L, damping=1.0, tol=1e-13, max_iter=10_000)
    assert undamped[6] == pytest.approx(1.0, abs=1e-9)
    damped = pagerank(L, damping=0.85)
    assert 0.2 < damped[6] < 0.9
    assert np.all(damped > 0)


def test_periodic_web_without_damping_does_not_converge() -> None:
    # A two-page cycle with a third page feeding it oscillates when damping is 1.
    L = link_matrix([(0, 1), (1, 0), (2, 0)])
    with pytest.raises(RuntimeError, match="did not converge"):
        pagerank(L, damping=1.0, max_iter=50)


def test_iterates_start_uniform_and_approach_pagerank() -> None:
    L = micro_internet()
    iterates = pagerank_iterates(L, damping=0.85, n_iter=100)
    assert iterates.shape == (101, 6)
    np.testing.assert_allclose(iterates[0], 1 / 6)
    np.testing.assert_allclose(iterates[-1], pagerank(L), atol=1e-10)
    np.testing.assert_allclose(iterates.sum(axis=1), 1.0)


def test_link_matrix_merges_repeats_and_keeps_silent_pages() -> None:
    L = link_matrix([(0, 1), (0, 1), (0, 2)], n_pages=4, sparse=True)
    assert scipy.sparse.issparse(L)
    expected = np.zeros((4, 4))
    expected[[1, 2], 0] = 0.5
    np.testing.assert_allclose(L.toarray(), expected)


# --- against networkx and numpy ---------------------------------------------------------


@pytest.mark.parametrize("damping", [0.5, 0.85, 0.99])
def test_micro_internet_matches_networkx_and_eig(damping: float) -> None:
    L = micro_internet()
    ours = pagerank(L, damping=damping, tol=1e-14)
    graph = nx.DiGraph(micro_internet_links())
    theirs = nx.pagerank(graph, alpha=damping, tol=1e-15, max_iter=10_000)
    np.testing.assert_allclose(ours, [theirs[p] for p in MICRO_INTERNET_PAGES], atol=1e-10)
    values, vectors = np.linalg.eig(damped_matrix(L, damping))
    principal = np.real(vectors[:, np.argmax(np.real(values))])
    np.testing.assert_allclose(ours, principal / principal.sum(), atol=1e-10)


def test_generated_web_sparse_and_dense_agree_with_networkx() -> None:
    links = generated_web(n_pages=2000, n_links=12_000, seed=4)
    sparse_L = link_matrix(links, n_pages=2000, sparse=True)
    ours_sparse = pagerank(sparse_L, tol=1e-13)
    ours_dense = pagerank(sparse_L.toarray(), tol=1e-13)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(2000))
    graph.add_edges_from(links.tolist())
    theirs = nx.pagerank(graph, tol=1e-16, max_iter=1000)
    theirs = np.array([theirs[i] for i in range(2000)])
    np.testing.assert_allclose(ours_sparse, ours_dense, atol=1e-14)
    np.testing.assert_allclose(ours_sparse, theirs, atol=1e-12)


@pytest.mark.parametrize("fmt", ["csr", "csc", "coo", "lil"])
def test_every_sparse_format_gives_the_dense_answer(fmt: str) -> None:
    L = micro_internet()
    sparse_L = scipy.sparse.csr_array(L).asformat(fmt)
    np.testing.assert_allclose(pagerank(sparse_L), pagerank(L), atol=1e-15)
    bad = L.copy()
    bad[0, 3] = 0.5  # column D now sums to 1.5
    with pytest.raises(ValueError, match="column 3 sums to 1.5"):
        pagerank(scipy.sparse.csr_array(bad).asformat(fmt))


@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_product_split_across_threads_gives_the_same_ranks(monkeypatch, fmt: str) -> None:
    module = importlib.import_module("mmlbook.linalg.pagerank")
    links = generated_web(n_pages=3001, n_links=20_000, seed=2)
    L = link_matrix(links, n_pages=3001, sparse=True).asformat(fmt)
    serial = pagerank(L, tol=1e-13)
    # Force the split, into an uneven three pieces, on any machine.
    monkeypatch.setattr(module, "_PARALLEL_MIN_LINKS", 1)
    monkeypatch.setattr(module.os, "cpu_count", lambda: 3)
    np.testing.assert_allclose(pagerank(L, tol=1e-13), serial, atol=1e-15)


# --- properties ---------------------------------------------------------------------


@st.composite
def webs(draw):
    n = draw(st.integers(1, 12))
    links = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40))
    return link_matrix(np.array(links, dtype=np.int64).reshape(-1, 2), n_pages=n)


@settings(max_examples=80, deadline=None)
@given(webs(), st.floats(0.05, 0.95))
def test_ranks_are_a_probability_vector_fixed_by_the_damped_matrix(L, damping) -> None:
    r = pagerank(L, damping=damping, tol=1e-14, max_iter=10_000)
    assert np.all(r >= 0)
    assert r.sum() == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(damped_matrix(L, damping) @ r, r, atol=1e-12)


@settings(max_examples=20, deadline=None)
@given(st.integers(5, 50), st.integers(0, 2**32 - 1))
def test_generated_web_is_reproducible_and_clean(n: int, seed: int) -> None:
    k = max(1, ((9 * n // 10) * (n - 1)) // 8)
    links = generated_web(n_pages=n, n_links=k, seed=seed)
    np.testing.assert_array_equal(links, generated_web(n_pages=n, n_links=k, seed=seed))
    assert links.shape == (k, 2)
    assert np.all(links[:, 0] != links[:, 1])
    assert np.unique(links[:, 0] * n + links[:, 1]).size == k
    assert links.min() >= 0 and links.max() < n


# --- bad input ----------------------------------------------------------------------


def test_bad_link_matrices_are_refused_with_a_message() -> None:
    with pytest.raises(ValueError, match="L must be column-stochastic.*column 1 sums to 0.5"):
        pagerank([[1.0, 0.5], [0.0, 0.0]])
    with pytest.raises(ValueError, match="L must have non-negative entries"):
        pagerank([[1.5, 0.0], [-0.5, 1.0]])
    with pytest.raises(ValueError, match="L must be a square matrix"):
        pagerank(np.ones((2, 3)) / 2)
    with pytest.raises(ValueError, match="L must contain only finite"):
        pagerank([[np.nan, 0.0], [1.0, 1.0]])
    with pytest.raises(ValueError, match="L must be column-stochastic"):
        pagerank(scipy.sparse.csr_array(np.array([[0.5, 0.0], [0.0, 1.0]])))
    with pytest.raises(ValueError, match="L must be a non-empty square matrix"):
        pagerank(scipy.sparse.csr_array((2, 3)))
    with pytest.raises(TypeError, match="L must be an array of real numbers"):
        pagerank("web")


def test_bad_numbers_are_refused_with_a_message() -> None:
    L = micro_internet()
    with pytest.raises(ValueError, match="damping must be > 0"):
        pagerank(L, damping=0.0)
    with pytest.raises(ValueError, match="damping must be <= 1"):
        pagerank(L, damping=1.2)
    with pytest.raises(TypeError, match="damping must be a real number"):
        pagerank(L, damping="0.85")
    with pytest.raises(ValueError, match="tol must be > 0"):
        pagerank(L, tol=0.0)
    with pytest.raises(TypeError, match="max_iter must be an integer"):
        pagerank(L, max_iter=10.5)
    with pytest.raises(ValueError, match="n_iter must be at least 1"):
        pagerank_iterates(L, n_iter=0)
    with pytest.raises(ValueError, match="n_iter must be at most 10000"):
        pagerank_iterates(L, n_iter=2**64)
    with pytest.raises(ValueError, match="L has 6000 pages"):
        pagerank_iterates(scipy.sparse.eye_array(6000, format="csr"))


def test_bad_links_and_webs_are_refused_with_a_message() -> None:
    with pytest.raises(TypeError, match="links must hold integer page numbers"):
        link_matrix([(0.5, 1.0)])
    with pytest.raises(ValueError, match=r"links must have shape \(k, 2\)"):
        link_matrix([(0, 1, 2)])
    with pytest.raises(ValueError, match="links must hold page numbers >= 0"):
        link_matrix([(0, -1)])
    with pytest.raises(ValueError, match="links must hold page numbers < n_pages = 2"):
        link_matrix([(0, 5)], n_pages=2)
    with pytest.raises(ValueError, match="links is empty"):
        link_matrix([])
    with pytest.raises(ValueError, match="links must be a rectangular array"):
        link_matrix([[0, 1], [1]])
    with pytest.raises(ValueError, match="n_pages must be at most 2147483647"):
        link_matrix([(0, 1)], n_pages=2**64)
    with pytest.raises(ValueError, match="links must hold page numbers < 2\\*\\*31 - 1"):
        link_matrix([(0, 2**40)])
    with pytest.raises(TypeError, match="sparse must be True or False"):
        link_matrix([(0, 1)], sparse="False")
    with pytest.raises(ValueError, match="n_pages must be at most 10000000"):
        generated_web(n_pages=2**64, n_links=5)
    with pytest.raises(ValueError, match="n_links must be at most 100000000"):
        generated_web(n_pages=10, n_links=2**40)
    with pytest.raises(ValueError, match="n_pages must be at least 2"):
        generated_web(n_pages=1, n_links=1)
    with pytest.raises(ValueError, match="n_links must be at most a quarter"):
        generated_web(n_pages=10, n_links=1000)
    with pytest.raises(TypeError, match="seed must be an integer seed or a numpy.random.Generator"):
        generated_web(n_pages=10, n_links=5, seed=1.5)
    with pytest.raises(ValueError, match="seed must be a non-negative seed"):
        generated_web(n_pages=10, n_links=5, seed=-1)


# --- the course's conventions ---------------------------------------------------------


def _course_loop(L: np.ndarray, d: float) -> tuple[np.ndarray, int]:
    """The course's power method (our own code): ranks sum to 100, 2-norm change <= 0.01."""
    n = L.shape[0]
    M = d * L + (1 - d) / n
    r, steps = np.full(n, 100 / n), 0
    while True:
        new, steps = M @ r, steps + 1
        if np.linalg.norm(new - r) <= 0.01:
            return new, steps
        r = new


@pytest.mark.parametrize("damping", [0.5, 0.85, 1.0])
def test_course_conventions_take_exactly_the_course_steps(damping: float) -> None:
    L = micro_internet()
    expected, steps = _course_loop(L, damping)
    ours = pagerank(L, damping, tol=0.01, total=100, norm=2)
    np.testing.assert_allclose(ours, expected, atol=1e-10)
    assert ours.sum() == pytest.approx(100.0)
    # One step fewer is not enough: the same stopping rule, the same last step.
    with pytest.raises(RuntimeError, match="did not converge"):
        pagerank(L, damping, tol=0.01, total=100, norm=2, max_iter=steps - 1)


def test_total_and_norm_are_checked() -> None:
    L = micro_internet()
    with pytest.raises(ValueError, match="norm must be 1 or 2"):
        pagerank(L, norm=3)
    with pytest.raises(ValueError, match="norm must be 1 or 2"):
        pagerank(L, norm=True)
    with pytest.raises(ValueError, match="total must be > 0"):
        pagerank(L, total=0)
    np.testing.assert_allclose(pagerank(L, total=100), 100 * pagerank(L), rtol=1e-9)
