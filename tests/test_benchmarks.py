"""The benchmarks compare like with like: both sides of every case agree, untimed.

``make bench`` times the cases; here each case's two sides run once and its check
(for the least-squares cases: the same optimum to 1e-6) must pass.
"""

import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_calculus  # noqa: E402

_LEAST_SQUARES = [
    case for case in bench_calculus.cases() if case.baseline.startswith("scipy least")
]


def test_the_least_squares_benchmarks_cover_the_heights_and_10000_points():
    names = [case.name for case in _LEAST_SQUARES]
    assert any("heights" in name and name.startswith("least_squares") for name in names)
    assert any("10,000" in name for name in names)


@pytest.mark.parametrize("case", _LEAST_SQUARES, ids=lambda case: case.name)
def test_least_squares_reaches_scipys_optimum(case):
    assert case.goal == 1.0, "least squares must be no slower than scipy's lm"
    note = case.check(case.ours(), case.theirs())
    assert note.startswith("max |Δθ|")


def test_fit_line_is_numpys_polyfit():
    (case,) = [case for case in bench_calculus.cases() if case.name.startswith("fit_line")]
    case.check(case.ours(), case.theirs())
