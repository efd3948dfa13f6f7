"""Statistics of a data set: the mean, the covariance, the correlation, and how an affine map
moves them."""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, binary_exponent, unscale

__all__ = ["affine_covariance", "affine_mean", "corr", "cov", "mean"]


def _data_matrix(X: Any, name: str = "X") -> np.ndarray:
    """Return ``X`` as a finite N × D float matrix (rows are points), or raise."""
    return as_float_array(X, name, ndim=2)


def _affine_map(A: Any, b: Any, dimension: int, acted_on: str) -> tuple[np.ndarray, np.ndarray]:
    """Validate the matrix and shift of an affine map that acts on ``dimension``-vectors
    (``acted_on`` says which argument fixes that dimension, for the message)."""
    A = as_float_array(A, "A", ndim=2)
    if A.shape[1] != dimension:
        raise ValueError(
            f"A must have {dimension} columns to match {acted_on}, got shape {A.shape}"
        )
    b = as_float_array(b, "b", ndim=1)
    if b.shape != (A.shape[0],):
        raise ValueError(f"b must have shape ({A.shape[0]},) to match A, got {b.shape}")
    return A, b


def mean(X: Any) -> np.ndarray:
    r"""Mean of a data set: the average of its rows.

    For data points :math:`\mathbf{x}_1, \dots, \mathbf{x}_N` (the rows of ``X``) the mean
    is :math:`\boldsymbol{\mu} = \frac{1}{N}\sum_n \mathbf{x}_n`.
    Derived in :doc:`/book/pca/mean_covariance`.

    Parameters
    ----------
    X : array_like of shape (N, D)
        The data, one point per row.

    Returns
    -------
    numpy.ndarray of shape (D,)
        The mean point.

    Raises
    ------
    TypeError
        If ``X`` is not numeric.
    ValueError
        If ``X`` is not a non-empty 2-D array of finite numbers.

    Examples
    --------
    >>> from mmlbook.pca import mean
    >>> mean([[1.0, 2.0], [3.0, 6.0]])
    array([2., 4.])
    """
    X = _data_matrix(X)
    return X.mean(axis=0)


def cov(X: Any) -> np.ndarray:
    r"""Covariance matrix of a data set, dividing by N (the biased estimate).

    .. math:: S = \frac{1}{N}\sum_{n=1}^N (\mathbf{x}_n - \boldsymbol{\mu})
              (\mathbf{x}_n - \boldsymbol{\mu})^\top
              = \frac{1}{N}\bar X^\top \bar X,

    where :math:`\bar X` is ``X`` with the mean subtracted from every row.
    Derived in :doc:`/book/pca/mean_covariance`.

    Parameters
    ----------
    X : array_like of shape (N, D)
        The data, one point per row.

    Returns
    -------
    numpy.ndarray of shape (D, D)
        The covariance matrix; symmetric, and positive semi-definite up to rounding.
        One scale factor serves every column, so when the columns differ in size by a
        factor of about 1e154 or more, the variance of the smaller one loses precision
        and can underflow to zero while its covariances do not (then
        ``|S_ij| > sqrt(S_ii S_jj)``).

    Raises
    ------
    TypeError
        If ``X`` is not numeric.
    ValueError
        If ``X`` is not a non-empty 2-D array of finite numbers, or its covariance is
        out of the range of float64 (entries above about 1.8e308, or all below about
        2.2e-308 and not all zero).

    Examples
    --------
    >>> from mmlbook.pca import cov
    >>> cov([[0.0, 0.0], [2.0, 4.0]])
    array([[1., 2.],
           [2., 4.]])
    """
    X = _data_matrix(X)
    # Scaled by a power of 2 (exactly), no entry's square overflows; a column far
    # smaller than the largest may still underflow. The covariance is scaled back, or
    # refused if it is not a float.
    e = binary_exponent(X)
    scaled = np.ldexp(X, -e)
    centred = scaled - scaled.mean(axis=0)
    # ``centred.T @ centred`` is dispatched to a symmetric rank-k update, which is both
    # twice as fast as a general product and exactly symmetric.
    S = (centred.T @ centred) / X.shape[0]
    # Centring leaves errors up to about N eps (the scaled entries are below 1): a
    # covariance below their square is zero to working precision, and may underflow.
    noise = (X.shape[0] * np.finfo(float).eps) ** 2
    return unscale(S, 2 * e, "the covariance of X", "X", negligible=noise)


