"""PCA course: `PCA`, `pca`, `pca_high_dim` and `knn_predict` against scikit-learn.

The data are MNIST's 70,000 images of 784 pixels when ``MMLBOOK_MNIST`` names a folder
of the MNIST files (see ``mmlbook.datasets.load_images``); otherwise they are generated
here, seeded, in the same shape: low-rank images plus noise, so that nothing is
downloaded and the spectrum has a clear top. ``pca_high_dim``
is timed against ``pca`` on 500 points across D = 250, 500, 1,000, 2,000, where the
noise gives the centred data the full rank min(N − 1, D) (goal: no slower once D exceeds
N; for D up to N, reported only). At 500 × 100,000 ``pca`` cannot run at all (its
covariance matrix alone would take 80 GB), so the widest case compares ``pca_high_dim``
with scikit-learn's full SVD at 500 × 20,000 instead, reported only.
"""

from __future__ import annotations

import os

import numpy as np
from sklearn.decomposition import PCA
from sklearn.neighbors import KNeighborsClassifier

from harness import Case
from mmlbook.datasets import MNIST_VARIABLE, load_images
from mmlbook.pca import PCA as OurPCA
from mmlbook.pca import knn_predict, pca, pca_high_dim


def low_rank_images(n: int, d: int, rank: int, seed: int) -> np.ndarray:
    """N × D data: ``rank`` latent factors with a decaying scale, plus noise and an offset."""
    rng = np.random.default_rng(seed)
    scales = np.geomspace(30.0, 1.0, rank)
    factors = rng.standard_normal((n, rank)) * scales
    loadings = rng.standard_normal((rank, d)) / np.sqrt(d)
    return 40.0 + factors @ loadings * 10.0 + rng.standard_normal((n, d))


def mnist_or_generated() -> np.ndarray:
    """MNIST's 70,000 × 784 images if ``MMLBOOK_MNIST`` is set, else generated ones."""
    if os.environ.get(MNIST_VARIABLE):
        return load_images().X
    return low_rank_images(70_000, 784, rank=60, seed=0)


