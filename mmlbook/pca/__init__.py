"""PCA: statistics of data sets, inner products, projections and principal components.

- ``mmlbook.pca.statistics`` -- mean, covariance, correlation, and affine maps;
- ``mmlbook.pca.geometry`` -- inner products (of vectors and of functions), distances,
  angles, k-nearest neighbours;
- ``mmlbook.pca.projections`` -- orthogonal projections onto lines and subspaces;
- ``mmlbook.pca.pca`` -- principal component analysis, for N ≫ D and for N ≪ D.

Data matrices are N × D: one point per row.
"""

from mmlbook.pca.geometry import (
    angle,
    distance,
    function_inner_product,
    inner_product,
    knn_predict,
    nearest_neighbors,
    norm,
    pairwise_distances,
)
from mmlbook.pca.pca import PCA, PCAResult, eig, mse, normalize, pca, pca_high_dim
from mmlbook.pca.projections import (
    project,
    project_1d,
    projection_coordinates,
    projection_matrix,
    projection_matrix_1d,
)
from mmlbook.pca.statistics import affine_covariance, affine_mean, corr, cov, mean

__all__ = [
    "PCA",
    "PCAResult",
    "affine_covariance",
    "affine_mean",
    "angle",
    "corr",
    "cov",
    "distance",
    "eig",
    "function_inner_product",
    "inner_product",
    "knn_predict",
    "mean",
    "mse",
    "nearest_neighbors",
    "norm",
    "normalize",
    "pairwise_distances",
    "pca",
    "pca_high_dim",
    "project",
    "project_1d",
    "projection_coordinates",
    "projection_matrix",
    "projection_matrix_1d",
]
