"""Orthogonal projections onto a line and onto a subspace."""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook._validation import as_float_array

__all__ = [
    "project",
    "project_1d",
    "projection_coordinates",
    "projection_matrix",
    "projection_matrix_1d",
]


def _direction(b: Any) -> np.ndarray:
    b = as_float_array(b, "b", ndim=1)
    if not np.any(b):
        raise ValueError("b must be a non-zero vector: a zero vector spans no line")
    # Scaling by the largest entry keeps bᵀb from overflowing or underflowing; the line
    # spanned by b does not change.
    return b / np.abs(b).max()


def _points(x: Any, dimension: int, basis: str) -> np.ndarray:
    x = as_float_array(x, "x", ndim=(1, 2))
    if x.shape[-1] != dimension:
        raise ValueError(
            f"x must have {dimension} entries (or {dimension} columns, one point per row) "
            f"to match the dimension of {basis}, got shape {x.shape}"
        )
    return x


def _orthonormal_basis(B: Any) -> tuple[np.ndarray, np.ndarray]:
    """``B = QR`` with orthonormal columns Q spanning the columns of ``B``, or raise."""
    B = as_float_array(B, "B", ndim=2)
    rows, columns = B.shape
    if columns > rows:
        raise ValueError(
            f"B must have at most as many columns as rows (D × M with M <= D), "
            f"got shape {B.shape}: more than D vectors in D dimensions are dependent"
        )
    # Independence must not depend on how long the columns are, so the rank test is made
    # on B with each column scaled to unit length, and its tolerance is relative to that
    # scaled matrix: the smallest singular value must exceed D·eps times the largest.
    # (A test on the diagonal of R alone accepts some dependent bases, e.g. b1, b2, b1 - b2
    # with b1, b2 nearly parallel.)
    lengths = _column_lengths(B)
    if np.any(lengths == 0.0):
        raise ValueError(
            "B must have linearly independent columns: a zero column makes them dependent"
        )
    singular_values = np.linalg.svd(B / lengths, compute_uv=False)
    if singular_values[-1] <= max(rows, columns) * np.finfo(float).eps * singular_values[0]:
        raise ValueError(
            "B must have linearly independent columns: the columns must be a basis of the "
            "subspace, and these are linearly dependent (to working precision)"
        )
    Q, R = np.linalg.qr(B)
    return Q, R


def _column_lengths(A: np.ndarray) -> np.ndarray:
    """The Euclidean length of each column, without overflow or underflow on the way."""
    largest = np.abs(A).max(axis=0)
    # Each column divided by its largest magnitude has entries at most 1 and at least one
    # equal to 1, so its squares can neither overflow nor all vanish.
    return largest * np.linalg.norm(A / np.where(largest > 0.0, largest, 1.0), axis=0)


