"""Check your own solution of an assignment against the course's cases and ``mmlbook``.

Each course has a module of checkers, one per assignment function, named after the
function the course asks you to write: ``mmlbook.checks.linalg``,
``mmlbook.checks.calculus`` and ``mmlbook.checks.pca``. A checker calls your
function on the course's own test cases and then on randomly generated ones, compares each
answer with ``mmlbook``'s, and returns a :class:`CheckReport` that says, in plain words,
which cases failed: the input, what was expected and what your function gave.

>>> import numpy as np
>>> from mmlbook.checks import Case, compare_arrays, run_cases
>>> cases = [Case("the 2 x 2 identity", {"A": np.eye(2)}, np.eye(2))]
>>> print(run_cases(lambda a: a.T, cases, compare_arrays(), name="transpose"))
transpose passed all 1 cases.
"""

from mmlbook.checks._core import (
    Case,
    CheckReport,
    Failure,
    compare_arrays,
    compare_scalars,
    run_cases,
)

__all__ = [
    "Case",
    "CheckReport",
    "Failure",
    "compare_arrays",
    "compare_scalars",
    "run_cases",
]
