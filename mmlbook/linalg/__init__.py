"""Linear Algebra: elimination, Gram--Schmidt, reflections and PageRank.

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
from mmlbook.linalg.gram_schmidt import (
    dimensions,
    gram_schmidt,
    gram_schmidt_modified,
    gram_schmidt_textbook,
)
from mmlbook.linalg.pagerank import link_matrix, pagerank, pagerank_iterates
from mmlbook.linalg.reflection import reflection_matrix, transform_in_basis

__all__ = [
    "determinant",
    "dimensions",
    "elimination_steps",
    "gram_schmidt",
    "gram_schmidt_modified",
    "gram_schmidt_textbook",
    "inverse",
    "is_singular",
    "link_matrix",
    "pagerank",
    "pagerank_iterates",
    "reflection_matrix",
    "row_echelon",
    "solve",
    "transform_in_basis",
]