def corr(X: Any) -> np.ndarray:
    r"""Correlation matrix of a data set: the covariance of the standardised coordinates.

    .. math:: R_{ij} = \frac{S_{ij}}{\sqrt{S_{ii}\,S_{jj}}}, \qquad R = \Delta^{-1} S \Delta^{-1},

    where :math:`\Delta` is the diagonal matrix of standard deviations
    :math:`\sigma_i = \sqrt{S_{ii}}`. Every entry lies in :math:`[-1, 1]` and the diagonal
    is 1. A coordinate that never varies has no correlation with anything (it would
    divide by zero), so such data are refused.
    Derived in :doc:`/book/pca/mean_covariance`.

    Parameters
    ----------
    X : array_like of shape (N, D)
        The data, one point per row.

    Returns
    -------
    numpy.ndarray of shape (D, D)
        The correlation matrix: symmetric, unit diagonal, entries in [-1, 1].

    Raises
    ------
    TypeError
        If ``X`` is not numeric.
    ValueError
        If ``X`` is not a non-empty 2-D array of finite numbers, or a column is
        constant.

    Examples
    --------
    >>> from mmlbook.pca import corr
    >>> corr([[0.0, 1.0], [1.0, 3.0], [2.0, 5.0]])
    array([[1., 1.],
           [1., 1.]])
    """
    X = _data_matrix(X)
    # Correlation ignores each coordinate's unit, so dividing a column by its largest
    # magnitude changes nothing, and keeps the squares in cov from overflowing.
    scale = np.abs(X).max(axis=0)
    constant = np.flatnonzero(np.ptp(X, axis=0) == 0)
    if constant.size:
        listed = ", ".join(str(int(i)) for i in constant[:10])
        more = " ..." if constant.size > 10 else ""
        raise ValueError(
            f"X has constant columns ({listed}{more}): a coordinate that never varies "
            f"has no correlation"
        )
    S = cov(X / scale)
    deviations = np.sqrt(np.diag(S))
    R = S / np.outer(deviations, deviations)
    # Rounding can push |R_ij| a hair past 1, and the diagonal off 1.
    np.clip(R, -1.0, 1.0, out=R)
    np.fill_diagonal(R, 1.0)
    return R


def affine_mean(mean: Any, A: Any, b: Any) -> np.ndarray:
    r"""Mean of a data set after the affine map :math:`\mathbf{x}\mapsto A\mathbf{x}+\mathbf{b}`.

    Averaging commutes with linear maps, so the new mean is
    :math:`A\boldsymbol{\mu} + \mathbf{b}`: the data need not be touched.
    Derived in :doc:`/book/pca/mean_covariance`.

    Parameters
    ----------
    mean : array_like of shape (D,)
        The mean of the original data.
    A : array_like of shape (M, D)
        The linear part of the map.
    b : array_like of shape (M,)
        The shift.

    Returns
    -------
    numpy.ndarray of shape (M,)
        The mean of the mapped data.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes do not fit together or a value is not finite.

    Examples
    --------
    >>> from mmlbook.pca import affine_mean
    >>> affine_mean([1.0, 2.0], [[2.0, 0.0], [0.0, 3.0]], [1.0, -1.0])
    array([3., 5.])
    """
    mu = as_float_array(mean, "mean", ndim=1)
    A, b = _affine_map(A, b, mu.shape[0], f"mean of length {mu.shape[0]}")
    return A @ mu + b


def affine_covariance(S: Any, A: Any, b: Any) -> np.ndarray:
    r"""Covariance of data after the affine map :math:`\mathbf{x}\mapsto A\mathbf{x}+\mathbf{b}`.

    The shift moves every point by the same amount, so it cancels in the deviations from
    the mean; only the linear part acts, on both sides: :math:`A S A^\top`.
    Derived in :doc:`/book/pca/mean_covariance`.

    Parameters
    ----------
    S : array_like of shape (D, D)
        The covariance matrix of the original data (symmetric).
    A : array_like of shape (M, D)
        The linear part of the map.
    b : array_like of shape (M,)
        The shift. It does not change the covariance, but it must fit ``A``.

    Returns
    -------
    numpy.ndarray of shape (M, M)
        The covariance of the mapped data, exactly symmetric.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If ``S`` is not a symmetric square matrix, the shapes do not fit together, or
        :math:`A S A^\top` is out of the range of float64 (entries above about 1.8e308,
        or all below about 2.2e-308 and not all zero).

    Examples
    --------
    >>> from mmlbook.pca import affine_covariance
    >>> affine_covariance([[1.0, 0.0], [0.0, 4.0]], [[1.0, 1.0]], [5.0])
    array([[5.]])
    """
    S = as_float_array(S, "S", ndim=2)
    if S.shape[0] != S.shape[1]:
        raise ValueError(f"S must be a square matrix, got shape {S.shape}")
    scale = max(float(np.abs(S).max()), np.finfo(float).tiny)
    if not np.allclose(S, S.T, rtol=0.0, atol=1e-10 * scale):
        raise ValueError("S must be symmetric, as every covariance matrix is")
    A, _ = _affine_map(A, b, S.shape[0], f"S of shape {S.shape}")
    # Scaled by powers of 2 (exactly), the product neither overflows nor underflows.
    s, a = binary_exponent(S), binary_exponent(A)
    scaled_A = np.ldexp(A, -a)
    mapped = scaled_A @ np.ldexp(S, -s) @ scaled_A.T
    # Rounding makes the two triangles of A S Aᵀ differ in the last bits; average them
    # so the result is a covariance matrix to the last bit.
    return unscale(0.5 * (mapped + mapped.T), s + 2 * a, "A S Aᵀ", "S and A")
