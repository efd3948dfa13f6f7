"""The package's unit tests, run again on the oldest versions mmlbook supports.

In the reader's browser the book runs on Pyodide 0.27.7, whose numpy, scipy, matplotlib and
scikit-learn are older than the build's pins. ``requirements-min.txt`` pins those versions;
``pyproject.toml`` declares them as the minimums. The test below builds ``.venv-min`` from that
file (rebuilt only when the file changes: a stamp holds its hash), installs ``mmlbook`` from
this tree into it, and runs the unit tests there, so that an API newer than the browser's
slips in only by failing a test.

The unit tests are the doctests of ``mmlbook`` and the ``tests/test_*.py`` files that test the
package (``UNIT_TESTS``); the tests of the repository, its style, its workflow, the chapters'
sources, the built site, Binder, the PDF and the benchmarks need the build's tools and stay on
``.venv``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from book_pages import REPO, requirement_pins

REQUIREMENTS_MIN = REPO / "requirements-min.txt"
MIN_VENV = REPO / ".venv-min"
STAMP = MIN_VENV / ".requirements-min.sha256"
#: The package's unit tests, by file-name prefix (and the doctests of the package itself).
UNIT_PREFIXES = (
    "test_calculus_",
    "test_linalg_",
    "test_pca_",
    "test_plotting",
    "test_checks",
    "test_common",
    "test_read_idx",
    "test_validation",
    "test_widgets",
)
#: The libraries whose oldest supported version requirements-min.txt pins.
RUNTIME = ("numpy", "scipy", "matplotlib", "scikit-learn")


def _minimums() -> dict[str, str]:
    """``name: version`` of every ``name>=version`` of pyproject.toml's dependencies."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        declared.extend(extra)
    minimums = {}
    for requirement in declared:
        match = re.fullmatch(r"([A-Za-z0-9._-]+)>=(\S+)", requirement)
        assert match, f"pyproject.toml: {requirement!r} is not of the form name>=version"
        minimums[canonicalize_name(match[1])] = match[2]
    return minimums


def unit_test_files() -> list[Path]:
    """The test files that test the package, sorted."""
    files = sorted(
        path for path in (REPO / "tests").glob("test_*.py") if path.name.startswith(UNIT_PREFIXES)
    )
    assert files, "no unit test files found"
    return files


def test_the_declared_minimums_are_the_pins_of_requirements_min() -> None:
    pins = requirement_pins(REQUIREMENTS_MIN)
    minimums = _minimums()
    assert set(RUNTIME) <= set(minimums)
    differing = {
        name: (low, pins.get(name)) for name, low in minimums.items() if pins.get(name) != low
    }
    assert differing == {}, f"pyproject.toml and requirements-min.txt differ: {differing}"


def test_the_unit_tests_are_every_test_of_the_package() -> None:
    # A new test file of the package must match a prefix, or it would run only on .venv.
    names = {path.name for path in unit_test_files()}
    assert "test_calculus_derivatives.py" in names and "test_linalg_pagerank.py" in names
    assert "test_minversions.py" not in names and "test_build.py" not in names


def _stamp() -> str:
    text = REQUIREMENTS_MIN.read_bytes() + sys.version.encode()
    return hashlib.sha256(text).hexdigest()


def _min_venv() -> Path:
    """``.venv-min``'s python, the venv built from requirements-min.txt unless its stamp fits."""
    python = MIN_VENV / "bin" / "python"
    if STAMP.is_file() and STAMP.read_text().strip() == _stamp() and python.exists():
        return python
    shutil.rmtree(MIN_VENV, ignore_errors=True)
    steps = [
        [sys.executable, "-m", "venv", str(MIN_VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS_MIN)],
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(REPO)],
    ]
    for step in steps:
        result = subprocess.run(step, cwd=REPO, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            shutil.rmtree(MIN_VENV, ignore_errors=True)
            pytest.fail(f"{' '.join(step)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    STAMP.write_text(_stamp() + "\n")
    return python


@pytest.mark.minversions
def test_the_unit_tests_pass_on_the_minimum_versions() -> None:
    python = _min_venv()
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    environment.pop("VIRTUAL_ENV", None)
    probe = subprocess.run(
        [str(python), "-c",
         "import importlib.metadata as m, mmlbook\n"
         f"for name in {RUNTIME!r}: print(name, m.version(name))\n"
         "print('mmlbook', mmlbook.__file__)"],
        cwd=REPO, capture_output=True, text=True, env=environment, timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    *versions, where = probe.stdout.splitlines()
    pins = requirement_pins(REQUIREMENTS_MIN)
    assert dict(line.split() for line in versions) == {name: pins[name] for name in RUNTIME}
    assert Path(where.split(maxsplit=1)[1]).resolve().is_relative_to(REPO / "mmlbook")

    result = subprocess.run(
        [str(python), "-m", "pytest", "mmlbook", *map(str, unit_test_files()),
         "-q", "-rfE", "-p", "no:cacheprovider", "-m", "not build and not browser and not binder"],
        cwd=REPO, capture_output=True, text=True, env=environment, timeout=1800,
    )
    failing = re.findall(r"^(?:FAILED|ERROR) (\S+)", result.stdout, flags=re.MULTILINE)
    assert result.returncode == 0, (
        f"on the versions of requirements-min.txt these tests fail: {failing}\n"
        f"{result.stdout[-6000:]}{result.stderr[-2000:]}"
    )
