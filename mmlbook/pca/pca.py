"""Principal component analysis: the projection that keeps the most variance."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
import scipy.linalg

from mmlbook._validation import as_float_array, as_square_matrix, check_positive_int

__all__ = ["PCAResult", "eig", "mse", "normalize", "pca", "pca_high_dim"]

#: How many rows of centred data ``pca`` makes at a time.
_BLOCK_ROWS = 2048


class PCAResult(NamedTuple):
    """What :func:`pca` and :func:`pca_high_dim` return, as a named 4-tuple.

    Its fields, in order:

    - ``reconstruction``, shape (N, D): each data point projected onto the principal
      subspace, in the original coordinates;
    - ``mean``, shape (D,): the mean of the data, subtracted before and added back after
      projecting;
    - ``eigenvalues``, shape (k,): the variances along the principal components
      (eigenvalues of the covariance matrix with divisor N), largest first;
    - ``components``, shape (D, k): the principal components, orthonormal, one per column.
    """

    reconstruction: np.ndarray
    mean: np.ndarray
    eigenvalues: np.ndarray
    components: np.ndarray


def _fix_signs(vectors: np.ndarray) -> np.ndarray:
    """Flip each column so that its entry of largest magnitude is positive.

    An eigenvector is only defined up to its sign; fixing the sign makes results
    reproducible across machines and lets two methods be compared column by column.
    """
    rows = np.abs(vectors).argmax(axis=0)
    signs = np.sign(vectors[rows, np.arange(vectors.shape[1])])
    return vectors * signs


def _top_eigenpairs(S: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k largest eigenvalues of symmetric ``S`` (descending) and their eigenvectors."""
    n = S.shape[0]
    # Asking LAPACK for only the k wanted eigenpairs skips the work on the others.
    values, vectors = scipy.linalg.eigh(
        S, subset_by_index=(n - k, n - 1), overwrite_a=False, check_finite=False
    )
    return values[::-1], _fix_signs(vectors[:, ::-1])


def normalize(X: Any) -> tuple[np.ndarray, np.ndarray]:
    r"""Centre a data set: subtract the mean from every row.

    Derived in :doc:`/book/pca/pca`.

    Parameters
    ----------
    X : array_like of shape (N, D)
        The data, one point per row.

    Returns
    -------
    Xbar : numpy.ndarray of shape (N, D)
        The centred data, whose rows average to zero.
    mu : numpy.ndarray of shape (D,)
        The mean that was subtracted.

    Raises
    ------
    TypeError
        If ``X`` is not numeric.
    ValueError
        If ``X`` is not a non-empty 2-D array of finite numbers.

    Examples
    --------
    >>> from mmlbook.pca import normalize
    >>> Xbar, mu = normalize([[1.0, 2.0], [3.0, 4.0]])
    >>> Xbar
    array([[-1., -1.],
           [ 1.,  1.]])
    >>> mu
    array([2., 3.])
    """
    X = as_float_array(X, "X", ndim=2)
    mu = X.mean(axis=0)
    return X - mu, mu


