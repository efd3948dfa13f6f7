"""The data every chapter uses, all available offline.

Nothing here downloads: data is generated in code, shipped with the package, or read
from scikit-learn's bundled data sets. Readers who have other data (for instance the
real MNIST files) point the readers here at their own folder.
"""

from mmlbook.datasets._calculus import *  # noqa: F403
from mmlbook.datasets._calculus import __all__ as _calculus_all
from mmlbook.datasets._linalg import *  # noqa: F403
from mmlbook.datasets._linalg import __all__ as _linalg_all
from mmlbook.datasets._pca import *  # noqa: F403
from mmlbook.datasets._pca import __all__ as _pca_all

__all__ = [*_linalg_all, *_calculus_all, *_pca_all]
