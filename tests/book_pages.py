"""What the tests know about the book: its pages (from _toc.yml), its config, its browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
HTML = REPO / "_build" / "html"
# Debian's chromium here and in CI; elsewhere (GitHub's runners ship Google Chrome) the
# browser is named by MMLBOOK_BROWSER.
CHROMIUM = Path(os.environ.get("MMLBOOK_BROWSER", "/usr/bin/chromium"))
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
    reason = f"no browser at {CHROMIUM} (apt-get install chromium, or set MMLBOOK_BROWSER)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run should have installed it")
    pytest.skip(reason)




def repository_files() -> list[str]:
    """The repository's files as they are now: tracked, or new and not ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    return [name for name in listed if name and (REPO / name).is_file()]


def copy_repository(target: Path, keep=lambda name: True) -> None:
    """Copy the repository's files (those ``keep`` accepts) into ``target``."""
    for name in filter(keep, repository_files()):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target / name)


def toy_book(root: Path, pages: dict[str, str]) -> None:
    """A book in ``root``: the repository with its machinery and configuration but none of
    its chapters, and ``pages`` (``{name: MyST body}``, notebooks; the first is the root)."""
    copy_repository(root, keep=lambda name: not (name.startswith("book/") and name.endswith(".md")))
    first, *others = pages
    toc = f"format: jb-book\nroot: {first}\n"
    if others:
        toc += "chapters:\n" + "".join(f"  - file: {name}\n" for name in others)
    (root / "_toc.yml").write_text(toc)
    front_matter = (REPO / "book" / "first_look.md").read_text().split("\n---\n")[0]
    for name, body in pages.items():
        (root / f"{name}.md").write_text(f"{front_matter}\n---\n\n{body}")


def build_toy_book(root: Path, *extra: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """``jupyter-book build`` of a toy book as the tests build the real one."""
    # The kernel must import the copied package, not the installed one.
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(root), "-W", "-n", "--keep-going", *extra],
        capture_output=True, text=True, timeout=timeout, env=env,
    )


def requirement_pins(path: Path) -> dict[str, str]:
    """``name: version`` of every ``name==version`` line of a requirements file."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9._-]+)==(\S+)", line)
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins
