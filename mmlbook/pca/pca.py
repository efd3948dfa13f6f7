"""Principal component analysis: the projection that keeps the most variance.

:class:`PCA` is the estimator, in scikit-learn's conventions; :func:`pca` and
:func:`pca_high_dim` are the course's functions, built on it, returning the course's
named 4-tuple :class:`PCAResult`.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
import scipy.linalg

from mmlbook._validation import (
    as_float_array,
    as_square_matrix,
    binary_exponent,
    check_choice,
    check_flag,
    check_positive_int,
    unscale,
)

__all__ = ["PCA", "PCAResult", "eig", "mse", "normalize", "pca", "pca_high_dim"]

#: How many rows of centred data are made at a time, so that a second N × D array of
#: centred data never exists.
_BLOCK_ROWS = 2048

#: The covariance solver forms XᵀX / N − μμᵀ, with no centred copy of the data, for at
#: least this many points (for fewer, the time it saves is small) ...
_UNCENTRED_MIN_POINTS = 4096

#: ... when every feature's mean lies within this many standard deviations of zero.
_UNCENTRED_MAX_MEAN = 3.0

#: ``transform`` computes XB − μB, with no centred copy of X, for as many points when the
#: mean lies within this many standard deviations along the last component of zero.
_UNCENTRED_MAX_MEAN_COORDINATES = 1e3

#: An n × n matrix formed by a product over at least this many times n terms has all its
#: eigenpairs found by numpy; otherwise only the wanted ones, by scipy (_top_eigenpairs).
_FULL_EIGH_DEPTH = 10

#: The solvers of :class:`PCA`, by the matrix whose eigenvectors they compute.
_SOLVERS = ("auto", "covariance", "gram", "svd")


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


def _top_eigenpairs(S: np.ndarray, k: int, depth: int) -> tuple[np.ndarray, np.ndarray]:
    """The k largest eigenvalues of symmetric ``S`` (descending) and their eigenvectors.

    ``S`` was formed by a matrix product over ``depth`` terms (N for the covariance, D
    for the Gram matrix). Asking LAPACK (scipy) for only the k wanted eigenpairs skips
    the work on the others, and that is used when the eigensolver is a large part of the
    cost. When the product cost at least ``_FULL_EIGH_DEPTH`` times more than the
    reduction to tridiagonal form (depth >= that times the size), numpy's eigh finds all
    eigenpairs instead: numpy and scipy each bring their own OpenBLAS, and right after
    numpy's product formed ``S`` its threads still spin on both cores, so scipy's solver
    came out slower there (fits of 70,000 × 784 with k = 50: 694 ms against 646 ms).
    """
    n = S.shape[0]
    if depth >= _FULL_EIGH_DEPTH * n:
        values, vectors = np.linalg.eigh(S)
        values, vectors = values[n - k :], vectors[:, n - k :]
    else:
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


def _centred_blocks(X: np.ndarray, mu: np.ndarray, factor: np.ndarray):
    """Yield ``(rows, (X[rows] - mu) * factor)`` for consecutive blocks of rows.

    Every block is written into one buffer, so each is valid only until the next one is
    made: a fresh array per block would cost the allocator (and the kernel, which hands
    out and zeroes the pages) a block's size every time.
    """
    buffer = np.empty((min(_BLOCK_ROWS, X.shape[0]), X.shape[1]))
    for start in range(0, X.shape[0], _BLOCK_ROWS):
        rows = slice(start, start + _BLOCK_ROWS)
        block = buffer[: min(_BLOCK_ROWS, X.shape[0] - start)]
        np.subtract(X[rows], mu, out=block)
        block *= factor
        yield rows, block


def _coordinates(X: np.ndarray, mu: np.ndarray, factor: np.ndarray, B: np.ndarray) -> np.ndarray:
    """``((X - mu) * factor) @ B``, a block of rows at a time."""
    Z = np.empty((X.shape[0], B.shape[1]))
    for rows, block in _centred_blocks(X, mu, factor):
        np.matmul(block, B, out=Z[rows])
    return Z


def _mean(X: np.ndarray) -> np.ndarray:
    """The mean of the rows of X, or a ValueError if an entry of X is NaN or infinite.

    A NaN or an infinity makes its column's sum NaN or infinite, so a finite mean proves
    the data finite without a pass of their own; only a mean that is not finite (a bad
    entry, or a sum that overflowed) is checked entry by entry.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        mu = X.mean(axis=0)
    if not np.all(np.isfinite(mu)):
        as_float_array(X, "X")
    return mu


