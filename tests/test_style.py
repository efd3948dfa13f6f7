"""The code follows the project's lint rules (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess

from book_pages import BIN, REPO


def test_ruff_finds_nothing() -> None:
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "."],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
