"""mmlbook: the algorithms of *Mathematics for Machine Learning*, written to be read.

The package is the single source of truth for the book: every chapter imports its
algorithms from here and shows their source. It is grouped by course:

- :mod:`mmlbook.linalg` -- Linear Algebra (elimination, Gram-Schmidt, reflections, PageRank);
- :mod:`mmlbook.calculus` -- Multivariate Calculus (sandpits, descent, backpropagation, fitting);
- :mod:`mmlbook.pca` -- PCA (statistics of data, inner products, projections, PCA);
- :mod:`mmlbook.datasets` -- the data the chapters use, all offline;
- :mod:`mmlbook.plotting` -- plot helpers, so figures of one kind look alike;
- :mod:`mmlbook.checks` -- checkers that run a learner's own solution on the course's cases;
- :mod:`mmlbook.widgets` -- the *Try it* widgets of the chapters.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
