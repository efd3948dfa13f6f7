"""Reflections in a mirror, built by changing basis: T = E T_E E⁻¹."""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook._validation import as_square_matrix, check_real
from mmlbook.linalg.gram_schmidt import dimensions, gram_schmidt

__all__ = ["is_reflection", "reflection_matrix", "transform_in_basis"]


def transform_in_basis(transform: Any, basis: Any) -> np.ndarray:
    """The matrix, in standard coordinates, of a map written in another basis.

    If ``transform`` (:math:`T_E`) says what a map does to coordinates in the basis
    whose vectors are the columns of ``basis`` (:math:`E`), then :math:`E T_E E^{-1}`
    does the same to ordinary coordinates: convert to the basis, apply the map,
    convert back.

    Derived in :doc:`/book/linear_algebra/reflecting_a_bear`.

    Parameters
    ----------
    transform : array_like of shape (n, n)
        The map in the basis' coordinates.
    basis : array_like of shape (n, n)
        The basis vectors, as columns; they must be linearly independent.

    Returns
    -------
    numpy.ndarray of shape (n, n)
        :math:`E T_E E^{-1}`.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the arguments are not finite square matrices of the same size, the basis
        vectors are dependent, or the result overflows.

    Examples
    --------
    >>> from mmlbook.linalg import transform_in_basis
    >>> transform_in_basis([[2, 0], [0, 1]], [[1, 1], [0, 1]])
    array([[ 2., -1.],
           [ 0.,  1.]])
    """
    T_E = as_square_matrix(transform, "transform")
    E = as_square_matrix(basis, "basis")
    if T_E.shape != E.shape:
        raise ValueError(
            f"transform and basis must have the same shape, got {T_E.shape} and {E.shape}"
        )
    if dimensions(E) < E.shape[0]:
        raise ValueError("basis must have linearly independent columns")
    # E T_E E^-1 = (E^-T (E T_E)^T)^T: a solve, not an explicit inverse.
    with np.errstate(over="ignore", invalid="ignore"):
        T = np.linalg.solve(E.T, (E @ T_E).T).T
    if not np.all(np.isfinite(T)):
        raise ValueError("E T_E E^-1 overflows float64: transform or basis is too extreme")
    return T


def reflection_matrix(basis: Any) -> np.ndarray:
    """The reflection in the mirror spanned by the first n − 1 columns of ``basis``.

    Gram--Schmidt turns the basis into an orthonormal one, :math:`E`, whose first
    n − 1 vectors span the mirror and whose last vector is its normal. In that basis the
    reflection keeps the first n − 1 coordinates and flips the last,
    :math:`T_E = \\operatorname{diag}(1, \\dots, 1, -1)`, and since :math:`E` is
    orthogonal, :math:`E^{-1} = E^\\top` and :math:`T = E T_E E^\\top`.

    Derived in :doc:`/book/linear_algebra/reflecting_a_bear`.

    Parameters
    ----------
    basis : array_like of shape (n, n), n >= 1
        Linearly independent columns; the first n − 1 span the mirror. The last one
        only has to leave the mirror: its direction off the mirror is flipped.

    Returns
    -------
    numpy.ndarray of shape (n, n)
        The reflection: symmetric, orthogonal, its own inverse, determinant −1.

    Raises
    ------
    TypeError
        If ``basis`` is not numeric.
    ValueError
        If ``basis`` is not a finite square matrix with independent columns.

    Examples
    --------
    >>> from mmlbook.linalg import reflection_matrix
    >>> reflection_matrix([[1, 0], [1, 1]]).round(12) + 0.0   # mirror: the line y = x
    array([[0., 1.],
           [1., 0.]])
    """
    B = as_square_matrix(basis, "basis")
    E = gram_schmidt(B)
    if not np.all(np.any(E != 0.0, axis=0)):
        raise ValueError("basis must have linearly independent columns")
    flip = np.ones(B.shape[0])
    flip[-1] = -1.0
    return (E * flip) @ E.T


def is_reflection(T: Any, tol: float = 1e-10) -> bool:
    """Whether ``T`` is the reflection in a hyperplane (a line in 2-D, a plane in 3-D).

    A reflection in a hyperplane keeps the n − 1 dimensions of the mirror and flips the
    one direction normal to it: it is symmetric, :math:`T^2 = I`, and its eigenvalue
    :math:`-1` has exactly one dimension, so that :math:`I - T` has rank 1 (equivalently,
    :math:`\\operatorname{tr} T = n - 2`). Symmetry, :math:`T^2 = I` and
    :math:`\\det T = -1` alone are not enough from 3-D on: :math:`-I_3` has all three and
    flips every direction.

    Derived in :doc:`/book/linear_algebra/reflecting_a_bear`.

    Parameters
    ----------
    T : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, default 1e-10
        How far each test may miss, entry by entry.

    Returns
    -------
    bool
        True if ``T`` is symmetric, squares to the identity and has trace n − 2.

    Raises
    ------
    TypeError
        If ``T`` is not numeric or ``tol`` is not a real number.
    ValueError
        If ``T`` is not a finite square matrix or ``tol`` is negative.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.linalg import is_reflection
    >>> is_reflection(np.diag([1.0, 1.0, -1.0])), is_reflection(-np.eye(3))
    (True, False)
    """
    M = as_square_matrix(T, "T")
    threshold = check_real(tol, "tol", low=0.0)
    n = M.shape[0]
    if not np.all(np.abs(M - M.T) <= threshold):
        return False
    with np.errstate(over="ignore", invalid="ignore"):
        squares_to_identity = bool(np.all(np.abs(M @ M - np.eye(n)) <= threshold))
    # With T symmetric and T^2 = I the eigenvalues are +-1, and the trace counts them:
    # trace = (n - k) - k for k flipped directions, so k = 1 exactly when it is n - 2.
    return squares_to_identity and abs(float(np.trace(M)) - (n - 2)) <= threshold * n
