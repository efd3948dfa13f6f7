"""What the tests know about the book: its pages (from _toc.yml), its config, its browser."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HTML = REPO / "_build" / "html"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass(frozen=True)
class Page:
    """One entry of ``_toc.yml``: its source file and where the built page lands."""

    docname: str  # e.g. "book/first_look"
    source: Path

    @property
    def html(self) -> str:
        return f"{self.docname}.html"

    @property
    def text(self) -> str:
        return self.source.read_text(encoding="utf-8")

    @property
    def is_notebook(self) -> bool:
        return self.text.startswith("---") and "kernelspec:" in self.text.split("---", 2)[1]

    @property
    def has_math(self) -> bool:
        text = self.text
        return "$" in text or "{math}" in text

    @property
    def title(self) -> str:
        for line in self.text.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        raise ValueError(f"{self.source} has no title")


def _toc_docnames(entries: list[dict]) -> Iterator[str]:
    for entry in entries:
        if "file" in entry:
            yield entry["file"]
        for key in ("chapters", "sections", "parts"):
            yield from _toc_docnames(entry.get(key, []))


@dataclass(frozen=True)
class TocPart:
    """One toctree of ``_toc.yml``: its caption (if any), whether it is numbered, its pages."""

    caption: str | None
    numbered: bool
    docnames: list[str]


def toc_parts() -> list[TocPart]:
    """The parts of ``_toc.yml`` in reading order, each with its top-level chapters."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    return [
        TocPart(
            part.get("caption"),
            bool(part.get("numbered", False)),
            [chapter["file"] for chapter in part["chapters"]],
        )
        for part in toc.get("parts", [])
    ]


def toc_pages() -> list[Page]:
    """Every page listed in ``_toc.yml``, in reading order."""
    toc = yaml.safe_load((REPO / "_toc.yml").read_text())
    names = [toc["root"], *_toc_docnames(toc.get("parts", []) + toc.get("chapters", []))]
    return [Page(name, REPO / f"{name}.md") for name in names]


def book_config() -> dict:
    return yaml.safe_load((REPO / "_config.yml").read_text())


def require_chromium() -> None:
    """Skip without Debian's chromium -- except under CI, where its absence is a failure."""
    if CHROMIUM.exists():
        return
    reason = "Debian's chromium is not installed (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run should have installed it")
    pytest.skip(reason)


