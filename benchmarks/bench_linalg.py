"""Benchmarks of mmlbook.linalg: blocked Gram--Schmidt, sparse PageRank and elimination.

- ``gram_schmidt`` on a 2000 x 500 matrix with condition number 1e10, against
  ``numpy.linalg.qr`` (LAPACK Householder QR with Q formed); goal: ratio <= 1 while
  ``||Q^T Q - I|| < 1e-12``.
- ``pagerank`` on a generated web of 200,000 pages and 2,000,000 links, against igraph's
  ``Graph.pagerank`` (PRPACK; goal: ratio <= 1) and ``networkx.pagerank`` (goal: over 50x
  faster, ratio <= 0.02), agreeing with both to 1e-8.

- ``solve`` on a random 500 x 500 system with 10 right-hand sides, against
  ``numpy.linalg.solve`` (LAPACK's blocked LU, ``dgesv``); reported, no goal: ``solve`` is
  the readable column-by-column elimination of the chapter, agreeing to 1e-10.

Each side gets its data in its own prebuilt structure (a SciPy sparse matrix, an igraph
Graph, a networkx DiGraph), so only the computation of the ranks is timed.
"""

from __future__ import annotations

import igraph
import networkx as nx
import numpy as np

from harness import Case
from mmlbook.datasets import generated_web, ill_conditioned_matrix
from mmlbook.linalg import gram_schmidt, link_matrix, pagerank, solve

N_PAGES = 200_000
N_LINKS = 2_000_000
DAMPING = 0.85
#: The 1-norm change of the ranks in one step at which every method stops.
TOL = 1e-10


def _gram_schmidt_case() -> Case:
    A = ill_conditioned_matrix(2000, 500, 1e10, seed=0)

    def check(Q: np.ndarray, theirs: tuple[np.ndarray, np.ndarray]) -> str:
        Q_np, R_np = theirs
        loss = float(np.linalg.norm(Q.T @ Q - np.eye(Q.shape[1])))
        assert loss < 1e-12, f"||Q^T Q - I|| = {loss:.1e} is not below 1e-12"
        # Q is determined by the data only to about eps * condition = 2e-6.
        gap = float(np.abs(Q - Q_np * np.sign(np.diag(R_np))).max())
        assert gap < 1e-5, f"Q differs from numpy's by {gap:.1e}"
        return f"||QᵀQ-I|| {loss:.1e}, max |ΔQ| {gap:.1e}"

    return Case(
        name="gram_schmidt 2000x500, cond 1e10",
        baseline="numpy.linalg.qr",
        ours=lambda: gram_schmidt(A),
        theirs=lambda: np.linalg.qr(A),
        goal=1.0,
        check=check,
        repeats=10,
    )


def _agreement(ours: np.ndarray, theirs: np.ndarray) -> str:
    gap = float(np.abs(ours - theirs).max())
    assert gap <= 1e-8, f"ranks differ by {gap:.1e}"
    return f"max |Δrank| {gap:.1e}"


def _pagerank_cases() -> list[Case]:
    links = generated_web(n_pages=N_PAGES, n_links=N_LINKS, seed=0)
    L = link_matrix(links, n_pages=N_PAGES, sparse=True)
    graph_ig = igraph.Graph(n=N_PAGES, edges=links, directed=True)
    graph_nx = nx.DiGraph()
    graph_nx.add_nodes_from(range(N_PAGES))
    graph_nx.add_edges_from(links.tolist())

    def ours() -> np.ndarray:
        return pagerank(L, damping=DAMPING, tol=TOL)

    def theirs_igraph() -> np.ndarray:
        return np.asarray(graph_ig.pagerank(damping=DAMPING, directed=True))

    def theirs_networkx() -> np.ndarray:
        # networkx stops when the 1-norm change is below N * tol: the same rule as TOL.
        ranks = nx.pagerank(graph_nx, alpha=DAMPING, tol=TOL / N_PAGES, max_iter=1000)
        return np.fromiter((ranks[i] for i in range(N_PAGES)), float, N_PAGES)

    return [
        Case(
            name="pagerank 200k pages, 2M links",
            baseline="igraph Graph.pagerank (PRPACK)",
            ours=ours,
            theirs=theirs_igraph,
            goal=1.0,
            check=_agreement,
            repeats=5,
        ),
        Case(
            name="pagerank 200k pages, 2M links",
            baseline="networkx.pagerank",
            ours=ours,
            theirs=theirs_networkx,
            goal=1 / 50,
            check=_agreement,
            repeats=2,
        ),
    ]


def _solve_case() -> Case:
    rng = np.random.default_rng(0)
    A = rng.standard_normal((500, 500))
    B = rng.standard_normal((500, 10))

    def check(ours: np.ndarray, theirs: np.ndarray) -> str:
        gap = float(np.abs(ours - theirs).max() / np.abs(theirs).max())
        assert gap < 1e-10, f"the solutions differ by {gap:.1e} relative"
        return f"max relative |Δx| {gap:.1e}"

    return Case(
        name="solve 500x500, 10 right-hand sides",
        baseline="numpy.linalg.solve",
        ours=lambda: solve(A, B),
        theirs=lambda: np.linalg.solve(A, B),
        goal=None,
        check=check,
        repeats=5,
    )


def cases() -> list[Case]:
    return [_gram_schmidt_case(), *_pagerank_cases(), _solve_case()]
