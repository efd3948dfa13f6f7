"""Vectors: projections, and coordinates in an orthogonal basis by projection."""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook._validation import as_float_array, check_real

__all__ = ["coordinates_in_basis", "scalar_projection"]


def _vector(value: Any, name: str) -> np.ndarray:
    return as_float_array(value, name, ndim=1)


def scalar_projection(x: Any, b: Any) -> float:
    """The scalar projection of ``x`` onto ``b``: the signed length of its shadow on ``b``.

    .. math:: \\frac{\\mathbf{x} \\cdot \\mathbf{b}}{\\lVert \\mathbf{b} \\rVert}
              = \\lVert \\mathbf{x} \\rVert \\cos\\theta,

    where :math:`\\theta` is the angle between the two vectors. It is negative when the
    angle is obtuse.

    Derived in :doc:`/book/linear_algebra/vectors`.

    Parameters
    ----------
    x : array_like of shape (n,)
        The vector to project.
    b : array_like of shape (n,)
        The direction to project onto; not the zero vector.

    Returns
    -------
    float
        The scalar projection.

    Raises
    ------
    TypeError
        If a vector is not numeric.
    ValueError
        If the vectors are not finite 1-D arrays of one length, or ``b`` is zero.

    Examples
    --------
    >>> from mmlbook.linalg import scalar_projection
    >>> scalar_projection([3, 4], [1, 0])
    3.0
    >>> scalar_projection([3, 4], [0, -2])
    -4.0
    """
    u, v = _vector(x, "x"), _vector(b, "b")
    if u.shape != v.shape:
        raise ValueError(f"x and b must have the same length, got {u.size} and {v.size}")
    largest = float(np.abs(v).max())
    if largest == 0:
        raise ValueError("b must not be the zero vector: it has no direction")
    # Only b's direction matters: scale it to entries of size at most 1 before taking
    # its length, so that no square overflows or underflows.
    direction = v / largest
    direction /= np.linalg.norm(direction)
    scale = float(np.abs(u).max()) or 1.0
    return scale * float((u / scale) @ direction)


def coordinates_in_basis(x: Any, basis: Any, tol: float = 1e-10) -> np.ndarray:
    """The coordinates of ``x`` in an orthogonal basis, each found by one projection.

    When the basis vectors :math:`\\mathbf{b}_1, \\dots, \\mathbf{b}_n` are orthogonal,
    the coordinate of :math:`\\mathbf{x}` along :math:`\\mathbf{b}_i` is its vector
    projection's multiple of :math:`\\mathbf{b}_i`,

    .. math:: c_i = \\frac{\\mathbf{x} \\cdot \\mathbf{b}_i}{\\lVert \\mathbf{b}_i \\rVert^2},
              \\qquad \\mathbf{x} = c_1 \\mathbf{b}_1 + \\dots + c_n \\mathbf{b}_n,

    and no system of equations needs solving. For a basis that is not orthogonal these
    numbers are not the coordinates, so such a basis is refused.

    Derived in :doc:`/book/linear_algebra/vectors`.

    Parameters
    ----------
    x : array_like of shape (n,)
        The vector, in standard coordinates.
    basis : array_like of shape (n, n)
        The basis vectors, as columns: non-zero and pairwise orthogonal.
    tol : float, default 1e-10
        Columns count as orthogonal when the cosine of the angle between them is at
        most ``tol`` in size.

    Returns
    -------
    numpy.ndarray of shape (n,)
        The coordinates :math:`c_i`.

    Raises
    ------
    TypeError
        If an argument is not numeric.
    ValueError
        If the shapes do not fit, a basis vector is zero, or two basis vectors are not
        orthogonal.

    Examples
    --------
    >>> from mmlbook.linalg import coordinates_in_basis
    >>> coordinates_in_basis([3, 4], [[2, -2], [1, 4]])
    array([2. , 0.5])
    """
    v = _vector(x, "x")
    B = as_float_array(basis, "basis", ndim=2)
    threshold = check_real(tol, "tol", low=0.0)
    if B.shape != (v.size, v.size):
        raise ValueError(
            f"x has {v.size} entries, so basis must hold {v.size} vectors of length "
            f"{v.size} as columns, got shape {B.shape}"
        )
    largest = np.abs(B).max(axis=0)
    if np.any(largest == 0):
        raise ValueError(f"basis column {int(np.argmin(largest))} is the zero vector")
    # Lengths of the columns scaled to entries of size at most 1 cannot overflow.
    lengths = largest * np.linalg.norm(B / largest, axis=0)
    unit = (B / largest) / np.linalg.norm(B / largest, axis=0)
    cosines = unit.T @ unit
    np.fill_diagonal(cosines, 0.0)
    if np.abs(cosines).max() > threshold:
        i, j = np.unravel_index(int(np.argmax(np.abs(cosines))), cosines.shape)
        raise ValueError(
            f"basis columns {i} and {j} are not orthogonal (the cosine of their angle is "
            f"{cosines[i, j]:.3g}, above tol = {threshold:g}); for such a basis solve "
            "basis @ c = x instead"
        )
    # c_i = x . b_i / |b_i|^2 = (x . u_i) / |b_i| with the unit vectors u_i.
    scale = float(np.abs(v).max()) or 1.0
    return scale * (((unit.T @ (v / scale)) / largest) / (lengths / largest))