def _feature_scales(X: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """The standard deviation (divisor N) of each column; 1 for a constant column.

    A column counts as constant when its spread is within the rounding error of its
    mean (N ε |μ_d|): dividing by that rounding error would blow it up to unit variance.
    """
    n_points = X.shape[0]
    shift = _binary_exponent(X, mu, np.ones_like(mu))
    squares = np.zeros_like(mu)
    # Squared after dividing by a power of two, so that huge and tiny data stay in range.
    for _, block in _centred_blocks(X, mu, np.full_like(mu, 2.0**-shift)):
        squares += np.einsum("ij,ij->j", block, block)
    std = np.ldexp(np.sqrt(squares / n_points), shift)
    constant = std <= n_points * np.finfo(float).eps * np.abs(mu)
    return np.where(constant, 1.0, std)


def _rescaling(X: np.ndarray, mu: np.ndarray, scale: np.ndarray) -> tuple[np.ndarray, int]:
    """What the solvers multiply the centred data by, 2**-e / scale, and the exponent e."""
    shift = _binary_exponent(X, mu, scale)
    return np.ldexp(1.0 / scale, -shift), shift


def _uncentred_covariance(X: np.ndarray, mu: np.ndarray, scale: np.ndarray) -> np.ndarray | None:
    """S = XᵀX / N − μμᵀ of the data divided by ``scale``, or None where it is not accurate.

    One matrix product over X, and no centred copy of it; but for a feature whose mean is
    far from zero it subtracts two nearly equal numbers. Feature d's rounding errors grow
    with its mean square μ_d² + σ_d², against σ_d² when the data are centred first, so the
    product is used only when every |μ_d| <= 3σ_d (errors at most ten times those of
    centring), for many points, and when the squares are far inside the range of
    floating-point numbers (so that none overflowed or vanished).
    """
    n_points = X.shape[0]
    if n_points < _UNCENTRED_MIN_POINTS:
        return None
    with np.errstate(over="ignore", invalid="ignore"):
        G = X.T @ X
    squares = np.diag(G) / n_points
    if not (np.all(np.isfinite(G)) and 2.0**-900 < squares.max() < 2.0**900):
        return None
    # |μ| <= cσ, with σ² = (mean square) − μ², is (1 + c²)μ² <= c²·(mean square).
    bound = _UNCENTRED_MAX_MEAN**2
    if np.any((1.0 + bound) * mu**2 > bound * squares):
        return None
    # In place, and unscaled unless standardising: two fewer D × D arrays to allocate.
    S = G
    S /= n_points
    S -= np.outer(mu, mu)
    if np.any(scale != 1.0):
        S /= np.outer(scale, scale)
    return S


def _binary_exponent(X: np.ndarray, mu: np.ndarray, scale: np.ndarray) -> int:
    """The e with max |x - μ| / scale in [2**(e - 1), 2**e), or 0 if the data are constant.

    Dividing the centred data by 2**e is exact and brings them near 1, so that their
    squares neither overflow nor underflow.
    """
    # From each column's extremes, to make no centred copy of the data.
    largest = float((np.maximum(X.max(axis=0) - mu, mu - X.min(axis=0)) / scale).max())
    return math.frexp(largest)[1] if largest > 0.0 else 0


def _require_rank(variances: np.ndarray, n_components: int, shape: tuple[int, int]) -> None:
    """Refuse more components than the centred data have directions of non-zero variance.

    A variance counts as zero when it is within the rounding error of forming S (or K)
    and of the eigensolver: LAPACK's error in an eigenvalue is a small multiple of ε times
    the largest, so 10 max(N, D) ε times the largest. (With max(N, D) ε alone, the zero
    variance of three points in a plane came out at 5 ε on one machine and counted.)
    """
    tolerance = 10 * max(shape) * np.finfo(float).eps * max(float(variances[0]), 0.0)
    rank = int(np.count_nonzero(variances > tolerance))
    if rank < n_components:
        raise ValueError(
            f"n_components must be at most the rank of the centred X, got {n_components} "
            f"but the rank is {rank}: the other directions carry no variance, so the data "
            f"do not determine them"
        )


def _in_range(values: np.ndarray, exponent: int) -> np.ndarray:
    """``values * 2**exponent``, or a ValueError if the largest is out of the normal range."""
    # frexp's exponent of a normal float64 lies in [-1021, 1024].
    largest = math.frexp(float(values[0]))[1] + exponent
    if values[0] > 0.0 and not -1021 <= largest <= 1024:
        raise ValueError(
            f"X is out of range: its largest variance, about 2**{largest}, is outside the "
            f"range of floating-point numbers (about 1e-308 to 1e308); rescale X"
        )
    return np.ldexp(values, exponent)


def _solve_covariance(
    X: np.ndarray, mu: np.ndarray, scale: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, float, int]:
    """Top-k eigenpairs of S = X̄ᵀX̄ / N (D × D), X̄ the centred, rescaled data."""
    S, shift = _uncentred_covariance(X, mu, scale), 0
    if S is None:
        # Centred a block of rows at a time, so that no second N × D array exists.
        factor, shift = _rescaling(X, mu, scale)
        S = np.zeros((X.shape[1], X.shape[1]))
        for _, block in _centred_blocks(X, mu, factor):
            S += block.T @ block
        S /= X.shape[0]
    variances, B = _top_eigenpairs(S, k, X.shape[0])
    _require_rank(variances, k, X.shape)
    return variances, B, float(np.trace(S)), shift


def _solve_gram(
    X: np.ndarray, mu: np.ndarray, scale: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, float, int]:
    """Top-k eigenpairs of S through the N × N Gram matrix K = X̄X̄ᵀ / N."""
    factor, shift = _rescaling(X, mu, scale)
    Xbar = (X - mu) * factor
    n_points = X.shape[0]
    K = (Xbar @ Xbar.T) / n_points
    variances, V = _top_eigenpairs(K, k, X.shape[1])
    _require_rank(variances, k, X.shape)
    # ‖X̄ᵀv‖² = vᵀX̄X̄ᵀv = Nλ, so this scaling makes every component a unit vector.
    B = _fix_signs((Xbar.T @ V) / np.sqrt(n_points * variances))
    return variances, B, float(np.trace(K)), shift


def _solve_svd(
    X: np.ndarray, mu: np.ndarray, scale: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, float, int]:
    """Top-k eigenpairs of S from the thin SVD X̄ = UΣWᵀ: S = W (Σ² / N) Wᵀ."""
    factor, shift = _rescaling(X, mu, scale)
    Xbar = (X - mu) * factor
    singular_values, W = scipy.linalg.svd(Xbar, full_matrices=False, check_finite=False)[1:]
    variances = singular_values**2 / X.shape[0]
    _require_rank(variances[:k], k, X.shape)
    return variances[:k], _fix_signs(W[:k].T), float(variances.sum()), shift


_SOLVE = {"covariance": _solve_covariance, "gram": _solve_gram, "svd": _solve_svd}


class PCA:
    r"""Principal component analysis as an estimator, in scikit-learn's conventions.

    ``fit`` finds the ``n_components`` orthonormal directions along which the (optionally
    standardised) data vary most, the eigenvectors of the covariance matrix with the
    largest eigenvalues; ``transform`` gives each point's coordinates
    :math:`\mathbf{z} = B^\top(\mathbf{x} - \boldsymbol\mu)` along them and
    ``inverse_transform`` maps coordinates back, :math:`\tilde{\mathbf{x}} =
    \boldsymbol\mu + B\mathbf{z}`. Derived in :doc:`/book/pca/pca`.

    The constructor only stores its arguments; ``fit`` checks them.

    Parameters
    ----------
    n_components : int
        How many components to keep: at least 1 and at most the rank of the centred
        data (below N and at most D). Beyond the rank the components carry no variance
        and are not determined by the data, so ``fit`` refuses them.
    standardize : bool, default False
        Divide each feature by its standard deviation (divisor N) before the analysis,
        so that features measured in different units count alike. A constant feature is
        left undivided.
    solver : {"auto", "covariance", "gram", "svd"}, default "auto"
        How the eigenvectors are found: of the D × D covariance matrix
        (:math:`O(ND^2 + D^3)`), of the N × N Gram matrix of the points
        (:math:`O(N^2D + N^3)`, for N much less than D), or from the singular value
        decomposition of the centred data (:math:`O(ND\min(N, D))`, the most accurate
        for small variances). "auto" takes the covariance if N >= D, else the Gram
        matrix. All give the same result, up to rounding.

    Attributes
    ----------
    components_ : numpy.ndarray of shape (n_components, D)
        The principal components, orthonormal, one per row, largest variance first;
        each one's entry of largest magnitude is positive.
    explained_variance_ : numpy.ndarray of shape (n_components,)
        The variance along each component with divisor N - 1, as scikit-learn's (the
        course's eigenvalues, divisor N, are these times (N - 1) / N).
    explained_variance_ratio_ : numpy.ndarray of shape (n_components,)
        Each component's share of the total variance.
    singular_values_ : numpy.ndarray of shape (n_components,)
        The singular values of the centred (standardised) data that belong to the
        components.
    mean_ : numpy.ndarray of shape (D,)
        The mean of the training data.
    scale_ : numpy.ndarray of shape (D,)
        What each feature is divided by: its standard deviation if ``standardize``,
        otherwise 1.
    n_components_, n_features_in_, n_samples_ : int
        The number of components, of features (D) and of training points (N).
    solver_ : str
        The solver used ("auto" resolved).

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.pca import PCA
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    >>> model = PCA(1).fit(X)
    >>> np.round(model.components_ * 2**0.5, 12)
    array([[1., 1.]])
    >>> model.explained_variance_
    array([3.33333333])
    >>> Z = model.transform(X)
    >>> np.allclose(model.inverse_transform(Z), X)
    True
    """

    def __init__(
        self, n_components: int, *, standardize: bool = False, solver: str = "auto"
    ) -> None:
        self.n_components = n_components
        self.standardize = standardize
        self.solver = solver

    def __repr__(self) -> str:
        return (
            f"PCA(n_components={self.n_components!r}, standardize={self.standardize!r}, "
            f"solver={self.solver!r})"
        )

    def fit(self, X: Any, y: Any = None) -> PCA:
        """Find the principal components of the training data ``X``.

        Parameters
        ----------
        X : array_like of shape (N, D)
            The training data, one point per row.
        y : ignored
            Not used; there so that ``fit`` fits scikit-learn's pipelines.

        Returns
        -------
        PCA
            The estimator itself, now fitted.

        Raises
        ------
        TypeError
            If ``X`` is not numeric, ``n_components`` is not an integer, ``standardize``
            is not a bool or ``solver`` not a string.
        ValueError
            If ``X`` is not a non-empty 2-D array of finite numbers or its variances are
            out of the range of floating-point numbers, ``n_components`` is below 1 or
            above the rank of the centred data, or ``solver`` is not a solver's name.

        Examples
        --------
        >>> from mmlbook.pca import PCA
        >>> PCA(2, solver="svd").fit([[0.0, 1.0], [2.0, 1.0], [1.0, 3.0]]).n_components_
        2
        """
        X = as_float_array(X, "X", ndim=2, finite=False)  # finite: checked by _mean
        n_points, dimension = X.shape
        k = check_positive_int(self.n_components, "n_components", maximum=min(n_points, dimension))
        standardize = check_flag(self.standardize, "standardize")
        solver = check_choice(self.solver, "solver", _SOLVERS)
        if solver == "auto":
            solver = "covariance" if n_points >= dimension else "gram"
        mu = _mean(X)
        scale = _feature_scales(X, mu) if standardize else np.ones(dimension)
        # The solvers divide the centred data by a power of two, 2**shift, unless they are
        # in range as they are: exact, and it keeps their squares in range for any X; the
        # variances are scaled back here.
        variances, B, total, shift = _SOLVE[solver](X, mu, scale, k)
        self.mean_, self.scale_ = mu, scale
        self.components_ = B.T
        self.explained_variance_ = _in_range(variances * n_points / (n_points - 1), 2 * shift)
        self.explained_variance_ratio_ = variances / total
        self.singular_values_ = np.ldexp(np.sqrt(n_points * variances), shift)
        self.n_components_, self.n_features_in_, self.n_samples_ = k, dimension, n_points
        self.solver_ = solver
        return self

    def _check_fitted(self, method: str) -> None:
        if not hasattr(self, "components_"):
            raise ValueError(f"this PCA is not fitted yet: call fit(X) before {method}")

    def transform(self, X: Any) -> np.ndarray:
        r"""The coordinates of points along the components, :math:`Z = (X - \mu)/s\,B`.

        Parameters
        ----------
        X : array_like of shape (M, D)
            Points with as many features as the training data, one per row.

        Returns
        -------
        numpy.ndarray of shape (M, n_components)
            Their coordinates, one row per point.

        Raises
        ------
        TypeError
            If ``X`` is not numeric.
        ValueError
            If the estimator is not fitted, or ``X`` is not a non-empty 2-D array of
            finite numbers with D columns.

        Examples
        --------
        >>> from mmlbook.pca import PCA
        >>> model = PCA(1).fit([[0.0, 0.0], [2.0, 0.0]])
        >>> model.transform([[3.0, 5.0]])
        array([[2.]])
        """
        self._check_fitted("transform")
        X = self._as_points(X, "X", self.n_features_in_, "features")
        return self._coordinates(X)

    def _coordinates(self, X: np.ndarray) -> np.ndarray:
        """``transform`` of checked points: ((X - μ) / s) B.

        XB − μB takes one matrix product and no centred copy of X, but its rounding error
        is relative to |μ| rather than to the spread of the points about it. It is used
        for many points when |μ| is at most a thousand standard deviations along the last
        component: then at most three of the coordinates' digits are lost.
        """
        B = self.components_.T
        mu = self.mean_ / self.scale_
        spread = math.sqrt(max(float(self.explained_variance_[-1]), 0.0))
        if (X.shape[0] < _UNCENTRED_MIN_POINTS
                or not np.linalg.norm(mu) <= _UNCENTRED_MAX_MEAN_COORDINATES * spread):
            return _coordinates(X, self.mean_, 1.0 / self.scale_, B)
        Z = X @ (B / self.scale_[:, None])
        Z -= mu @ B
        return Z

    def fit_transform(self, X: Any, y: Any = None) -> np.ndarray:
        """Fit to ``X`` and return the coordinates of ``X``: ``fit(X).transform(X)``.

        Parameters
        ----------
        X : array_like of shape (N, D)
            The training data, one point per row.
        y : ignored
            Not used; there so that ``fit_transform`` fits scikit-learn's pipelines.

        Returns
        -------
        numpy.ndarray of shape (N, n_components)
            The coordinates of the training points.

        Raises
        ------
        TypeError
            As for :meth:`fit`.
        ValueError
            As for :meth:`fit`.

        Examples
        --------
        >>> from mmlbook.pca import PCA
        >>> PCA(1).fit_transform([[0.0, 0.0], [2.0, 0.0]])
        array([[-1.],
               [ 1.]])
        """
        # fit checks X whole; here only what it is, to read it once less.
        X = as_float_array(X, "X", ndim=2, finite=False)
        return self.fit(X)._coordinates(X)

    def inverse_transform(self, Z: Any) -> np.ndarray:
        r"""Map coordinates back to points, :math:`\tilde X = \mu + s\,(Z B^\top)`.

        Parameters
        ----------
        Z : array_like of shape (M, n_components)
            Coordinates along the components, one point per row.

        Returns
        -------
        numpy.ndarray of shape (M, D)
            The points of the principal subspace (through the mean) with those
            coordinates.

        Raises
        ------
        TypeError
            If ``Z`` is not numeric.
        ValueError
            If the estimator is not fitted, or ``Z`` is not a non-empty 2-D array of
            finite numbers with n_components columns.

        Examples
        --------
        >>> from mmlbook.pca import PCA
        >>> model = PCA(1).fit([[0.0, 0.0], [2.0, 0.0]])
        >>> model.inverse_transform([[2.0]])
        array([[3., 0.]])
        """
        self._check_fitted("inverse_transform")
        Z = self._as_points(Z, "Z", self.n_components_, "components")
        X = Z @ self.components_
        X *= self.scale_
        X += self.mean_
        return X

    def reconstruction_errors(self, X: Any, target: Any = None) -> np.ndarray:
        r"""The mean squared error of reconstructing ``X`` from its first M coordinates, every M.

        Entry ``M - 1`` is ``mse(mu + Z[:, :M] B[:, :M]ᵀ, target)`` with ``Z =
        transform(X)``: what a fit with M components would give, since the first M
        components of a fit span a best M-dimensional subspace, whose reconstructions
        all have the same error (the components of a fit with M are these, up to their
        signs, when the first M + 1 eigenvalues are distinct). All of them come from
        this one fit: with :math:`\mathbf{r} = \mathbf{t} - \boldsymbol\mu`, coordinates
        :math:`\mathbf{z} = B^\top(\mathbf{x} - \boldsymbol\mu)` and :math:`\mathbf{w} =
        B^\top\mathbf{r}`, orthonormal components give

        .. math:: \|\boldsymbol\mu + B_M\mathbf{z}_M - \mathbf{t}\|^2 = \|\mathbf{r}\|^2
           - \sum_{m \le M} (2 z_m w_m - z_m^2),

        so the errors are a cumulative sum, for the cost of one or two products with
        :math:`B`. Derived in :doc:`/book/pca/pca` (for ``target`` = ``X``, where
        :math:`\mathbf{w} = \mathbf{z}`, and in general in its section on denoising).

        Parameters
        ----------
        X : array_like of shape (N, D)
            The points to reconstruct, with as many features as the training data.
        target : array_like of shape (N, D), optional
            What each reconstruction is compared with (the clean images, when ``X`` is
            noisy); ``X`` itself by default.

        Returns
        -------
        numpy.ndarray of shape (n_components,)
            The mean squared error with 1, 2, ..., n_components components; it never
            rises when ``target`` is ``X``.

        Raises
        ------
        TypeError
            If ``X`` or ``target`` is not numeric.
        ValueError
            If the estimator is not fitted or was fitted with ``standardize=True`` (its
            components are then orthonormal only in the standardised units), if ``X`` or
            ``target`` is not a non-empty 2-D array of finite numbers with D columns, if
            they differ in shape, or if an error is out of the range of float64.

        Examples
        --------
        >>> from mmlbook.pca import PCA
        >>> X = [[2.0, 0.0], [-2.0, 0.0], [0.0, 1.0], [0.0, -1.0]]
        >>> PCA(2).fit(X).reconstruction_errors(X).round(12)
        array([0.5, 0. ])
        """
        self._check_fitted("reconstruction_errors")
        if np.any(self.scale_ != 1.0):
            raise ValueError(
                "reconstruction_errors needs a PCA fitted with standardize=False: standardised "
                "components are not orthonormal in the units of X"
            )
        X = self._as_points(X, "X", self.n_features_in_, "features")
        T = X if target is None else self._as_points(target, "target", self.n_features_in_,
                                                      "features")
        if T.shape != X.shape:
            raise ValueError(
                f"target must have the shape of X, {X.shape}, got shape {T.shape}"
            )
        B = self.components_.T
        gain = np.zeros(self.n_components_)
        total = 0.0
        with np.errstate(over="ignore", invalid="ignore"):
            for start in range(0, X.shape[0], _BLOCK_ROWS):
                rows = slice(start, start + _BLOCK_ROWS)
                centred = X[rows] - self.mean_
                Z = centred @ B
                if target is None:
                    residual, W = centred, Z
                else:
                    residual = T[rows] - self.mean_
                    W = residual @ B
                total += float(np.sum(residual * residual))
                gain += np.sum(Z * (2 * W - Z), axis=0)
            errors = (total - np.cumsum(gain)) / X.shape[0]
        if not np.all(np.isfinite(errors)):
            compared = "X" if target is None else "X against target"
            raise ValueError(
                f"the reconstruction errors of {compared} are out of the range of float64 "
                f"(above about 1.8e308)"
            )
        # Exact reconstructions leave a difference of rounding errors, of either sign.
        return np.maximum(errors, 0.0)

    @staticmethod
    def _as_points(value: Any, name: str, width: int, what: str) -> np.ndarray:
        array = as_float_array(value, name, ndim=2)
        if array.shape[1] != width:
            raise ValueError(
                f"{name} must have {width} columns, one per {what[:-1]} of the fit, got "
                f"shape {array.shape}"
            )
        return array


def _result(model: PCA, reconstruction: np.ndarray) -> PCAResult:
    """The course's 4-tuple of a fitted model, with the course's divisor N."""
    n_points = model.n_samples_
    eigenvalues = model.explained_variance_ * (n_points - 1) / n_points
    return PCAResult(reconstruction, model.mean_, eigenvalues, model.components_.T)


def pca(X: Any, n_components: int) -> PCAResult:
    r"""Principal component analysis through the eigenvectors of the D × D covariance.

    The k principal components are the eigenvectors of :math:`S = \frac1N \bar X^\top
    \bar X` with the k largest eigenvalues; each point is projected onto their span and
    mapped back, :math:`\tilde{\mathbf{x}} = \boldsymbol\mu + BB^\top(\mathbf{x} -
    \boldsymbol\mu)`. Costs :math:`O(ND^2 + D^3)`: the method for N much larger than D.
    It is :class:`PCA` with ``solver="covariance"``. Derived in :doc:`/book/pca/pca`.

    Parameters
    ----------
    X : array_like of shape (N, D)
        The data, one point per row.
    n_components : int
        How many components to keep: at least 1 and at most the rank of the centred
        data (below N and at most D); beyond it the components are not determined.

    Returns
    -------
    PCAResult
        ``(reconstruction, mean, eigenvalues, components)`` of shapes (N, D), (D,),
        (k,), (D, k); the eigenvalues are variances with divisor N.

    Raises
    ------
    TypeError
        If ``X`` is not numeric or ``n_components`` is not an integer.
    ValueError
        If ``X`` is not a non-empty 2-D array of finite numbers or its variances are out
        of the range of floating-point numbers, or ``n_components`` is below 1 or above
        the rank of the centred data.

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
    model = PCA(n_components, solver="covariance").fit(X)
    return _result(model, model.inverse_transform(model.transform(X)))


def pca_high_dim(X: Any, n_components: int) -> PCAResult:
    r"""Principal component analysis through the N × N Gram matrix, for N much less than D.

    If :math:`\frac1N \bar X\bar X^\top \mathbf{v} = \lambda\mathbf{v}`, then
    :math:`\mathbf{b} = \bar X^\top\mathbf{v}` satisfies :math:`S\mathbf{b} = \lambda
    \mathbf{b}`: the covariance and the Gram matrix share their non-zero eigenvalues, and
    the components follow from the small N × N problem. Costs :math:`O(N^2D + N^3)`.
    It is :class:`PCA` with ``solver="gram"``. Derived in :doc:`/book/pca/pca`.

    Parameters
    ----------
    X : array_like of shape (N, D)
        The data, one point per row.
    n_components : int
        How many components to keep: at least 1 and at most the rank of the centred
        data (below N and at most D); beyond it the components are not determined.

    Returns
    -------
    PCAResult
        ``(reconstruction, mean, eigenvalues, components)`` of shapes (N, D), (D,),
        (k,), (D, k), equal to what :func:`pca` returns, up to rounding.

    Raises
    ------
    TypeError
        If ``X`` is not numeric or ``n_components`` is not an integer.
    ValueError
        If ``X`` is not a non-empty 2-D array of finite numbers or its variances are out
        of the range of floating-point numbers, or ``n_components`` is below 1 or above
        the rank of the centred data.

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
    model = PCA(n_components, solver="gram").fit(X)
    return _result(model, model.inverse_transform(model.transform(X)))


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
        If an argument is not a 2-D array of finite numbers, the shapes differ, or the
        error is out of the range of float64 (above about 1.8e308, or not zero and below
        about 2.2e-308).

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
    # Scaled by a power of 2 (exactly), the difference cannot overflow, nor its squares
    # overflow or underflow.
    e = binary_exponent(predicted, actual)
    difference = np.ldexp(predicted, -e) - np.ldexp(actual, -e)
    squared = float(np.einsum("ij,ij->", difference, difference) / actual.shape[0])
    return unscale(squared, 2 * e, "the mean squared error", "predicted and actual")
