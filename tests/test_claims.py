"""The book's claim checks: every statement about a computed result is asserted beside it.

A claim check is an ``assert`` in a code cell tagged ``remove-cell`` whose message starts
with ``The text claims: "`` and quotes the sentence (see CONTRIBUTING.md). These tests
hold every chapter to that form, and show that a claim made false fails the build with the
sentence quoted.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from book_pages import BIN, REPO, toc_pages

CLAIM_PREFIX = 'The text claims: "'
NOTEBOOKS = [page for page in toc_pages() if page.is_notebook]
_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _removed_cells(text: str) -> Iterator[str]:
    """The sources of the code cells tagged ``remove-cell`` in a MyST notebook."""
    for match in _CELL.finditer(text):
        body = match.group(1)
        if body.startswith("---\n"):
            header, _, source = body[4:].partition("\n---\n")
        else:
            lines = body.splitlines(keepends=True)
            options = [line for line in lines if line.startswith(":")]
            header, source = "".join(options), "".join(lines[len(options):])
        if re.search(r"tags:.*\bremove-cell\b", header):
            yield source


def _message_start(message: ast.expr | None) -> str | None:
    if isinstance(message, ast.Constant) and isinstance(message.value, str):
        return message.value
    if isinstance(message, ast.JoinedStr) and message.values:
        first = message.values[0]
        if isinstance(first, ast.Constant):
            return first.value
    return None


def claim_checks(text: str) -> list[ast.Assert]:
    """Every ``assert`` statement in the removed cells of a chapter."""
    found = []
    for source in _removed_cells(text):
        # IPython magics are not Python; claim cells have none, but skip them safely.
        python = "\n".join(line for line in source.splitlines() if not line.startswith("%"))
        found += [node for node in ast.walk(ast.parse(python)) if isinstance(node, ast.Assert)]
    return found


@pytest.mark.parametrize("page", NOTEBOOKS, ids=lambda p: p.docname)
def test_every_claim_check_quotes_its_sentence(page) -> None:
    for check in claim_checks(page.text):
        start = _message_start(check.msg)
        assert start is not None and start.startswith(CLAIM_PREFIX), (
            f"{page.docname}: the assert on line {check.lineno} of its removed cell must "
            f"carry a message starting with {CLAIM_PREFIX!r} that quotes the claim; "
            f"got {ast.unparse(check.msg) if check.msg else 'no message'}"
        )


def test_the_claim_parser_finds_both_kinds_of_cell_header() -> None:
    text = (
        "```{code-cell} ipython3\n:tags: [remove-cell]\n"
        "assert x, 'The text claims: \"a\"'\n```\n\n"
        "```{code-cell} ipython3\n---\ntags: [remove-cell]\n---\nassert y\n```\n\n"
        "```{code-cell} ipython3\nassert z, 'shown, not a claim check'\n```\n"
    )
    checks = claim_checks(text)
    assert [ast.unparse(check.test) for check in checks] == ["x", "y"]
    assert _message_start(checks[0].msg) == 'The text claims: "a"'
    assert checks[1].msg is None


@pytest.mark.build
def test_a_false_claim_fails_the_build_and_quotes_the_sentence(tmp_path: Path) -> None:
    """Copy a chapter, make one of its checked claims false, build: the build fails.

    ``book/first_look.md`` claims that a quarter-turn rotation has determinant 1. Doubling
    one entry of that matrix keeps every cell running but makes the claim false.
    """
    for name in ("_config.yml", "book/references.bib"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, tmp_path / name)
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("mmlbook", "book/_ext", "book/_assets"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=ignore)
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: page\n")
    chapter = (REPO / "book" / "first_look.md").read_text()
    rotation = "rotation = np.array([[0.0, -1.0],"
    assert chapter.count(rotation) == 1, "first_look no longer defines the rotation edited here"
    doubled = chapter.replace(rotation, "rotation = np.array([[0.0, -2.0],")
    (tmp_path / "page.md").write_text(doubled)
    # The kernel must import the copied package, not the installed one.
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(tmp_path)],
        capture_output=True, text=True, timeout=300, env=env,
    )
    # The traceback comes coloured by IPython: strip the terminal colour codes.
    log = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    assert result.returncode != 0, "the build passed although a checked claim is false"
    assert 'AssertionError: The text claims: "its determinant is 1"' in log, log[-3000:]
