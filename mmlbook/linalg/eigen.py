"""Eigenvalues: the characteristic polynomial of a 2 × 2 matrix, and the power method."""

from __future__ import annotations

from typing import Any

import numpy as np

from mmlbook._validation import as_generator, as_square_matrix, check_positive_int, check_real

__all__ = ["eigenvalues_2x2", "power_method"]


def eigenvalues_2x2(A: Any) -> np.ndarray:
    """The eigenvalues of a 2 × 2 matrix, as the roots of its characteristic polynomial.

    For :math:`A = \\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}`,
    :math:`\\det(A - \\lambda I) = \\lambda^2 - (a + d)\\lambda + (ad - bc)`, whose roots are

    .. math:: \\lambda = \\frac{\\tau \\pm \\sqrt{\\tau^2 - 4\\delta}}{2},
              \\qquad \\tau = a + d, \\quad \\delta = ad - bc .

    When :math:`\\tau^2 < 4\\delta` the roots are a complex-conjugate pair, and the map
    has no real eigenvector.

    Derived in :doc:`/book/linear_algebra/eigenvalues`.

    Parameters
    ----------
    A : array_like of shape (2, 2)
        A finite real matrix.

    Returns
    -------
    numpy.ndarray of shape (2,)
        The two eigenvalues, the one with the larger real part (then imaginary part)
        first; real (float) when both are real, complex otherwise.

    Raises
    ------
    TypeError
        If ``A`` is not numeric.
    ValueError
        If ``A`` is not a finite 2 × 2 matrix.

    Examples
    --------
    >>> from mmlbook.linalg import eigenvalues_2x2
    >>> eigenvalues_2x2([[2, 1], [0.5, 1.5]])
    array([2.5, 1. ])
    >>> eigenvalues_2x2([[0, -1], [1, 0]])      # rotation by 90 degrees
    array([0.+1.j, 0.-1.j])
    """
    matrix = as_square_matrix(A, "A")
    if matrix.shape != (2, 2):
        raise ValueError(f"A must be a 2 × 2 matrix, got shape {matrix.shape}")
    # Eigenvalues scale with the matrix: work with entries of size at most 1, so that
    # no square overflows or underflows, and scale the roots back.
    scale = float(np.abs(matrix).max()) or 1.0
    M = matrix / scale
    trace = M[0, 0] + M[1, 1]
    # The discriminant written as (a - d)^2 + 4bc equals tau^2 - 4 delta, but does not
    # cancel catastrophically when the eigenvalues are close.
    discriminant = (M[0, 0] - M[1, 1]) ** 2 + 4.0 * M[0, 1] * M[1, 0]
    if discriminant >= 0:
        root = np.sqrt(discriminant)
        return scale * np.array([(trace + root) / 2.0, (trace - root) / 2.0]) + 0.0
    root = 1j * np.sqrt(-discriminant)
    return scale * np.array([(trace + root) / 2.0, (trace - root) / 2.0])


def power_method(
    A: Any,
    tol: float = 1e-12,
    max_iter: int = 10_000,
    seed: int | np.random.Generator = 0,
) -> tuple[float, np.ndarray]:
    """The eigenvalue of largest size and its eigenvector, by repeated multiplication.

    Start from a random unit vector and multiply by ``A`` again and again, normalising
    each time. Writing the start in eigenvectors, each step multiplies the part along
    eigenvector ``i`` by its eigenvalue, so the part along the eigenvector whose
    eigenvalue is largest in size outgrows the others by the factor
    :math:`|\\lambda_1 / \\lambda_2|` per step. This needs that eigenvalue to be real
    and strictly larger in size than every other (and the start to have a part along
    its eigenvector, which a random start has with probability 1).

    Derived in :doc:`/book/linear_algebra/eigenvalues`.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A finite real square matrix.
    tol : float, default 1e-12
        Stop when :math:`\\lVert A\\mathbf{v} - \\lambda\\mathbf{v} \\rVert` is at most
        ``tol`` times the largest entry of ``A`` in size.
    max_iter : int, default 10_000
        The most steps to take.
    seed : int or numpy.random.Generator, default 0
        The seed of the random start.

    Returns
    -------
    eigenvalue : float
        :math:`\\lambda_1`.
    eigenvector : numpy.ndarray of shape (n,)
        A unit eigenvector, its entry of largest size positive.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``A`` is not a finite square matrix, or a number is out of range.
    RuntimeError
        If the iteration has not converged after ``max_iter`` steps: no single real
        eigenvalue is largest in size (a rotation, or :math:`\\lambda` and
        :math:`-\\lambda`), or the two largest are too close.

    Examples
    --------
    >>> from mmlbook.linalg import power_method
    >>> value, vector = power_method([[2, 1], [1, 2]])
    >>> round(value, 10), vector.round(6)
    (3.0, array([0.707107, 0.707107]))
    """
    matrix = as_square_matrix(A, "A")
    tolerance = check_real(tol, "tol", low=0.0, low_inclusive=False)
    steps = check_positive_int(max_iter, "max_iter")
    rng = as_generator(seed)
    scale = float(np.abs(matrix).max())
    if scale == 0.0:
        return 0.0, np.eye(matrix.shape[0])[0]
    # The eigenvectors of A / scale are those of A: iterate with entries of size at
    # most 1, so that no product overflows, and scale the eigenvalue back.
    M = matrix / scale
    v = rng.standard_normal(M.shape[0])
    v /= np.linalg.norm(v)
    for _ in range(steps):
        w = M @ v
        value = float(v @ w)      # the Rayleigh quotient of the unit vector v
        if np.linalg.norm(w - value * v) <= tolerance:
            return scale * value, _signed(v)
        length = np.linalg.norm(w)
        if length == 0.0:
            # v lies in the null space: 0 is an eigenvalue, but not the largest.
            v = rng.standard_normal(M.shape[0])
            v /= np.linalg.norm(v)
            continue
        v = w / length
    raise RuntimeError(
        f"power_method did not converge in max_iter={steps} steps: A may have no single "
        "real eigenvalue of largest size (a rotation, or both λ and −λ), or two close ones"
    )


def _signed(v: np.ndarray) -> np.ndarray:
    """``v`` or ``-v``, whichever has its entry of largest size positive."""
    return v * np.sign(v[np.argmax(np.abs(v))]) + 0.0
