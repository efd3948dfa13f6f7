"""Linear Algebra: vectors, elimination, Gram--Schmidt, reflections, eigenvalues, PageRank.

Each function names the chapter of the book that derives it.
"""

from mmlbook.linalg.echelon import (
    determinant,
    elimination_steps,
    inverse,
    is_singular,
    row_echelon,
    solve,
)
from mmlbook.linalg.eigen import eigenvalues_2x2, power_method
from mmlbook.linalg.gram_schmidt import (
    dimensions,
    gram_schmidt,
    gram_schmidt_modified,
    gram_schmidt_textbook,
)
from mmlbook.linalg.pagerank import link_matrix, pagerank, pagerank_iterates
from mmlbook.linalg.reflection import is_reflection, reflection_matrix, transform_in_basis
from mmlbook.linalg.vectors import coordinates_in_basis, scalar_projection

__all__ = [
    "coordinates_in_basis",
    "determinant",
    "dimensions",
    "eigenvalues_2x2",
    "elimination_steps",
    "gram_schmidt",
    "gram_schmidt_modified",
    "gram_schmidt_textbook",
    "inverse",
    "is_reflection",
    "is_singular",
    "link_matrix",
    "pagerank",
    "pagerank_iterates",
    "power_method",
    "reflection_matrix",
    "row_echelon",
    "scalar_projection",
    "solve",
    "transform_in_basis",
]
