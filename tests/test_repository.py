"""The repository's own documents: the licence the README names, and links that resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from book_pages import REPO

DOCUMENTS = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_the_licence_the_readme_names_is_there() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "MIT" in readme
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in licence


def _local_links(document: Path) -> list[str]:
    links = LINK.findall(document.read_text(encoding="utf-8"))
    return [link for link in links if not re.match(r"[a-z]+:", link) and not link.startswith("#")]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_local_link_resolves(document: Path) -> None:
    missing = [
        link
        for link in _local_links(document)
        if not (document.parent / link.split("#")[0]).exists()
    ]
    assert missing == []


def test_contributing_links_the_chapter_guide_inside_the_repository() -> None:
    links = _local_links(REPO / "CONTRIBUTING.md")
    assert "docs/CHAPTER_GUIDE.md" in links


def test_a_broken_link_is_reported(tmp_path: Path) -> None:
    document = tmp_path / "broken.md"
    document.write_text("See [the guide](CHAPTER_GUIDE.md) and [the web](https://example.org).\n")
    assert _local_links(document) == ["CHAPTER_GUIDE.md"]
    assert not (tmp_path / "CHAPTER_GUIDE.md").exists()