def projection_matrix_1d(b: Any) -> np.ndarray:
    r"""Matrix of the orthogonal projection onto the line spanned by ``b``.

    .. math:: P = \frac{\mathbf{b}\mathbf{b}^\top}{\mathbf{b}^\top\mathbf{b}}.

    Derived in :doc:`/book/pca/projections`.

    Parameters
    ----------
    b : array_like of shape (D,)
        A non-zero vector spanning the line.

    Returns
    -------
    numpy.ndarray of shape (D, D)
        The projection matrix: symmetric, with :math:`P^2 = P` and rank 1.

    Raises
    ------
    TypeError
        If ``b`` is not numeric.
    ValueError
        If ``b`` is not a 1-D array of finite numbers, or is zero.

    Examples
    --------
    >>> from mmlbook.pca import projection_matrix_1d
    >>> projection_matrix_1d([1.0, 1.0])
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    b = _direction(b)
    return np.outer(b, b) / (b @ b)


def project_1d(x: Any, b: Any) -> np.ndarray:
    r"""Orthogonal projection of ``x`` onto the line spanned by ``b``.

    .. math::

        \pi(\mathbf{x}) = \frac{\mathbf{b}^\top\mathbf{x}}{\mathbf{b}^\top\mathbf{b}}\,\mathbf{b},

    computed without forming the D × D projection matrix.
    Derived in :doc:`/book/pca/projections`.

    Parameters
    ----------
    x : array_like of shape (D,) or (N, D)
        A point, or several points as rows.
    b : array_like of shape (D,)
        A non-zero vector spanning the line.

    Returns
    -------
    numpy.ndarray of the shape of ``x``
        The projected point(s).

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes do not fit, a value is not finite, or ``b`` is zero.

    Examples
    --------
    >>> from mmlbook.pca import project_1d
    >>> project_1d([2.0, 0.0], [1.0, 1.0])
    array([1., 1.])
    """
    b = _direction(b)
    x = _points(x, b.shape[0], "b")
    return np.multiply.outer(x @ b / (b @ b), b)


def projection_matrix(B: Any) -> np.ndarray:
    r"""Matrix of the orthogonal projection onto the span of the columns of ``B``.

    In theory :math:`P = B(B^\top B)^{-1}B^\top`. Forming :math:`B^\top B` squares the
    condition number of ``B``, so the function uses the QR factorisation
    :math:`B = QR` instead: then :math:`P = QQ^\top`, the same matrix, computed from
    orthonormal columns.
    Derived in :doc:`/book/pca/projections`.

    Parameters
    ----------
    B : array_like of shape (D, M)
        A basis of the subspace, one basis vector per column (M <= D).

    Returns
    -------
    numpy.ndarray of shape (D, D)
        The projection matrix: symmetric, with :math:`P^2 = P` and rank M.

    Raises
    ------
    TypeError
        If ``B`` is not numeric.
    ValueError
        If ``B`` is not a 2-D array of finite numbers, or its columns are linearly
        dependent.

    Examples
    --------
    >>> import numpy as np
    >>> from mmlbook.pca import projection_matrix
    >>> P = projection_matrix([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    >>> np.round(P, 12) + 0.0
    array([[1., 0., 0.],
           [0., 1., 0.],
           [0., 0., 0.]])
    """
    Q, _ = _orthonormal_basis(B)
    P = Q @ Q.T
    return 0.5 * (P + P.T)


def projection_coordinates(x: Any, B: Any) -> np.ndarray:
    r"""Coordinates :math:`\boldsymbol{\lambda}` of the projection of ``x`` in the basis ``B``.

    They solve the normal equations :math:`B^\top B\boldsymbol{\lambda} = B^\top\mathbf{x}`,
    so that :math:`\pi(\mathbf{x}) = B\boldsymbol{\lambda}`; this is the least-squares
    solution of :math:`B\boldsymbol{\lambda} \approx \mathbf{x}`. With :math:`B = QR` they
    are :math:`R^{-1}Q^\top\mathbf{x}`.
    Derived in :doc:`/book/pca/projections`.

    Parameters
    ----------
    x : array_like of shape (D,) or (N, D)
        A point, or several points as rows.
    B : array_like of shape (D, M)
        A basis of the subspace, one basis vector per column.

    Returns
    -------
    numpy.ndarray of shape (M,) or (N, M)
        The coordinates of each projected point.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes do not fit, a value is not finite, or the columns of ``B`` are
        linearly dependent.

    Examples
    --------
    >>> from mmlbook.pca import projection_coordinates
    >>> projection_coordinates([1.0, 2.0, 3.0], [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    array([1., 1.])
    """
    Q, R = _orthonormal_basis(B)
    x = _points(x, Q.shape[0], "B")
    # Solve R λ = Qᵀx for every point at once (the points are columns on the right).
    return np.linalg.solve(R, (x @ Q).T).T


def project(x: Any, B: Any) -> np.ndarray:
    r"""Orthogonal projection of ``x`` onto the span of the columns of ``B``.

    Computed as :math:`Q(Q^\top\mathbf{x})` with :math:`B = QR`, without forming the
    D × D projection matrix.
    Derived in :doc:`/book/pca/projections`.

    Parameters
    ----------
    x : array_like of shape (D,) or (N, D)
        A point, or several points as rows.
    B : array_like of shape (D, M)
        A basis of the subspace, one basis vector per column.

    Returns
    -------
    numpy.ndarray of the shape of ``x``
        The projected point(s).

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes do not fit, a value is not finite, or the columns of ``B`` are
        linearly dependent.

    Examples
    --------
    >>> from mmlbook.pca import project
    >>> project([1.0, 2.0, 3.0], [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]) + 0.0
    array([1., 2., 0.])
    """
    Q, _ = _orthonormal_basis(B)
    x = _points(x, Q.shape[0], "B")
    return (x @ Q) @ Q.T