def eig(S: Any) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues and eigenvectors of a symmetric matrix, largest eigenvalue first.

    Each eigenvector's sign is fixed so that its entry of largest magnitude is positive.
    Derived in :doc:`/book/pca/pca`.

    Parameters
    ----------
    S : array_like of shape (D, D)
        A symmetric matrix, such as a covariance matrix.

    Returns
    -------
    eigenvalues : numpy.ndarray of shape (D,)
        In descending order.
    eigenvectors : numpy.ndarray of shape (D, D)
        Orthonormal, one per column: ``eigenvectors[:, i]`` belongs to ``eigenvalues[i]``.

    Raises
    ------
    TypeError
        If ``S`` is not numeric.
    ValueError
        If ``S`` is not a finite, square, symmetric matrix.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.pca import eig
    >>> values, vectors = eig([[2.0, 1.0], [1.0, 2.0]])
    >>> values
    array([3., 1.])
    >>> np.round(vectors * 2**0.5, 12)
    array([[ 1.,  1.],
           [ 1., -1.]])
    """
    S = as_square_matrix(S, "S")
    scale = float(np.abs(S).max())
    if not np.allclose(S, S.T, rtol=0.0, atol=1e-10 * scale):
        raise ValueError("S must be symmetric: its eigenvectors are then orthogonal")
    values, vectors = np.linalg.eigh(S)
    return values[::-1], _fix_signs(vectors[:, ::-1])


def pca(X: Any, n_components: int) -> PCAResult:
    r"""Principal component analysis through the eigenvectors of the D × D covariance.

    The k principal components are the eigenvectors of :math:`S = \frac1N \bar X^\top
    \bar X` with the k largest eigenvalues; each point is projected onto their span and
    mapped back, :math:`\tilde{\mathbf{x}} = \boldsymbol\mu + BB^\top(\mathbf{x} -
    \boldsymbol\mu)`. Costs :math:`O(ND^2 + D^3)`: the method for N much larger than D.
    Derived in :doc:`/book/pca/pca`.

    Parameters
    ----------
    X : array_like of shape (N, D)
        The data, one point per row.
    n_components : int
        How many components to keep, ``1 <= n_components <= D``.

    Returns
    -------
    PCAResult
        ``(reconstruction, mean, eigenvalues, components)`` of shapes (N, D), (D,),
        (k,), (D, k). Eigenvalues that rounding makes slightly negative are returned
        as 0, since a variance cannot be negative.

    Raises
    ------
    TypeError
        If ``X`` is not numeric or ``n_components`` is not an integer.
    ValueError
        If ``X`` is not a non-empty 2-D array of finite numbers, or ``n_components``
        is out of range.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.pca import pca
    >>> X = np.array([[0.0, 0.0], [2.0, 2.0], [4.0, 4.0]])
    >>> result = pca(X, n_components=1)
    >>> np.allclose(result.reconstruction, X)
    True
    >>> result.eigenvalues
    array([5.33333333])
    """
    X = as_float_array(X, "X", ndim=2)
    n_points, dimension = X.shape
    k = check_positive_int(n_components, "n_components", maximum=dimension)
    mu = X.mean(axis=0)
    # The centred data X̄ are needed twice, for S = X̄ᵀX̄/N and for the projection. They
    # are made a block of rows at a time, so that a second N × D array never exists.
    blocks = [slice(start, start + _BLOCK_ROWS) for start in range(0, n_points, _BLOCK_ROWS)]
    S = np.zeros((dimension, dimension))
    for rows in blocks:
        Xbar = X[rows] - mu
        S += Xbar.T @ Xbar
    S /= n_points
    eigenvalues, B = _top_eigenpairs(S, k)
    reconstruction = np.empty_like(X)
    for rows in blocks:
        Xbar = X[rows] - mu
        np.matmul(Xbar @ B, B.T, out=reconstruction[rows])
        reconstruction[rows] += mu
    return PCAResult(reconstruction, mu, np.maximum(eigenvalues, 0.0), B)


def pca_high_dim(X: Any, n_components: int) -> PCAResult:
    r"""Principal component analysis through the N × N Gram matrix, for N much less than D.

    If :math:`\frac1N \bar X\bar X^\top \mathbf{v} = \lambda\mathbf{v}`, then
    :math:`\mathbf{b} = \bar X^\top\mathbf{v}` satisfies :math:`S\mathbf{b} = \lambda
    \mathbf{b}`: the covariance and the Gram matrix share their non-zero eigenvalues, and
    the components follow from the small N × N problem. Costs :math:`O(N^2D + N^3)`.
    Derived in :doc:`/book/pca/pca`.

    Parameters
    ----------
    X : array_like of shape (N, D)
        The data, one point per row.
    n_components : int
        How many components to keep, at least 1 and at most the rank of the centred
        data (which is below N): beyond it the components are not determined.

    Returns
    -------
    PCAResult
        ``(reconstruction, mean, eigenvalues, components)`` of shapes (N, D), (D,),
        (k,), (D, k), equal to what :func:`pca` returns.

    Raises
    ------
    TypeError
        If ``X`` is not numeric or ``n_components`` is not an integer.
    ValueError
        If ``X`` is not a non-empty 2-D array of finite numbers, or ``n_components``
        is below 1 or above the rank of the centred data.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.pca import pca, pca_high_dim
    >>> X = np.random.default_rng(0).normal(size=(5, 40))
    >>> high, low = pca_high_dim(X, 3), pca(X, 3)
    >>> np.allclose(high.eigenvalues, low.eigenvalues)
    True
    >>> np.allclose(high.reconstruction, low.reconstruction)
    True
    """
    X = as_float_array(X, "X", ndim=2)
    n_points, dimension = X.shape
    k = check_positive_int(n_components, "n_components", maximum=min(n_points, dimension))
    Xbar, mu = normalize(X)
    G = (Xbar @ Xbar.T) / n_points
    eigenvalues, V = _top_eigenpairs(G, k)
    tolerance = max(n_points, dimension) * np.finfo(float).eps * max(eigenvalues[0], 0.0)
    rank = int(np.count_nonzero(eigenvalues > tolerance))
    if rank < k:
        raise ValueError(
            f"n_components must be at most the rank of the centred data for "
            f"pca_high_dim, got {k} but the rank is {rank}: the remaining directions "
            f"carry no variance, so they are not determined by the data"
        )
    # ‖X̄ᵀv‖² = vᵀX̄X̄ᵀv = Nλ, so this scaling makes every component a unit vector.
    B = _fix_signs((Xbar.T @ V) / np.sqrt(n_points * eigenvalues))
    reconstruction = (Xbar @ B) @ B.T
    reconstruction += mu
    return PCAResult(reconstruction, mu, eigenvalues, B)


def mse(predicted: Any, actual: Any) -> float:
    r"""Mean squared reconstruction error: the average over rows of the squared row error.

    .. math:: \frac1N\sum_{n=1}^N \|\tilde{\mathbf{x}}_n - \mathbf{x}_n\|^2.

    Derived in :doc:`/book/pca/pca`.

    Parameters
    ----------
    predicted, actual : array_like of shape (N, D)
        Two data sets of the same shape, one point per row.

    Returns
    -------
    float
        The mean squared error, at least 0.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If an argument is not a 2-D array of finite numbers, or the shapes differ.

    Examples
    --------
    >>> from mmlbook.pca import mse
    >>> mse([[0.0, 0.0], [1.0, 1.0]], [[3.0, 4.0], [1.0, 1.0]])
    12.5
    """
    predicted = as_float_array(predicted, "predicted", ndim=2)
    actual = as_float_array(actual, "actual", ndim=2)
    if predicted.shape != actual.shape:
        raise ValueError(
            f"predicted and actual must have the same shape, got {predicted.shape} "
            f"and {actual.shape}"
        )
    difference = predicted - actual
    return float(np.einsum("ij,ij->", difference, difference) / actual.shape[0])