def clustered_points(
    n: int, d: int, n_queries: int, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Training points of ten overlapping classes, their labels, and query points."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=3.0, size=(10, d))
    labels = rng.integers(0, 10, size=n)
    train = centres[labels] + rng.normal(size=(n, d)) * 2.5
    queries = centres[rng.integers(0, 10, size=n_queries)] + rng.normal(size=(n_queries, d)) * 2.5
    return train, labels, queries


def _knn_case(name: str, train: np.ndarray, labels: np.ndarray, queries: np.ndarray) -> Case:
    # scikit-learn's fit only stores the data for brute force, so it is timed with predict.
    model = KNeighborsClassifier(n_neighbors=7, algorithm="brute")
    return Case(
        name=name,
        baseline="sklearn KNeighborsClassifier(brute)",
        ours=lambda: knn_predict(train, labels, queries, 7),
        theirs=lambda: model.fit(train, labels).predict(queries),
        goal=1.0,
        check=_check_labels,
        repeats=3,
    )


def _sklearn_pca(X: np.ndarray, k: int, solver: str = "auto") -> tuple[np.ndarray, np.ndarray]:
    model = PCA(n_components=k, svd_solver=solver)
    reconstruction = model.inverse_transform(model.fit_transform(X))
    # scikit-learn divides by N − 1; mmlbook (like the course) by N.
    n = X.shape[0]
    return reconstruction, model.explained_variance_ * (n - 1) / n


def _check_pca(ours, theirs) -> str:
    reconstruction, eigenvalues = theirs
    relative = float(np.max(np.abs(ours.eigenvalues - eigenvalues) / eigenvalues))
    assert relative <= 1e-8, f"eigenvalues differ by {relative:.1e} relative"
    recon = float(np.max(np.abs(ours.reconstruction - reconstruction)))
    assert recon <= 1e-6 * float(np.abs(reconstruction).max())
    return f"eigenvalues rel diff {relative:.1e}, reconstruction max diff {recon:.1e}"


def _check_coordinates(ours, theirs) -> str:
    # Each component, and so each column of coordinates, is defined up to its sign.
    signs = np.sign(np.sum(ours * theirs, axis=0))
    difference = float(np.max(np.abs(ours * signs - theirs)))
    assert difference <= 1e-6 * float(np.abs(theirs).max()), f"coordinates differ by {difference}"
    return f"coordinates max diff {difference:.1e} (up to sign)"


def _check_same_pca(ours, theirs) -> str:
    relative = float(np.max(np.abs(ours.eigenvalues / theirs.eigenvalues - 1.0)))
    assert relative <= 1e-8, f"eigenvalues differ by {relative:.1e} relative"
    recon = float(np.max(np.abs(ours.reconstruction - theirs.reconstruction)))
    assert recon <= 1e-6 * float(np.abs(theirs.reconstruction).max())
    return f"eigenvalues rel diff {relative:.1e}, reconstruction max diff {recon:.1e}"


def _check_labels(ours, theirs) -> str:
    mismatches = int(np.count_nonzero(ours != theirs))
    # Points tied at the k-th distance may be broken differently; allow a handful.
    assert mismatches <= 5, f"{mismatches} labels differ"
    return f"{mismatches} of {ours.size} labels differ"


def cases() -> list[Case]:
    big = mnist_or_generated()
    widths = (250, 500, 1_000, 2_000)
    wide = {d: low_rank_images(500, d, rank=60, seed=1) for d in widths}
    very_wide = low_rank_images(500, 20_000, rank=60, seed=2)

    small_train, small_labels, small_queries = clustered_points(20_000, 64, 5_000, seed=3)
    mnist_train, mnist_labels, mnist_queries = clustered_points(60_000, 784, 2_000, seed=4)

    return [
        Case(
            name="PCA.fit_transform 70000x784, k=50",
            baseline="sklearn PCA.fit_transform",
            ours=lambda: OurPCA(50).fit_transform(big),
            theirs=lambda: PCA(n_components=50).fit_transform(big),
            # Both form XᵀX − Nμμᵀ without centring here (every feature's mean is within a
            # few standard deviations of zero) and find all 784 eigenpairs with numpy.
            goal=1.0,
            check=_check_coordinates,
            repeats=3,
        ),
        Case(
            name="pca 70000x784, k=50",
            baseline="sklearn PCA (fit+transform+inverse)",
            ours=lambda: pca(big, 50),
            theirs=lambda: _sklearn_pca(big, 50),
            goal=1.0,
            check=_check_pca,
            repeats=3,
        ),
        *(
            Case(
                name=f"pca_high_dim 500x{d}, k=50",
                baseline="mmlbook pca (D x D)",
                ours=lambda X=wide[d]: pca_high_dim(X, 50),
                theirs=lambda X=wide[d]: pca(X, 50),
                # Up to D = N the Gram route has no fewer operations: reported only.
                goal=1.0 if d > 500 else None,
                check=_check_same_pca,
                repeats=3,
            )
            for d in widths
        ),
        Case(
            name="pca_high_dim 500x20000, k=50",
            baseline="sklearn PCA (full SVD)",
            ours=lambda: pca_high_dim(very_wide, 50),
            theirs=lambda: _sklearn_pca(very_wide, 50, solver="full"),
            check=_check_pca,
            repeats=2,
        ),
        _knn_case("knn_predict 20000x64, 5000 queries, k=7", small_train, small_labels,
                  small_queries),
        _knn_case("knn_predict 60000x784, 20 queries, k=7", mnist_train, mnist_labels,
                  mnist_queries[:20]),
        _knn_case("knn_predict 60000x784, 2000 queries, k=7", mnist_train, mnist_labels,
                  mnist_queries),
    ]
